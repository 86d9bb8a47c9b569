package gitdates

import "github.com/qlint/qlint/internal/i18n"

// UserError is a repository qlint cannot read, said plainly with a hint: a
// shallow clone, grafts, a HEAD git refuses, an extension qlint does not
// know. The linter passes it on to people as its own UserError.
type UserError struct {
	Msg, Hint i18n.Text
	Err       error // the underlying cause, if any
}

func (e *UserError) Error() string { return e.Localize(i18n.FR) }

func (e *UserError) Unwrap() error { return e.Err }

// Localize says the error in language l, with its hint on a second line,
// as the linter's UserError does.
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

func isHex(s string) bool {
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}
