package main

import "path/filepath"

// shownPath is a path as qlint prints it: with / between folders on every
// system, so that a report, an error or a hint reads the same on Windows
// (where filepath gives \) as on Linux and macOS. Windows opens a path
// written with / as well, so the shown path also serves to open the file.
// Elsewhere it is the path unchanged (\ is an ordinary character in a
// Unix file name).
func shownPath(p string) string { return filepath.ToSlash(p) }
