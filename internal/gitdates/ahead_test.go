package gitdates

import (
	"runtime"
	"testing"

	"github.com/go-git/go-git/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/gengit"
)

// TestReadAheadChangesNothing: the built-in reader's walk gives the same
// dates, and reads the same commits, whether commits are read ahead on
// another core or not, on a history with merges, renames and moves; and
// with a lead smaller than the history, so that the reader waits for the
// walk.
func TestReadAheadChangesNothing(t *testing.T) {
	needGit(t)
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("reading ahead needs two cores")
	}
	dir := t.TempDir()
	_, err := gengit.Generate(dir, gengit.Params{Files: 300, Commits: 600, Years: 2, Renames: 0.05, Moves: 3, Merges: 30, Seed: 11})
	require.NoError(t, err)
	repo, err := git.PlainOpen(dir)
	require.NoError(t, err)
	walk := func(ahead bool) *Result {
		defer func(was bool) { readAhead = was }(readAhead)
		readAhead = ahead
		res, err := Walk(repo, "", Options{})
		require.NoError(t, err)
		return res
	}
	alone := walk(false)
	for range 5 {
		ahead := walk(true)
		assert.Equal(t, alone.Commits, ahead.Commits, "commits read")
		assert.Equal(t, alone.Files, ahead.Files)
	}
	// Under a folder, and with the other head of --new-from-rev.
	head, err := repo.Head()
	require.NoError(t, err)
	c, err := repo.CommitObject(head.Hash())
	require.NoError(t, err)
	older := c.ParentHashes[0]
	for _, ahead := range []bool{false, true} {
		readAhead = ahead
		res, err := Walk(repo, "", Options{Also: older})
		readAhead = true
		require.NoError(t, err)
		assert.Equal(t, alone.Files, res.Files, "read ahead %v", ahead)
		assert.NotEmpty(t, res.AlsoFiles)
	}
}

// TestReadAheadStopsWithTheWalk: commits read ahead past the walk's end
// are bounded, and the reader is stopped when the walk returns, also on
// an error.
func TestReadAheadStopsWithTheWalk(t *testing.T) {
	needGit(t)
	dir := t.TempDir()
	_, err := gengit.Generate(dir, gengit.Params{Files: 200, Commits: 400, Years: 1, Seed: 4})
	require.NoError(t, err)
	repo, err := git.PlainOpen(dir)
	require.NoError(t, err)
	or, closeReaders := objectReaders(repo)
	defer closeReaders()
	head, err := repo.Head()
	require.NoError(t, err)
	a := startAhead(or, nil, head.Hash())
	if a == nil {
		t.Skip("reading ahead needs two cores and the pack reader")
	}
	a.mu.Lock()
	for a.lead == 0 {
		a.changed.Wait()
	}
	a.mu.Unlock()
	info, ok := a.take(head.Hash())
	require.True(t, ok, "HEAD read ahead")
	// The walk takes nothing more: the reader stops aheadLead commits on.
	a.mu.Lock()
	for a.lead < aheadLead-1 {
		a.changed.Wait()
	}
	a.mu.Unlock()
	a.stop()
	assert.LessOrEqual(t, len(a.state), aheadLead+1)
	assert.NotEmpty(t, info.parents)
}
