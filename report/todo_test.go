package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/qlint/qlint/linter"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/rules"
)

// TestTodoOrder checks the to-do: overdue first (no date, then the oldest),
// then by deadline; waived and deferred findings are left out.
func TestTodoOrder(t *testing.T) {
	day := func(s string) rules.Day { d, err := rules.ParseDay(s); require.NoError(t, err); return d }
	r := &linter.Report{Lang: i18n.FR, Findings: []linter.Finding{
		{Kind: linter.KindPending, Path: "sessions/b", Label: "emargement", Due: day("2026-12-20")},
		{Kind: linter.KindDueSoon, Path: "cgv.pdf", Label: "CGV", Expires: "2026-12-10"},
		{Kind: linter.KindStale, Path: "veille/a.md", Label: "veille", Expires: "2025-04-10"},
		{Kind: linter.KindMissing, Path: "sessions/a", Label: "emargement", Due: day("2026-11-02")},
		{Kind: linter.KindMissing, Path: "catalogue/*.pdf", Label: "Catalogue"},
		{Kind: linter.KindWaived, Path: "x", Label: "x"},
		{Kind: linter.KindMissing, Path: "y", Label: "y", Deferred: true},
		{Kind: linter.KindUnmapped, Path: "z"},
	}}
	var buf bytes.Buffer
	require.NoError(t, WriteTodo(&buf, r, TextOptions{}))
	// French spacing: a non-breaking space before ":" and inside « ».
	nb := strings.NewReplacer(" :", "\u00a0:", "« ", "«\u00a0", " »", "\u00a0»")
	assert.Equal(t, nb.Replace(`
À faire, par date
  - en retard : déposer « Catalogue » (catalogue/*.pdf)
  - en retard depuis le 10/04/2025 : renouveler « veille » (veille/a.md)
  - en retard depuis le 02/11/2026 : déposer « emargement » (sessions/a)
  - au plus tard le 10/12/2026 : renouveler « CGV » (cgv.pdf)
  - au plus tard le 20/12/2026 : déposer « emargement » (sessions/b)
`), buf.String())

	buf.Reset()
	require.NoError(t, WriteTodo(&buf, &linter.Report{Lang: i18n.EN}, TextOptions{}))
	assert.Equal(t, "Nothing to file or renew.\n", buf.String())
}
