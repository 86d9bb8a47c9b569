package main

import (
	"os"

	"golang.org/x/sys/windows"
)

// terminal: a Windows console that interprets escape sequences. NUL is a
// character device but no console; a pipe or a file has no console mode.
// Windows 10 and later consoles (cmd, PowerShell, Windows Terminal) do
// escape sequences once asked to; an older console would print them as
// they are, so it gets plain text.
func terminal(f *os.File) bool {
	h := windows.Handle(f.Fd())
	var mode uint32
	if err := windows.GetConsoleMode(h, &mode); err != nil {
		return false
	}
	if mode&windows.ENABLE_VIRTUAL_TERMINAL_PROCESSING != 0 {
		return true
	}
	return windows.SetConsoleMode(h, mode|windows.ENABLE_VIRTUAL_TERMINAL_PROCESSING) == nil
}
