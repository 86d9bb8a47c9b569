package rules

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Pos is a place in a file: line and column, both counted from 1, the column
// in characters.
type Pos struct {
	Line, Col int
}

// keyPos is where a key and its value stand.
type keyPos struct {
	Key, Val Pos
}

// positions maps every key path of a TOML document to where it stands. Paths
// join keys with dots and number array elements and tables of arrays from 0:
// "rule.2.max_age", "rule.0.indicators.1", "organization.categories.0".
//
// BurntSushi/toml checks the syntax and decodes the values, but it keeps no
// column and keeps one position for all the [[rule]] tables alike; this small
// scanner, run only on a document the parser accepted, fills that gap so that
// every mistake can be shown where it is.
type positions map[string]keyPos

// at returns where the value of path stands, else where its key stands, else
// the nearest enclosing path that has a position.
func (p positions) at(path string) Pos {
	for {
		if kp, ok := p[path]; ok {
			if kp.Val.Line > 0 {
				return kp.Val
			}
			return kp.Key
		}
		i := strings.LastIndexByte(path, '.')
		if i < 0 {
			return Pos{1, 1}
		}
		path = path[:i]
	}
}

// key returns where the key of path stands (or its nearest parent).
func (p positions) key(path string) Pos {
	for {
		if kp, ok := p[path]; ok {
			return kp.Key
		}
		i := strings.LastIndexByte(path, '.')
		if i < 0 {
			return Pos{1, 1}
		}
		path = path[:i]
	}
}

type scanner struct {
	src       string
	i         int
	line, col int
	pos       positions
	arrays    map[string]int // table-array path → how many tables seen
}

func scanPositions(src string) positions {
	s := &scanner{src: src, line: 1, col: 1, pos: positions{}, arrays: map[string]int{}}
	s.document()
	return s.pos
}

func (s *scanner) eof() bool { return s.i >= len(s.src) }

func (s *scanner) peek() byte {
	if s.eof() {
		return 0
	}
	return s.src[s.i]
}

func (s *scanner) here() Pos { return Pos{s.line, s.col} }

func (s *scanner) advance() {
	if s.eof() {
		return
	}
	if s.src[s.i] == '\n' {
		s.line++
		s.col = 1
		s.i++
		return
	}
	_, n := utf8.DecodeRuneInString(s.src[s.i:])
	s.i += n
	s.col++
}

func (s *scanner) skipSpace() {
	for c := s.peek(); c == ' ' || c == '\t'; c = s.peek() {
		s.advance()
	}
}

// skipBlank skips spaces, newlines and comments.
func (s *scanner) skipBlank() {
	for !s.eof() {
		switch s.peek() {
		case ' ', '\t', '\r', '\n':
			s.advance()
		case '#':
			for !s.eof() && s.peek() != '\n' {
				s.advance()
			}
		default:
			return
		}
	}
}

func (s *scanner) document() {
	prefix := ""
	for {
		s.skipBlank()
		if s.eof() {
			return
		}
		start := s.here()
		if s.peek() == '[' {
			s.advance()
			array := s.peek() == '['
			if array {
				s.advance()
			}
			s.skipSpace()
			keys := s.keyParts()
			for !s.eof() && s.peek() != '\n' {
				s.advance()
			}
			var path string
			if array {
				// The array's own name is not indexed: [[rule]] adds a table.
				path = join(s.resolve(keys[:len(keys)-1]), keys[len(keys)-1])
				if _, ok := s.pos[path]; !ok {
					s.pos[path] = keyPos{Key: start}
				}
				n := s.arrays[path]
				s.arrays[path] = n + 1
				path += "." + strconv.Itoa(n)
			} else {
				path = s.resolve(keys)
			}
			s.pos[path] = keyPos{Key: start}
			prefix = path
			continue
		}
		if !s.keyValue(prefix, 0) {
			// Not a key: skip the line rather than loop forever.
			for !s.eof() && s.peek() != '\n' {
				s.advance()
			}
		}
	}
}

// resolve turns the keys of a table header into a path, numbering the tables
// of arrays it passes through with their current index.
func (s *scanner) resolve(keys []string) string {
	path := ""
	for _, k := range keys {
		if path != "" {
			path += "."
		}
		path += k
		if n, ok := s.arrays[path]; ok && n > 0 {
			path += "." + strconv.Itoa(n-1)
		}
	}
	return path
}

