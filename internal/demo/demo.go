// Package demo writes a sample evidence repository: a small training
// organization with about two years of git history in the default French
// layout, sessions with their dossiers, watch notes, trainers' CVs, a
// reorganization that moved a folder, and a few proofs missing or stale on
// purpose. Dates are counted back from a reference day, so the sample shows
// the same picture whenever it is made.
package demo

import (
	"fmt"
	"sort"
	"time"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/qlint/qlint/internal/gitwrite"
)

// event is one commit of the story.
type event struct {
	when   time.Time
	msg    string
	change func(gitwrite.Tree) gitwrite.Tree
}

// Config is the qlint.toml the sample carries.
func Config(initialAudit time.Time) string {
	return fmt.Sprintf(`# Règles qlint de l'organisme de démonstration.
schema = 1
extends = "qualiopi"   # le pack de règles intégré, pour l'arborescence par défaut
lang = "fr"

[organization]
name = "Formations Exemple (démo)"
categories = ["AF"]     # actions de formation
certifying = false
subcontracting = true   # une partie des sessions est confiée à un sous-traitant
work_linked = false

[audit]
initial = %s

[defaults]
warn_within = "30d"

[ignore]
paths = ["brouillons/**"]
`, initialAudit.Format(time.DateOnly))
}

// Create writes the sample repository into dir (which must be empty or
// absent), with history ending shortly before the day today, and checks it
// out. It returns the number of commits.
func Create(dir string, today time.Time) (int, error) {
	r, err := gitwrite.Init(dir)
	if err != nil {
		return 0, err
	}
	s := &story{today: today}
	s.setUp()
	s.watchNotes()
	s.yearlyReview()
	s.livingDocuments()
	s.sessions()
	return s.commit(r)
}

// story is the sample's history: its commits, told in any order and dated
// back from today.
type story struct {
	today  time.Time
	events []event
}

// day is the day monthsAgo months and daysAgo days before today.
func (s *story) day(monthsAgo, daysAgo int) time.Time {
	t := s.today.AddDate(0, -monthsAgo, -daysAgo)
	return gitwrite.Day(t.Year(), t.Month(), t.Day())
}

// add tells one commit of the story.
func (s *story) add(when time.Time, msg string, change func(gitwrite.Tree) gitwrite.Tree) {
	s.events = append(s.events, event{when, msg, change})
}

// pdf is the content of a sample PDF proof: what it is and its date.
func pdf(what string, when time.Time) string {
	return fmt.Sprintf("%%PDF-1.4 (démo)\n%s\n%s\n", what, when.Format(time.DateOnly))
}

// set is a change that writes the files kv names (path, content, ...).
func set(kv ...string) func(gitwrite.Tree) gitwrite.Tree {
	return func(t gitwrite.Tree) gitwrite.Tree { return t.With(kv...) }
}

// setUp is the first commit: the rules, the procedures and a first proof
// for most criteria.
func (s *story) setUp() {
	start := s.day(24, 0)
	s.add(start, "Mise en place du dossier de preuves Qualiopi", func(gitwrite.Tree) gitwrite.Tree {
		return gitwrite.Tree{
			"qlint.toml":                              Config(s.day(13, 0)),
			"README.md":                               "# Dossier de preuves Qualiopi\n\nUn dossier par critère, un dossier par session.\n",
			"00-organisme/organigramme.pdf":           pdf("Organigramme", start),
			"01-information-public/cgv.pdf":           pdf("CGV", start),
			"01-information-public/accessibilite.pdf": pdf("Accessibilité", start),
			"02-conception/analyse-besoin/procedure-analyse-besoin.pdf":     pdf("Procédure d'analyse du besoin", start),
			"02-conception/grilles-competences/bureautique.xlsx":            "grille",
			"02-conception/deroules/excel-initiation.docx":                  "déroulé",
			"02-conception/positionnement/test-excel.pdf":                   pdf("Test de positionnement", start),
			"03-accompagnement/livret-accueil.pdf":                          pdf("Livret d'accueil", start),
			"03-accompagnement/reglement-interieur.pdf":                     pdf("Règlement intérieur", start),
			"03-accompagnement/procedure-abandons.pdf":                      pdf("Procédure abandons", start),
			"04-moyens/locaux/bail-salle-lyon.pdf":                          pdf("Bail", start),
			"04-moyens/registre-accessibilite.pdf":                          pdf("Registre public d'accessibilité", start),
			"04-moyens/inventaire.xlsx":                                     "inventaire v1",
			"05-competences/intervenants/paul-martin/cv.pdf":                pdf("CV Paul Martin", start),
			"05-competences/intervenants/marie-durand/cv.pdf":               pdf("CV Marie Durand", start),
			"06-environnement/handicap/reseau-partenaires.pdf":              pdf("Agefiph, Cap emploi, MDPH", start),
			"06-environnement/handicap/referent-handicap.pdf":               pdf("Désignation du référent handicap", start),
			"06-environnement/sous-traitance/atelier-numerique/contrat.pdf": pdf("Contrat de sous-traitance", start),
			"07-amelioration/procedure-reclamations.pdf":                    pdf("Procédure réclamations", start),
			"07-amelioration/reclamations/registre.md":                      "# Registre des réclamations\n\nNéant.\n",
			"veille/legale/" + start.Format("2006-01") + ".md":              "# Veille légale\n",
			"veille/metiers/" + start.Format("2006-01") + ".md":             "# Veille métiers\n",
			"veille/pedagogique/" + start.Format("2006-01") + ".md":         "# Veille pédagogique\n",
		}
	})
}

