package main

import (
	"context"
	"path/filepath"
	"strings"
	"time"

	"github.com/qlint/qlint/rules"
	"github.com/qlint/qlint/watcher"
)

// dayCheckEvery caps how long watch sleeps before it looks at the clock
// again: a computer asleep over midnight wakes with a timer that did not
// run meanwhile, and the clock may be set while watch runs.
const dayCheckEvery = time.Minute

// watchDays calls fire with the new day each time the day of clock
// changes, until ctx ends: freshness is counted from today, so a watch
// left open past midnight judges again without waiting for a file to
// change. after is time.After, replaced in tests.
func watchDays(ctx context.Context, clock func() time.Time, after func(time.Duration) <-chan time.Time, fire func(rules.Day)) {
	day := rules.DayOf(clock())
	for {
		t := clock()
		y, m, d := t.Date()
		wait := time.Date(y, m, d+1, 0, 0, 0, 0, t.Location()).Sub(t) + time.Second
		if wait > dayCheckEvery {
			wait = dayCheckEvery
		}
		select {
		case <-ctx.Done():
			return
		case <-after(wait):
		}
		if today := rules.DayOf(clock()); !today.Equal(day) {
			day = today
			fire(today)
		}
	}
}

// newDay checks again because the day changed: the report and the live
// page say so, rather than blaming a file or the rules.
func (w *watchSession) newDay(day rules.Day) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.prev == nil && w.problem == "" {
		return // the first check has not been made yet: it will be on the new day
	}
	w.day = day
	defer func() { w.day = rules.Day{} }()
	w.runLocked(&watcher.Change{})
}

// changeWhy is what a check was made for, beyond the files: the rules
// reloaded, a new day (zero when not).
type changeWhy struct {
	files int      // the files changed, the rules file among them
	names []string // their names (see namedFiles)
	rules bool
	day   rules.Day
}

// changedFiles counts the files a change touched: its paths, and the
// rules file when it is not among them (it is watched apart, and may lie
// outside the folder).
func changedFiles(root string, ch *watcher.Change) int { return len(changedNames(root, ch)) }

// changedNames are the files a change touched, as changedFiles counts
// them: paths in the folder, the rules file outside it by its own path.
func changedNames(root string, ch *watcher.Change) []string {
	names := append([]string(nil), ch.Paths...)
	seen := map[string]bool{}
	for _, p := range ch.Paths {
		seen[p] = true
	}
	for _, x := range ch.Extra {
		rel, err := filepath.Rel(root, x)
		name := filepath.ToSlash(rel)
		if err != nil || strings.HasPrefix(name, "../") {
			name = filepath.ToSlash(x)
		}
		if err != nil || !seen[name] {
			seen[name] = true
			names = append(names, name)
		}
	}
	return names
}
