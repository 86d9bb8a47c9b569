package report

import (
	"bytes"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/qlint/qlint/internal/lazyre"
	"github.com/qlint/qlint/internal/textwrap"
)

// DefaultWidth is the width of the text report when it does not go to a
// terminal (a file, a pipe, a test's golden file): it fits everywhere.
const DefaultWidth = 80

// lineWrapper writes text broken into lines of at most width columns,
// between words only; a word longer than the line (a long path) stands
// alone on its line, whole. A line's continuation is indented under its
// text: after the status and number of an indicator line, after a list's
// dash, two more spaces otherwise.
type lineWrapper struct {
	w     io.Writer
	width int
	buf   []byte
	fr    bool     // French spacing (see frenchSpace)
	keep  []string // names frenchSpace leaves as they are
	// visible writes each line's control characters as Visible does
	// (messages to people: a path with an escape sequence in it)
	visible bool
}

func newLineWrapper(w io.Writer, width int) *lineWrapper {
	if width <= 0 {
		width = DefaultWidth
	}
	return &lineWrapper{w: w, width: width}
}

func (lw *lineWrapper) Write(p []byte) (int, error) {
	lw.buf = append(lw.buf, p...)
	for {
		i := bytes.IndexByte(lw.buf, '\n')
		if i < 0 {
			return len(p), nil
		}
		line := lw.spaced(string(lw.buf[:i]))
		lw.buf = lw.buf[i+1:]
		if _, err := io.WriteString(lw.w, wrapLine(line, lw.width)+"\n"); err != nil {
			return 0, err
		}
	}
}

// Flush writes what is left after the last newline.
func (lw *lineWrapper) Flush() error {
	if len(lw.buf) == 0 {
		return nil
	}
	_, err := io.WriteString(lw.w, wrapLine(lw.spaced(string(lw.buf)), lw.width))
	lw.buf = nil
	return err
}

func (lw *lineWrapper) spaced(line string) string {
	if lw.visible {
		line = Visible(line)
	}
	if !lw.fr {
		return line
	}
	return frenchSpace(line, lw.keep)
}

var (
	ansiSeq       = lazyre.New("\x1b\\[[0-9;]*m")
	hangIndicator = lazyre.New(`^\s*\[[^\]]*\]\s+\d+\s+`)
	hangBullet    = lazyre.New(`^\s*(- |• |\+ )`)
)

// visibleLen is the number of columns s takes on screen.
func visibleLen(s string) int {
	return utf8.RuneCountInString(ansiSeq.ReplaceAllString(s, ""))
}

func wrapLine(line string, width int) string {
	if visibleLen(line) <= width {
		return line
	}
	plain := ansiSeq.ReplaceAllString(line, "")
	lead := len(plain) - len(strings.TrimLeft(plain, " "))
	hang := lead + 2
	if m := hangIndicator.FindString(plain); m != "" {
		hang = utf8.RuneCountInString(m)
	} else if m := hangBullet.FindString(plain); m != "" {
		hang = utf8.RuneCountInString(m)
	}
	if hang > width/2 {
		hang = lead
	}
	// The escape sequences that open the line (a colour) stay in front.
	prefix := ""
	for {
		loc := ansiSeq.FindStringIndex(line)
		if loc == nil || loc[0] != 0 {
			break
		}
		prefix += line[:loc[1]]
		line = line[loc[1]:]
	}
	// The head (indentation, an indicator's status and number, a dash) is
	// kept as written, its alignment with it.
	head := strings.Repeat(" ", lead)
	if m := hangIndicator.FindString(line); m != "" && hang == utf8.RuneCountInString(m) {
		head = m
	} else if m := hangBullet.FindString(line); m != "" && hang == utf8.RuneCountInString(m) {
		head = m
	}
	line = strings.TrimPrefix(line, head)
	var b strings.Builder
	b.WriteString(prefix + head)
	n := visibleLen(head)
	start := n
	for _, word := range units(line) {
		pieces := splitLong(word, width-hang)
		for i, piece := range pieces {
			wl := visibleLen(piece)
			if i > 0 {
				// A long pattern goes on after its comma or slash,
				// glued when it fits, else on the next line.
				if n+wl > width {
					b.WriteString("\n" + strings.Repeat(" ", hang))
					n, start = hang, hang
				}
				b.WriteString(piece)
				n += wl
				continue
			}
			if n > start && n+1+wl > width {
				b.WriteString("\n" + strings.Repeat(" ", hang))
				n, start = hang, hang
			}
			if n > start {
				b.WriteByte(' ')
				n++
			}
			b.WriteString(piece)
			n += wl
		}
	}
	return b.String()
}

// splitLong cuts a word longer than max columns (a long pattern such as
// *{satisfaction,evaluation,questionnaire,enquete}*chaud*) after its
// commas and slashes, so that it fits the terminal; a unit with a space in
// it (a command, a quoted name) and a word that fits stay whole.
func splitLong(word string, max int) []string {
	if max <= 0 || visibleLen(word) <= max || strings.Contains(word, " ") || ansiSeq.MatchString(word) {
		return []string{word}
	}
	var out []string
	last := 0
	for i, r := range word {
		if (r == ',' || r == '/') && i+1 < len(word) {
			out = append(out, word[last:i+1])
			last = i + 1
		}
	}
	return append(out, word[last:])
}

// wrap and units are qlint's one way of breaking text between words, which
// the command's help uses too.
var (
	wrap  = textwrap.Words
	units = textwrap.Units
)
