//go:build !unix

package main

import "os"

// terminalWidth is unknown outside Unix: COLUMNS or the fixed width is used.
func terminalWidth(*os.File) int { return 0 }
