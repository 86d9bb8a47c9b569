package lang

import (
	"fmt"
	"strings"
)

// Error is a failure said to people, in both languages: what is wrong and,
// when there is one, a hint on what to do. File, Line and Col place it when
// it is a mistake in a file (qlint.toml, a session.toml); Err is the cause
// underneath, for errors.Is and errors.As. It is qlint's one error type for
// people: the rules file's mistakes, a folder or repository the linter
// cannot judge, a wrong flag.
type Error struct {
	File      string
	Line, Col int
	Msg, Hint Text
	Err       error
}

// Error says the error in French, qlint's default language.
func (e *Error) Error() string { return e.Localize(FR) }

// Unwrap returns the cause underneath.
func (e *Error) Unwrap() error { return e.Err }

// Localize says the error in language l: "qlint.toml:3:9: what is wrong"
// when it is placed in a file, then an indented hint line when there is one.
func (e *Error) Localize(l Lang) string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		if e.Line > 0 {
			fmt.Fprintf(&b, ":%d:%d", e.Line, e.Col)
		}
		b.WriteString(": ")
	}
	b.WriteString(e.Msg.In(l))
	if !e.Hint.IsZero() {
		if l == EN {
			b.WriteString("\n  hint: ")
		} else {
			b.WriteString("\n  conseil : ")
		}
		b.WriteString(e.Hint.In(l))
	}
	return b.String()
}

// Localizer is an error that can say itself in French or English: an
// Error, or a list of them.
type Localizer interface {
	error
	Localize(Lang) string
}
