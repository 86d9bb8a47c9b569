package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/gitbuild"
	"github.com/qlint/qlint/internal/serve"
	"github.com/qlint/qlint/linter"
	"github.com/qlint/qlint/rules"
	"github.com/qlint/qlint/watcher"
)

// fakeClock is a clock that moves only when watchDays waits on it.
type fakeClock struct {
	t     time.Time
	waits []time.Duration
	jump  time.Duration // added to one wait, as a computer asleep
}

func (c *fakeClock) now() time.Time { return c.t }
func (c *fakeClock) after(d time.Duration) <-chan time.Time {
	c.waits = append(c.waits, d)
	c.t = c.t.Add(d + c.jump)
	c.jump = 0
	ch := make(chan time.Time, 1)
	ch <- c.t
	return ch
}

// TestWatchDays: the day changing fires once, with the new day, within a
// second of midnight; a computer asleep over midnight fires on waking; no
// wait is longer than a minute.
func TestWatchDays(t *testing.T) {
	c := &fakeClock{t: time.Date(2026, 12, 1, 23, 58, 30, 0, time.Local)}
	ctx, cancel := context.WithCancel(context.Background())
	var fired []string
	var at []time.Time
	watchDays(ctx, c.now, c.after, func(d rules.Day) {
		fired = append(fired, d.String())
		at = append(at, c.t)
		if len(fired) == 1 {
			c.jump = 30 * time.Hour // asleep until the day after next
		}
		if len(fired) == 2 {
			cancel()
		}
	})
	assert.Equal(t, []string{"2026-12-02", "2026-12-03"}, fired)
	assert.Equal(t, time.Date(2026, 12, 2, 0, 0, 1, 0, time.Local), at[0], "a second after midnight")
	for _, w := range c.waits {
		assert.LessOrEqual(t, w, dayCheckEvery)
	}
}

// TestWatchJudgesTheNewDay: a watch left open judges again when the day
// changes, says it is a new day (not a rules reload, not "0 files"), and
// the live page's change strip says the same.
func TestWatchJudgesTheNewDay(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "Dossier qualité")
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "veille"), 0o755))
	r, err := gitbuild.Init(dir)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "qlint.toml"), []byte(watchRules), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "veille", "note de veille.md"), []byte("v1"), 0o644))
	_, err = r.CommitWorktree("veille de novembre", gitbuild.MustDay("2026-11-01"))
	require.NoError(t, err)

	day := time.Date(2026, 11, 20, 23, 59, 0, 0, time.Local)
	old := now
	t.Cleanup(func() { now = old })
	now = func() time.Time { return day }

	var c common
	c.format = "text"
	cfg, cfgPath, _, err := loadRules(dir, c)
	require.NoError(t, err)
	var stdout, stderr strings.Builder
	w := &watchSession{c: c, root: dir, cfgPath: cfgPath, cfg: cfg, stdout: &stdout, stderr: &stderr,
		history: &linter.HistoryCache{}, skip: linter.Skipper(cfg.Ignore)}
	var changes []serve.Change
	var reps []*linter.Report
	w.report = func(rep *linter.Report, ch *watcher.Change, problem string) {
		var sc serve.Change
		if ch != nil {
			sc = serve.Change{Paths: ch.Paths, Rules: w.rulesChanged(ch)}
			if !w.day.IsZero() {
				sc.NewDay = w.day.String()
			}
		}
		changes, reps = append(changes, sc), append(reps, rep)
	}
	w.newDay(rules.DayOf(day)) // before the first check: nothing
	assert.Empty(t, reps)
	w.run(nil)
	require.Len(t, reps, 1)
	assert.Equal(t, "2026-11-20", reps[0].AsOf)
	assert.Equal(t, linter.StatusDueSoon, status(reps[0], 23))

	day = time.Date(2026, 12, 5, 0, 0, 1, 0, time.Local) // a long night: the note is now older than a month
	w.newDay(rules.DayOf(day))
	require.Len(t, reps, 2)
	assert.Equal(t, "2026-12-05", reps[1].AsOf)
	assert.Equal(t, linter.StatusStale, status(reps[1], 23))
	assert.Equal(t, "2026-12-05", changes[1].NewDay)
	assert.False(t, changes[1].Rules, "the new day is not a rules reload")
	out := stdout.String()
	assert.Contains(t, out, "[00:00:01] nouveau jour, état au 05/12/2026\u00a0: 1 nouveau constat, 1 résolu")
	assert.Contains(t, out, "indicateurs 23 À RENOUVELER → PÉRIMÉ")
	assert.NotContains(t, out, "règles de qlint.toml rechargées")
	assert.True(t, w.day.IsZero(), "the next check is a change's again")
}

func status(rep *linter.Report, id int) linter.Status {
	for _, ind := range rep.Indicators {
		if ind.ID == id {
			return ind.Status
		}
	}
	return ""
}

// TestChangeLineCountsTheRulesFile: a change to qlint.toml counts as a
// changed file, and says the rules were reloaded.
func TestChangeLineCountsTheRulesFile(t *testing.T) {
	root := filepath.Join(t.TempDir(), "preuves")
	at := time.Date(2026, 11, 22, 14, 5, 9, 0, time.Local)
	rep := &linter.Report{}
	inside := &watcher.Change{Extra: []string{filepath.Join(root, "qlint.toml")}}
	assert.Equal(t, 1, changedFiles(root, inside))
	both := &watcher.Change{Paths: []string{"qlint.toml"}, Extra: []string{filepath.Join(root, "qlint.toml")}}
	assert.Equal(t, 1, changedFiles(root, both), "counted once")
	outside := &watcher.Change{Paths: []string{"a.pdf"}, Extra: []string{filepath.Join(filepath.Dir(root), "règles.toml")}}
	assert.Equal(t, 2, changedFiles(root, outside))
	line := changeLine(rep, rep, inside, at, changeWhy{files: 1, names: changedNames(root, inside), rules: true})
	assert.Equal(t, "[14:05:09] 1 fichier changé (qlint.toml) : 0 nouveau constat, 0 résolu, règles de qlint.toml rechargées.", line.FR)
	assert.Equal(t, "[14:05:09] 1 file changed (qlint.toml): 0 new findings, 0 resolved, qlint.toml rules reloaded.", line.EN)
	assert.Equal(t, []string{"a.pdf", filepath.ToSlash(filepath.Join(filepath.Dir(root), "règles.toml"))}, changedNames(root, outside))
}
