package main

import (
	"io"
	"os"
	"strconv"

	"github.com/qlint/qlint/report"
)

// reportWidth is the width the text report is wrapped to: COLUMNS when
// set, else the terminal's width when the report goes to a terminal, else
// a fixed width (files, pipes, CI logs read the same everywhere).
func reportWidth(w io.Writer, toFile bool) int {
	if m, ok := w.(interface{ Width() int }); ok && !toFile {
		return m.Width() // a message writer, already set to the terminal
	}
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n >= 20 && !toFile {
		return n
	}
	if f, ok := w.(*os.File); ok && !toFile && isTerminal(f) {
		if n := terminalWidth(f); n >= 20 {
			return n
		}
	}
	return report.DefaultWidth
}
