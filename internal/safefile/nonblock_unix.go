//go:build unix

package safefile

import "syscall"

// nonBlock opens without waiting for a named pipe's writer, should a pipe
// take the place of a file between the look and the open.
const nonBlock = syscall.O_NONBLOCK
