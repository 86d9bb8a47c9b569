package linter

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"golang.org/x/text/unicode/norm"
)

func TestKeyWords(t *testing.T) {
	for _, tt := range []struct {
		pattern, title string
		want           [][]string
	}{
		{"07-amelioration/{,*[!a-z]}procedure*reclamation*", "Procédure de traitement des réclamations", [][]string{{"procédure", "réclamation"}}},
		{"07-amelioration/{,*[!a-z]}procedure*reclamation*", norm.NFD.String("Procédure de réclamation"), [][]string{{"procédure", "réclamation"}}},
		{"**/{,*[!a-z]}taux*{obtention,reussite}*", "Taux d'obtention et débouchés par certification", [][]string{{"taux", "obtention"}, {"taux", "reussite"}}},
		{"**/{,*[!a-z]}{satisfaction,evaluation}*chaud*", "Évaluation à chaud", [][]string{{"satisfaction", "chaud"}, {"évaluation", "chaud"}}},
		{"01-information-public/**/{,*[!a-z]}calcul{,s}{,[!a-z]*}{,/**}", "Méthode de calcul", [][]string{{"calcul"}}},
		{"**/{,*[!a-z]}emargement*{,/**}", "", [][]string{{"emargement"}}},
		{"**/{,*[!a-z]}emargement*{,/**}", "Feuilles d'émargement", [][]string{{"émargement"}}},
		{"**/{,*[!a-z]}analyse*besoin*", "Analyse du besoin", [][]string{{"analyse", "besoin"}}},
		{"veille/**", "", [][]string{{"veille"}}},
		{"*.{pdf,docx}", "", nil},
	} {
		assert.Equal(t, tt.want, keyWords(tt.pattern, tt.title), tt.pattern)
	}
}

// The rename hint names every key word, with its accents: a name that
// already holds "taux" is told it also needs "obtention" or "réussite".
func TestNearMissNamesTheFullKeyWords(t *testing.T) {
	cfg := `
[[rule]]
id = "reclamations"
indicators = [31]
title = "Procédure de traitement des réclamations"
paths = ["07-amelioration/{,*[!a-z]}procedure*reclamation*"]

[[rule]]
id = "taux"
indicators = [11]
title = "Taux d'obtention ou de réussite"
each = "certifications/*"
paths = ["**/{,*[!a-z]}taux*{obtention,reussite}*"]
`
	rep := judgeTree(t, fstest.MapFS{
		"07-amelioration/Gestion des plaintes.pdf":    file("2026-10-01"),
		"certifications/rs6198/Taux satisfaction.pdf": file("2026-10-01"),
	}, cfg, "2026-11-22")
	msgs, fr := map[string]string{}, map[string]string{}
	for _, f := range rep.Findings {
		if f.Kind == KindMissing {
			msgs[f.Rule], fr[f.Rule] = f.Message, f.text.FR
		}
	}
	assert.Contains(t, msgs["reclamations"], `rename it so that its name holds "procédure" and "réclamation", or`)
	assert.Contains(t, msgs["taux"], `rename it so that its name holds "taux" and "obtention", or "taux" and "réussite", or`)

	assert.Contains(t, fr["reclamations"], "renommez-le pour que son nom contienne « procédure » et « réclamation », ou")
	assert.Contains(t, fr["taux"], "renommez-le pour que son nom contienne « taux » et « obtention », ou « taux » et « réussite », ou")
	assert.NotContains(t, fr["taux"], "contienne « taux », ou")
}

