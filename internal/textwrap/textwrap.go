// Package textwrap breaks text into lines between words, as French is
// written: the punctuation French spaces (: ; ? ! » —) stays with the word
// before it, « with the word after it, and a no-break space is never a
// break. The text report and the command's help both wrap with it.
package textwrap

import "strings"

// Words breaks text into lines of at most width runes, each starting with
// indent, between the units of Units only.
func Words(text, indent string, width int) string {
	var b strings.Builder
	line := indent
	n := len([]rune(indent))
	for _, word := range Units(text) {
		wl := len([]rune(word))
		if n > len([]rune(indent)) && n+1+wl > width {
			b.WriteString(line + "\n")
			line, n = indent, len([]rune(indent))
		}
		if n > len([]rune(indent)) {
			line += " "
			n++
		}
		line += word
		n += wl
	}
	b.WriteString(line + "\n")
	return b.String()
}

// Units splits text into the pieces a line may break between: words
// (separated by ordinary spaces: a non-breaking one holds its two sides
// together), with
// French punctuation kept with the word before it (« : », « ; », « ? »,
// « ! », « » », « — ») and « « » with the word after it, as a non-breaking
// space would; so that no line starts with ":" or "»".
func Units(text string) []string {
	var out []string
	glueNext := false
	var cmd command
	for _, w := range strings.FieldsFunc(text, breakable) {
		inCmd := cmd.takes(w)
		switch {
		case len(out) > 0 && (glueNext || gluesBack(w) || inCmd):
			out[len(out)-1] += " " + w
		default:
			out = append(out, w)
		}
		glueNext = w == "«" || strings.HasSuffix(w, "«")
		if !inCmd {
			cmd.start(w)
		}
	}
	return out
}

func gluesBack(w string) bool {
	switch w {
	case ":", ";", "?", "!", "»", "—":
		return true
	}
	return strings.HasPrefix(w, "»") || strings.HasPrefix(w, ":")
}

// breakable reports whether a line may break at r: an ordinary space or a
// tab, never a non-breaking space (U+00A0, U+202F, U+2007).
func breakable(r rune) bool { return r == ' ' || r == '\t' }
