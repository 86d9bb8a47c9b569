package gitdates

import (
	"os/exec"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/gitbuild"
)

// TestAutoPicksTheFasterReader: --git auto reads with the built-in reader
// where BENCHMARKS.md found it faster (real repositories of a few thousand
// files, merge-heavy or not: go-git, prometheus, etcd, git/git, cobra; the
// generated 10,000-file one), and with git's log where git is faster (50,000
// files), or where the built-in reader lacks what makes it fast (pack
// files).
func TestAutoPicksTheFasterReader(t *testing.T) {
	tests := []struct {
		why   string
		index int64
		packs bool
		want  bool
	}{
		{"git/git: 4,800 files, index 461 kB: built-in 3.2 s and 125 MB, git's log 9.1 s and 446 MB", 461_408, true, true},
		{"prometheus: 1,700 files, index 182 kB: built-in 0.59 s and 90 MB, git's log 1.28 s and 227 MB", 182_488, true, true},
		{"cobra: 66 files, index 6 kB: built-in 0.028 s, git's log 0.047 s", 5_955, true, true},
		{"generated 20,000 files, index 2.8 MB: built-in 4.97 s and 186 MB, git's log 5.79 s and 307 MB", 2_785_581, true, true},
		{"generated 50,000 files, index 6.9 MB: git's log 48.8 s (1.05× git log), built-in 56.3 s (1.21×)", 6_867_774, true, false},
		{"loose objects only: the built-in reader goes through go-git, far slower", 182_488, false, false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, chooseBuiltin(tt.index, tt.packs), tt.why)
	}
}

// TestAutoReadsTheRepositoryShape: the shape is read from the repository
// itself (its index and its pack files), without reading history.
func TestAutoReadsTheRepositoryShape(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	r, err := gitbuild.Init(t.TempDir())
	require.NoError(t, err)
	head, err := r.Commit(gitbuild.Tree{"a.md": "a1", "b.md": "b1"}, "one", gitbuild.MustDay("2025-01-10"))
	require.NoError(t, err)
	require.NoError(t, r.SetHead(head))
	require.NoError(t, r.Checkout())
	assert.False(t, preferBuiltin(wrap(r.R)), "loose objects")
	out, err := exec.Command("git", "-C", r.Dir, "repack", "-adq").CombinedOutput()
	require.NoError(t, err, "%s", out)
	packed, err := gitbuild.Open(r.Dir)
	require.NoError(t, err)
	assert.True(t, preferBuiltin(wrap(packed.R)), "packed, a small index")
}
