package serve

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/linter"
)

// TestTodoCountIsTheSummarys: the to-do's count is the binder summary's
// "À traiter" (indicators); the other findings (audit window, links) are
// listed apart under their own count.
func TestTodoCountIsTheSummarys(t *testing.T) {
	dir := folder(t)
	rep := check(t, dir, i18n.FR)
	rep.Findings = append(rep.Findings,
		linter.Finding{Kind: "audit", Severity: "warning", Message: "l'audit de surveillance approche"},
		linter.Finding{Kind: "link", Severity: "error", Message: "un lien mène hors du dossier"})
	ic := rep.Summary.Indicators
	toFix := ic.Missing + ic.Stale + ic.DueSoon + ic.Uncovered
	require.Greater(t, toFix, 1)
	html, err := renderLive(i18n.FR, &liveState{last: rep}, time.Now())
	require.NoError(t, err)
	assert.Contains(t, html, fmt.Sprintf("À faire : %d indicateurs à traiter</h2>", toFix))
	assert.Contains(t, html, "Et 2 autres constats à regarder (hors indicateurs)")
	assert.Equal(t, toFix, strings.Count(html, `<li><a href="#indicateur-`))
	assert.Equal(t, 2, strings.Count(html, `<li><a href="#autres-constats"`))

	rep.Findings = rep.Findings[:len(rep.Findings)-1]
	html, err = renderLive(i18n.EN, &liveState{last: rep}, time.Now())
	require.NoError(t, err)
	assert.Contains(t, html, fmt.Sprintf("To do: %d indicators to fix</h2>", toFix))
	assert.Contains(t, html, "And 1 other finding to look at (outside the indicators)")
}

// TestChangeLineSaysWhichFinding: when no indicator moved, the strip says
// which finding came or went, with singular and plural agreed.
func TestChangeLineSaysWhichFinding(t *testing.T) {
	f := func(msg string) linter.Finding { return linter.Finding{Kind: "link", Message: msg} }
	long := strings.Repeat("très long message ", 20)
	for _, tc := range []struct {
		name            string
		added, resolved []linter.Finding
		fr, en          string
	}{
		{"one new", []linter.Finding{f("le lien « plan.pdf » ne mène nulle part")}, nil,
			"aucun indicateur n'a changé d'état ; nouveau constat : le lien « plan.pdf » ne mène nulle part",
			"no indicator changed status; new finding: le lien « plan.pdf » ne mène nulle part"},
		{"two new, one resolved", []linter.Finding{f("a"), f("b")}, []linter.Finding{f("c")},
			"aucun indicateur n'a changé d'état ; 2 nouveaux constats : a (et 1 autre) ; constat résolu : c",
			"no indicator changed status; 2 new findings: a (and 1 more); finding resolved: c"},
		{"three resolved", nil, []linter.Finding{f("a"), f("b"), f("c")},
			"aucun indicateur n'a changé d'état ; 3 constats résolus : a (et 2 autres)",
			"no indicator changed status; 3 findings resolved: a (and 2 more)"},
		{"nothing", nil, nil,
			"aucun indicateur n'a changé d'état ; aucun constat nouveau ni résolu",
			"no indicator changed status; no finding new or resolved"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := findingsMoved(tc.added, tc.resolved)
			assert.Equal(t, tc.fr, got.FR)
			assert.Equal(t, tc.en, got.EN)
			assert.NotContains(t, got.FR, "(x)")
			assert.NotContains(t, got.FR, "(s)")
		})
	}
	got := findingsMoved([]linter.Finding{f(long)}, nil)
	assert.Less(t, len([]rune(got.FR)), 180, "a short phrase")
	assert.True(t, strings.HasSuffix(got.FR, "…"))

	// From two reports: the finding that appeared is named.
	prev := &linter.Report{Findings: []linter.Finding{f("ancien")}}
	cur := &linter.Report{Findings: []linter.Finding{f("ancien"), {Kind: "link", Path: "x.pdf", Message: "nouveau lien cassé"}}}
	e, moved := describe(prev, cur, Change{Paths: []string{"x.pdf"}}, time.Now())
	assert.Empty(t, moved)
	require.Len(t, e.Lines, 1)
	assert.Equal(t, "aucun indicateur n'a changé d'état ; nouveau constat : nouveau lien cassé", e.Lines[0].FR)
	e, _ = describe(nil, cur, Change{}, time.Now())
	assert.Equal(t, "première vérification : 0 indicateur à traiter", e.Lines[0].FR)
}

// TestNewDayInTheStrip: a check made because the day changed says so, and
// not that the rules were reloaded.
func TestNewDayInTheStrip(t *testing.T) {
	prev := &linter.Report{Indicators: []linter.IndicatorResult{{ID: 23, Status: linter.StatusDueSoon}}}
	cur := &linter.Report{Indicators: []linter.IndicatorResult{{ID: 23, Status: linter.StatusStale}}}
	e, moved := describe(prev, cur, Change{NewDay: "2026-12-05"}, time.Now())
	assert.Equal(t, []int{23}, moved)
	require.Len(t, e.Lines, 2)
	assert.Equal(t, "nouveau jour : état au 05/12/2026, les délais sont recomptés", e.Lines[0].FR)
	assert.Equal(t, "new day: as of 2026-12-05, every age is counted again", e.Lines[0].EN)
	assert.Equal(t, "indicateur 23 : À RENOUVELER → PÉRIMÉ", e.Lines[1].FR)
	assert.Empty(t, e.Files)
}
