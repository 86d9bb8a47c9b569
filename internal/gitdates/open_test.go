package gitdates

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/gitbuild"
)

// readers are the history readers to try: the built-in one, and git's log
// and the automatic choice where git is installed.
func readers(t *testing.T) []string {
	if _, err := exec.LookPath("git"); err != nil {
		return []string{ReaderBuiltin}
	}
	return []string{ReaderBuiltin, ReaderCLI, ReaderAuto}
}

// checkedOut makes a checked-out repository with two commits (a.md changed
// on 2026-03-05, b.md moved to classé/ then) and returns its folder.
func checkedOut(t *testing.T) (root string, r *gitbuild.Repo, head plumbing.Hash) {
	t.Helper()
	r, err := gitbuild.Init(t.TempDir())
	require.NoError(t, err)
	t1 := gitbuild.Tree{"a.md": "a1", "b.md": "b1"}
	c1, err := r.Commit(t1, "one", gitbuild.MustDay("2025-01-10"))
	require.NoError(t, err)
	c2, err := r.Commit(t1.With("a.md", "a2").Move("b.md", "classé/b.md"), "two", gitbuild.MustDay("2026-03-05"), c1)
	require.NoError(t, err)
	require.NoError(t, r.SetHead(c2))
	require.NoError(t, r.Checkout())
	return r.Dir, r, c2
}

// opened opens the repository that holds root.
func opened(t *testing.T, root string, opts OpenOptions) *Repo {
	t.Helper()
	r, err := Open(root, opts)
	require.NoError(t, err)
	require.NotNil(t, r, "a repository holds %s", root)
	return r
}

// dateOf compares the working copy of p with HEAD and says its date and
// where it comes from, in the words of the JSON report: git, moved or
// uncommitted.
func dateOf(t *testing.T, r *Repo, root, p string) string {
	t.Helper()
	info, err := os.Stat(filepath.Join(root, filepath.FromSlash(p)))
	require.NoError(t, err)
	r.Compare([]WorkFile{{Path: p, Size: info.Size(), ModTime: info.ModTime()}})
	s := r.State(p)
	switch {
	case s.Moved:
		return s.File.Stamp.When.Format("2006-01-02") + " moved"
	case s.Committed:
		return s.File.Stamp.When.Format("2006-01-02") + " git"
	}
	return info.ModTime().Format("2006-01-02") + " uncommitted"
}
