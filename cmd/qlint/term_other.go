//go:build !windows

package main

import "os"

// terminal: a character device, as a terminal is (a file, a pipe or a CI
// log is not).
func terminal(f *os.File) bool {
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
