package linter

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

// judgeAuto judges fsys with cfg on the grid the configuration chooses for
// day asOf (Input.Ref left nil, as linter.Run does).
func judgeAuto(t *testing.T, fsys fstest.MapFS, cfg, asOf string) *Report {
	t.Helper()
	c, err := rules.Parse("qlint.toml", []byte("schema = 1\n"+cfg))
	require.NoError(t, err)
	tree, err := WalkTree(fsys, c.Ignore)
	require.NoError(t, err)
	day, err := rules.ParseDay(asOf)
	require.NoError(t, err)
	rep, err := Judge(Input{Config: c, Tree: tree, FS: fsys,
		Dates: &History{Kind: "none"}, AsOf: day, Lang: i18n.EN, Own: []string{"qlint.toml"}})
	require.NoError(t, err)
	return rep
}

func findingsOf(r *Report, kind string) []Finding {
	var out []Finding
	for _, f := range r.Findings {
		if f.Kind == kind {
			out = append(out, f)
		}
	}
	return out
}

// TestSwitchDay: with referential = "auto" (the default), 2026-10-31 is
// judged on V9 and 2026-11-01 on the 2026 grid, for an AF provider and a
// CFA with every condition, with the built-in pack.
func TestSwitchDay(t *testing.T) {
	tests := []struct {
		name, org, day, grid string
		indicators, na       int
	}{
		{"AF before", `categories = ["AF"]`, "2026-10-31", "rnq-v9", 32, 10},
		{"AF after", `categories = ["AF"]`, "2026-11-01", "rnq-2026", 33, 11},
		{"CFA before", `categories = ["CFA", "AF"]
certifying = true
subcontracting = true
work_linked = true`, "2026-10-31", "rnq-v9", 32, 0},
		{"CFA after", `categories = ["CFA", "AF"]
certifying = true
subcontracting = true
work_linked = true`, "2026-11-01", "rnq-2026", 33, 0},
	}
	new2026 := []string{"methode-calcul-resultats", "prevention-violences", "referents-pedagogiques", "analyse-risques-qualite"}
	cfaOnly := []string{"cfa-procedure-ruptures", "cfa-information-mineurs", "cfa-evaluation-enseignements", "cfa-exploitation-evaluations"}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := judgeAuto(t, fstest.MapFS{}, "extends = \"qualiopi\"\n[organization]\n"+tt.org+"\n", tt.day)
			assert.Equal(t, tt.grid, rep.Grid.ID)
			assert.Equal(t, tt.grid, rep.Referential)
			assert.Equal(t, tt.indicators, rep.Grid.Indicators)
			assert.Len(t, rep.Indicators, tt.indicators)
			assert.Equal(t, tt.na, rep.Summary.Indicators.NotApplicable)
			assert.Zero(t, rep.Summary.Indicators.Uncovered, "the pack covers every applicable indicator")
			assert.Empty(t, findingsOf(rep, KindAudit), "auto never warns about the grid")
			asked := map[string]bool{}
			for _, f := range findingsOf(rep, KindMissing) {
				asked[f.Rule] = true
			}
			cfa := tt.na == 0
			for _, id := range new2026 {
				assert.Equal(t, tt.grid == "rnq-2026", asked[id], "%s asked for", id)
			}
			for _, id := range cfaOnly {
				assert.Equal(t, tt.grid == "rnq-2026" && cfa, asked[id], "%s asked for", id)
			}
		})
	}
}

// TestForcedGridOutOfItsPeriod: a grid named in qlint.toml judges on any
// day, with a warning when the audit the report prepares is not judged on
// it: the booked audit, else one held from the day judged on, in the
// surveillance window when known.
func TestForcedGridOutOfItsPeriod(t *testing.T) {
	tests := []struct {
		name, setting, day, audit string
		warn                      bool
	}{
		{"V9 in its period", "rnq-v9", "2026-10-31", "", false},
		{"V9 after the switch", "rnq-v9", "2026-11-01", "", true},
		{"2026 in its period", "rnq-2026", "2026-11-22", "", false},
		// Before the switch, preparing on 2026 is sound for an audit that
		// can come after it, and wrong for one that comes before.
		{"2026 before the switch, no audit date", "rnq-2026", "2026-10-15", "", false},
		{"2026 before the switch, audit booked after it", "rnq-2026", "2026-10-15", "next = 2027-01-20", false},
		{"2026 before the switch, audit booked before it", "rnq-2026", "2026-10-15", "next = 2026-10-20", true},
		{"2026 before the switch, window open after it", "rnq-2026", "2026-10-31", "initial = 2025-06-12", false},
		{"2026 before the switch, window closing before it", "rnq-2026", "2026-10-15", "initial = 2024-12-25", true},
		// A V9 kept for an audit held after the switch is not.
		{"V9 before the switch, audit booked after it", "rnq-v9", "2026-10-15", "next = 2027-01-20", true},
		{"V9 before the switch, window opening after it", "rnq-v9", "2026-10-15", "initial = 2025-10-01", true},
		{"V9 before the switch, window open across it", "rnq-v9", "2026-10-15", "initial = 2025-06-12", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dates := ""
			if tt.audit != "" {
				dates = "[audit]\n" + tt.audit + "\n"
			}
			rep := judgeAuto(t, fstest.MapFS{}, "referential = \""+tt.setting+"\"\n"+dates+veille, tt.day)
			assert.Equal(t, tt.setting, rep.Grid.ID, "the forced grid judges")
			var audit []Finding
			for _, f := range findingsOf(rep, KindAudit) {
				if strings.Contains(f.Message, "forces") {
					audit = append(audit, f)
				}
			}
			if !tt.warn {
				assert.Empty(t, audit)
				return
			}
			require.Len(t, audit, 1)
			var text bytes.Buffer
			require.NoError(t, WriteText(&text, rep, TextOptions{}))
			assert.Contains(t, strings.Split(text.String(), "\n")[2], "referential forced by qlint.toml: ")
			assert.Equal(t, string(rules.SevWarning), audit[0].Severity)
			assert.Contains(t, audit[0].Message, "qlint.toml forces the "+tt.setting+" referential")
			assert.Contains(t, audit[0].Message, "that is the grid the auditor will use")
			assert.True(t, audit[0].text.Complete())
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

// TestCallersGridIsNotForced: a grid the caller picks (explain --changes
// judges on the newest one) brings no warning about the file's choice.
func TestCallersGridIsNotForced(t *testing.T) {
	c, err := rules.Parse("qlint.toml", []byte("schema = 1\nreferential = \"rnq-v9\"\n"+veille))
	require.NoError(t, err)
	g, _ := rules.Grid("rnq-2026")
	fsys := fstest.MapFS{}
	tree, err := WalkTree(fsys, nil)
	require.NoError(t, err)
	rep, err := Judge(Input{Config: c, Ref: g, Tree: tree, FS: fsys, Dates: &History{Kind: "none"},
		AsOf: rules.NewDay(2026, 10, 15), Lang: i18n.EN})
	require.NoError(t, err)
	assert.Equal(t, "rnq-2026", rep.Grid.ID)
	assert.Empty(t, findingsOf(rep, KindAudit))
}
