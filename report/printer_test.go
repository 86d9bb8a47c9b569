package report

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/linter"
)

// TestEveryFormatPrintsItsGoldens prints, through the registry as qlint
// lint -f does, a report judged in one language in each language, and
// compares it with the format's golden files: <name>.<lang>.golden (the
// binder keeps its own name). A new format is then one file plus its two
// golden files, and the language is the printer's option, not the judge's.
func TestEveryFormatPrintsItsGoldens(t *testing.T) {
	for _, f := range Formats() {
		for _, lang := range []i18n.Lang{i18n.FR, i18n.EN} {
			t.Run(f.Name+"-"+string(lang), func(t *testing.T) {
				other := i18n.EN
				if lang == i18n.EN {
					other = i18n.FR
				}
				rep, name := goldenReport(t, other), f.Name+"."+string(lang)+".golden"
				if f.Name == "html" {
					rep, name = binderReport(t, other), "binder."+string(lang)+".html"
				}
				var b bytes.Buffer
				require.NoError(t, f.New(Options{Lang: lang, LinkBase: "../preuves"}).Print(&b, rep))
				golden(t, name, b.Bytes())
				assert.Equal(t, other, rep.Lang, "printing in another language leaves the report as it was")
			})
		}
	}
}

// TestFormatsInOrder: the help and the error on an unknown -f list the
// formats by rank, the test-only one (tsv_test.go) last.
func TestFormatsInOrder(t *testing.T) {
	assert.Equal(t, []string{"text", "json", "github", "gitlab", "markdown", "sarif", "html", "tsv"}, Names())
	f, ok := Lookup("github")
	require.True(t, ok)
	assert.Equal(t, "GitHub Actions annotations and summary", f.Note.In(i18n.EN))
	_, ok = Lookup("xml")
	assert.False(t, ok)
}

// TestRegisterRefusesTwins: two formats of one name would make -f
// ambiguous; the registry refuses the second at start-up.
func TestRegisterRefusesTwins(t *testing.T) {
	print := func(o Options) Printer {
		return PrinterFunc(func(w io.Writer, r *linter.Report) error { _, err := fmt.Fprintln(w, r.AsOf); return err })
	}
	assert.Panics(t, func() { Register(Format{Name: "json", New: print}) })
	assert.Panics(t, func() { Register(Format{Name: "", New: print}) })
	assert.Panics(t, func() { Register(Format{Name: "nothing"}) })
	assert.Equal(t, 8, len(Names()), "nothing was added")
}

// TestFormatCapabilities: what qlint asks of a format besides printing is
// in its registry entry: the stream qlint watch -f prints (JSON Lines for
// json: one whole report per line), and the job summary lint -f github
// writes (a registered format).
func TestFormatCapabilities(t *testing.T) {
	rep := goldenReport(t, i18n.EN)
	for _, f := range Formats() {
		if f.StepSummary != "" {
			_, ok := Lookup(f.StepSummary)
			assert.True(t, ok, "%s: its job summary's format %q is not registered", f.Name, f.StepSummary)
		}
		if f.Stream == nil {
			continue
		}
		var b bytes.Buffer
		require.NoError(t, f.Stream(Options{Lang: i18n.FR}).Print(&b, rep))
		assert.Equal(t, 1, bytes.Count(b.Bytes(), []byte("\n")), "%s: one report, one line", f.Name)
		assert.True(t, bytes.HasSuffix(b.Bytes(), []byte("\n")))
	}
	json, _ := Lookup("json")
	assert.NotNil(t, json.Stream, "qlint watch -f json streams")
	text, _ := Lookup("text")
	assert.Nil(t, text.Stream, "qlint watch prints its own text")
	github, _ := Lookup("github")
	assert.Equal(t, "markdown", github.StepSummary)
	assert.Panics(t, func() {
		Register(Format{Name: "loop", New: text.New, StepSummary: "loop"})
	}, "a format that is its own summary")
}
