package linter

import (
	"errors"
	"io/fs"

	"github.com/qlint/qlint/internal/gitdates"
	"github.com/qlint/qlint/lang"
	"github.com/qlint/qlint/rules"
)

// History is where the files' last updates come from: git's history
// inside a repository, the files' modification times outside one.
type History struct {
	Kind    string // "git", or "none" outside a repository
	Head    string // the HEAD commit, "" when none
	Shallow bool

	git      *gitdates.Repo // nil outside a repository
	stagedOn rules.Day      // when set, staged files count as updated that day
	// stagedTree and stagedFS are the folder as the index holds it, with
	// HistoryOptions.StagedOn (a pre-commit hook judges what is committed).
	stagedTree *Tree
	stagedFS   fs.FS
}

// HistoryCache keeps the dates read for a HEAD between runs in one process
// (qlint watch): the same HEAD is not read again, and after new commits only
// those are read. Its zero value is ready to use; it is not safe for
// concurrent use.
type HistoryCache struct {
	mem gitdates.Memory
}

// HistoryOptions tune how history is read.
type HistoryOptions struct {
	Cache        *HistoryCache // optional
	AllowShallow bool
	// IgnoreRevsFile, relative to the root, lists commits that never count
	// as updates.
	IgnoreRevsFile string
	Progress       func(commits int)
	// StagedOn, when set, is the day staged changes count as updated: a
	// pre-commit hook judges the commit being made, dated today.
	StagedOn rules.Day
	// Ignore is the rules' ignore patterns, for the staged tree listed
	// from the index with StagedOn.
	Ignore []string
	// Git chooses the history reader: "auto" (the faster one for the
	// repository's shape, see internal/gitdates/gitauto.go; the built-in
	// one when git is not on PATH), "cli" or "builtin".
	Git string
	// NoCache skips the history cache kept in .git/qlint.
	NoCache bool
	// Rev, when set, is a revision (--new-from-rev) whose files are dated
	// too, as of that commit, in the same walk.
	Rev string
	// saveLater writes the history cache while the run judges (Run waits
	// for it through History.wait).
	saveLater bool
}

// Git readers.
const (
	GitAuto    = "auto"
	GitCLI     = "cli"
	GitBuiltin = "builtin"
)

// ReadHistory finds the repository that holds root, if any, and dates the
// files of tree: the author date of the last commit that changed a file's
// content when its working copy is the committed one; its modification time
// otherwise.
func ReadHistory(root string, tree *Tree, opts HistoryOptions) (*History, error) {
	return readHistory(root, func() (*Tree, error) { return tree, nil }, opts)
}

// readHistory is ReadHistory with the tree still being walked: history is
// read first, and the tree is needed only to compare the working copies.
// Outside a repository files are dated by their modification time; inside
// one, the working copy is compared with HEAD, or, with StagedOn (a
// pre-commit hook), the index is.
func readHistory(root string, getTree func() (*Tree, error), opts HistoryOptions) (_ *History, err error) {
	repo, err := gitdates.Open(root, opts.gitOptions())
	if err != nil {
		return nil, fromGit(err)
	}
	if repo == nil {
		return &History{Kind: "none"}, nil
	}
	defer func() {
		if err != nil {
			repo.Wait() // no cache left half written by a run that stops here
		}
	}()
	h := &History{Kind: "git", Shallow: repo.Shallow, git: repo, stagedOn: opts.StagedOn}
	if !repo.Head.IsZero() {
		h.Head = repo.FullID(repo.Head)
	}
	tree, err := getTree()
	if err != nil {
		return nil, err
	}
	if !opts.StagedOn.IsZero() {
		if h.stagedTree, h.stagedFS, err = stagedTree(repo, opts.Ignore); err != nil {
			return nil, err
		}
		repo.CompareStaged(workFiles(h.stagedTree))
		return h, nil
	}
	repo.Compare(workFiles(tree))
	return h, nil
}

// gitOptions are the options for gitdates.Open.
func (o HistoryOptions) gitOptions() gitdates.OpenOptions {
	g := gitdates.OpenOptions{
		AllowShallow:   o.AllowShallow,
		IgnoreRevsFile: o.IgnoreRevsFile,
		Progress:       o.Progress,
		Reader:         o.Git,
		NoCache:        o.NoCache,
		Rev:            o.Rev,
		SaveLater:      o.saveLater,
	}
	if o.Cache != nil {
		g.Memory = &o.Cache.mem
	}
	return g
}

// workFiles lists the tree's files for the repository to compare.
func workFiles(t *Tree) []gitdates.WorkFile {
	out := make([]gitdates.WorkFile, len(t.Files))
	for i, f := range t.Files {
		out[i] = gitdates.WorkFile{Path: f.Path, Size: f.Size, ModTime: f.ModTime}
	}
	return out
}

// Date returns the last update of f by git (or its modification time when
// it is not committed as it stands, or outside a repository).
func (h *History) Date(f File) (rules.Day, DateSource) {
	if h.git == nil {
		return rules.DayOf(f.ModTime), SourceMtime
	}
	s := h.git.State(f.Path)
	switch {
	case s.Moved:
		return rules.DayOf(s.File.Stamp.When), SourceMoved
	case !h.stagedOn.IsZero() && s.Staged:
		return h.stagedOn, SourceUncommitted
	case s.Committed:
		return rules.DayOf(s.File.Stamp.When), SourceGit
	}
	return rules.DayOf(f.ModTime), SourceUncommitted
}

// wait returns once the history cache is written (HistoryOptions.saveLater).
func (h *History) wait() {
	if h.git != nil {
		h.git.Wait()
	}
}

// Commits returns how many commits the walk read.
func (h *History) Commits() int {
	if h.git == nil {
		return 0
	}
	return h.git.Commits
}

// fromGit passes on a repository qlint cannot read as gitdates says it to
// people (its message and hint), without the wrapping underneath.
func fromGit(err error) error {
	var plain *lang.Error
	if errors.As(err, &plain) {
		return plain
	}
	return err
}
