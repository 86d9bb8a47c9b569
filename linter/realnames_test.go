package linter

import (
	"io/fs"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/qlint/qlint/internal/ruletest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/unicode/norm"
)

func TestFoldCaseAccentsSeparators(t *testing.T) {
	for in, want := range map[string]string{
		"Évaluation des acquis.pdf":            "evaluation-des-acquis.pdf",
		norm.NFD.String("Évaluation.pdf"):      "evaluation.pdf",
		"émargements/Jour 1.pdf":               "emargements/jour-1.pdf",
		norm.NFD.String("émargements/j.pdf"):   "emargements/j.pdf",
		"Analyse du besoin - client Leroy.pdf": "analyse-du-besoin-client-leroy.pdf",
		"analyse__besoin.pdf":                  "analyse-besoin.pdf",
		"Feuille d’émargement.pdf":             "feuille-d'emargement.pdf",
		"CV_Marie-Durand.PDF":                  "cv-marie-durand.pdf",
		"plain/already-folded.md":              "plain/already-folded.md",
		"Réunion\u00a0pédagogique – mars.docx": "reunion-pedagogique-mars.docx",
	} {
		assert.Equal(t, want, fold(in), in)
	}
}

// packRules lists, for every file, the built-in rules that took it.
func packMatches(rep *Report) map[string][]string {
	out := map[string][]string{}
	for id, ms := range rep.Matches {
		for _, m := range ms {
			out[m.Path] = append(out[m.Path], id)
		}
	}
	for _, ids := range out {
		sort.Strings(ids)
	}
	return out
}

const packProfile = ruletest.PackProfile

// The built-in pack on names as people write them, in both Unicode forms:
// the key word anywhere in a name, on word boundaries, never inside another
// word.
func TestPackMatchesNaturalFrenchNames(t *testing.T) {
	s := "sessions/2026-03-12_leroy_excel/"
	names := map[string]string{ // file → the rule that must take it ("" none)
		s + "Feuille d'émargement - session du 12 mars.pdf":                         "session-emargement",
		s + norm.NFD.String("Émargements/Jour 2.pdf"):                               "session-emargement",
		s + "Analyse du besoin - client Leroy.pdf":                                  "session-analyse-besoin",
		s + norm.NFD.String("Évaluation des acquis.pdf"):                            "session-evaluation",
		s + "Convention signée Leroy.pdf":                                           "session-convention",
		s + "Administratif/Contrat de formation.pdf":                                "session-convocation-not",
		s + "Questionnaire de satisfaction à chaud.pdf":                             "session-satisfaction-chaud",
		s + "Évaluation à froid.xlsx":                                               "session-satisfaction-froid",
		s + "Attestations de fin de formation.pdf":                                  "session-attestation",
		s + "Test de positionnement.docx":                                           "session-positionnement",
		s + "Convocations.pdf":                                                      "session-convocation",
		s + "Rémargement.pdf":                                                       "",
		"05-competences/intervenants/marie-durand/CV Marie Durand.pdf":              "intervenant-cv",
		"05-competences/intervenants/marie-durand/cvae-2025.pdf":                    "",
		"05-competences/intervenants/paul/Mon_CV_2024.docx":                         "intervenant-cv",
		"01-information-public/Catalogue 2026.pdf":                                  "catalogue",
		"01-information-public/CGV.pdf":                                             "cgv",
		"01-information-public/CGVente-brouillon.pdf":                               "",
		"01-information-public/Conditions générales de vente.pdf":                   "cgv",
		"01-information-public/Conditions d'accès handicap.pdf":                     "",
		"01-information-public/Accessibilité aux personnes handicapées.pdf":         "accessibilite",
		"07-amelioration/Plan d'amélioration 2026.xlsx":                             "plan-amelioration",
		"07-amelioration/Procédure de réclamations.pdf":                             "procedure-reclamations",
		"03-accompagnement/Règlement intérieur.pdf":                                 "reglement-interieur",
		"03-accompagnement/Livret d'accueil stagiaires.pdf":                         "livret-accueil",
		"00-organisme/Organigramme fonctionnel.pdf":                                 "organigramme",
		"alternance/apprentis/lea-martin/Visite entreprise mai.pdf":                 "visites-alternance",
		"alternance/apprentis/lea-martin/Livret d'apprentissage.pdf":                "livrets-alternance",
		"01-information-public/certifications/rncp-35185/Taux de réussite 2025.pdf": "taux-obtention",
	}
	names[s+"Administratif/Contrat de formation.pdf"] = "session-convention"
	fsys := fstest.MapFS{}
	for n := range names {
		fsys[n] = file("2026-11-01")
	}
	rep := judgeTree(t, fsys, packProfile, "2026-11-22")
	got := packMatches(rep)
	for n, want := range names {
		key := n
		if want == "" {
			assert.Empty(t, got[key], "%s must match no rule", n)
			continue
		}
		assert.Contains(t, got[key], want, "%s", n)
	}
}

