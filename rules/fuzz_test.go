package rules

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/lang"
)

// FuzzParse: any text given as qlint.toml gives a config or an ErrorList
// whose every error is placed in the file, in both languages; never a
// panic.
func FuzzParse(f *testing.F) {
	f.Add([]byte(validConfig))
	f.Add([]byte("schema = 1\nextends = \"qualiopi\"\ndisable = [\"cgv\"]\n"))
	f.Add([]byte("schema = 1\n[[rule]]\nid = \"a\"\nindicators = [1, 40]\npaths = [\"../x\", \"a/[b\"]\nmax_age = \"3 mois\"\n"))
	f.Add([]byte("schema = 1\norganization = { name = \"x\", categories = [\"ZZ\"] }"))
	f.Add([]byte("\uFEFFschema = 1\n[audit]\ninitial = 2025-13-01"))
	f.Fuzz(func(t *testing.T, src []byte) {
		c, err := Parse("qlint.toml", src)
		if err == nil {
			if c == nil || c.Schema != SchemaVersion {
				t.Fatalf("a config without its schema: %+v", c)
			}
			return
		}
		var list ErrorList
		if !errors.As(err, &list) || len(list) == 0 {
			t.Fatalf("not an ErrorList: %v", err)
		}
		lines := strings.Count(string(src), "\n") + 1
		for _, e := range list {
			if !e.Msg.Complete() {
				t.Fatalf("a message missing a language: %+v", e.Msg)
			}
			if e.Line < 0 || e.Line > lines+1 || (e.Line > 0 && e.Col < 1) {
				t.Fatalf("error placed outside the file (%d lines): %d:%d %s", lines, e.Line, e.Col, e.Msg.EN)
			}
		}
		if !utf8.ValidString(list.Localize(i18n.EN)) && utf8.Valid(src) {
			t.Fatalf("a message that is not UTF-8")
		}
	})
}

// FuzzDuration: a duration parses or says why; what parses prints back to
// itself and moves days forward and back consistently.
func FuzzDuration(f *testing.F) {
	for _, s := range []string{"30d", "1y6mo", "2w3d", "", "3 mois", "-1d", "999999y", "1mo1mo"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDuration(s)
		if err != nil {
			var ve *lang.Error
			if !errors.As(err, &ve) || !ve.Msg.Complete() || !ve.Hint.Complete() {
				t.Fatalf("an unclear error for %q: %v", s, err)
			}
			return
		}
		again, err := ParseDuration(d.String())
		if err != nil || again != d {
			t.Fatalf("%q printed as %q does not read back", s, d.String())
		}
		day := NewDay(2026, 1, 31)
		if d.After(day).Before(day) {
			t.Fatalf("%q moves backwards", s)
		}
	})
}

// FuzzOffset: a due offset parses or says why.
func FuzzOffset(f *testing.F) {
	for _, s := range []string{"start", "end+7d", "start-15d", "end + 90d", "fin", "end*2", "start-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		o, err := ParseOffset(s)
		if err != nil {
			var ve *lang.Error
			if !errors.As(err, &ve) || !ve.Msg.Complete() {
				t.Fatalf("an unclear error for %q: %v", s, err)
			}
			return
		}
		again, err := ParseOffset(o.String())
		if err != nil || again != o {
			t.Fatalf("%q printed as %q does not read back", s, o.String())
		}
	})
}

// FuzzNesting: qlint.toml files nested deep and wide (arrays, inline
// tables, dotted keys and headers), small or large, are decoded or
// refused with a placed error; the bounds checked before decoding keep
// every case small.
func FuzzNesting(f *testing.F) {
	f.Add(uint16(3), uint8(0), uint16(2), []byte("1"))
	f.Add(uint16(40000), uint8(1), uint16(1), []byte(""))
	f.Add(uint16(17), uint8(2), uint16(3), []byte("\"x\""))
	f.Add(uint16(50000), uint8(3), uint16(1), []byte("]"))
	f.Fuzz(func(t *testing.T, depth uint16, kind uint8, width uint16, leaf []byte) {
		width = width%64 + 1
		var b strings.Builder
		b.WriteString("schema = 1\n")
		switch kind % 4 {
		case 0: // nested arrays, width elements at each level
			b.WriteString("x = ")
			for i := 0; i < int(depth); i++ {
				b.WriteString("[")
				for j := 1; j < int(width); j++ {
					b.WriteString("1, ")
				}
			}
			b.Write(leaf)
			b.WriteString(strings.Repeat("]", int(depth)))
		case 1: // nested inline tables
			b.WriteString("x = ")
			b.WriteString(strings.Repeat("{a = ", int(depth)))
			b.Write(leaf)
			b.WriteString(strings.Repeat("}", int(depth)))
		case 2: // a dotted header
			b.WriteString("[" + strings.Repeat("a.", int(depth)) + "b]\n")
			b.Write(leaf)
		case 3: // a dotted key, repeated width times
			for j := 0; j < int(width); j++ {
				b.WriteString(strings.Repeat("k.", int(depth)))
				b.WriteString("v" + strconv.Itoa(j) + " = ")
				b.Write(leaf)
				b.WriteString("\n")
			}
		}
		src := b.String()
		_, err := Parse("qlint.toml", []byte(src))
		if err == nil {
			return
		}
		var list ErrorList
		if !errors.As(err, &list) || len(list) == 0 {
			t.Fatalf("not an ErrorList: %v", err)
		}
		lines := strings.Count(src, "\n") + 1
		for _, e := range list {
			if !e.Msg.Complete() || e.Line < 0 || e.Line > lines+1 {
				t.Fatalf("an error badly placed or said: %+v", e)
			}
		}
	})
}

// FuzzGlobNesting: a pattern of nested and chained {a,b} groups is
// accepted (and then matches any name) or refused with a placed error.
func FuzzGlobNesting(f *testing.F) {
	f.Add(uint16(2), uint16(2), uint8(3), "a", "a/b.pdf")
	f.Add(uint16(2999), uint16(1), uint8(2), "x", "x")
	f.Add(uint16(1), uint16(300), uint8(2), "*", "aaaa")
	f.Fuzz(func(t *testing.T, depth, chain uint16, width uint8, leaf, name string) {
		depth, chain, width = depth%2000, chain%300, width%16+1
		if len(leaf) > 64 {
			leaf = leaf[:64]
		}
		// Past 1024 characters a pattern is refused anyway: the test's own
		// strings stay under 16 KB.
		depth = min(depth, uint16((16<<10)/(int(width)*(len(leaf)+1)+2)))
		alt := strings.Repeat(leaf+",", int(width)-1)
		group := strings.Repeat("{"+alt, int(depth)) + leaf + strings.Repeat("}", int(depth))
		if int(chain)*len(group) > 16<<10 {
			chain = uint16((16 << 10) / max(len(group), 1))
		}
		pattern := strings.Repeat(group, int(chain)) + "/*"
		src := "schema = 1\n[[rule]]\nid = \"r\"\nindicators = [1]\npaths = [" + strconv.Quote(pattern) + "]\n"
		c, err := Parse("qlint.toml", []byte(src))
		if err != nil {
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("an unclear error: %v", err)
			}
			return
		}
		for _, p := range c.Rules[0].Paths {
			if _, ok := checkGlobBounds(p); !ok {
				t.Fatalf("a pattern past the bounds accepted: %q", p)
			}
			doublestar.Match(p, name)
		}
	})
}
