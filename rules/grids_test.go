package rules

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/i18n"
)

func mustGrid(t *testing.T, id string) *Referential {
	t.Helper()
	g, ok := Grid(id)
	require.True(t, ok, id)
	return g
}

func TestGridsShape(t *testing.T) {
	tests := []struct {
		id         string
		indicators int
		from       string
	}{
		{"rnq-v9", 32, "2024-03-08"},
		{"rnq-2026", 33, "2026-11-01"},
	}
	ranges := map[int][2]int{1: {1, 3}, 2: {4, 8}, 3: {9, 16}, 4: {17, 20}, 5: {21, 22}, 6: {23, 29}, 7: {30, 33}}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			g := mustGrid(t, tt.id)
			require.Len(t, g.Criteria, 7)
			require.Len(t, g.Indicators, tt.indicators)
			assert.Equal(t, tt.from, g.InForce.String())
			assert.NotEmpty(t, g.Decree)
			assert.NotEmpty(t, g.Sources)
			for _, ind := range g.Indicators {
				rg := ranges[ind.Criterion]
				assert.True(t, ind.ID >= rg[0] && ind.ID <= rg[1], "indicator %d in criterion %d", ind.ID, ind.Criterion)
				assert.True(t, ind.Title.Complete() && ind.About.Complete(), "indicator %d", ind.ID)
			}
			for n, c := range g.Changes {
				assert.True(t, c.Text.Complete(), "change of %d", n)
			}
		})
	}
}

// TestGrid2026 checks what the 2026 grid changes: indicator 33 is new (CFA,
// criterion 7, not major-only), the major-only, new-entrant and light-audit
// lists do not change, sources disagree on 3 and 13.
func TestGrid2026(t *testing.T) {
	v9, g := mustGrid(t, "rnq-v9"), mustGrid(t, "rnq-2026")
	assert.Equal(t, "rnq-v9", g.Base)
	for _, ind := range v9.Indicators {
		n, _ := g.Indicator(ind.ID)
		assert.Equal(t, ind, n, "indicator %d keeps its number, scope and lists", ind.ID)
	}
	i33, ok := g.Indicator(33)
	require.True(t, ok)
	assert.Equal(t, 7, i33.Criterion)
	assert.Equal(t, []Category{CFA}, i33.Categories)
	assert.Equal(t, NCMinorOrMajor, i33.NC)
	assert.False(t, i33.NewEntrant)
	_, ok = v9.Indicator(33)
	assert.False(t, ok)

	kinds := map[string][]int{}
	for _, n := range []int{1, 2, 3, 7, 12, 13, 14, 15, 19, 20, 27, 30, 31, 32, 33} {
		c, ok := g.Changes[n]
		require.True(t, ok, "change of %d", n)
		kinds[c.Kind] = append(kinds[c.Kind], n)
	}
	assert.Len(t, g.Changes, 15)
	assert.Equal(t, []int{33}, kinds[ChangeNew])
	assert.Equal(t, []int{3, 13, 31}, kinds[ChangeToConfirm])
	assert.Empty(t, v9.Changes)
}

func TestGridForTheDayJudged(t *testing.T) {
	tests := []struct {
		day, setting, want string
	}{
		{"2020-01-01", "auto", "rnq-v9"},
		{"2026-10-31", "auto", "rnq-v9"},
		{"2026-11-01", "auto", "rnq-2026"},
		{"2026-11-01", "", "rnq-2026"},
		{"2027-06-01", "auto", "rnq-2026"},
		{"2026-12-01", "rnq-v9", "rnq-v9"},
		{"2026-10-01", "rnq-2026", "rnq-2026"},
	}
	for _, tt := range tests {
		t.Run(tt.day+" "+tt.setting, func(t *testing.T) {
			d, err := ParseDay(tt.day)
			require.NoError(t, err)
			g, err := Choose(tt.setting, d)
			require.NoError(t, err)
			assert.Equal(t, tt.want, g.Version)
		})
	}
	v9, g := mustGrid(t, "rnq-v9"), mustGrid(t, "rnq-2026")
	assert.True(t, v9.InForceOn(NewDay(2026, 10, 31)))
	assert.False(t, v9.InForceOn(NewDay(2026, 11, 1)))
	assert.True(t, g.InForceOn(NewDay(2026, 11, 1)))
	next, ok := v9.Next()
	assert.True(t, ok)
	assert.Equal(t, g, next)
}

func TestApplicabilityOf33(t *testing.T) {
	g := mustGrid(t, "rnq-2026")
	i33, _ := g.Indicator(33)
	assert.True(t, g.Applies(i33, Organization{Categories: []Category{CFA}}).Applies)
	assert.True(t, g.Applies(i33, Organization{Categories: []Category{AF, CFA}}).Applies)
	for _, c := range []Category{AF, BC, VAE} {
		a := g.Applies(i33, Organization{Categories: []Category{c}, Certifying: true, WorkLinked: true, Subcontracting: true})
		assert.False(t, a.Applies, "%s", c)
		assert.Contains(t, a.Reason.In(i18n.EN), "only for: CFA")
	}
}

