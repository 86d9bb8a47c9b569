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

// TestTodoOrder checks the to-do: dated items first, overdue (the oldest
// first) then by deadline, and the undated ones after (issue 17, item 11);
// waived and deferred findings are left out.
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
  - en retard depuis le 11/04/2025 : renouveler « veille » (veille/a.md)
  - en retard depuis le 02/11/2026 : déposer « emargement » (sessions/a)
  - au plus tard le 10/12/2026 : renouveler « CGV » (cgv.pdf)
  - au plus tard le 20/12/2026 : déposer « emargement » (sessions/b)
  - en retard : déposer « Catalogue » (catalogue/*.pdf)
`), buf.String())

	buf.Reset()
	require.NoError(t, WriteTodo(&buf, &linter.Report{Lang: i18n.EN}, TextOptions{}))
	assert.Equal(t, "Nothing to file or renew.\n", buf.String())
}

// TestTodoCutOffKeepsTheDates checks that with more to do than the to-do
// shows, the cut-off hides undated items, never a dated one, in both
// languages.
func TestTodoCutOffKeepsTheDates(t *testing.T) {
	var fs []linter.Finding
	for i := 0; i < 20; i++ {
		fs = append(fs, linter.Finding{Kind: linter.KindMissing, Path: "doc" + string(rune('a'+i)) + "/*", Label: "Document"})
	}
	fs = append(fs,
		linter.Finding{Kind: linter.KindStale, Path: "veille/metiers-2025-10.md", Label: "Veille métiers", Expires: "2026-04-01"},
		linter.Finding{Kind: linter.KindDueSoon, Path: "veille/pedagogique-2026-06.md", Label: "Veille pédagogique", Expires: "2026-12-10"})
	for _, c := range []struct {
		lang       i18n.Lang
		late, soon string
		more       string
	}{
		{i18n.FR, "  - en retard depuis le 02/04/2026\u00a0: renouveler «\u00a0Veille métiers\u00a0»",
			"  - au plus tard le 10/12/2026\u00a0: renouveler «\u00a0Veille pédagogique\u00a0»", "… et 10 de plus"},
		{i18n.EN, `  - overdue since 2026-04-02: renew "Veille métiers"`,
			`  - by 2026-12-10: renew "Veille pédagogique"`, "… and 10 more"},
	} {
		t.Run(string(c.lang), func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, WriteTodo(&buf, &linter.Report{Lang: c.lang, Findings: fs}, TextOptions{Width: 1000}))
			lines := strings.Split(buf.String(), "\n")
			require.Greater(t, len(lines), 3)
			assert.True(t, strings.HasPrefix(lines[2], c.late), lines[2])
			assert.True(t, strings.HasPrefix(lines[3], c.soon), lines[3])
			assert.Contains(t, buf.String(), c.more)
		})
	}
}
