// Package gitbuild writes git repositories with a chosen history for
// qlint's tests: each commit is a full snapshot of the tree, with its own
// author date and parents, written by gitwrite (which `qlint demo` uses
// alone); a Repo also holds the repository as go-git opens it, for tests
// that look into it or check it out.
package gitbuild

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"

	"github.com/qlint/qlint/internal/gitwrite"
)

// Tree is a snapshot of files: path (with /) to content.
type Tree = gitwrite.Tree

// Repo is a repository being written.
type Repo struct {
	R   *git.Repository
	Dir string
}

// Init creates a new repository in dir (made if missing), with HEAD on main.
func Init(dir string) (*Repo, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	r, err := git.PlainInitWithOptions(dir, &git.PlainInitOptions{
		InitOptions: git.InitOptions{DefaultBranch: plumbing.NewBranchReferenceName("main")},
	})
	if err != nil {
		return nil, err
	}
	return &Repo{R: r, Dir: dir}, nil
}

// Commit writes a commit of tree t at the author date when, with the given
// parents, and returns its hash. It moves no branch: see SetHead.
func (r *Repo) Commit(t Tree, msg string, when time.Time, parents ...plumbing.Hash) (plumbing.Hash, error) {
	return gitwrite.WriteCommit(r.R.Storer, t, msg, when, parents...)
}

// SetHead points the main branch (and so HEAD) at commit h.
func (r *Repo) SetHead(h plumbing.Hash) error {
	return r.R.Storer.SetReference(plumbing.NewHashReference(plumbing.NewBranchReferenceName("main"), h))
}

// Checkout writes HEAD's files into the working tree and the index, as a
// fresh clone has them.
func (r *Repo) Checkout() error {
	wt, err := r.R.Worktree()
	if err != nil {
		return err
	}
	head, err := r.R.Head()
	if err != nil {
		return err
	}
	return wt.Reset(&git.ResetOptions{Commit: head.Hash(), Mode: git.HardReset})
}

// Day returns noon, Paris time, of a day: a fixed, unambiguous author date.
func Day(y int, m time.Month, d int) time.Time { return gitwrite.Day(y, m, d) }

// MustDay parses an ISO day into Day's noon.
func MustDay(s string) time.Time { return gitwrite.MustDay(s) }

// Open opens the repository in dir, creating it when there is none.
func Open(dir string) (*Repo, error) {
	r, err := git.PlainOpen(dir)
	if errors.Is(err, git.ErrRepositoryNotExists) {
		return Init(dir)
	}
	if err != nil {
		return nil, err
	}
	return &Repo{R: r, Dir: dir}, nil
}

// Snapshot reads every file below the work tree (but .git) as a Tree.
func (r *Repo) Snapshot() (Tree, error) {
	return ReadTree(r.Dir)
}

// ReadTree reads every file below dir (but .git folders) as a Tree, for
// instance a fixture folder to commit.
func ReadTree(dir string) (Tree, error) {
	t := Tree{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Name() == ".git" {
			return filepath.SkipDir
		}
		if d.IsDir() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		t[filepath.ToSlash(rel)] = string(data)
		return nil
	})
	return t, err
}

// CommitWorktree commits the work tree as it stands, at author date when, on
// top of HEAD (if any), moves the branch and refreshes the index.
func (r *Repo) CommitWorktree(msg string, when time.Time) (plumbing.Hash, error) {
	t, err := r.Snapshot()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	var parents []plumbing.Hash
	if head, err := r.R.Head(); err == nil {
		parents = append(parents, head.Hash())
	}
	h, err := r.Commit(t, msg, when, parents...)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if err := r.SetHead(h); err != nil {
		return plumbing.ZeroHash, err
	}
	return h, r.Checkout()
}
