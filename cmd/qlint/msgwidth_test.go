package main

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"

	"github.com/qlint/qlint/internal/textwrap"
)

// ordinarySpaceBeforeMark is French prose with an ordinary space before a
// double punctuation mark or a closing guillemet, or after an opening one.
var ordinarySpaceBeforeMark = regexp.MustCompile(`[^ ] [:;?!»](\s|$)|« [^ ]`)

// TestMistakesFitTheTerminal runs the common mistakes (see mistakes) and the
// lines init and demo print, in French and in English, at the width of a
// terminal that is not one (80 columns) and at COLUMNS=50: every line fits,
// none starts with a mark that belongs to the word before, and the French
// has its non-breaking spaces.
func TestMistakesFitTheTerminal(t *testing.T) {
	type run struct {
		name  string
		files map[string]string
		args  []string
	}
	var runs []run
	for _, c := range mistakes {
		runs = append(runs, run{c.name, c.files, c.args})
	}
	long := "Dossier de preuves de l'organisme Formations Dupont et Associés"
	runs = append(runs,
		run{"init", nil, []string{"init", long}},
		run{"init déjà fait", map[string]string{long + "/qlint.toml": goodRules}, []string{"init", long, "--certifying"}},
		run{"dossier très long absent", nil, []string{long + "/sous-dossier/encore plus loin"}},
	)
	for _, width := range []int{80, 50} {
		for _, lang := range []string{"fr", "en"} {
			for _, c := range runs {
				t.Run(lang+"/"+strings.ReplaceAll(c.name, " ", "_"), func(t *testing.T) {
					if width != 80 {
						t.Setenv("COLUMNS", "50")
					} else {
						t.Setenv("COLUMNS", "")
					}
					args := append(append([]string(nil), c.args...), "--lang", lang)
					if len(c.args) > 0 && c.args[0] == "hook" {
						args = c.args // hook takes --lang after its action only
					}
					_, stdout, stderr := runMistake(t, c.files, args)
					for _, out := range []string{stderr, stdout} {
						if c.args == nil || len(c.args) == 0 || c.args[0] != "init" {
							if out == stdout {
								continue // the report has its own tests
							}
						}
						for _, line := range strings.Split(out, "\n") {
							if utf8.RuneCountInString(line) > width {
								// Only a name or a command longer than the
								// line stands alone on it, whole.
								assert.Len(t, textwrap.Units(strings.TrimLeft(strings.TrimLeft(line, " "), "+-• ")), 1, "too wide at %d:\n%s", width, out)
							}
							assert.NotRegexp(t, `^\s*[:;?!»]`, line)
						}
						if lang == "fr" {
							assert.NotRegexp(t, ordinarySpaceBeforeMark, out, "French without its non-breaking spaces:\n%s", out)
						}
					}
				})
			}
		}
	}
}

// wideMessages lets a test read qlint's messages as whole sentences: they
// are wrapped to COLUMNS (80 columns otherwise), which
// TestMistakesFitTheTerminal checks.
func wideMessages(t *testing.T) {
	t.Helper()
	t.Setenv("COLUMNS", "1000")
}
