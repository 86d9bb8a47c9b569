package gitdates

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/gitbuild"
	"github.com/qlint/qlint/internal/parallel"
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

// Telling the clean files on every core (a long list) changes no state:
// clean, edited, moved and new files alike.
func TestCleanFilesToldAheadChangeNothing(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	defer func(n int) { parallel.From = n }(parallel.From)
	root, _, _ := checkedOut(t)
	require.NoError(t, os.WriteFile(filepath.Join(root, "a.md"), []byte("a3"), 0o644))         // edited
	require.NoError(t, os.Rename(filepath.Join(root, "classé"), filepath.Join(root, "rangé"))) // moved
	require.NoError(t, os.WriteFile(filepath.Join(root, "nouveau.md"), []byte("n"), 0o644))    // new
	require.NoError(t, os.WriteFile(filepath.Join(root, "copie.md"), []byte("a2"), 0o644))     // a.md's content at HEAD
	var files []WorkFile
	for _, p := range []string{"a.md", "rangé/b.md", "nouveau.md", "copie.md"} {
		info, err := os.Stat(filepath.Join(root, filepath.FromSlash(p)))
		require.NoError(t, err)
		files = append(files, WorkFile{Path: p, Size: info.Size(), ModTime: info.ModTime()})
	}
	for i := range 40 { // clean files too
		p := filepath.Join(root, "propre", "f"+string(rune('a'+i%26))+string(rune('a'+i/26))+".md")
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte{byte(i)}, 0o644))
	}
	for _, cmd := range [][]string{{"add", "propre"}, {"-c", "user.name=q", "-c", "user.email=q@example.org", "commit", "-q", "-m", "propre"}} {
		out, err := exec.Command("git", append([]string{"-C", root}, cmd...)...).CombinedOutput()
		require.NoError(t, err, "%s", out)
	}
	entries, err := os.ReadDir(filepath.Join(root, "propre"))
	require.NoError(t, err)
	for _, e := range entries {
		info, err := e.Info()
		require.NoError(t, err)
		files = append(files, WorkFile{Path: "propre/" + e.Name(), Size: info.Size(), ModTime: info.ModTime()})
	}
	var states []map[string]State
	for _, ahead := range []int{1 << 30, 1} {
		parallel.From = ahead
		r := opened(t, root, OpenOptions{NoCache: true, Reader: ReaderBuiltin})
		r.Compare(files)
		got := map[string]State{}
		for _, f := range files {
			got[f.Path] = r.State(f.Path)
		}
		states = append(states, got)
	}
	require.Equal(t, states[0], states[1])
	assert.True(t, states[0]["propre/faa.md"].Committed)
	assert.False(t, states[0]["a.md"].Committed, "edited")
	assert.True(t, states[0]["rangé/b.md"].Moved)
	assert.True(t, states[0]["copie.md"].Moved)
	assert.False(t, states[0]["nouveau.md"].Tracked)
}
