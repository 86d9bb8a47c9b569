package main

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/i18n"
)

// lockedBuffer is a bytes.Buffer written by one goroutine, read by another.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestSlowHistoryReadOffATerminal: off a terminal (a CI log), a history read
// that takes long (a tree:0 partial clone read by git, or a long history)
// gets plain lines on stderr, whole lines with the commits read so far, in
// both languages; a quick one gets none. Only a partial clone is told that
// it is one.
func TestSlowHistoryReadOffATerminal(t *testing.T) {
	t.Setenv("COLUMNS", "") // 80 columns: not a terminal
	after, every := slowReadAfter, slowReadEvery
	t.Cleanup(func() { slowReadAfter, slowReadEvery = after, every })

	slowReadAfter = time.Hour
	var quiet lockedBuffer
	_, stop := slowReadNotice(&quiet, i18n.FR, func() bool { return true })
	stop()
	assert.Empty(t, quiet.String(), "a quick read says nothing")

	slowReadAfter, slowReadEvery = time.Millisecond, time.Millisecond
	for _, tt := range []struct {
		lang        i18n.Lang
		partial     bool
		first, next string
	}{
		{i18n.FR, true, "qlint: la lecture de l'historique git prend du temps", "qlint: lecture de l'historique git toujours en cours"},
		{i18n.EN, true, "qlint: reading the git history is taking a while", "qlint: still reading the git history"},
		{i18n.FR, false, "qlint: la lecture de l'historique git prend du temps", "qlint: lecture de l'historique git toujours en cours"},
		{i18n.EN, false, "qlint: reading the git history is taking a while", "qlint: still reading the git history"},
	} {
		var w lockedBuffer
		progress, stop := slowReadNotice(&w, tt.lang, func() bool { return tt.partial })
		progress(500)
		deadline := time.Now().Add(10 * time.Second)
		// Each message is wrapped to 80 columns (its continuation lines
		// indented): read them whole.
		whole := func() []string {
			s := strings.ReplaceAll(w.String(), "\n  ", " ")
			return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
		}
		for len(whole()) < 2 && time.Now().Before(deadline) {
			time.Sleep(time.Millisecond) // waiting for the condition, bounded
		}
		stop()
		out := w.String()
		lines := whole()
		require.GreaterOrEqual(t, len(lines), 2, out)
		assert.True(t, strings.HasPrefix(lines[0], tt.first), lines[0])
		if tt.partial {
			assert.Contains(t, lines[0], "--filter")
		} else {
			assert.NotContains(t, lines[0], "--filter", "a repository that is not a partial clone is not told about them")
		}
		assert.Contains(t, lines[0], "500 commits")
		assert.True(t, strings.HasPrefix(lines[1], tt.next), lines[1])
		assert.NotContains(t, out, "\r", "whole lines in a log")
		for _, l := range strings.Split(out, "\n") {
			assert.LessOrEqual(t, len([]rune(l)), 80, out)
		}
	}
}
