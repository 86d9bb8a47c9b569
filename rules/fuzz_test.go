package rules

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/qlint/qlint/internal/i18n"
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
			var ve *ValueError
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
			var ve *ValueError
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
