package gcpace

import (
	"math"
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/require"
)

// setting returns the collector's percent and limit without changing them.
func setting() (int, int64) {
	p := debug.SetGCPercent(-1)
	debug.SetGCPercent(p)
	return p, debug.SetMemoryLimit(-1)
}

func TestDeferThenResume(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	p, l := setting()
	t.Cleanup(func() {
		debug.SetGCPercent(p)
		debug.SetMemoryLimit(l)
		mu.Lock()
		deferred = false
		mu.Unlock()
	})

	Defer()
	p1, l1 := setting()
	require.Equal(t, -1, p1, "off until the heap reaches startHeap")
	require.Equal(t, int64(startHeap), l1)

	Resume()
	p2, l2 := setting()
	require.Equal(t, resumePercent, p2)
	require.Equal(t, int64(math.MaxInt64), l2)

	// A second call (the first collection's finalizer, a later walk)
	// leaves the setting alone.
	debug.SetGCPercent(200)
	Resume()
	p3, _ := setting()
	require.Equal(t, 200, p3)
}

func TestUserSettingIsLeftAlone(t *testing.T) {
	p, l := setting()
	t.Cleanup(func() {
		debug.SetGCPercent(p)
		debug.SetMemoryLimit(l)
	})
	for _, env := range []string{"GOGC", "GOMEMLIMIT"} {
		t.Run(env, func(t *testing.T) {
			t.Setenv("GOGC", "")
			t.Setenv("GOMEMLIMIT", "")
			t.Setenv(env, "300")
			debug.SetGCPercent(150)
			Defer()
			Resume()
			p, _ := setting()
			require.Equal(t, 150, p, "qlint changes nothing the user set")
		})
	}
}