// Names that a short key word must not take.
func TestPackWordBoundaries(t *testing.T) {
	for pattern, cases := range map[string]map[string]bool{
		"**/{,*[!a-z]}cv{,[!a-z]*}": {"cv.pdf": true, "CV Marie.pdf": true, "mon-cv.pdf": true, "cv2024.pdf": true,
			"cvae.pdf": false, "acv.pdf": false, "recv.txt": false, "dossier/CV.pdf": true},
		"**/{,*[!a-z]}emargement*{,/**}": {"emargements/j1.pdf": true, "Feuille d'émargement.pdf": true,
			"remargement.pdf": false, "x/Émargement/y/z.pdf": true},
		"**/{,*[!a-z]}examen*{,/**}": {"PV examen.pdf": true, "réexamen.pdf": false, "Examens/convocation.pdf": true},
	} {
		m := newMatcher(pattern)
		for name, want := range cases {
			assert.Equal(t, want, m.match(fold(name)), "%s ~ %s", pattern, name)
		}
	}
}

// A folder with only the README that qlint init writes has no proof, whatever
// the pattern.
func TestReadmeIsNeverAProof(t *testing.T) {
	cfg := `
[[rule]]
id = "veille"
indicators = [23]
paths = ["veille/**"]

[[rule]]
id = "tout"
indicators = [24]
paths = ["**/README.md", "**/LISEZMOI.md", "**/session.toml"]
`
	rep := judgeTree(t, fstest.MapFS{
		"veille/README.md":                   file("2026-11-01"),
		"metiers/LISEZMOI.md":                file("2026-11-01"),
		"sessions/2026-01-01_x/session.toml": &fstest.MapFile{Data: []byte("start = 2026-01-01")},
		"sessions/2026-01-01_x/Readme.md":    file("2026-11-01"),
	}, cfg, "2026-11-22")
	assert.ElementsMatch(t, []string{"missing tout **/README.md", "missing veille veille/**"}, kinds(rep))
	assert.Empty(t, rep.Matches["veille"])
}

// Literal matching stays available: match = "literal".
func TestLiteralMatch(t *testing.T) {
	cfg := `
[[rule]]
id = "veille"
indicators = [23]
paths = ["Veille/Note_*.md"]
match = "literal"
`
	rep := judgeTree(t, fstest.MapFS{"veille/note-1.md": file("2026-11-01"), "Veille/note_2.md": file("2026-11-01")}, cfg, "2026-11-22")
	assert.Equal(t, []string{"missing veille Veille/Note_*.md"}, kinds(rep))
	rep = judgeTree(t, fstest.MapFS{"Veille/Note_2.md": file("2026-11-01")}, cfg, "2026-11-22")
	assert.Empty(t, kinds(rep))
}

const sessionRule = `
[[rule]]
id = "emargement"
indicators = [11]
each = "sessions/*"
paths = ["**/emargement*"]
due = "end"
`