// A rule that takes a whole folder ("DIR/**"): a file lying beside that
// folder is a proof once moved into it, never by a new name (renaming it
// "légale" where it lies would change nothing).
func TestNearMissOfAWholeFolderSaysWhereToMoveIt(t *testing.T) {
	cfg := `
[[rule]]
id = "veille-legale"
indicators = [23]
title = "Veille légale et réglementaire"
paths = ["06-environnement/veille/legale/**"]
`
	rep := judgeTree(t, fstest.MapFS{
		"06-environnement/veille/Note de veille réglementaire décembre.docx": file("2026-10-01"),
	}, cfg, "2026-11-22")
	var en, fr string
	for _, f := range rep.Findings {
		if f.Kind == KindMissing {
			en, fr = f.Message, f.text.FR
		}
	}
	assert.Contains(t, fr, "« Note de veille réglementaire décembre.docx »")
	assert.Contains(t, fr, "rangez-le dans le dossier « 06-environnement/veille/legale », ou")
	assert.NotContains(t, fr, "renommez-le")
	assert.Contains(t, en, `move it into the folder "06-environnement/veille/legale", or`)
}

// TestNearMissNamesAFileWhereItFits: a stray file whose name tells which
// missing proof it may be is named under that one only, not under every
// proof missing from its folder; a name that tells nothing is named under
// each.
func TestNearMissNamesAFileWhereItFits(t *testing.T) {
	cfg := `
[[rule]]
id = "locaux"
indicators = [17]
title = "Locaux : bail, convention de mise à disposition"
paths = ["04-moyens/locaux/**"]

[[rule]]
id = "ressources"
indicators = [17]
title = "Ressources pédagogiques"
paths = ["04-moyens/ressources/**"]

[[rule]]
id = "reunions"
indicators = [17]
title = "Comptes rendus de réunions pédagogiques"
paths = ["04-moyens/reunions/**"]
`
	rep := judgeTree(t, fstest.MapFS{
		"04-moyens/Plan des locaux.pdf": file("2026-10-01"),
		"04-moyens/scan0001.pdf":        file("2026-10-01"),
	}, cfg, "2026-11-22")
	named := map[string][]string{}
	for _, f := range rep.Findings {
		if f.Kind != KindMissing {
			continue
		}
		for _, name := range []string{"Plan des locaux.pdf", "scan0001.pdf"} {
			if strings.Contains(f.text.FR, "« "+name+" »") {
				named[name] = append(named[name], f.Rule)
			}
		}
	}
	assert.Equal(t, []string{"locaux"}, named["Plan des locaux.pdf"])
	assert.ElementsMatch(t, []string{"locaux", "ressources", "reunions"}, named["scan0001.pdf"])
}

// TestNearMissOfALiteralRuleNamesItsFolderAsWritten: her spelling of a
// folder is the same to a folded rule, not to a literal one: the message
// names the folder the literal rule reads.
func TestNearMissOfALiteralRuleNamesItsFolderAsWritten(t *testing.T) {
	for match, want := range map[string]string{
		"literal": "« dossier-qualite/plans »",
		"":        "« Dossier Qualite/Plans »",
	} {
		cfg := `
[[rule]]
id = "plans"
indicators = [32]
title = "Plans d'action"
paths = ["dossier-qualite/plans/**"]
`
		if match != "" {
			cfg += "match = \"" + match + "\"\n"
		}
		rep := judgeTree(t, fstest.MapFS{
			"Dossier Qualite/Plans/Notes/plan.pdf": file("2026-10-01"),
			"Dossier Qualite/autre.pdf":            file("2026-10-01"),
		}, cfg, "2026-11-22")
		found := false
		for _, f := range rep.Findings {
			if f.Kind == KindMissing && f.Rule == "plans" && strings.Contains(f.text.FR, "dans le dossier « ") {
				found = true
				// Two suspects: « rangez-les ».
				assert.Contains(t, f.text.FR, "rangez-les dans le dossier "+want, "match %q", match)
				assert.Contains(t, f.text.FR, "ajoutez leur nom aux motifs (paths)", "match %q", match)
			}
		}
		if match == "literal" {
			assert.True(t, found, "the literal rule's finding names its folder")
		}
	}
}

