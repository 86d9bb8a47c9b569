package linter

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestFindingsDiff: findings alike (one "uncovered" per indicator) are
// told apart; only what came and went is returned.
func TestFindingsDiff(t *testing.T) {
	unc := func(id int) Finding { return Finding{Kind: "uncovered", Indicators: []int{id}, Message: "uncovered"} }
	prev := []Finding{unc(2), unc(4), unc(5), {Kind: "due_soon", Rule: "veille", Path: "veille/a.md", Indicators: []int{23}}}
	cur := []Finding{unc(2), unc(4), unc(5), {Kind: "stale", Rule: "veille", Path: "veille/a.md", Indicators: []int{23}}}
	added, resolved := FindingsDiff(prev, cur)
	assert.Equal(t, []Finding{cur[3]}, added)
	assert.Equal(t, []Finding{prev[3]}, resolved)

	twice := []Finding{{Kind: "link", Path: "x"}, {Kind: "link", Path: "x"}}
	added, resolved = FindingsDiff(twice[:1], twice)
	assert.Len(t, added, 1)
	assert.Empty(t, resolved)
	added, resolved = FindingsDiff(twice, nil)
	assert.Empty(t, added)
	assert.Len(t, resolved, 2)
}
