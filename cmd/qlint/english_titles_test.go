package main

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/qlint/qlint/rules"
)

// TestNoFrenchRuleTitleInEnglish: with --lang en, the report, its other
// formats and explain of every indicator name the built-in proofs in
// English, and the 2026 grid's sources are in English too.
func TestNoFrenchRuleTitleInEnglish(t *testing.T) {
	wideMessages(t)
	dir := filepath.Join("..", "..", "fixtures", "organisme-af")
	var outputs []string
	for _, f := range []string{"text", "markdown", "sarif", "ics"} {
		_, out := runBounded(t, dir, "--lang", "en", "-f", f, "--as-of", "2026-12-01")
		outputs = append(outputs, out)
	}
	for n := 1; n <= 33; n++ {
		_, out := runBounded(t, "explain", fmt.Sprint(n), dir, "--lang", "en", "--as-of", "2026-12-01")
		outputs = append(outputs, out)
	}
	_, changes := runBounded(t, "explain", "--changes", dir, "--lang", "en", "--as-of", "2026-12-01")
	outputs = append(outputs, changes)
	assert.Contains(t, changes, "public summaries")
	assert.NotContains(t, changes, "résumés publics")
	for _, g := range rules.Grids() {
		for _, r := range g.Pack() {
			for _, out := range outputs {
				assert.NotContains(t, out, r.Title, "rule %q's French title in English output", r.ID)
			}
		}
	}
}