// Sessions grouped by year and by client are judged one by one; the
// grouping folders and the empty folders are not items.
func TestEachFindsItemsAtAnyDepth(t *testing.T) {
	rep := judgeTree(t, fstest.MapFS{
		"sessions/README.md":                                file("2026-01-01"),
		"sessions/2024/2024-03-12_leroy/emargement.pdf":     file("2024-03-12"),
		"sessions/2024/2024-05-02_durand/convention.pdf":    file("2024-05-02"),
		"sessions/2024/bilan-annuel.pdf":                    file("2024-12-01"),
		"sessions/Leroy/2025/2025-01-10_excel/notes.txt":    file("2025-01-10"),
		"sessions/Dupont SA/formation word/emargement.pdf":  file("2025-01-10"),
		"sessions/Dupont SA/formation word/emargements.pdf": file("2025-01-10"),
		"sessions/vide/README.md":                           file("2025-01-10"),
		"sessions/ancien/sous/dossier":                      &fstest.MapFile{Mode: fs.ModeDir | 0o755},
		"sessions/2026-12-01_a-venir/session.toml":          &fstest.MapFile{Data: []byte("start = 2026-12-01")},
		"sessions/2024-03-12_leroy":                         &fstest.MapFile{Mode: fs.ModeDir | 0o755}, // left behind by a move
		"sessions/2023/2023-01-01_x":                        &fstest.MapFile{Mode: fs.ModeDir | 0o755},
	}, sessionRule, "2026-11-22")
	assert.Equal(t, []string{
		"missing emargement sessions/2024/2024-05-02_durand",
		"missing emargement sessions/Leroy/2025/2025-01-10_excel",
		"pending emargement sessions/2026-12-01_a-venir",
	}, kinds(rep))
	var dirs []string
	for _, m := range rep.Matches["emargement"] {
		dirs = append(dirs, m.Dir)
	}
	assert.Equal(t, []string{"sessions/2024/2024-03-12_leroy", "sessions/Dupont SA", "sessions/Dupont SA"}, dirs,
		"an undated folder with proofs is an item")
}

// A missing proof names the files of its folder that no rule took.
func TestNearMissNamesTheSuspects(t *testing.T) {
	rep := judgeTree(t, fstest.MapFS{
		"sessions/2026-03-12_leroy/Feuille de présence.pdf": file("2026-03-12"),
		"sessions/2026-03-12_leroy/sous/scan 001.pdf":       file("2026-03-12"),
	}, sessionRule, "2026-11-22")
	var msg string
	for _, f := range rep.Findings {
		if f.Kind == KindMissing {
			msg = f.Message
		}
	}
	assert.Contains(t, msg, `"Feuille de présence.pdf", "sous/scan 001.pdf"`)
	assert.Contains(t, msg, `rename it so that its name holds "emargement"`)
	assert.Contains(t, msg, `add its name to the paths of rule "emargement"`)
}

// Exam proofs only for the sessions whose session.toml names a
// certification; company visits per apprentice; success rate per
// certification.
func TestPerItemRules(t *testing.T) {
	fsys := fstest.MapFS{
		"sessions/2026-01-12_excel/session.toml":                            &fstest.MapFile{Data: []byte("start = 2026-01-12\n")},
		"sessions/2026-01-12_excel/emargement.pdf":                          file("2026-01-12"),
		"sessions/2026-02-12_tosa/session.toml":                             &fstest.MapFile{Data: []byte("start = 2026-02-12\ncertification = \"RS6198\"\n")},
		"sessions/2026-03-12_cap/session.toml":                              &fstest.MapFile{Data: []byte("start = 2026-03-12\ncertification = \"RNCP35185\"\n")},
		"sessions/2026-03-12_cap/Examen/PV jury.pdf":                        file("2026-04-01"),
		"alternance/apprentis/lea/Visite entreprise.pdf":                    file("2026-10-01"),
		"alternance/apprentis/tom/Livret.pdf":                               file("2026-10-01"),
		"01-information-public/certifications/rs6198/Taux de réussite.pdf":  file("2026-10-01"),
		"01-information-public/certifications/rncp35185/Tableau croisé.pdf": file("2026-10-01"),
	}
	rep := judgeTree(t, fsys, packProfile, "2026-11-22")
	var got []string
	for _, f := range rep.Findings {
		switch f.Rule {
		case "session-examen", "visites-alternance", "taux-obtention":
			got = append(got, string(f.Kind)+" "+f.Rule+" "+f.Path)
		}
	}
	sort.Strings(got)
	assert.Equal(t, []string{
		"missing session-examen sessions/2026-02-12_tosa",
		"missing taux-obtention 01-information-public/certifications/rncp35185",
		"missing visites-alternance alternance/apprentis/tom",
	}, got)
	for _, f := range rep.Findings {
		require.False(t, f.Rule == "session-examen" && strings.Contains(f.Path, "excel"), "a session without certification needs no exam proof")
	}
}

