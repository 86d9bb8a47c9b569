package report

import (
	"bytes"
	"testing"

	"github.com/qlint/qlint/linter"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/i18n"
)

// Counts are said in the number they ask, never "erreur(s)": French counts
// 0 and 1 as singular, English only 1.
func TestCountsSingularAndPlural(t *testing.T) {
	c := findingCounts(1, 0, 2)
	assert.Equal(t, "1 erreur, 0 avertissement, 2 infos", c.FR)
	assert.Equal(t, "1 error, 0 warnings, 2 infos", c.EN)
	c = findingCounts(2, 1, 1)
	assert.Equal(t, "2 erreurs, 1 avertissement, 1 info", c.FR)
	assert.Equal(t, "2 errors, 1 warning, 1 info", c.EN)
	ic := indicatorCounts(linter.StatusCounts{OK: 1, Missing: 2, Stale: 0, DueSoon: 3, Uncovered: 1, NotApplicable: 2}, true)
	assert.Equal(t, "1 conforme, 2 manquants, 0 périmé, 3 à renouveler, 1 non couvert, 2 non applicables", ic.FR)
	assert.Equal(t, "1 ok, 2 missing, 0 stale, 3 due soon, 1 uncovered, 2 not applicable", ic.EN)
}

func TestMarkdownAndGitHubSayCountsInWords(t *testing.T) {
	for _, l := range []i18n.Lang{i18n.FR, i18n.EN} {
		r := &linter.Report{Lang: l, Summary: linter.Summary{Errors: 1, Warnings: 2, Indicators: linter.StatusCounts{OK: 1, Missing: 1}}}
		var md, gh bytes.Buffer
		require.NoError(t, WriteMarkdown(&md, r))
		require.NoError(t, WriteGitHub(&gh, r))
		for _, out := range []string{md.String(), gh.String()} {
			assert.NotContains(t, out, "(s)")
			assert.Contains(t, out, i18n.T("1 erreur, 2 avertissements, 0 info", "1 error, 2 warnings, 0 infos").In(l))
			assert.Contains(t, out, i18n.T("1 conforme, 1 manquant", "1 ok, 1 missing").In(l))
		}
	}
}
