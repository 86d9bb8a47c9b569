// Package gcpace paces the garbage collector for qlint's runs, most of which
// are short: a warm run allocates 0.4 MB (66 files) to 12 MB (git/git's
// 4,800 files) and ends, and collecting from the start (at 4 MB) cost
// git/git's warm run a third of its processor time, for memory handed back
// at exit anyway. Reading a whole history is the other way round: it
// allocates far more than it keeps (each commit's trees, each delta base),
// and leaving the collector off let a cold run on go-git's history grow to
// 37 MB, where git log takes 22 MB.
package gcpace

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"sync"
)

// startHeap is what a run may allocate before its first collection.
const startHeap = 32 << 20

// resumePercent is the collector's setting once it runs (GOGC): a walk
// holds its caches and the paths it dates, and collects when garbage
// reaches half of that. On go-git's history the peak went from 22.7 MB
// (GOGC=100) to 21.0 MB, git log's being 22.7 MB; on git/git's from 92 to
// 79 MB; the time was the same on git/git and prometheus, and go-git's
// run still took less than git log's.
const resumePercent = 50

var (
	mu       sync.Mutex
	deferred bool
	// generation counts the calls to Defer: a finalizer left by an
	// earlier one does not turn the collector on for a later one.
	generation int
)

// Defer leaves the collector off until the process holds startHeap bytes
// or Resume is called, whichever comes first; then the collector runs at
// resumePercent, with no limit. GOGC or GOMEMLIMIT in the
// environment are the user's choice and left alone.
func Defer() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	mu.Lock()
	defer mu.Unlock()
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(startHeap)
	deferred = true
	generation++
	gen := generation
	sentinel := new([16]byte)
	// The first collection has run: the collector stays on.
	runtime.SetFinalizer(sentinel, func(*[16]byte) {
		mu.Lock()
		defer mu.Unlock()
		if gen == generation {
			resume()
		}
	})
}

// Resume turns the collector on now, if Defer left it off:
// called where a run starts allocating much more than it keeps (reading a
// whole history), so that its memory stays near what it holds.
func Resume() {
	mu.Lock()
	defer mu.Unlock()
	resume()
}

func resume() {
	if !deferred {
		return
	}
	deferred = false
	debug.SetGCPercent(resumePercent)
	debug.SetMemoryLimit(math.MaxInt64)
}
