package gitdates

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/gitbuild"
)

func TestHistoryCache(t *testing.T) {
	for _, reader := range readers(t) {
		t.Run(reader, func(t *testing.T) {
			root, r, head := checkedOut(t)
			cacheFile := filepath.Join(root, ".git", "qlint", "history.cache")

			cold := opened(t, root, OpenOptions{Reader: reader})
			assert.Greater(t, cold.Commits, 0)
			require.FileExists(t, cacheFile, "the cache lives in .git")
			assert.Equal(t, "2026-03-05 git", dateOf(t, cold, root, "a.md"))

			// Nothing changed: nothing is read.
			warm := opened(t, root, OpenOptions{Reader: reader})
			assert.Equal(t, 0, warm.Commits)
			assert.Equal(t, "2026-03-05 git", dateOf(t, warm, root, "a.md"))

			// One new commit: only it is read.
			tree, err := r.Snapshot()
			require.NoError(t, err)
			c3, err := r.Commit(tree.With("b2.md", "new"), "three", gitbuild.MustDay("2026-06-01"), head)
			require.NoError(t, err)
			require.NoError(t, r.SetHead(c3))
			require.NoError(t, r.Checkout())
			inc := opened(t, root, OpenOptions{Reader: reader})
			assert.LessOrEqual(t, inc.Commits, 2, "the new commit (and its parent, the cached head)")
			assert.Equal(t, "2026-06-01 git", dateOf(t, inc, root, "b2.md"))
			assert.Equal(t, "2026-03-05 git", dateOf(t, inc, root, "a.md"))
			assert.Equal(t, "2025-01-10 git", dateOf(t, inc, root, "classé/b.md"))

			// History rewritten (an amend of that commit): the cache is not
			// trusted for the dropped commit.
			amended, err := r.Commit(tree.With("b2.md", "amended"), "three, amended", gitbuild.MustDay("2026-07-01"), head)
			require.NoError(t, err)
			require.NoError(t, r.SetHead(amended))
			require.NoError(t, r.Checkout())
			re := opened(t, root, OpenOptions{Reader: reader})
			assert.Equal(t, "2026-07-01 git", dateOf(t, re, root, "b2.md"))
			assert.Equal(t, "2026-03-05 git", dateOf(t, re, root, "a.md"))

			// A damaged cache is rebuilt.
			data, err := os.ReadFile(cacheFile)
			require.NoError(t, err)
			data[len(data)-5] ^= 0xff
			require.NoError(t, os.WriteFile(cacheFile, data, 0o644))
			rebuilt := opened(t, root, OpenOptions{Reader: reader})
			assert.Greater(t, rebuilt.Commits, 1, "a damaged cache is not trusted")
			assert.Equal(t, "2026-07-01 git", dateOf(t, rebuilt, root, "b2.md"))

			// A cache for another list of ignored commits is not used.
			require.NoError(t, os.WriteFile(filepath.Join(root, "revs"), []byte(amended.String()+"\n"), 0o644))
			ign := opened(t, root, OpenOptions{Reader: reader, IgnoreRevsFile: "revs"})
			assert.Greater(t, ign.Commits, 1)
			assert.Equal(t, "2026-07-01 git", dateOf(t, ign, root, "b2.md"), "a file the ignored commit created has no older date")

			// --no-cache neither reads nor writes it.
			require.NoError(t, os.RemoveAll(filepath.Join(root, ".git", "qlint")))
			none := opened(t, root, OpenOptions{Reader: reader, NoCache: true})
			assert.Greater(t, none.Commits, 0)
			assert.NoFileExists(t, cacheFile)
		})
	}
}

// TestCacheFromAnotherVersionIsRebuilt: a cache another format version
// wrote is not trusted: the history is read again.
func TestCacheFromAnotherVersionIsRebuilt(t *testing.T) {
	root, _, _ := checkedOut(t)
	opened(t, root, OpenOptions{Reader: ReaderBuiltin})
	gitDir := filepath.Join(root, ".git")
	// Rewrite the cache as another format version would.
	res := loadCache(gitDir, "\x00")
	require.NotNil(t, res)
	c := cachedHistory{Version: cacheVersion + 1, Key: "\x00", Head: res.Head, Files: map[string]cachedFile{}}
	require.NoError(t, writeCacheFile(gitDir, c))
	assert.Nil(t, loadCache(gitDir, "\x00"))
	r := opened(t, root, OpenOptions{Reader: ReaderBuiltin})
	assert.Greater(t, r.Commits, 0)
	assert.Equal(t, "2026-03-05 git", dateOf(t, r, root, "a.md"))
}

// TestCacheCodec: what the cache writes reads back the same; cut short
// anywhere, or read for another key, it is refused, never a crash.
func TestCacheCodec(t *testing.T) {
	h := func(b byte) plumbing.Hash { return plumbing.Hash{b, 1, 2} }
	c := cachedHistory{Version: cacheVersion, Key: "preuves\x00abc,def", Head: h(9), Files: map[string]cachedFile{
		"a.md":                   {Blob: h(1), When: 1700000000, Offset: 3600, Commit: h(5)},
		"ab/émargement.pdf":      {Blob: h(2), When: -86400, Offset: -36000, Commit: h(5)},
		"ab/émargement (2).pdf":  {Blob: h(3), When: 1800000000, Offset: 46800, Commit: h(6)},
		"z/very/deep/" + "x.pdf": {Blob: h(4), When: 0, Offset: 0, Commit: h(7)},
	}}
	payload := encodeCache(c)
	res, err := decodeCache(payload, c.Key)
	require.NoError(t, err)
	assert.Equal(t, c.Head, res.Head)
	require.Len(t, res.Files, len(c.Files))
	for p, want := range c.Files {
		got := res.Files[p]
		_, off := got.Stamp.When.Zone()
		assert.Equal(t, want, cachedFile{Blob: got.Blob, When: got.Stamp.When.Unix(), Offset: off, Commit: got.Stamp.Commit}, p)
	}
	_, err = decodeCache(payload, "another key")
	assert.Error(t, err)
	for n := range len(payload) {
		_, err := decodeCache(payload[:n], c.Key)
		assert.Error(t, err, "cut at %d", n)
	}
	_, err = decodeCache(append(payload, 0), c.Key)
	assert.Error(t, err, "trailing bytes")
}
