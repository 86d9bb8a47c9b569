package linter

import (
	"strings"
	"unicode"

	"github.com/bmatcuk/doublestar/v4"
	"golang.org/x/text/unicode/norm"
)

// fold gives the form names are matched in, in both the pattern and the
// name: case folded (Windows users capitalize freely), accents dropped in
// either Unicode form (a Mac writes "é" as "e" and a combining accent;
// "Évaluation" matches "evaluation"), the typographic apostrophe written
// as ', and the separators space, "-" and "_" written as one "-" however
// many there are ("Analyse du besoin - client" is "analyse-du-besoin-client").
// Rules with match = "literal" compare the paths as they are instead.
func fold(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return foldUnicode(s)
		}
	}
	return foldASCII(s)
}

// FoldName is the form a file or folder name is matched in by the rules
// (fold): two names with the same form are the same to them.
func FoldName(name string) string { return fold(name) }

func isSep(c rune) bool { return c == ' ' || c == '-' || c == '_' }

func foldASCII(s string) string {
	// Most names need no change at all: lower case, single dashes.
	clean := true
	for i := 0; i < len(s) && clean; i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z', c == ' ', c == '_':
			clean = false
		case c == '-' && i > 0 && isSep(rune(s[i-1])):
			clean = false
		}
	}
	if clean {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case isSep(rune(c)):
			if len(b) > 0 && b[len(b)-1] == '-' && i > 0 && isSep(rune(s[i-1])) {
				continue
			}
			c = '-'
		}
		b = append(b, c)
	}
	return string(b)
}

func foldUnicode(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	prevSep := false
	for _, c := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, c):
			continue // a combining accent
		case isSep(c) || c == '\u00a0' || c == '\u202f': // and the no-break spaces
			if prevSep {
				continue
			}
			prevSep = true
			b.WriteByte('-')
			continue
		case c == '\u2019' || c == '\u2018':
			c = '\''
		case c == '\u2013' || c == '\u2014': // dashes typed by a word processor
			if prevSep {
				continue
			}
			prevSep = true
			b.WriteByte('-')
			continue
		default:
			c = unicode.ToLower(c)
		}
		prevSep = false
		b.WriteRune(c)
	}
	return b.String()
}

// matcher is a compiled glob: the folded pattern and the literal folder it
// starts with, for a cheap first test.
type matcher struct {
	pattern string
	prefix  string
	must    string // a literal every match holds (the pack's key word), for a cheap first test
}

func newMatcher(p string) matcher {
	p = fold(p)
	lit := prefixOf(p)
	return matcher{pattern: p, prefix: lit, must: mustHold(p[len(lit):])}
}

// patternFolder is the folder pattern p starts with, up to the last slash
// before its first wildcard ("07-amelioration" for
// "07-amelioration/**/*risque*"); ok is false when there is none.
func patternFolder(p string) (folder string, ok bool) {
	if i := strings.IndexAny(p, "*?[{\\"); i >= 0 {
		p = p[:i]
	}
	j := strings.LastIndexByte(p, '/')
	if j < 0 {
		return "", false
	}
	return p[:j], true
}

// prefixOf is p's folder with its slash, "" when it has none.
func prefixOf(p string) string {
	if folder, ok := patternFolder(p); ok {
		return folder + "/"
	}
	return ""
}

// mustHold returns the longest literal run of pattern p outside braces and
// classes: every path p matches holds it. "" when p has escapes.
func mustHold(p string) string {
	if strings.ContainsRune(p, '\\') {
		return ""
	}
	best, start, depth, class := "", -1, 0, false
	flush := func(end int) {
		if start >= 0 && end-start > len(best) {
			best = p[start:end]
		}
		start = -1
	}
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case class:
			if c == ']' {
				class = false
			}
			continue
		case c == '[':
			flush(i)
			class = true
		case c == '{':
			flush(i)
			depth++
		case c == '}':
			depth--
		case c == '*' || c == '?' || c == ',' && depth > 0:
			flush(i)
		case c == '/' && (strings.HasPrefix(p[i+1:], "**") || i >= 2 && p[i-2:i] == "**"):
			// **/ and /** may match no folder at all: their / is not literal.
			flush(i)
		case depth == 0 && start < 0:
			start = i
		}
	}
	flush(len(p))
	return best
}

func (m matcher) match(key string) bool {
	if !strings.HasPrefix(key, m.prefix) {
		return false
	}
	if m.must != "" && !strings.Contains(key[len(m.prefix):], m.must) {
		return false
	}
	ok, _ := doublestar.Match(m.pattern, key)
	return ok
}

func compile(patterns []string) []matcher {
	out := make([]matcher, len(patterns))
	for i, p := range patterns {
		out[i] = newMatcher(p)
	}
	return out
}

func matchAny(ms []matcher, key string) bool {
	for _, m := range ms {
		if m.match(key) {
			return true
		}
	}
	return false
}

// compileAs compiles patterns folded, or as written when literal (rules
// with match = "literal", matched against the paths as they are on disk).
func compileAs(patterns []string, literal bool) []matcher {
	if !literal {
		return compile(patterns)
	}
	out := make([]matcher, len(patterns))
	for i, p := range patterns {
		out[i] = matcher{pattern: p, prefix: prefixOf(p)}
	}
	return out
}