// watchNotes is the watch: legal, jobs and teaching notes, and the
// reorganization that moved their folder.
func (s *story) watchNotes() {
	// The reorganization: the watch folder joins criterion 6. Dates follow
	// the move; notes written after it go to the new folder.
	reorg := s.day(8, 10)
	s.add(reorg, "Réorganisation : la veille rejoint 06-environnement", func(t gitwrite.Tree) gitwrite.Tree {
		return t.Move("veille", "06-environnement/veille")
	})
	watch := func(kind string, d time.Time) func(gitwrite.Tree) gitwrite.Tree {
		folder := "veille/"
		if d.After(reorg) {
			folder = "06-environnement/veille/"
		}
		return set(folder+kind+"/"+d.Format("2006-01")+".md", "# Veille "+kind+" "+d.Format("2006-01")+"\nSource → analyse → action → responsable\n")
	}
	// Monthly legal watch, until five months ago: now stale (3 months).
	for m := 23; m >= 5; m-- {
		d := s.day(m, 3)
		s.add(d, "Veille légale "+d.Format("2006-01"), watch("legale", d))
	}
	// Jobs watch every four months; the last one expires within the month.
	for _, d := range []time.Time{s.day(20, 0), s.day(16, 0), s.day(12, 0), s.day(9, 0), s.day(5, 12)} {
		s.add(d, "Veille métiers", watch("metiers", d))
	}
	for _, d := range []time.Time{s.day(18, 0), s.day(11, 0), s.day(2, 0)} {
		s.add(d, "Veille pédagogique", watch("pedagogique", d))
	}
}

// yearlyReview is the yearly review of the living documents; the
// accessibility register was forgotten.
func (s *story) yearlyReview() {
	review := s.day(10, 5)
	s.add(review, "Revue annuelle des documents", set(
		"00-organisme/organigramme.pdf", pdf("Organigramme", review),
		"01-information-public/cgv.pdf", pdf("CGV", review),
		"01-information-public/accessibilite.pdf", pdf("Accessibilité", review),
		"02-conception/analyse-besoin/procedure-analyse-besoin.pdf", pdf("Procédure d'analyse du besoin", review),
		"02-conception/deroules/excel-initiation.docx", "déroulé v2",
		"02-conception/positionnement/test-excel.pdf", pdf("Test de positionnement", review),
		"03-accompagnement/livret-accueil.pdf", pdf("Livret d'accueil", review),
		"03-accompagnement/reglement-interieur.pdf", pdf("Règlement intérieur", review),
		"03-accompagnement/procedure-abandons.pdf", pdf("Procédure abandons", review),
		"06-environnement/handicap/reseau-partenaires.pdf", pdf("Agefiph, Cap emploi, MDPH", review),
		"07-amelioration/procedure-reclamations.pdf", pdf("Procédure réclamations", review),
	))
}

// livingDocuments are the proofs written as the year goes.
func (s *story) livingDocuments() {
	s.add(s.day(3, 0), "Catalogue mis à jour", set("01-information-public/catalogue.pdf", pdf("Catalogue", s.day(3, 0)),
		"01-information-public/programmes/excel-initiation.pdf", pdf("Programme Excel", s.day(3, 0))))
	s.add(s.day(6, 0), "CV Marie Durand actualisé", set("05-competences/intervenants/marie-durand/cv.pdf", pdf("CV Marie Durand", s.day(6, 0))))
	s.add(s.day(7, 0), "Réunion pédagogique", set("04-moyens/reunions/"+s.day(7, 0).Format(time.DateOnly)+"-cr-reunion.md", "# Compte rendu\n"))
	s.add(s.day(10, 0), "Supports de cours revus", set("04-moyens/ressources/excel/support.pdf", pdf("Support Excel", s.day(10, 0))))
	s.add(s.day(4, 0), "Plan d'amélioration", set("07-amelioration/plan-amelioration.xlsx", "plan"))
	s.add(s.day(9, 0), "Plan de développement des compétences", set("05-competences/plan-developpement-competences-"+s.day(9, 0).Format("2006")+".xlsx", "plan"))
	s.add(s.day(11, 15), "Retours des financeurs", set("07-amelioration/financeurs/retours-opco.pdf", pdf("Retours OPCO", s.day(11, 15))))
	s.add(s.day(13, 0), "Synthèse satisfaction annuelle", set("07-amelioration/satisfaction/synthese.pdf", pdf("Synthèse", s.day(13, 0))))
	s.add(s.day(14, 0), "Évaluation du sous-traitant", set("06-environnement/sous-traitance/atelier-numerique/evaluation.pdf", pdf("Évaluation", s.day(14, 0))))
	s.add(s.day(1, 0), "Registre des réclamations : trimestre sans réclamation", set("07-amelioration/reclamations/registre.md", "# Registre des réclamations\n\nNéant ce trimestre.\n"))
	s.add(s.day(0, 20), "Inventaire", set("04-moyens/inventaire.xlsx", "inventaire v2"))
	s.add(s.day(2, 0), "Documents à classer", set("scan0001.pdf", "scan", "brouillons/idees.txt", "ignoré"))
}

