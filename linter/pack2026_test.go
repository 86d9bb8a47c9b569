package linter

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
)

// TestPack2026FindsNaturalNames: the 2026 pack's proofs are found under
// the names people give them, directly in the folder or in a subfolder of
// their own, and the note on how the evaluations were used is not taken as
// an evaluation.
func TestPack2026FindsNaturalNames(t *testing.T) {
	tests := []struct{ path, rule string }{
		{"01-information-public/Méthode de calcul des indicateurs.pdf", "methode-calcul-resultats"},
		{"01-information-public/indicateurs/methode-calcul-2026.pdf", "methode-calcul-resultats"},
		{"01-information-public/Méthode de calcul/taux.pdf", "methode-calcul-resultats"},
		{"02-conception/certifications/CAP cuisine/Convention avec le certificateur.pdf", "convention-certificateur"},
		{"02-conception/certifications/bts/habilitation-2026.pdf", "convention-certificateur"},
		{"06-environnement/sous-traitance/dupont/verification-conformite.pdf", "sous-traitant-conformite"},
		{"06-environnement/sous-traitance/dupont/Contrat/Clause de conformité.pdf", "sous-traitant-conformite"},
		{"07-amelioration/Analyse des risques 2026.pdf", "analyse-risques-qualite"},
		{"07-amelioration/Analyse des risques/2026.pdf", "analyse-risques-qualite"},
		{"07-amelioration/qualite/analyse-risques.xlsx", "analyse-risques-qualite"},
		{"cfa/evaluation-enseignements/Note d'exploitation des évaluations.docx", "cfa-exploitation-evaluations"},
		{"cfa/evaluation-enseignements/2026/Exploitation/note.docx", "cfa-exploitation-evaluations"},
		{"cfa/evaluation-enseignements/BTS 2025-2026/questionnaire.pdf", "cfa-evaluation-enseignements"},
		{"01-information-public/Calculs des taux 2025.xlsx", "methode-calcul-resultats"},
		{"07-amelioration/RISQUES.pdf", "analyse-risques-qualite"},
		{"02-conception/certifications/Organismes_certificateurs/liste.pdf", "convention-certificateur"},
		// Key words inside other words are no proof.
		{"01-information-public/Calculatrice.pdf", ""},
		{"01-information-public/recalculer-les-prix.pdf", ""},
		{"01-information-public/Calculette/mode-emploi.pdf", ""},
		{"07-amelioration/Astérisque.pdf", ""},
		{"02-conception/certifications/bts/précertificateur.pdf", ""},
		{"02-conception/certifications/bts/réhabilitation.pdf", ""},
		{"06-environnement/sous-traitance/dupont/inconformité.pdf", ""},
		{"cfa/evaluation-enseignements/surexploitation.pdf", "cfa-evaluation-enseignements"},
	}
	cfg := "extends = \"qualiopi\"\n[organization]\ncategories = [\"CFA\", \"AF\"]\ncertifying = true\nsubcontracting = true\n"
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			rep := judgeAuto(t, fstest.MapFS{tt.path: file("2026-11-10")}, cfg, "2026-11-22")
			var found []string
			for id, ms := range rep.Matches {
				for _, m := range ms {
					if m.Path == tt.path {
						found = append(found, id)
					}
				}
			}
			if tt.rule == "" {
				assert.Empty(t, found, "no rule may take %s", tt.path)
				return
			}
			assert.Equal(t, []string{tt.rule}, found, "the rules that take %s", tt.path)
		})
	}
}
