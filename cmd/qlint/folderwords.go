package main

import (
	"path/filepath"

	"github.com/qlint/qlint/internal/i18n"
)

// placeWords names folder dir in a sentence: its path, or, for the current
// folder, « ce dossier » with its name, never a bare « . » that reads as
// the sentence's full stop.
func placeWords(dir string) i18n.Text {
	if filepath.Clean(dir) != "." {
		return i18n.T(shownPath(dir), shownPath(dir))
	}
	abs, err := filepath.Abs(dir)
	if err != nil || filepath.Base(abs) == string(filepath.Separator) {
		return i18n.T("ce dossier", "this folder")
	}
	name := filepath.Base(abs)
	return i18n.T("ce dossier ("+name+")", "this folder ("+name+")")
}
