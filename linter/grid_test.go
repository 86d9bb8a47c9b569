package linter

import (
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

func findingsOf(r *Report, kind Kind) []Finding {
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
			assert.Equal(t, rules.SevWarning, audit[0].Severity)
			assert.Contains(t, audit[0].Message, "qlint.toml forces the "+tt.setting+" referential")
			assert.Contains(t, audit[0].Message, "that is the grid the auditor will use")
			assert.True(t, audit[0].text.Complete())
		})
	}
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
