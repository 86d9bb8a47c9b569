//go:build unix

package serve

import (
	"syscall"
	"time"
)

// cpuTime is the processor time the process used so far (user and
// system): on a shared machine it tells the work done, where wall time
// also tells the waiting.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
