package linter

import (
	"github.com/qlint/qlint/internal/i18n"
)

// UserError is a reason the run cannot be judged, said plainly with a hint:
// a root that does not exist, a shallow clone, a broken repository.
type UserError struct {
	Msg, Hint i18n.Text
	Err       error // the underlying cause, if any
}

func (e *UserError) Error() string { return e.Localize(i18n.FR) }

func (e *UserError) Unwrap() error { return e.Err }

// Localize says the error in language l, with its hint on a second line.
func (e *UserError) Localize(l i18n.Lang) string {
	s := e.Msg.In(l)
	if !e.Hint.IsZero() {
		if l == i18n.EN {
			s += "\n  hint: " + e.Hint.In(l)
		} else {
			s += "\n  conseil : " + e.Hint.In(l)
		}
	}
	return s
}
