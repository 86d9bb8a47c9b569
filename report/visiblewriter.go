package report

import (
	"io"
	"strings"
)

// visibleWriter writes what it is given with its control characters made
// visible as Visible does, except the line breaks and tabs of the layout
// itself: the HTML binder's template has none, so any it carries came from
// a name, an organization or a note and must not reach the page raw.
type visibleWriter struct{ w io.Writer }

func (v visibleWriter) Write(p []byte) (int, error) {
	s := string(p)
	if strings.IndexFunc(s, layoutFree) < 0 {
		return v.w.Write(p)
	}
	var b strings.Builder
	for _, r := range s {
		if layoutFree(r) {
			b.WriteString(Visible(string(r)))
		} else {
			b.WriteRune(r)
		}
	}
	if _, err := io.WriteString(v.w, b.String()); err != nil {
		return 0, err
	}
	return len(p), nil
}

// layoutFree reports whether r is a control character that is not a line
// break or a tab.
func layoutFree(r rune) bool {
	return isControl(r) && r != '\n' && r != '\r' && r != '\t'
}