// TestNearMissPointsToHerFileElsewhere: a missing proof whose folder holds
// nothing like it points to the file elsewhere whose name tells it (her own
// Réclamations folder), and to nothing that only shares a common word.
func TestNearMissPointsToHerFileElsewhere(t *testing.T) {
	cfg := `
[[rule]]
id = "registre"
indicators = [31]
title = "Registre des réclamations"
paths = ["07-amelioration/reclamations/**"]

[[rule]]
id = "catalogue"
indicators = [1]
title = "Catalogue des formations"
paths = ["01-information-public/*catalogue*"]
`
	rep := judgeTree(t, fstest.MapFS{
		"Réclamations/registre.xlsx":    file("2026-10-01"),
		"Catalogue 2026.pdf":            file("2026-10-01"),
		"scan0001.pdf":                  file("2026-10-01"),
		"Formation Excel/formation.pdf": file("2026-10-01"),
	}, cfg, "2026-11-22")
	texts := map[string]string{}
	for _, f := range rep.Findings {
		if f.Kind == KindMissing {
			texts[f.Rule] = f.text.FR
		}
	}
	assert.Contains(t, texts["registre"], "Ailleurs, aucune règle ne prend « Réclamations/registre.xlsx » : si c'est cette preuve, rangez-le dans le dossier « 07-amelioration/reclamations »")
	assert.Contains(t, texts["catalogue"], "« Catalogue 2026.pdf »")
	assert.Contains(t, texts["catalogue"], "rangez-le dans le dossier « 01-information-public »")
	for _, text := range texts {
		assert.NotContains(t, text, "scan0001.pdf")
		assert.NotContains(t, text, "Formation Excel", "a common word tells no proof")
	}
}

// TestStaleProofPointsToANewerFileElsewhere: a stale proof whose newer
// version lies elsewhere, bound to no rule, points to it; an older file
// elsewhere is not offered. A complaints register goes to the register,
// not to the procedure ("reclamation" and "reclamations" count once).
func TestStaleProofPointsToANewerFileElsewhere(t *testing.T) {
	cfg := `
[[rule]]
id = "veille-legale"
indicators = [23]
title = "Veille légale et réglementaire"
paths = ["06-environnement/veille/legale/**"]
max_age = "3mo"

[[rule]]
id = "veille-pedagogique"
indicators = [25]
title = "Veille pédagogique et technologique"
paths = ["06-environnement/veille/pedagogique/**"]

[[rule]]
id = "procedure-reclamations"
indicators = [31]
title = "Procédure de traitement des réclamations"
paths = ["07-amelioration/{,*[!a-z]}procedure*reclamation*"]

[[rule]]
id = "registre-reclamations"
indicators = [31]
title = "Registre des réclamations et incidents"
paths = ["07-amelioration/reclamations/**"]
`
	rep := judgeTree(t, fstest.MapFS{
		"06-environnement/veille/legale/veille-mars-2024.docx": file("2024-03-15"),
		"Veille/Veille légale - novembre 2026.docx":            file("2026-11-02"),
		"Veille/Veille légale - janvier 2024.docx":             file("2024-01-10"),
		"Amélioration/Réclamations/Registre réclamations.xlsx": file("2026-10-01"),
	}, cfg, "2026-11-22")
	texts := map[string]string{}
	for _, f := range rep.Findings {
		if f.Kind == KindMissing || f.Kind == KindStale {
			texts[f.Rule] = f.text.FR
		}
	}
	assert.Contains(t, texts["veille-legale"], "Ailleurs, aucune règle ne prend « Veille/Veille légale - novembre 2026.docx », plus récent : si c'est sa nouvelle version, rangez-le dans le dossier « 06-environnement/veille/legale »")
	assert.NotContains(t, texts["veille-legale"], "janvier 2024", "an older file is no new version")
	assert.NotContains(t, texts["veille-pedagogique"], "Veille légale - novembre", "it fits the legal watch better")
	assert.Contains(t, texts["registre-reclamations"], "« Amélioration/Réclamations/Registre réclamations.xlsx »")
	assert.NotContains(t, texts["procedure-reclamations"], "Registre réclamations.xlsx")
}