// keyParts reads a dotted key: bare, "basic" or 'literal' parts.
func (s *scanner) keyParts() []string {
	var parts []string
	for {
		s.skipSpace()
		var part string
		switch s.peek() {
		case '"', '\'':
			part = s.quoted()
		default:
			start := s.i
			for c := s.peek(); isBare(c); c = s.peek() {
				s.advance()
			}
			part = s.src[start:s.i]
		}
		parts = append(parts, part)
		s.skipSpace()
		if s.peek() != '.' {
			return parts
		}
		s.advance()
	}
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// quoted reads a one-line quoted key and returns its text.
func (s *scanner) quoted() string {
	q := s.peek()
	s.advance()
	var b strings.Builder
	for !s.eof() && s.peek() != q && s.peek() != '\n' {
		if q == '"' && s.peek() == '\\' {
			s.advance()
		}
		b.WriteByte(s.peek())
		s.advance()
	}
	s.advance()
	return b.String()
}

// keyValue reads `key = value` under prefix and records both positions.
func (s *scanner) keyValue(prefix string, depth int) bool {
	keyAt := s.here()
	c := s.peek()
	if !isBare(c) && c != '"' && c != '\'' {
		return false
	}
	path := join(prefix, strings.Join(s.keyParts(), "."))
	s.skipSpace()
	if s.peek() != '=' {
		return false
	}
	s.advance()
	s.skipSpace()
	s.pos[path] = keyPos{Key: keyAt, Val: s.here()}
	s.value(path, depth)
	return true
}

func join(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

// value skips over one value, recording the positions of array elements and
// inline-table keys. Past maxDepth levels nothing more is recorded: each
// level makes paths longer, and recording them all would take time and
// memory in the square of the depth (checkBounds refuses such files before
// they get here; this keeps the scanner linear on its own).
func (s *scanner) value(path string, depth int) {
	depth++
	if depth > maxDepth {
		s.skipNested()
		return
	}
	switch c := s.peek(); c {
	case '[':
		s.array(path, depth)
	case '{':
		s.inlineTable(path, depth)
	case '"', '\'':
		s.skipStringValue(c)
	default:
		s.bare()
	}
}

// array scans an array, placing each element under path.n.
func (s *scanner) array(path string, depth int) {
	s.advance()
	for n := 0; ; n++ {
		s.skipBlank()
		if s.eof() || s.peek() == ']' {
			s.advance()
			return
		}
		el := path + "." + strconv.Itoa(n)
		s.pos[el] = keyPos{Key: s.here(), Val: s.here()}
		s.value(el, depth)
		s.skipBlank()
		if s.peek() == ',' {
			s.advance()
		}
	}
}

// inlineTable scans an inline table, placing its keys under path.
func (s *scanner) inlineTable(path string, depth int) {
	s.advance()
	for {
		s.skipBlank()
		if s.eof() || s.peek() == '}' {
			s.advance()
			return
		}
		if !s.keyValue(path, depth) {
			s.advance()
		}
		s.skipBlank()
		if s.peek() == ',' {
			s.advance()
		}
	}
}

// skipStringValue skips a string value quoted with c, on one line or, between
// three quotes, on several.
func (s *scanner) skipStringValue(c byte) {
	triple := strings.Repeat(string(c), 3)
	if strings.HasPrefix(s.src[s.i:], triple) {
		s.advance()
		s.advance()
		s.advance()
		for !s.eof() {
			if c == '"' && s.peek() == '\\' {
				s.advance()
				s.advance()
				continue
			}
			if strings.HasPrefix(s.src[s.i:], triple) {
				s.advance()
				s.advance()
				s.advance()
				// A closing run may hold up to two more quotes.
				for s.peek() == c {
					s.advance()
				}
				return
			}
			s.advance()
		}
		return
	}
	s.advance()
	for !s.eof() && s.peek() != c && s.peek() != '\n' {
		if c == '"' && s.peek() == '\\' {
			s.advance()
		}
		s.advance()
	}
	s.advance()
}

// bare skips a number, a date or a boolean, up to what ends a value.
func (s *scanner) bare() {
	for !s.eof() {
		switch s.peek() {
		case ',', ']', '}', '\n', '#':
			return
		}
		s.advance()
	}
}

// skipNested skips one value too deep to record: brackets and braces are
// counted, strings and comments are not looked into.
func (s *scanner) skipNested() {
	open := 0
	for !s.eof() {
		switch c := s.peek(); c {
		case '[', '{':
			open++
		case ']', '}':
			open--
			if open <= 0 {
				s.advance()
				return
			}
		case '"', '\'':
			s.advance()
			for !s.eof() && s.peek() != c && s.peek() != '\n' {
				if c == '"' && s.peek() == '\\' {
					s.advance()
				}
				s.advance()
			}
		case '#':
			for !s.eof() && s.peek() != '\n' {
				s.advance()
			}
			continue
		case ',', '\n':
			if open == 0 {
				return
			}
		}
		s.advance()
	}
}
