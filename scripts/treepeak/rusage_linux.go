package main

import (
	"os/exec"
	"syscall"
)

// rusageMaxRSS is the largest resident size of the command or of one of
// the children it waited for, in bytes.
func rusageMaxRSS(cmd *exec.Cmd) int64 {
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		return ru.Maxrss * 1024
	}
	return 0
}
