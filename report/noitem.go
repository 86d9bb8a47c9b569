package report

import (
	"strings"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/linter"
)

// noItemTodo is the to-do line of an each rule with no item folder yet:
// make the first folder, then file the proof in it. It is not late: no
// session (or trainer…) exists that lacks it.
func noItemTodo(f linter.Finding) todoItem {
	what := Visible(f.Label)
	where := Visible(strings.TrimSuffix(f.Path, "/*"))
	return todoItem{noItem: true, text: i18n.T(
		"créer le dossier du premier élément dans "+where+" et y déposer « "+what+" »",
		"make the first item's folder in "+where+" and file "+enQuote(what)+" in it")}
}
