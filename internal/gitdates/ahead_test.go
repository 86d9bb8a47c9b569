package gitdates

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
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
		res, err := Walk(wrap(repo), "", Options{})
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
		res, err := Walk(wrap(repo), "", Options{Also: older})
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
	or, closeReaders := objectReaders(wrap(repo))
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

// TestReadAheadKeepsLittle: walking the whole chain, taking what was read
// ahead and reading the rest, leaves little in the reader's state (taken
// commits are dropped); a pack cut short meanwhile gives errors, never a
// crash.
func TestReadAheadKeepsLittle(t *testing.T) {
	needGit(t)
	dir := t.TempDir()
	_, err := gengit.Generate(dir, gengit.Params{Files: 200, Commits: 600, Years: 1, Merges: 20, Seed: 4})
	require.NoError(t, err)
	repo, err := git.PlainOpen(dir)
	require.NoError(t, err)
	head, err := repo.Head()
	require.NoError(t, err)
	var sides []plumbing.Hash // merges' other parents
	own := 0                  // commits the walk read itself
	chain := func(a *commitsAhead, or objectReader) (int, error) {
		zones := map[string]*time.Location{}
		h, n := head.Hash(), 0
		sides, own = nil, 0
		for {
			info, ok := a.take(h)
			if !ok {
				var err error
				info, err = readCommit(or, h, false, zones)
				a.read(h, info)
				if err != nil {
					return n, err
				}
				own++
			}
			n++
			if len(info.parents) == 0 {
				return n, nil
			}
			sides = append(sides, info.parents[1:]...)
			h = info.parents[0]
		}
	}
	or, closeReaders := objectReaders(wrap(repo))
	a := startAhead(or, nil, head.Hash())
	if a == nil {
		closeReaders()
		t.Skip("reading ahead needs two cores and the pack reader")
	}
	n, err := chain(a, or)
	require.NoError(t, err)
	assert.Greater(t, n, aheadLead)
	// Taken commits are dropped; what is left is at most what the walk
	// read itself ahead of the reader.
	a.mu.Lock()
	kept := len(a.state)
	a.mu.Unlock()
	assert.LessOrEqual(t, kept, own, "of %d commits, %d read by the walk", n, own)
	// A merge's other parent, off the chain, read by the walk: nothing
	// of it is kept.
	require.NotEmpty(t, sides)
	for _, h := range sides[:min(len(sides), 10)] {
		info, ok := a.take(h)
		if !ok {
			info, err = readCommit(or, h, false, map[string]*time.Location{})
			require.NoError(t, err)
			a.read(h, info)
		}
		a.mu.Lock()
		_, held := a.state[h]
		a.mu.Unlock()
		assert.False(t, held, "side commit %s", h)
	}
	a.stop()
	closeReaders()

	packs, err := filepath.Glob(filepath.Join(dir, ".git", "objects", "pack", "*.pack"))
	require.NoError(t, err)
	saved := map[string][]byte{}
	for _, p := range packs {
		saved[p], err = os.ReadFile(p)
		require.NoError(t, err)
	}
	for range 3 {
		or, closeReaders := objectReaders(wrap(repo))
		a := startAhead(or, nil, head.Hash())
		require.NotNil(t, a)
		for _, p := range packs {
			require.NoError(t, os.Truncate(p, 4096))
		}
		_, err := chain(a, or)
		a.stop()
		closeReaders()
		require.Error(t, err)
		for p, b := range saved {
			require.NoError(t, os.WriteFile(p, b, 0o444))
		}
	}
}
