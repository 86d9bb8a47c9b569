// Command treepeak runs a command and prints its wall time and the peak
// memory of its whole process tree: the sum of the resident sizes of the
// command and of every process it started (qlint and the git it runs),
// sampled every few milliseconds, and the processor time they used (user
// and system, the children's included). GNU time's maximum resident size is the
// largest single process's, not the tree's.
//
//	treepeak CMD ARGS...   (Linux; prints "SECONDS MB CPU-SECONDS" on stderr, last; the command's own output is dropped)
package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: treepeak CMD ARGS...")
		os.Exit(2)
	}
	cmd := exec.Command(os.Args[1], os.Args[2:]...)
	cmd.Stderr = os.Stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	peak := int64(0)
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	var err error
loop:
	for {
		select {
		case err = <-done:
			break loop
		case <-tick.C:
			peak = max(peak, treeRSS(cmd.Process.Pid))
		}
	}
	elapsed := time.Since(start)
	// The last sample can miss a short peak; the largest single process's
	// own peak is a floor.
	peak = max(peak, rusageMaxRSS(cmd))
	cpu := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	fmt.Fprintf(os.Stderr, "%.3f %.0f %.3f\n", elapsed.Seconds(), float64(peak)/(1<<20), cpu.Seconds())
	if err != nil {
		os.Exit(1)
	}
}

// treeRSS sums the resident bytes of pid and its descendants.
func treeRSS(pid int) int64 {
	total := rss(pid)
	for _, c := range children(pid) {
		total += treeRSS(c)
	}
	return total
}

func rss(pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/statm", pid))
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0
	}
	pages, _ := strconv.ParseInt(f[1], 10, 64)
	return pages * int64(os.Getpagesize())
}

func children(pid int) []int {
	tasks, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/children", pid))
	var out []int
	for _, t := range tasks {
		b, err := os.ReadFile(t)
		if err != nil {
			continue
		}
		for _, f := range bytes.Fields(b) {
			if n, err := strconv.Atoi(string(f)); err == nil {
				out = append(out, n)
			}
		}
	}
	return out
}