// A folder dated day first, the French way, is dated that day; never month
// first; an impossible date is no date (issue 17, item 7).
func TestDateAtStartDayFirst(t *testing.T) {
	cases := []struct{ name, want string }{
		{"25-11-2026 Formation Word Martin", "2026-11-25"},
		{"25.11.2026 Formation Word", "2026-11-25"},
		{"25_11_2026_acme", "2026-11-25"},
		{"3-2-2026 Excel", "2026-02-03"},
		{"03-02-2026", "2026-02-03"},
		{"2025-03-12_acme", "2025-03-12"},
		{"11-25-2026 month first", ""},
		{"31-02-2026 no such day", ""},
		{"25-11.2026 two separators", ""},
		{"25-11-26 two-digit year", ""},
		{"25-11-20260", ""},
		{"Formation 25-11-2026", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, ok := dateAtStart(c.name)
			assert.Equal(t, c.want != "", ok)
			if ok {
				assert.Equal(t, c.want, d.String())
			}
		})
	}
}

// A name that starts like a date qlint cannot read gets a hint that says
// how to write it; a real date, or no date, gets none.
func TestDateHint(t *testing.T) {
	cases := []struct{ name, fr, en string }{
		{"11-25-2026 Formation", "écrivez 2026-11-25 au début du nom", "write 2026-11-25 at the start"},
		{"25-11-26 Formation", "« 25-11-26 »", "write 2026-11-25 at the start"},
		{"31.02.2026 Formation", "comme 2026-11-25 (année-mois-jour)", "as 2026-11-25 (year-month-day)"},
		{"2026-13-01 Formation", "« 2026-13-01 » n'est pas reconnue", `"2026-13-01" is not understood`},
		{"25-11-2026 Formation", "", ""},
		{"2025-03-12_acme", "", ""},
		{"3 2 1 partez", "", ""},
		{"Formation Excel", "", ""},
		{"2026-03 Excel avancé", "« 2026-03 », un mois sans jour : écrivez le premier jour de la session au début du nom (par exemple 2026-03-12)", `"2026-03", a month without its day`},
		{"2026_3", "« 2026_3 », un mois sans jour", "(for example 2026-03-12)"},
		{"2026-03-excel", "« 2026-03 », un mois sans jour", "start = 2026-03-12"},
		{"2026-13 Excel", "", ""},
		{"2026 03 15 Excel", "« 2026 03 15 » n'est pas reconnue", "is not understood"},
		{"2026 Excel", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := dateHint(c.name)
			if c.fr == "" {
				assert.True(t, h.IsZero())
				return
			}
			assert.Contains(t, h.FR, c.fr)
			assert.Contains(t, h.EN, c.en)
		})
	}
}

// dateAtStart reads a year-first name as leadingDate describes it.
func TestDateAtStartAgreesWithItsPattern(t *testing.T) {
	for _, name := range []string{"2025-03-12_acme", "20250312-acme", "2025-0312", "202503-12x", "2025-03-12", "2025-03-123",
		"2025-13-01_x", "2025-02-30", "1899-01-01", "2025-3-12", "2025_03_12", "20250312", "202503121", "2024"} {
		m := leadingDate.FindStringSubmatch(name)
		want := m != nil
		var wantDay string
		if want {
			d, ok := validDay(m[1], m[2], m[3])
			want = ok
			wantDay = d.String()
		}
		d, ok := dateAtStart(name)
		assert.Equal(t, want, ok, name)
		if ok {
			assert.Equal(t, wantDay, d.String(), name)
		}
	}
}

