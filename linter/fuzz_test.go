package linter

import (
	"errors"
	"strings"
	"testing"

	"github.com/qlint/qlint/lang"
	"github.com/qlint/qlint/rules"
)

// FuzzFilenameDate: a name gives a real day or none.
func FuzzFilenameDate(f *testing.F) {
	for _, s := range []string{"2025-03-12_convention.pdf", "cv-20250312.pdf", "veille-2025-03.md", "2025-02-30.md", "v2.pdf", "99999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		d, ok := FilenameDate(name)
		if ok && (d.IsZero() || d.Time().Year() < 1900 || d.Time().Year() > 2200) {
			t.Fatalf("%q gave %v", name, d)
		}
		if _, ok := dateAtStart(name); ok && !strings.ContainsAny(name[:1], "0123456789") {
			t.Fatalf("%q: a leading date without a leading digit", name)
		}
	})
}

// FuzzSessionFile: any session.toml gives dates (start not after end) or a
// placed, bilingual error.
func FuzzSessionFile(f *testing.F) {
	for _, s := range []string{"start = 2025-03-12\nend = 2025-03-14\n", "start = \"2025-03-12\"", "end = 2025-01-01\nstart = 2025-02-01", "start = [", "client = \"x\"", "start = 12"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sp, err := parseSession("s/session.toml", data)
		if err != nil {
			var re *lang.Error
			if !errors.As(err, &re) || !re.Msg.Complete() || re.File != "s/session.toml" {
				t.Fatalf("an unclear error: %v", err)
			}
			return
		}
		if !sp.start.IsZero() && sp.end.Before(sp.start) {
			t.Fatalf("end %v before start %v", sp.end, sp.start)
		}
	})
}

// FuzzGlob: any pattern in a rule is accepted as valid and then matches
// without error, or refused with a placed error; matching never panics.
func FuzzGlob(f *testing.F) {
	for _, s := range []string{"sessions/*/emargement*", "**/*.{pdf,docx}", "a/[b", "../x", "/etc/*", `a\b`, "[!a-z]*", "{a,{b,c}}", "**"} {
		f.Add(s, "sessions/2026-01-01/émargement.pdf")
	}
	f.Fuzz(func(t *testing.T, pattern, path string) {
		src := "schema = 1\n[[rule]]\nid = \"r\"\nindicators = [1]\npaths = [" + quote(pattern) + "]\n"
		c, err := rules.Parse("qlint.toml", []byte(src))
		if err != nil {
			var list rules.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("an unclear error: %v", err)
			}
			return
		}
		for _, p := range c.Rules[0].Paths {
			newMatcher(p).match(fold(path))
		}
	})
}

// quote writes s as a TOML literal-safe basic string.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			b.WriteString(`\u00`)
			b.WriteByte("0123456789abcdef"[r>>4])
			b.WriteByte("0123456789abcdef"[r&15])
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