// TestPacksCoverTheirGrid: every rule of a grid's pack names indicators of
// that grid, and an organization with every category and condition has no
// indicator left without a rule.
func TestPacksCoverTheirGrid(t *testing.T) {
	all := Organization{Categories: Categories, Certifying: true, Subcontracting: true, WorkLinked: true}
	for _, g := range Grids() {
		t.Run(g.Version, func(t *testing.T) {
			covered := map[int]bool{}
			for _, r := range g.Pack() {
				assert.True(t, r.Builtin)
				for _, n := range r.Indicators {
					_, ok := g.Indicator(n)
					assert.True(t, ok, "rule %s: indicator %d", r.ID, n)
					covered[n] = true
				}
			}
			for _, ind := range g.Indicators {
				if g.Applies(ind, all).Applies {
					assert.True(t, covered[ind.ID], "indicator %d uncovered", ind.ID)
				}
			}
		})
	}
	ids := map[string]bool{}
	for _, r := range mustGrid(t, "rnq-2026").Pack() {
		ids[r.ID] = true
	}
	for _, id := range []string{"methode-calcul-resultats", "prevention-violences", "cfa-procedure-ruptures",
		"cfa-information-mineurs", "referents-pedagogiques", "suivi-distance", "sous-traitant-conformite",
		"analyse-risques-qualite", "cfa-evaluation-enseignements", "cfa-exploitation-evaluations"} {
		assert.True(t, ids[id], "2026 pack has %s", id)
	}
}

// TestIndicatorsCheckedAgainstTheGrid: a rule or a waiver for 33 is read
// with referential = "auto", accepted on the 2026 grid and refused on V9
// with its line, column and a hint naming the 2026 grid.
func TestIndicatorsCheckedAgainstTheGrid(t *testing.T) {
	src := "schema = 1\n[[rule]]\nid = \"eval\"\nindicators = [30, 33]\npaths = [\"cfa/eval/*\"]\n[[waiver]]\nindicator = 33\nreason = \"en cours\"\n"
	c, err := Parse("qlint.toml", []byte(src))
	require.NoError(t, err)
	assert.Nil(t, c.Ref, "auto: bound when the day judged is known")

	b, err := c.Bind(mustGrid(t, "rnq-2026"))
	require.NoError(t, err)
	assert.Equal(t, "rnq-2026", b.Ref.Version)
	assert.Equal(t, []int{30, 33}, b.Rules[0].Indicators)

	_, err = c.Bind(mustGrid(t, "rnq-v9"))
	var list ErrorList
	require.True(t, errors.As(err, &list))
	require.Len(t, list, 2)
	en := list.Localize(i18n.EN)
	assert.Contains(t, en, "qlint.toml:4:19: indicator 33 does not exist in the rnq-v9 referential (indicators 1 to 32)")
	assert.Contains(t, en, "qlint.toml:7:13: indicator 33 does not exist in the rnq-v9 referential")
	assert.Contains(t, en, "belongs to referential rnq-2026 (décret n° 2026-728 du 1er août 2026, audits from 2026-11-01)")
	assert.Contains(t, en, "judge from 2026-11-01 on (--as-of)")
	assert.Contains(t, list.Localize(i18n.FR), "l'indicateur 33 n'existe pas dans le référentiel rnq-v9")

	// Forced in the file: checked at once.
	_, err = Parse("qlint.toml", []byte("schema = 1\nreferential = \"rnq-v9\"\n[[waiver]]\nindicator = 33\nreason = \"x\"\n"))
	require.True(t, errors.As(err, &list))
	assert.Contains(t, list.Localize(i18n.EN), "qlint.toml:4:13: indicator 33 does not exist in the rnq-v9 referential")
	assert.Contains(t, list.Localize(i18n.EN), `write referential = "rnq-2026"`)
	f, err := Parse("qlint.toml", []byte("schema = 1\nreferential = \"rnq-2026\"\n[[waiver]]\nindicator = 33\nreason = \"x\"\n"))
	require.NoError(t, err)
	assert.Equal(t, "rnq-2026", f.Ref.Version)
}

// TestPackMergedPerGrid: the 2026 pack adds its rules; a rule disabled by an
// id of the 2026 pack only is accepted on both grids.
func TestPackMergedPerGrid(t *testing.T) {
	c, err := Parse("qlint.toml", []byte("schema = 1\nextends = \"qualiopi\"\ndisable = [\"suivi-distance\"]\n"))
	require.NoError(t, err)
	v9, err := c.Bind(mustGrid(t, "rnq-v9"))
	require.NoError(t, err)
	g, err := c.Bind(mustGrid(t, "rnq-2026"))
	require.NoError(t, err)
	ids := func(c *Config) map[string][]int {
		out := map[string][]int{}
		for _, r := range c.Rules {
			out[r.ID] = r.Indicators
		}
		return out
	}
	a, b := ids(v9), ids(g)
	assert.NotContains(t, a, "analyse-risques-qualite")
	assert.Contains(t, b, "analyse-risques-qualite")
	assert.NotContains(t, b, "suivi-distance", "disabled")
	assert.Equal(t, []int{16}, a["convention-certificateur"])
	assert.Equal(t, []int{7, 16}, b["convention-certificateur"], "the 2026 pack replaces the rule")
	assert.Len(t, v9.Rules, len(mustGrid(t, "rnq-v9").Pack()))
}