// sampleSession is a training session of the sample: its first day,
// counted back from today, its client and course, and the proofs of its
// dossier that are missing on purpose.
type sampleSession struct {
	monthsAgo, daysAgo int
	name               string
	gaps               []string
}

// sampleSessions are complete dossiers in the past, one with gaps, one to
// come.
var sampleSessions = []sampleSession{
	{22, 0, "acme_excel-initiation", nil},
	{18, 0, "mairie_bureautique", nil},
	{14, 0, "clinique_word", nil},
	{10, 0, "acme_excel-perfectionnement", nil},
	{6, 0, "cabinet_powerpoint", nil},
	{2, 0, "transports_excel-initiation", []string{"satisfaction-froid"}},
	{0, 20, "mairie_tableaux-croises", []string{"emargement", "evaluation", "attestation", "satisfaction-froid"}},
	{0, -12, "clinique_excel-initiation", []string{"positionnement", "suivi", "emargement", "evaluation", "attestation", "satisfaction-chaud", "satisfaction-froid"}},
}

// sessionDocs are the proofs of a session's dossier, dated from its first
// day.
var sessionDocs = []struct {
	name   string
	offset int // days from the first day
}{
	{"convention.pdf", -20}, {"analyse-besoin.pdf", -15}, {"convocation.pdf", -10}, {"positionnement.pdf", -5},
	{"emargement.pdf", 1}, {"evaluation.pdf", 1}, {"suivi.md", 1}, {"satisfaction-chaud.pdf", 2},
	{"attestation.pdf", 4}, {"satisfaction-froid.pdf", 70},
}

// sessions are the training sessions and their dossiers.
func (s *story) sessions() {
	for _, ss := range sampleSessions {
		s.session(ss)
	}
}

// session files one session's dossier, proof by proof, as the days go; a
// proof dated after yesterday is not written yet.
func (s *story) session(ss sampleSession) {
	first := s.day(ss.monthsAgo, ss.daysAgo)
	last := first.AddDate(0, 0, 1)
	folder := "sessions/" + first.Format(time.DateOnly) + "_" + ss.name + "/"
	skip := map[string]bool{}
	for _, g := range ss.gaps {
		skip[g] = true
	}
	for _, doc := range sessionDocs {
		base := doc.name[:len(doc.name)-len(extOf(doc.name))]
		if skip[base] {
			continue
		}
		when := first.AddDate(0, 0, doc.offset)
		if when.After(s.today.AddDate(0, 0, -1)) {
			continue // not written yet
		}
		content := pdf(base+" "+ss.name, when)
		if doc.name == "suivi.md" {
			content = "# Suivi individuel\n"
		}
		s.add(when, "Session "+ss.name+" : "+base, set(folder+doc.name, content))
	}
	s.add(first.AddDate(0, 0, -25), "Session "+ss.name+" : ouverture du dossier",
		set(folder+"session.toml", fmt.Sprintf("start = %s\nend = %s\nclient = %q\n", first.Format(time.DateOnly), last.Format(time.DateOnly), ss.name)))
}

// commit writes the story into r in the order of its dates, checks out
// the last commit and returns the number of commits.
func (s *story) commit(r *gitwrite.Repo) (int, error) {
	sort.SliceStable(s.events, func(i, j int) bool { return s.events[i].when.Before(s.events[j].when) })
	tree := gitwrite.Tree{}
	var parents []plumbing.Hash
	for _, e := range s.events {
		tree = e.change(tree)
		h, err := r.Commit(tree, e.msg, e.when, parents...)
		if err != nil {
			return 0, err
		}
		parents = []plumbing.Hash{h}
	}
	if err := r.SetHead(parents[0]); err != nil {
		return 0, err
	}
	return len(s.events), r.Checkout(tree)
}

// extOf returns the extension of a file name, with its dot.
func extOf(name string) string {
	for i := len(name) - 1; i >= 0; i-- {
		if name[i] == '.' {
			return name[i:]
		}
	}
	return ""
}
