package gitdates

import "github.com/qlint/qlint/internal/i18n"

// UserError is a repository qlint cannot read, said plainly with a hint: a
// shallow clone, grafts, a HEAD git refuses, an extension qlint does not
// know. The linter and the command pass it on to people as linter's
// UserError, which says the hint too.
type UserError struct {
	Msg, Hint i18n.Text
	Err       error // the underlying cause, if any
}

func (e *UserError) Error() string { return e.Msg.In(i18n.FR) }

func (e *UserError) Unwrap() error { return e.Err }

func isHex(s string) bool {
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}
