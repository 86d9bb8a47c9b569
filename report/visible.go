package report

import (
	"fmt"
	"strings"
	"unicode"
)

// Visible returns s with its control characters (a newline, a tab, an
// escape sequence in a file's name) written as visible text: ␊ for a line
// break, ␉ for a tab, \x1b for the others. Names come from the evidence
// folder, where anything can be: raw, they would break the report's
// layout or drive the terminal.
func Visible(s string) string {
	if strings.IndexFunc(s, isControl) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteString("␊")
		case r == '\r':
			b.WriteString("␍")
		case r == '\t':
			b.WriteString("␉")
		case isControl(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isControl(r rune) bool {
	return unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || r == '\u202e' || r == '\u202d'
}
