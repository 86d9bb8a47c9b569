//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/gitbuild"
)

// rawControl returns the control characters of s other than the layout's
// own line breaks and tabs.
func rawControl(s string) []rune {
	var bad []rune
	for _, r := range s {
		if (unicode.IsControl(r) || r == '\u202e') && r != '\n' && r != '\r' && r != '\t' {
			bad = append(bad, r)
		}
	}
	return bad
}

// TestControlCharactersNeverRaw: a session folder and a file whose names
// hold an escape sequence and a line break, and paths given on the command
// line that hold one, never reach the terminal or a CI log raw: every
// format and every message on stderr writes them as the text report does
// (\x1b, ␊), in French and in English.
func TestControlCharactersNeverRaw(t *testing.T) {
	wideMessages(t)
	dir := t.TempDir()
	tree, err := gitbuild.ReadTree(filepath.Join("..", "..", "fixtures", "organisme-af"))
	require.NoError(t, err)
	for name, data := range tree {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(data), 0o644))
	}
	session := filepath.Join(dir, "sessions", "2026-11-20 Word\x1b[2J")
	require.NoError(t, os.MkdirAll(session, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(session, "Emargement\x1b[31m.pdf"), []byte("x"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "note\nligne\x1b[31m.txt"), []byte("x"), 0o644))
	out := t.TempDir()
	for _, lang := range []string{"fr", "en"} {
		for _, f := range []string{"text", "github", "gitlab", "sarif", "html", "markdown"} {
			t.Run(lang+"/"+f, func(t *testing.T) {
				_, got := runBounded(t, dir, "-f", f, "--lang", lang, "--as-of", "2026-12-01")
				assert.Contains(t, got, `\x1b`, "the escape is shown")
				assert.Empty(t, rawControl(got))
			})
		}
		t.Run(lang+"/messages", func(t *testing.T) {
			for _, args := range [][]string{
				{filepath.Join(dir, "absent\x1bdossier")},
				{dir, "-o", filepath.Join(out, "r\x1b[31m.txt")},
				{dir, "-o", filepath.Join(out, "absent\x1b[2J", "r.txt")},
				{"explain", "4", dir, "--as-of", "2026-12-01"},
			} {
				_, got := runBounded(t, append(args, "--lang", lang)...)
				assert.Empty(t, rawControl(got), "%q", args)
				if !strings.HasPrefix(args[0], "explain") {
					assert.Contains(t, got, `\x1b`, "%q", args)
				}
			}
		})
	}
}
