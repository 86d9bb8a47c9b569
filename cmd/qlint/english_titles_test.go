package main

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/rules"
)

// TestNoFrenchRuleTitleInEnglish: with --lang en, the report, its other
// formats and explain of every indicator name the built-in proofs in
// English, and the 2026 grid's sources are in English too.
func TestNoFrenchRuleTitleInEnglish(t *testing.T) {
	wideMessages(t)
	dir := filepath.Join("..", "..", "fixtures", "organisme-af")
	// An empty folder with every category and option: every rule applies
	// and every proof is missing.
	empty := t.TempDir()
	code, out := runBounded(t, "init", empty, "--categories", "AF,BC,VAE,CFA", "--certifying", "--subcontracting", "--work-linked")
	require.Equal(t, 0, code, out)
	var outputs []string
	for _, d := range []string{dir, empty} {
		for _, f := range []string{"json", "markdown", "sarif", "ics"} {
			_, out := runBounded(t, d, "--lang", "en", "-f", f, "--as-of", "2026-12-01")
			outputs = append(outputs, out)
		}
	}
	for n := 1; n <= 33; n++ {
		_, out := runBounded(t, "explain", fmt.Sprint(n), dir, "--lang", "en", "--as-of", "2026-12-01")
		outputs = append(outputs, out)
	}
	_, changes := runBounded(t, "explain", "--changes", dir, "--lang", "en", "--as-of", "2026-12-01")
	outputs = append(outputs, changes)
	assert.Contains(t, changes, "public summaries")
	assert.NotContains(t, changes, "résumés publics")
	// And the other way round: French output keeps the French titles.
	_, fr := runBounded(t, empty, "-f", "json", "--as-of", "2026-12-01")
	for _, g := range rules.Grids() {
		for _, r := range g.Pack() {
			assert.NotContains(t, fr, r.TitleEN, "rule %q's English title in French output", r.ID)
		}
	}
	for _, g := range rules.Grids() {
		for _, r := range g.Pack() {
			for _, out := range outputs {
				assert.NotContains(t, out, r.Title, "rule %q's French title in English output", r.ID)
			}
		}
	}
}
