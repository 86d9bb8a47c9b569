package main

import (
	"fmt"
	"strings"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/report"
)

// maxNamed bounds the files a change line names: a folder moved with 200
// files in it is said in one line.
const maxNamed = 3

// namedFiles names the changed files after their count, in brackets:
// « (catalogue/CGV 2026.pdf, veille/note.md et 4 autres) »; names are shown
// as the report shows them (no control character reaches the terminal).
func namedFiles(names []string) i18n.Text {
	if len(names) == 0 {
		return i18n.Text{}
	}
	shown := make([]string, 0, maxNamed)
	for i, n := range names {
		if i == maxNamed {
			break
		}
		shown = append(shown, report.Visible(n))
	}
	list := strings.Join(shown, ", ")
	if more := len(names) - len(shown); more > 0 {
		return i18n.T(fmt.Sprintf(" (%s et %d autre%s)", list, more, plural(more)),
			fmt.Sprintf(" (%s and %d more)", list, more))
	}
	return i18n.T(" ("+list+")", " ("+list+")")
}

func plural(n int) string {
	if n > 1 {
		return "s"
	}
	return ""
}
