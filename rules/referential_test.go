package rules

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReferentialShape(t *testing.T) {
	r := Builtin()
	assert.Equal(t, "rnq-v9", r.Version)
	require.Len(t, r.Criteria, 7)
	require.Len(t, r.Indicators, 32)
	ranges := map[int][2]int{1: {1, 3}, 2: {4, 8}, 3: {9, 16}, 4: {17, 20}, 5: {21, 22}, 6: {23, 29}, 7: {30, 32}}
	for _, ind := range r.Indicators {
		rg := ranges[ind.Criterion]
		assert.True(t, ind.ID >= rg[0] && ind.ID <= rg[1], "indicator %d in criterion %d", ind.ID, ind.Criterion)
		assert.True(t, ind.Title.Complete(), "indicator %d title", ind.ID)
		assert.True(t, ind.About.Complete(), "indicator %d about", ind.ID)
		assert.True(t, ind.Note.IsZero() || ind.Note.Complete(), "indicator %d note", ind.ID)
	}
	for _, c := range r.Criteria {
		assert.True(t, c.Title.Complete(), "criterion %d", c.ID)
	}
	for _, c := range Categories {
		assert.True(t, r.CategoryName(c).Complete(), "category %s", c)
	}
}

func TestReferentialLists(t *testing.T) {
	r := Builtin()
	var major, newEntrant, light []int
	for _, ind := range r.Indicators {
		if ind.NC == NCMajor {
			major = append(major, ind.ID)
		}
		if ind.NewEntrant {
			newEntrant = append(newEntrant, ind.ID)
		}
		if ind.LightAudit {
			light = append(light, ind.ID)
		}
	}
	assert.Equal(t, []int{4, 5, 6, 7, 10, 11, 14, 15, 16, 20, 21, 22, 26, 27, 29, 31, 32}, major)
	assert.Equal(t, []int{2, 3, 11, 13, 14, 19, 22, 24, 25, 26, 32}, newEntrant)
	assert.Equal(t, []int{1, 2, 3, 7, 8, 11, 12, 13, 14, 15, 16, 20, 22, 24, 25, 26, 28, 29, 32}, light)
}

// TestApplicableCounts checks the number of indicators per profile against
// the counts consultants publish (AF 23, AF + alternance 25, AF certifying
// 26, VAE 24, BC 22, CFA 32), counting indicator 27 as they do.
func TestApplicableCounts(t *testing.T) {
	tests := []struct {
		name string
		org  Organization
		want int
	}{
		{"AF", Organization{Categories: []Category{AF}, Subcontracting: true}, 23},
		{"AF work-linked", Organization{Categories: []Category{AF}, Subcontracting: true, WorkLinked: true}, 25},
		{"AF certifying", Organization{Categories: []Category{AF}, Subcontracting: true, Certifying: true}, 26},
		{"VAE", Organization{Categories: []Category{VAE}, Subcontracting: true, Certifying: true}, 24},
		{"BC", Organization{Categories: []Category{BC}, Subcontracting: true}, 22},
		{"CFA", Organization{Categories: []Category{CFA}, Subcontracting: true}, 32},
		{"AF without subcontracting", Organization{Categories: []Category{AF}}, 22},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := 0
			for _, ind := range Builtin().Indicators {
				a := Builtin().Applies(ind, tt.org)
				assert.True(t, a.Reason.Complete())
				if a.Applies {
					n++
				}
			}
			assert.Equal(t, tt.want, n)
		})
	}
}

func TestPackCoversEveryIndicator(t *testing.T) {
	covered := map[int]bool{}
	for _, r := range Pack() {
		assert.True(t, r.Builtin)
		assert.NotEmpty(t, r.Title, r.ID)
		for _, n := range r.Indicators {
			covered[n] = true
		}
	}
	for _, ind := range Builtin().Indicators {
		assert.True(t, covered[ind.ID], "indicator %d has no built-in rule", ind.ID)
	}
}

func TestPackMarks(t *testing.T) {
	byID := map[string]*Rule{}
	for _, r := range Pack() {
		byID[r.ID] = r
		assert.Contains(t, []string{BasisOfficial, BasisPractice}, r.Basis, r.ID)
		assert.Contains(t, []string{ProvesProcedure, ProvesImplementation}, r.Proves, r.ID)
	}
	assert.Equal(t, BasisOfficial, byID["retours-financeurs"].Basis)
	assert.Equal(t, BasisPractice, byID["veille-legale"].Basis)
	assert.Equal(t, ProvesImplementation, byID["veille-metiers"].Proves)
	assert.Equal(t, ProvesProcedure, byID["plan-developpement-competences"].Proves)
	// Session proofs carry deadlines from the session's dates.
	for id, due := range map[string]string{
		"session-convention": "start", "session-emargement": "end", "session-evaluation": "end",
		"session-attestation": "end+7d", "session-satisfaction-froid": "end+90d",
	} {
		require.NotNil(t, byID[id].Due, id)
		assert.Equal(t, due, byID[id].Due.String(), id)
		assert.Equal(t, "sessions/*", byID[id].Each, id)
	}
	assert.Equal(t, "05-competences/intervenants/*", byID["intervenant-cv"].Each)
	assert.Equal(t, "06-environnement/sous-traitance/*", byID["sous-traitant-contrat"].Each)
}

func TestUserRulesCannotUsePackMarks(t *testing.T) {
	_, err := Parse("qlint.toml", []byte("schema = 1\n[[rule]]\nid = \"a\"\nindicators = [1]\npaths = [\"a\"]\nbasis = \"official\"\n"))
	assert.ErrorContains(t, err, `clé inconnue « basis »`)
}
