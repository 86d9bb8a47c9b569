package main

import (
	"os"
	"path/filepath"
)

// leaveRoot moves watch's working directory out of the evidence folder
// root (absolute) when it is inside: a process whose working directory is
// a folder keeps that folder alive once deleted, and the system then never
// says it went, so watch kept watching the deleted folder and never saw
// the one made again at its place (qlint watch run from the folder, the
// default "."). Every path watch uses is absolute by then.
func leaveRoot(root string) {
	wd, err := os.Getwd()
	if err != nil {
		return
	}
	if r, err := filepath.EvalSymlinks(root); err == nil {
		root = r
	}
	if w, err := filepath.EvalSymlinks(wd); err == nil {
		wd = w
	}
	if within(root, wd) {
		_ = os.Chdir(filepath.Dir(root))
	}
}
