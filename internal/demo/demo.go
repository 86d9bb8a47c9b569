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

	"github.com/qlint/qlint/internal/gitbuild"
)

// event is one commit of the story.
type event struct {
	when   time.Time
	msg    string
	change func(gitbuild.Tree) gitbuild.Tree
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
	r, err := gitbuild.Init(dir)
	if err != nil {
		return 0, err
	}
	day := func(monthsAgo, daysAgo int) time.Time {
		t := today.AddDate(0, -monthsAgo, -daysAgo)
		return gitbuild.Day(t.Year(), t.Month(), t.Day())
	}
	pdf := func(what string, when time.Time) string {
		return fmt.Sprintf("%%PDF-1.4 (démo)\n%s\n%s\n", what, when.Format(time.DateOnly))
	}
	var events []event
	add := func(when time.Time, msg string, change func(gitbuild.Tree) gitbuild.Tree) {
		events = append(events, event{when, msg, change})
	}
	set := func(kv ...string) func(gitbuild.Tree) gitbuild.Tree {
		return func(t gitbuild.Tree) gitbuild.Tree { return t.With(kv...) }
	}

	start := day(24, 0)
	add(start, "Mise en place du dossier de preuves Qualiopi", func(gitbuild.Tree) gitbuild.Tree {
		return gitbuild.Tree{
			"qlint.toml":                              Config(day(13, 0)),
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
	// The reorganization: the watch folder joins criterion 6. Dates follow
	// the move; notes written after it go to the new folder.
	reorg := day(8, 10)
	add(reorg, "Réorganisation : la veille rejoint 06-environnement", func(t gitbuild.Tree) gitbuild.Tree {
		return t.Move("veille", "06-environnement/veille")
	})
	watch := func(kind string, d time.Time) func(gitbuild.Tree) gitbuild.Tree {
		folder := "veille/"
		if d.After(reorg) {
			folder = "06-environnement/veille/"
		}
		return set(folder+kind+"/"+d.Format("2006-01")+".md", "# Veille "+kind+" "+d.Format("2006-01")+"\nSource → analyse → action → responsable\n")
	}
	// Monthly legal watch, until five months ago: now stale (3 months).
	for m := 23; m >= 5; m-- {
		d := day(m, 3)
		add(d, "Veille légale "+d.Format("2006-01"), watch("legale", d))
	}
	// Jobs watch every four months; the last one expires within the month.
	for _, d := range []time.Time{day(20, 0), day(16, 0), day(12, 0), day(9, 0), day(5, 12)} {
		add(d, "Veille métiers", watch("metiers", d))
	}
	for _, d := range []time.Time{day(18, 0), day(11, 0), day(2, 0)} {
		add(d, "Veille pédagogique", watch("pedagogique", d))
	}
	// The yearly review of living documents; the accessibility register was
	// forgotten.
	review := day(10, 5)
	add(review, "Revue annuelle des documents", set(
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

	// Living documents.
	add(day(3, 0), "Catalogue mis à jour", set("01-information-public/catalogue.pdf", pdf("Catalogue", day(3, 0)),
		"01-information-public/programmes/excel-initiation.pdf", pdf("Programme Excel", day(3, 0))))
	add(day(6, 0), "CV Marie Durand actualisé", set("05-competences/intervenants/marie-durand/cv.pdf", pdf("CV Marie Durand", day(6, 0))))
	add(day(7, 0), "Réunion pédagogique", set("04-moyens/reunions/"+day(7, 0).Format(time.DateOnly)+"-cr-reunion.md", "# Compte rendu\n"))
	add(day(10, 0), "Supports de cours revus", set("04-moyens/ressources/excel/support.pdf", pdf("Support Excel", day(10, 0))))
	add(day(4, 0), "Plan d'amélioration", set("07-amelioration/plan-amelioration.xlsx", "plan"))
	add(day(9, 0), "Plan de développement des compétences", set("05-competences/plan-developpement-competences-"+day(9, 0).Format("2006")+".xlsx", "plan"))
	add(day(11, 15), "Retours des financeurs", set("07-amelioration/financeurs/retours-opco.pdf", pdf("Retours OPCO", day(11, 15))))
	add(day(13, 0), "Synthèse satisfaction annuelle", set("07-amelioration/satisfaction/synthese.pdf", pdf("Synthèse", day(13, 0))))
	add(day(14, 0), "Évaluation du sous-traitant", set("06-environnement/sous-traitance/atelier-numerique/evaluation.pdf", pdf("Évaluation", day(14, 0))))
	add(day(1, 0), "Registre des réclamations : trimestre sans réclamation", set("07-amelioration/reclamations/registre.md", "# Registre des réclamations\n\nNéant ce trimestre.\n"))
	add(day(0, 20), "Inventaire", set("04-moyens/inventaire.xlsx", "inventaire v2"))
	add(day(2, 0), "Documents à classer", set("scan0001.pdf", "scan", "brouillons/idees.txt", "ignoré"))

	// Sessions: complete dossiers in the past, one with gaps, one to come.
	sessions := []struct {
		monthsAgo, daysAgo int
		name               string
		gaps               []string
	}{
		{22, 0, "acme_excel-initiation", nil},
		{18, 0, "mairie_bureautique", nil},
		{14, 0, "clinique_word", nil},
		{10, 0, "acme_excel-perfectionnement", nil},
		{6, 0, "cabinet_powerpoint", nil},
		{2, 0, "transports_excel-initiation", []string{"satisfaction-froid"}},
		{0, 20, "mairie_tableaux-croises", []string{"emargement", "evaluation", "attestation", "satisfaction-froid"}},
		{0, -12, "clinique_excel-initiation", []string{"positionnement", "suivi", "emargement", "evaluation", "attestation", "satisfaction-chaud", "satisfaction-froid"}},
	}
	for _, s := range sessions {
		first := day(s.monthsAgo, s.daysAgo)
		last := first.AddDate(0, 0, 1)
		folder := "sessions/" + first.Format(time.DateOnly) + "_" + s.name + "/"
		skip := map[string]bool{}
		for _, g := range s.gaps {
			skip[g] = true
		}
		docs := []struct {
			name   string
			offset int // days from the first day
		}{
			{"convention.pdf", -20}, {"analyse-besoin.pdf", -15}, {"convocation.pdf", -10}, {"positionnement.pdf", -5},
			{"emargement.pdf", 1}, {"evaluation.pdf", 1}, {"suivi.md", 1}, {"satisfaction-chaud.pdf", 2},
			{"attestation.pdf", 4}, {"satisfaction-froid.pdf", 70},
		}
		for _, doc := range docs {
			base := doc.name[:len(doc.name)-len(extOf(doc.name))]
			if skip[base] {
				continue
			}
			when := first.AddDate(0, 0, doc.offset)
			if when.After(today.AddDate(0, 0, -1)) {
				continue // not written yet
			}
			content := pdf(base+" "+s.name, when)
			if doc.name == "suivi.md" {
				content = "# Suivi individuel\n"
			}
			add(when, "Session "+s.name+" : "+base, set(folder+doc.name, content))
		}
		add(first.AddDate(0, 0, -25), "Session "+s.name+" : ouverture du dossier",
			set(folder+"session.toml", fmt.Sprintf("start = %s\nend = %s\nclient = %q\n", first.Format(time.DateOnly), last.Format(time.DateOnly), s.name)))
	}

	sort.SliceStable(events, func(i, j int) bool { return events[i].when.Before(events[j].when) })
	tree := gitbuild.Tree{}
	var parents []plumbing.Hash
	for _, e := range events {
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
	return len(events), r.Checkout()
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
