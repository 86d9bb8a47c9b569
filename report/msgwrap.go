package report

import (
	"io"
	"strings"

	"github.com/qlint/qlint/lang"
)

// MessageWriter writes qlint's messages to people (errors and their hints,
// what init, hook install, watch and demo say) as the text report writes
// its lines: wrapped to width between words only, a long name whole on
// its line, the continuation indented; in French with the non-breaking
// spaces before « : ; ? ! » » and after « « ». It is the report's own
// wrapper, so that both read the same. Control characters (a name's
// escape sequence) are written visible, as the report writes them.
type MessageWriter struct {
	lw *lineWrapper
}

// NewMessageWriter returns a MessageWriter on w, at width columns
// (DefaultWidth when width is 0), in language l.
func NewMessageWriter(w io.Writer, width int, l lang.Lang) *MessageWriter {
	lw := newLineWrapper(w, width)
	lw.french(l, nil)
	lw.visible = true
	return &MessageWriter{lw: lw}
}

// Write wraps every whole line of p; a line's end is waited for.
func (m *MessageWriter) Write(p []byte) (int, error) { return m.lw.Write(p) }

// Flush writes what is left after the last newline.
func (m *MessageWriter) Flush() error { return m.lw.Flush() }

// WrapMessage returns text (one or more lines) wrapped as a MessageWriter
// writes it, without the final newline.
func WrapMessage(text string, width int, l lang.Lang) string {
	var b strings.Builder
	m := NewMessageWriter(&b, width, l)
	_, _ = m.Write([]byte(text + "\n"))
	return strings.TrimSuffix(b.String(), "\n")
}

// Width is the width m wraps to.
func (m *MessageWriter) Width() int { return m.lw.width }

// FrenchSpaced returns line with the non-breaking spaces French puts
// before « : ; ? ! » » and after « « » (see frenchSpace).
func FrenchSpaced(line string) string { return frenchSpace(line, nil) }
