package main

import (
	"os"
	"path/filepath"
	"time"
)

// Bounds on qlint watch's --debounce and --poll: below minPoll a scan of
// the folder would run all the time (1ns burnt more than half a core while
// nothing changed); above the maximums the report would never seem to come.
const (
	maxDebounce = time.Hour
	minPoll     = 100 * time.Millisecond
	maxPoll     = 24 * time.Hour
)

// checkWatchTimes refuses a negative, tiny or huge --debounce or --poll.
func checkWatchTimes(debounce, poll time.Duration) error {
	if debounce < 0 || debounce > maxDebounce {
		return usageError("--debounce "+debounce.String()+" : le délai doit être entre 0 et 1h",
			"--debounce "+debounce.String()+": the delay must be between 0 and 1h",
			"par exemple --debounce 300ms (la valeur par défaut) ou --debounce 2s",
			"for example --debounce 300ms (the default) or --debounce 2s")
	}
	if poll != 0 && (poll < minPoll || poll > maxPoll) {
		return usageError("--poll "+poll.String()+" : l'intervalle doit être entre 100ms et 24h",
			"--poll "+poll.String()+": the interval must be between 100ms and 24h",
			"par exemple --poll 5s sur un lecteur réseau ; sans --poll, qlint écoute le système",
			"for example --poll 5s on a network drive; without --poll, qlint listens to the system")
	}
	return nil
}

// rulesFiles are the files whose changes reload the rules: qlint.toml, and
// when it is a link, the file it leads to (editing that file changes the
// rules, while the link itself does not change).
func rulesFiles(cfgPath string) []string {
	out := []string{cfgPath}
	if info, err := os.Lstat(cfgPath); err == nil && info.Mode()&os.ModeSymlink != 0 {
		if target, err := filepath.EvalSymlinks(cfgPath); err == nil {
			out = append(out, target)
		}
	}
	return out
}
