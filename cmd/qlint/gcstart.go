package main

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
)

// startHeap is what a run allocates before its first garbage collection.
// A warm run allocates 0.4 MB (66 files) to 12 MB (git/git's 4,800 files)
// and ends: collecting from the start (at 4 MB) cost git/git's warm run a
// third of its processor time, for memory handed back at exit anyway.
const startHeap = 32 << 20

// deferFirstGC leaves the garbage collector off until the process holds
// startHeap bytes, then gives it back its usual setting (GOGC=100, no
// limit): a short run never collects, a long one (a cold run on a large
// history, watch, serve) collects as before once it has grown. GOGC or
// GOMEMLIMIT in the environment are the user's choice and left alone.
func deferFirstGC() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(startHeap)
	sentinel := new([16]byte)
	runtime.SetFinalizer(sentinel, func(*[16]byte) {
		// The first collection has run: back to the defaults.
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)
	})
}
