package gitdates

import (
	"path/filepath"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/gitbuild"
)

// TestCacheFromAnotherVersionIsRefused: a cache another format version
// wrote is not trusted (the history is then read again).
func TestCacheFromAnotherVersionIsRefused(t *testing.T) {
	r, _ := build(t, []step{{name: "one", date: "2026-03-05", change: func(gitbuild.Tree) gitbuild.Tree { return gitbuild.Tree{"a.md": "a1"} }}})
	res, err := Walk(r.R, "", Options{})
	require.NoError(t, err)
	gitDir := filepath.Join(r.Dir, ".git")
	require.NoError(t, saveCache(gitDir, "\x00", res))
	require.NotNil(t, loadCache(gitDir, "\x00"))
	// Rewrite the cache as another format version would.
	c := cachedHistory{Version: cacheVersion + 1, Key: "\x00", Head: res.Head, Files: map[string]cachedFile{}}
	require.NoError(t, writeCacheFile(gitDir, c))
	assert.Nil(t, loadCache(gitDir, "\x00"))
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
