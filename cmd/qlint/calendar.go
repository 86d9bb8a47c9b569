package main

import (
	"io"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/report"

	"github.com/qlint/qlint/linter"
	"github.com/qlint/qlint/rules"
)

const calendarUsage = `Usage : qlint calendar [DOSSIER] [-o FICHIER.ics] [options]

Écrit le calendrier des échéances du dossier de preuves au format iCalendar,
à importer dans l'agenda habituel (Outlook, Google Agenda, Thunderbird...) :
le jour où chaque preuve à durée limitée expire, le jour où chaque pièce de
session est attendue, la fenêtre de l'audit de surveillance et le
renouvellement, chacun avec un rappel (warn_within de qlint.toml) avant ; et
chaque preuve déjà en retard (périmée ou manquante), un événement le jour
jugé : « en retard depuis le … ».
Importer un fichier plus récent met les événements à jour sans les doubler.

Exemples :
  qlint calendar -o qualiopi.ics
  qlint calendar preuves -o qualiopi.ics --lang en
`

func cmdCalendar(args []string, stdout, stderr io.Writer) (int, error) {
	c, root, err := parseFolderCommand("calendar", calendarUsage, args, stdout, nil)
	if err != nil {
		return exitError, err
	}
	if root, err = evidenceFolder(root); err != nil {
		return exitError, err
	}
	if c.config == "" {
		root = configRoot(root)
	}
	o, err := openOutput(root, c.output, "ics")
	if err != nil {
		return exitError, err
	}
	lang := langOf(c)
	err = writeCalendar(root, c, o.writer(stdout), &lang)
	if ferr := o.finish(err == nil, stderr, lang); err == nil && ferr != nil {
		return exitError, ferr
	}
	if err != nil {
		return exitError, err
	}
	return exitOK, nil
}

// writeCalendar judges root and writes its calendar to w; lang is set to
// the report's language.
func writeCalendar(root string, c common, w io.Writer, l *i18n.Lang) error {
	cfg, cfgPath, lang, err := loadRules(root, c)
	if err != nil {
		return err
	}
	*l = lang
	cache := &linter.HistoryCache{}
	rep, err := judgeWith(root, cfgPath, cfg, c, lang, cache, nil)
	if err != nil {
		return err
	}
	// Each event falls on the grid of its day: with the grid chosen by the
	// day judged (auto), the folder is also judged on every grid to come,
	// whose proofs expire after it comes into force.
	reps := []*linter.Report{rep}
	if cfg.Referential == "" || cfg.Referential == rules.ReferentialAuto {
		for g, ok := rep.Ref().Next(); ok; g, ok = g.Next() {
			next, err := judgeOn(root, cfgPath, cfg, c, lang, cache, nil, g)
			if err != nil {
				return err
			}
			reps = append(reps, next)
		}
	}
	return report.WriteICSAcross(w, reps, currentVersion())
}
