package main

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// frenchHelpWords are common French words an English help never holds, and
// englishHelpWords the English ones a French help never holds.
var (
	frenchHelpWords  = regexp.MustCompile(`(?i)(^|[^\pL])(le|la|les|des|du|dossier|dossiers|preuve|preuves|fichier|fichiers|avec|sans|pour|dans|est|ou|et|qui|une|un|défaut|jour|exemples?|raccourci|valeur)([^\pL]|$)`)
	englishHelpWords = regexp.MustCompile(`(?i)(^|[^\pL])(the|and|of|with|without|folder|folders|file|files|default|which|when|every|only|examples?|value|shorthand|is|are)([^\pL]|$)`)
	quoted           = regexp.MustCompile(`"[^"\n]*"`)
	anyFlag          = regexp.MustCompile(`--?[a-z][a-z-]*`)
)

// helpCommands are the commands whose -h the tests read ("" is qlint -h).
var helpCommands = []string{"", "lint", "init", "explain", "watch", "hook", "calendar", "demo", "version"}

// TestHelpInBothLanguages: every command's -h is French by default and
// English with --lang en (before or after -h), from the same catalogue:
// the English help holds none of the common French words and the French
// one none of the English; both fit 80 columns.
func TestHelpInBothLanguages(t *testing.T) {
	t.Setenv("COLUMNS", "")
	for _, cmd := range helpCommands {
		for _, lang := range []string{"fr", "en"} {
			for _, order := range []string{"lang-first", "help-first"} {
				name := cmd
				if name == "" {
					name = "qlint"
				}
				t.Run(name+"/"+lang+"/"+order, func(t *testing.T) {
					var args []string
					if cmd != "" {
						args = append(args, cmd)
					}
					if order == "lang-first" {
						args = append(args, "--lang", lang, "-h")
					} else {
						args = append(args, "-h", "--lang", lang)
					}
					var stdout, stderr bytes.Buffer
					code := run(args, &stdout, &stderr)
					require.Equal(t, exitOK, code, stderr.String())
					out := stdout.String()
					require.NotEmpty(t, out)
					text := quoted.ReplaceAllString(out, `""`) // "CFA des Métiers" is a name
					text = anyFlag.ReplaceAllString(text, "")
					if lang == "en" {
						assert.Empty(t, frenchHelpWords.FindAllString(text, -1), "French in the English help:\n%s", out)
						assert.Regexp(t, `(?m)^Usage:`, out)
					} else {
						assert.Empty(t, englishHelpWords.FindAllString(text, -1), "English in the French help:\n%s", out)
						assert.Regexp(t, `(?m)^Usage[ \x{00a0}]:`, out)
					}
					for _, l := range strings.Split(out, "\n") {
						assert.LessOrEqual(t, utf8.RuneCountInString(l), 80, l)
					}
				})
			}
		}
	}
}

// TestHelpCatalogueComplete: each command's French help and each option's
// French description has its English text.
func TestHelpCatalogueComplete(t *testing.T) {
	for _, u := range []string{mainUsage, lintUsage, initUsage, explainUsage, watchUsage, hookUsage, calendarUsage, demoUsage, versionUsage} {
		assert.NotEmpty(t, usagesEN[u], "no English for:\n%s", u)
	}
	for _, cmd := range helpCommands[1:] {
		var stdout, stderr bytes.Buffer
		run([]string{cmd, "-h", "--lang", "en"}, &stdout, &stderr)
		for _, l := range strings.Split(stdout.String(), "\n") {
			assert.NotContains(t, l, "par défaut", "qlint %s -h --lang en", cmd)
		}
	}
}
