package report

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/rules"
)

// TestHeaderSaysTheGridIsForced: when qlint.toml forces a grid the auditor
// will not use, the text header says so under the audit line.
func TestHeaderSaysTheGridIsForced(t *testing.T) {
	tests := []struct{ name, setting, day, audit string }{
		{"V9 after the switch", "rnq-v9", "2026-11-01", ""},
		{"2026 before the switch, audit booked before it", "rnq-2026", "2026-10-15", "next = 2026-10-20"},
		{"V9 before the switch, audit booked after it", "rnq-v9", "2026-10-15", "next = 2027-01-20"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dates := ""
			if tt.audit != "" {
				dates = "[audit]\n" + tt.audit + "\n"
			}
			rep := judgeAuto(t, fstest.MapFS{}, "referential = \""+tt.setting+"\"\n"+dates+veille, tt.day)
			var text bytes.Buffer
			require.NoError(t, WriteText(&text, rep, TextOptions{}))
			assert.Contains(t, strings.Split(text.String(), "\n")[2], "referential forced by qlint.toml: ")
		})
	}
}

// TestHeadersNameTheGrid: text, Markdown and HTML headers say which grid
// judged, V9 included.
func TestHeadersNameTheGrid(t *testing.T) {
	rep := judgeAuto(t, fstest.MapFS{}, veille, "2026-11-22")
	var text, md, html bytes.Buffer
	require.NoError(t, WriteText(&text, rep, TextOptions{}))
	require.NoError(t, WriteMarkdown(&md, rep))
	require.NoError(t, WriteHTML(&html, rep, HTMLOptions{}))
	assert.Contains(t, strings.SplitN(text.String(), "\n", 2)[0], "referential rnq-2026")
	assert.Contains(t, strings.SplitN(md.String(), "\n", 2)[0], "referential rnq-2026")
	assert.Contains(t, html.String(), "rnq-2026")

	old := judgeAuto(t, fstest.MapFS{}, veille, "2026-10-22")
	md.Reset()
	require.NoError(t, WriteMarkdown(&md, old))
	assert.Equal(t, "## qlint · unnamed organization · as of 2026-10-22 · referential rnq-v9", strings.SplitN(md.String(), "\n", 2)[0])
}

// TestNextAuditOnTheNewGrid: judged before the switch, an audit after it is
// announced on the 2026 grid, in the header and in the calendar.
func TestNextAuditOnTheNewGrid(t *testing.T) {
	tests := []struct {
		name, audit, day, want string
	}{
		{"booked after the switch", "initial = 2025-06-12\nnext = 2026-12-10", "2026-10-15", "next audit: 2026-12-10 (in 56 days); on the rnq-2026 referential"},
		{"window straddling the switch", "initial = 2025-06-12", "2026-10-15", "surveillance audit: window open until 2027-04-12 (closes in 179 days), date to book; from 2026-11-01 on, the audit is judged on the rnq-2026 referential"},
		{"window before the switch", "initial = 2024-10-01", "2025-12-01", "surveillance audit: window open until 2026-08-01 (closes in 243 days), date to book"},
		{"judged after the switch", "initial = 2025-06-12", "2026-11-22", "surveillance audit: window open until 2027-04-12 (closes in 141 days), date to book"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := judgeAuto(t, fstest.MapFS{}, "[audit]\n"+tt.audit+"\n"+veille, tt.day)
			var text bytes.Buffer
			require.NoError(t, WriteText(&text, rep, TextOptions{Width: 400})) // one line, unwrapped
			assert.Equal(t, tt.want, strings.Split(text.String(), "\n")[2])
		})
	}
	rep := judgeAuto(t, fstest.MapFS{}, "[audit]\ninitial = 2025-06-12\n"+veille, "2026-10-15")
	var ics bytes.Buffer
	require.NoError(t, WriteICS(&ics, rep, "test"))
	unfolded := strings.ReplaceAll(ics.String(), "\r\n ", "")
	assert.Contains(t, unfolded, "From 2026-11-01 on\\, the audit is judged on referential rnq-2026")
	assert.Contains(t, unfolded, "The audit is judged on referential rnq-2026 (décret n° 2026-728 du 1er août 2026\\, audits from 2026-11-01).")
}

// TestChangesAtAGlance: explain --changes lists what the 2026 grid
// changes and what the folder lacks for it.
func TestChangesAtAGlance(t *testing.T) {
	g, _ := rules.Grid("rnq-2026")
	fsys := fstest.MapFS{"07-amelioration/analyse-risques-2026.md": file("2026-11-10")}
	rep := judgeAuto(t, fsys, "referential = \"rnq-2026\"\nextends = \"qualiopi\"\n[organization]\ncategories = [\"AF\"]\n", "2026-11-22")
	var b bytes.Buffer
	require.NoError(t, WriteChanges(&b, g, rep, i18n.EN, DefaultWidth))
	out := strings.Join(strings.Fields(b.String()), " ") // read across the 80-column wrapping
	assert.Contains(t, out, "The rnq-2026 (décret n° 2026-728 du 1er août 2026, audits from 2026-11-01) referential: what changes from rnq-v9")
	assert.Contains(t, out, "33 · Apprentices' evaluation of the teaching — new")
	assert.Contains(t, out, "Does not apply to the organization: only for: CFA")
	assert.Contains(t, out, " 3 · ")
	assert.Contains(t, out, "to be confirmed (guide V10)")
	assert.Contains(t, out, "The new proofs are there (analyse-risques-qualite)")
	assert.Contains(t, out, `"methode-calcul-resultats"`)
	assert.NotContains(t, out, `"catalogue"`, "only what the grid asks anew")
	assert.Regexp(t, `\d+ points? to deal with for rnq-2026, as of 2026-11-22\.`, out)

	b.Reset()
	require.NoError(t, WriteChanges(&b, g, nil, i18n.FR, DefaultWidth))
	assert.Contains(t, b.String(), "Pas de qlint.toml")
}
