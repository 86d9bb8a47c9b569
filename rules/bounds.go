package rules

import (
	"fmt"
	"unicode/utf8"

	"github.com/qlint/qlint/internal/i18n"
)

// Bounds on a qlint.toml, checked before the TOML library decodes it: a
// small hostile file (a pull request can bring one to CI) must not make the
// decoder or the position scanner run for minutes or take gigabytes. A real
// file has two or three levels of nesting, a few hundred keys and dotted
// keys of two or three parts.
const (
	MaxConfigSize = 1 << 20 // bytes
	maxDepth      = 16      // nested [ and { in a value
	maxKeyParts   = 16      // parts of one dotted key or header
	maxKeys       = 20000   // keys and array elements in the whole file
)

// CheckBounds refuses a TOML file (a session.toml) that is too large, too
// deeply nested or holds too many keys, before it is decoded.
func CheckBounds(name string, src string) error { return checkBounds(name, src) }

// checkBounds scans src once, skipping strings and comments, and refuses a
// file that is too large, too deeply nested, or holds too many keys.
func checkBounds(name string, src string) error {
	fail := func(line, col int, fr, en string) error {
		return ErrorList{{
			File: name, Line: line, Col: col,
			Msg: i18n.T(fr, en),
			Hint: i18n.T("un fichier de règles n'a que deux ou trois niveaux et quelques centaines de clés : ce fichier n'en est sans doute pas un, vérifiez-le (qlint init en écrit un)",
				"a rules file has two or three levels and a few hundred keys: this file is probably not one, check it (qlint init writes one)"),
		}}
	}
	if len(src) > MaxConfigSize {
		return fail(0, 0, fmt.Sprintf("le fichier fait %d octets, plus que les %d qu'accepte qlint", len(src), MaxConfigSize),
			fmt.Sprintf("the file is %d bytes long, more than the %d qlint accepts", len(src), MaxConfigSize))
	}
	line, col := 1, 1
	depth, keys, parts := 0, 0, 0
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '\n':
			line, col = line+1, 1
			parts = 0
			i++
			continue
		case c == '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
			continue
		case c == '"' || c == '\'':
			i, line, col = skipString(src, i, line, col)
			continue
		case c == '[' || c == '{':
			depth++
			if depth > maxDepth {
				return fail(line, col, fmt.Sprintf("plus de %d niveaux de crochets ou d'accolades imbriqués", maxDepth),
					fmt.Sprintf("more than %d levels of nested brackets or braces", maxDepth))
			}
		case c == ']' || c == '}':
			if depth > 0 {
				depth--
			}
		case c == '.':
			parts++
			if parts >= maxKeyParts {
				return fail(line, col, fmt.Sprintf("une clé de plus de %d parties séparées par des points", maxKeyParts),
					fmt.Sprintf("a key of more than %d parts separated by dots", maxKeyParts))
			}
		case c == '=' || c == ',':
			parts = 0
			keys++
			if keys > maxKeys {
				return fail(line, col, fmt.Sprintf("plus de %d clés ou valeurs", maxKeys),
					fmt.Sprintf("more than %d keys or values", maxKeys))
			}
		}
		_, n := utf8.DecodeRuneInString(src[i:])
		i += n
		col++
	}
	return nil
}

// skipString skips the string that starts at src[i] (at line, col), and
// returns where it ends, counting the lines a multi-line string spans. An
// unclosed one-line string ends at its line's end.
func skipString(src string, i, line, col int) (int, int, int) {
	c := src[i]
	q := src[i : i+1]
	multi := i+2 < len(src) && src[i+1] == c && src[i+2] == c
	end := q
	if multi {
		end = q + q + q
	}
	i += len(end)
	col += len(end)
	for i < len(src) {
		if c == '"' && src[i] == '\\' && i+1 < len(src) {
			i += 2
			col += 2
			continue
		}
		if src[i] == '\n' {
			if !multi {
				break
			}
			line, col = line+1, 1
			i++
			continue
		}
		if len(src)-i >= len(end) && src[i:i+len(end)] == end {
			i += len(end)
			col += len(end)
			break
		}
		_, n := utf8.DecodeRuneInString(src[i:])
		i += n
		col++
	}
	return i, line, col
}
