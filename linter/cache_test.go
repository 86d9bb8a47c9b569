package linter

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/gitbuild"
)

func readers(t *testing.T) []string {
	if _, err := exec.LookPath("git"); err != nil {
		return []string{GitBuiltin}
	}
	return []string{GitBuiltin, GitCLI, GitAuto}
}

func history(t *testing.T, root string, opts HistoryOptions) *History {
	t.Helper()
	tree, err := WalkTree(os.DirFS(root), nil)
	require.NoError(t, err)
	h, err := ReadHistory(root, tree, opts)
	require.NoError(t, err)
	return h
}

func dateOf(t *testing.T, h *History, root, p string) string {
	t.Helper()
	info, err := os.Stat(filepath.Join(root, p))
	require.NoError(t, err)
	d, src := h.Date(File{Path: p, ModTime: info.ModTime(), Size: info.Size()})
	return d.String() + " " + src
}

func TestHistoryCache(t *testing.T) {
	for _, reader := range readers(t) {
		t.Run(reader, func(t *testing.T) {
			root, r, head := repo(t, "")
			cacheFile := filepath.Join(root, ".git", "qlint", "history.cache")

			cold := history(t, root, HistoryOptions{Git: reader})
			assert.Greater(t, cold.Commits(), 0)
			require.FileExists(t, cacheFile, "the cache lives in .git")
			assert.Equal(t, "2026-03-05 git", dateOf(t, cold, root, "a.md"))

			// Nothing changed: nothing is read.
			warm := history(t, root, HistoryOptions{Git: reader})
			assert.Equal(t, 0, warm.Commits())
			assert.Equal(t, "2026-03-05 git", dateOf(t, warm, root, "a.md"))

			// One new commit: only it is read.
			tree, err := r.Snapshot()
			require.NoError(t, err)
			c3, err := r.Commit(tree.With("b2.md", "new"), "three", gitbuild.MustDay("2026-06-01"), head)
			require.NoError(t, err)
			require.NoError(t, r.SetHead(c3))
			require.NoError(t, r.Checkout())
			inc := history(t, root, HistoryOptions{Git: reader})
			assert.LessOrEqual(t, inc.Commits(), 2, "the new commit (and its parent, the cached head)")
			assert.Equal(t, "2026-06-01 git", dateOf(t, inc, root, "b2.md"))
			assert.Equal(t, "2026-03-05 git", dateOf(t, inc, root, "a.md"))
			assert.Equal(t, "2025-01-10 git", dateOf(t, inc, root, "classé/b.md"))

			// History rewritten (an amend of that commit): the cache is not
			// trusted for the dropped commit.
			amended, err := r.Commit(tree.With("b2.md", "amended"), "three, amended", gitbuild.MustDay("2026-07-01"), head)
			require.NoError(t, err)
			require.NoError(t, r.SetHead(amended))
			require.NoError(t, r.Checkout())
			re := history(t, root, HistoryOptions{Git: reader})
			assert.Equal(t, "2026-07-01 git", dateOf(t, re, root, "b2.md"))
			assert.Equal(t, "2026-03-05 git", dateOf(t, re, root, "a.md"))

			// A damaged cache is rebuilt.
			data, err := os.ReadFile(cacheFile)
			require.NoError(t, err)
			data[len(data)-5] ^= 0xff
			require.NoError(t, os.WriteFile(cacheFile, data, 0o644))
			rebuilt := history(t, root, HistoryOptions{Git: reader})
			assert.Greater(t, rebuilt.Commits(), 1, "a damaged cache is not trusted")
			assert.Equal(t, "2026-07-01 git", dateOf(t, rebuilt, root, "b2.md"))

			// A cache for another list of ignored commits is not used.
			require.NoError(t, os.WriteFile(filepath.Join(root, "revs"), []byte(amended.String()+"\n"), 0o644))
			ign := history(t, root, HistoryOptions{Git: reader, IgnoreRevsFile: "revs"})
			assert.Greater(t, ign.Commits(), 1)
			assert.Equal(t, "2026-07-01 git", dateOf(t, ign, root, "b2.md"), "a file the ignored commit created has no older date")

			// --no-cache neither reads nor writes it.
			require.NoError(t, os.RemoveAll(filepath.Join(root, ".git", "qlint")))
			none := history(t, root, HistoryOptions{Git: reader, NoCache: true})
			assert.Greater(t, none.Commits(), 0)
			assert.NoFileExists(t, cacheFile)
		})
	}
}
