// Package gitbuild writes git repositories with a chosen history: each
// commit is a full snapshot of the tree, with its own author date and
// parents. qlint's tests and `qlint demo` use it to make repositories with
// go-git alone, the same on every machine, with no git binary.
package gitbuild

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// Tree is a snapshot of files: path (with /) to content.
type Tree map[string]string

// With returns a copy of t with the files set (path, content, path, content...).
func (t Tree) With(kv ...string) Tree {
	out := t.copy()
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i]] = kv[i+1]
	}
	return out
}

// Without returns a copy of t without the paths (a folder removes all below it).
func (t Tree) Without(paths ...string) Tree {
	out := t.copy()
	for _, p := range paths {
		delete(out, p)
		for q := range out {
			if strings.HasPrefix(q, p+"/") {
				delete(out, q)
			}
		}
	}
	return out
}

// Move returns a copy of t with a file or a whole folder moved, content
// unchanged.
func (t Tree) Move(from, to string) Tree {
	out := t.copy()
	for p, c := range t {
		switch {
		case p == from:
			delete(out, p)
			out[to] = c
		case strings.HasPrefix(p, from+"/"):
			delete(out, p)
			out[to+strings.TrimPrefix(p, from)] = c
		}
	}
	return out
}

func (t Tree) copy() Tree {
	out := make(Tree, len(t))
	for k, v := range t {
		out[k] = v
	}
	return out
}

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

// Person signs the commits.
var Person = object.Signature{Name: "Responsable qualité", Email: "qualite@example.org"}

// Commit writes a commit of tree t at the author date when, with the given
// parents, and returns its hash. It moves no branch: see SetHead.
func (r *Repo) Commit(t Tree, msg string, when time.Time, parents ...plumbing.Hash) (plumbing.Hash, error) {
	root, err := r.writeTree(t, "")
	if err != nil {
		return plumbing.ZeroHash, err
	}
	sig := Person
	sig.When = when
	c := &object.Commit{Author: sig, Committer: sig, Message: msg, TreeHash: root, ParentHashes: parents}
	obj := r.R.Storer.NewEncodedObject()
	if err := c.Encode(obj); err != nil {
		return plumbing.ZeroHash, err
	}
	return r.R.Storer.SetEncodedObject(obj)
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

// writeTree writes the folder dir of t and returns its tree hash.
func (r *Repo) writeTree(t Tree, dir string) (plumbing.Hash, error) {
	files := map[string]string{}
	subdirs := map[string]bool{}
	for p, content := range t {
		if dir != "" && !strings.HasPrefix(p, dir+"/") {
			continue
		}
		rest := strings.TrimPrefix(p, dir+"/")
		if dir == "" {
			rest = p
		}
		if i := strings.IndexByte(rest, '/'); i >= 0 {
			subdirs[rest[:i]] = true
		} else {
			files[rest] = content
		}
	}
	var entries []object.TreeEntry
	for name, content := range files {
		h, err := r.writeBlob(content)
		if err != nil {
			return plumbing.ZeroHash, err
		}
		entries = append(entries, object.TreeEntry{Name: name, Mode: filemode.Regular, Hash: h})
	}
	for name := range subdirs {
		sub := name
		if dir != "" {
			sub = dir + "/" + name
		}
		h, err := r.writeTree(t, sub)
		if err != nil {
			return plumbing.ZeroHash, err
		}
		entries = append(entries, object.TreeEntry{Name: name, Mode: filemode.Dir, Hash: h})
	}
	// git orders entries by name, a folder's name as if it ended in "/".
	key := func(e object.TreeEntry) string {
		if e.Mode == filemode.Dir {
			return e.Name + "/"
		}
		return e.Name
	}
	sort.Slice(entries, func(i, j int) bool { return key(entries[i]) < key(entries[j]) })
	obj := r.R.Storer.NewEncodedObject()
	if err := (&object.Tree{Entries: entries}).Encode(obj); err != nil {
		return plumbing.ZeroHash, err
	}
	return r.put(obj)
}

func (r *Repo) writeBlob(content string) (plumbing.Hash, error) {
	obj := r.R.Storer.NewEncodedObject()
	obj.SetType(plumbing.BlobObject)
	w, err := obj.Writer()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if _, err := w.Write([]byte(content)); err != nil {
		return plumbing.ZeroHash, err
	}
	if err := w.Close(); err != nil {
		return plumbing.ZeroHash, err
	}
	return r.put(obj)
}

// put stores obj unless the repository holds it already: a snapshot
// commit repeats most of its parent's blobs and trees, and go-git writes
// (then throws away) a temporary file for each one it is given.
func (r *Repo) put(obj plumbing.EncodedObject) (plumbing.Hash, error) {
	if h := obj.Hash(); r.R.Storer.HasEncodedObject(h) == nil {
		return h, nil
	}
	return r.R.Storer.SetEncodedObject(obj)
}

// Day returns noon, Paris time, of a day: a fixed, unambiguous author date.
func Day(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 12, 0, 0, 0, paris)
}

var paris = time.FixedZone("CET", 3600)

// MustDay parses an ISO day into Day's noon.
func MustDay(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(fmt.Sprintf("gitbuild: bad day %q", s))
	}
	return Day(t.Year(), t.Month(), t.Day())
}

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
