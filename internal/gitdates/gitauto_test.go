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
		{"git/git: 4,800 files, index 461 kB: built-in 3.7 to 4.9 s of processor time and 130 to 136 MB, git's log 12.0 to 13.0 s and 450 MB", 461_408, true, true},
		{"prometheus: 1,700 files, index 182 kB: built-in 1.0 to 1.1 s, git's log 1.85 to 1.9 s, and lighter", 182_488, true, true},
		{"cobra: 66 files, index 6 kB: built-in 0.05 to 0.06 s and 20 MB, git's log 0.06 to 0.08 s and 26 to 33 MB", 5_955, true, true},
		{"generated 10,000 files, index 1.4 MB: built-in 1.84 to 1.92 s and 136 MB, git's log 2.13 to 2.49 s and 156 MB", 1_383_402, true, true},
		{"generated 50,000 files, index 6.9 MB: git's log 1.14× git log, built-in 1.58×", 6_900_000, true, false},
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
	assert.False(t, preferBuiltin(r.R), "loose objects")
	out, err := exec.Command("git", "-C", r.Dir, "repack", "-adq").CombinedOutput()
	require.NoError(t, err, "%s", out)
	packed, err := gitbuild.Open(r.Dir)
	require.NoError(t, err)
	assert.True(t, preferBuiltin(packed.R), "packed, a small index")
}
