package linter

import (
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
)

// findingsUnder lists the kind, rule and path of the findings on items
// under prefix.
func findingsUnder(rep *Report, prefix string) []string {
	var out []string
	for _, f := range rep.Findings {
		if f.Rule != "" && strings.HasPrefix(f.Path, prefix) {
			out = append(out, string(f.Kind)+" "+f.Rule+" "+f.Path)
		}
	}
	sort.Strings(out)
	return out
}

// The ten proofs of a session, named as people name them.
var fullSession = []string{
	"Feuille d'émargement.pdf", "Analyse du besoin.pdf", "Évaluation des acquis.pdf", "Convention signée.pdf",
	"Questionnaire de satisfaction à chaud.pdf", "Évaluation à froid.xlsx", "Attestations de fin de formation.pdf",
	"Test de positionnement.docx", "Convocations.pdf", "Suivi individuel.pdf",
}

// Undated sessions kept in a year folder, apprentices in a promotion
// folder, trainings in a client folder: each subfolder is an item, and the
// proofs of one never hide the missing proofs of another.
func TestGroupingFoldersAreNotItems(t *testing.T) {
	fsys := fstest.MapFS{
		"sessions/2023/Dupont word/Convocation Dupont.pdf":                  file("2023-05-01"),
		"sessions/Client Martin/excel/Convocation.pdf":                      file("2023-05-01"),
		"sessions/Client Martin/word/Convocation.pdf":                       file("2023-05-01"),
		"alternance/apprentis/Promo 2026/Léa Roux/Visite entreprise.pdf":    file("2026-10-01"),
		"alternance/apprentis/Promo 2026/Léa Roux/Livret.pdf":               file("2026-10-01"),
		"alternance/apprentis/Promo 2026/Hugo Blanc/Livret.pdf":             file("2026-10-01"),
		"alternance/apprentis/Année 2024-2025/Zoé/Visite entreprise.pdf":    file("2026-10-01"),
		"alternance/apprentis/Année 2024-2025/Tom Petit/Livret.pdf":         file("2026-10-01"),
		"alternance/apprentis/Année 2024-2025/Tom Petit/Bilan à 3 mois.pdf": file("2026-10-01"),
	}
	for _, n := range fullSession {
		fsys["sessions/2023/Leroy excel/"+n] = file("2023-03-12")
		fsys["sessions/Client Martin/excel/"+n] = file("2023-03-12")
	}
	rep := judgeTree(t, fsys, packProfile, "2026-11-22")
	assert.Empty(t, findingsUnder(rep, "sessions/2023/Leroy excel"), "a full session")
	assert.Empty(t, findingsUnder(rep, "sessions/Client Martin/excel"), "a full session")
	assert.Contains(t, findingsUnder(rep, "sessions/2023/Dupont word"), "missing session-emargement sessions/2023/Dupont word")
	assert.Contains(t, findingsUnder(rep, "sessions/Client Martin/word"), "missing session-emargement sessions/Client Martin/word")
	assert.Empty(t, findingsUnder(rep, "sessions/2023 "), "the year folder is no item")
	assert.Equal(t, []string{"missing visites-alternance alternance/apprentis/Promo 2026/Hugo Blanc"},
		findingsUnder(rep, "alternance/apprentis/Promo 2026"))
	assert.Contains(t, findingsUnder(rep, "alternance/apprentis/Année 2024-2025"),
		"missing livrets-alternance alternance/apprentis/Année 2024-2025/Zoé")
}

// A session kept in thematic subfolders stays one item, and so does a
// trainer whose documents are sorted in subfolders.
func TestThematicSubfoldersStayOneItem(t *testing.T) {
	s := "sessions/Formation Excel Leroy/"
	fsys := fstest.MapFS{
		s + "Émargements/Jour 1.pdf":                file("2026-03-12"),
		s + "Émargements/Jour 2.pdf":                file("2026-03-13"),
		s + "Évaluations/Évaluation des acquis.pdf": file("2026-03-13"),
		s + "Administratif/Convention signée.pdf":   file("2026-03-01"),
		s + "Administratif/Convocations.pdf":        file("2026-03-01"),
		s + "Pédagogie/Support de cours.pdf":        file("2026-03-01"),
		"sessions/Formation Word/Convocations.pdf":  file("2026-03-01"),
		"sessions/Formation Word/Support/cours.pdf": file("2026-03-01"),
	}
	rep := judgeTree(t, fsys, packProfile, "2026-11-22")
	for _, f := range findingsUnder(rep, s) {
		assert.True(t, strings.HasSuffix(f, "sessions/Formation Excel Leroy"), "one item: %s", f)
	}
	assert.NotContains(t, findingsUnder(rep, s), "missing session-emargement sessions/Formation Excel Leroy")
	assert.Contains(t, findingsUnder(rep, "sessions/Formation Word"), "missing session-emargement sessions/Formation Word")
}

func TestPeriodName(t *testing.T) {
	for name, want := range map[string]bool{
		"2023": true, "2023-2024": true, "promo-2026": true, "annee-2024": true, "sessions-2025": true,
		"2023-24": true, "promotion-2025-2026": true, "annee-scolaire-2024-2025": true,
		"leroy-excel": false, "excel-2024": false, "promo": false, "24": false, "client-2023": false, "12345": false,
	} {
		assert.Equal(t, want, periodName(name), name)
	}
}