// Folders that match each but are all empty are said to be empty, not absent.
func TestEachWithOnlyEmptyFolders(t *testing.T) {
	rep := judgeTree(t, fstest.MapFS{
		"sessions/README.md":      file("2026-01-01"),
		"sessions/2026-01-12_x":   &fstest.MapFile{Mode: fs.ModeDir | 0o755},
		"sessions/vide/README.md": file("2026-01-01"),
	}, sessionRule, "2026-11-22")
	require.Equal(t, []string{"missing emargement sessions/*"}, kinds(rep))
	for _, f := range rep.Findings {
		if f.Kind == KindMissing {
			assert.Contains(t, f.Message, "2 folders match sessions/*, but all are empty")
		}
	}
}

func TestMustHold(t *testing.T) {
	for p, want := range map[string]string{
		"**/{,*[!a-z]}emargement*{,/**}":                      "emargement",
		"**/{,*[!a-z]}{satisfaction,evaluation}*chaud*":       "chaud",
		"**/{,*[!a-z]}cv{,[!a-z]*}":                           "cv",
		"{,*[!a-z]}conditions*{generales,vente,inscription}*": "conditions",
		"veille/**":      "veille",
		"**/emargement*": "emargement",
		"a/**/b.pdf":     "b.pdf",
		"*.{pdf,docx}":   ".",
		"a\\*b":          "",
		"[a-z]x":         "x",
	} {
		assert.Equal(t, want, mustHold(p), p)
	}
}

// TestUndatedSessionSaysWhy: a session folder with no date anywhere has its
// proofs asked for at once; the first finding says why, and how to date it.
func TestUndatedSessionSaysWhy(t *testing.T) {
	rep := judgeTree(t, fstest.MapFS{
		"sessions/Formation PowerPoint - Cabinet Z (oct 2026)/convention.pdf": file("2026-10-01"),
		"sessions/2026-10-12 Excel/convention.pdf":                            file("2026-10-12"),
	}, sessionRule, "2026-11-22")
	said := map[string]string{}
	for _, f := range rep.Findings {
		if f.Kind == KindMissing {
			said[f.Path] = f.text.FR
		}
	}
	assert.Contains(t, said["sessions/Formation PowerPoint - Cabinet Z (oct 2026)"],
		"Le dossier « Formation PowerPoint - Cabinet Z (oct 2026) » ne dit pas quand la session a lieu")
	assert.Contains(t, said["sessions/Formation PowerPoint - Cabinet Z (oct 2026)"], "« 2026-03-12 Formation PowerPoint - Cabinet Z (oct 2026) »")
	assert.NotContains(t, said["sessions/2026-10-12 Excel"], "ne dit pas quand", "a dated session")
}

// TestProofOutsideItemFoldersSaysItIsNotChecked: a trainer's CV kept in
// her own Formateurs folder, outside the folders of the rule's items, is
// not checked; its unmapped finding says what it looks like and where it
// goes, so that the indicator's « conforme » is not read as covering it.
func TestProofOutsideItemFoldersSaysItIsNotChecked(t *testing.T) {
	cfg := `
[[rule]]
id = "intervenant-cv"
indicators = [21]
title = "CV à jour de chaque intervenant"
each = "05-competences/intervenants/*"
paths = ["**/{,*[!a-z]}cv{,[!a-z]*}"]
max_age = "2y"
`
	rep := judgeTree(t, fstest.MapFS{
		"05-competences/intervenants/claire-petit/CV Claire Petit.pdf": file("2026-10-01"),
		"Formateurs/Jean Dupont/CV Jean Dupont 2024.pdf":               file("2024-03-15"),
		"notes.txt": file("2026-10-01"),
	}, cfg, "2026-11-22")
	said := map[string]string{}
	for _, f := range rep.Findings {
		if f.Kind == KindUnmapped {
			said[f.Path] = f.text.FR
		}
	}
	assert.Equal(t, "Formateurs/Jean Dupont/CV Jean Dupont 2024.pdf ressemble à « CV à jour de chaque intervenant » (indicateur 21), mais n'est dans aucun dossier d'élément de 05-competences/intervenants : il n'est pas vérifié. Rangez-le dans le dossier de l'élément qu'il concerne, dans 05-competences/intervenants.",
		said["Formateurs/Jean Dupont/CV Jean Dupont 2024.pdf"])
	assert.NotContains(t, said["notes.txt"], "ressemble à")
}
