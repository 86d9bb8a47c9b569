package main

import (
	"io"
	"strings"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/internal/textwrap"
	"github.com/qlint/qlint/report"
)

// printHelp writes a command's help to w, fitted to w's width (COLUMNS,
// the terminal, else 80 columns) and, in French, with its non-breaking
// spaces before « : ; ? ! ».
func printHelp(w io.Writer, text string, l i18n.Lang) {
	io.WriteString(w, reflowHelp(text, reportWidth(w, false), l))
}

// reflowHelp fits help text to width. A paragraph of prose (lines that
// start at the margin) is joined and wrapped again, so that a narrow
// terminal does not break each line a second time; an indented line (a
// usage line, an example) is kept whole when it fits, else continued
// under itself four columns in; a command in it is never split.
func reflowHelp(text string, width int, l i18n.Lang) string {
	if width <= 0 {
		width = report.DefaultWidth
	}
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	var b strings.Builder
	var para []string
	flush := func() {
		if len(para) > 0 {
			b.WriteString(textwrap.Words(spaced(strings.Join(para, " "), l), "", width))
			para = nil
		}
	}
	for _, line := range lines {
		switch {
		case strings.TrimSpace(line) == "":
			flush()
			b.WriteString("\n")
		case line[0] != ' ' && !heading(line):
			para = append(para, line)
		default:
			if line[0] != ' ' {
				// A heading ("Usage :", "Exemples :") stays on its line.
				flush()
				b.WriteString(spaced(line, l) + "\n")
				continue
			}
			flush()
			b.WriteString(indentedLine(spaced(line, l), width))
		}
	}
	flush()
	return b.String()
}

// heading reports whether line heads a block: "Usage :", "Exemples :".
func heading(line string) bool {
	t := strings.TrimSpace(line)
	return strings.HasSuffix(t, ":") && len(strings.Fields(t)) <= 3
}

// indentedLine wraps one indented help line: whole when it fits; else a
// table line ("  qlint init [DOSSIER]     préparer…") puts its
// description under the command, four columns in, and any other line is
// continued between its units, four columns in.
func indentedLine(line string, width int) string {
	if len([]rune(line)) <= width {
		return line + "\n"
	}
	lead := line[:len(line)-len(strings.TrimLeft(line, " "))]
	body := strings.TrimLeft(line, " ")
	if i := strings.Index(body, "   "); i > 0 {
		cmd, desc := body[:i], strings.TrimSpace(body[i:])
		return lead + cmd + "\n" + textwrap.Words(desc, lead+"    ", width)
	}
	rest := textwrap.Words(body, lead+"    ", width)
	return lead + strings.TrimPrefix(rest, lead+"    ")
}

func spaced(s string, l i18n.Lang) string {
	if l == i18n.EN {
		return s
	}
	return report.FrenchSpaced(s)
}
