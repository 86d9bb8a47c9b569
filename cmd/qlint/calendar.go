package main

import (
	"bytes"
	"io"

	"github.com/qlint/qlint/linter"
)

const calendarUsage = `Usage : qlint calendar [DOSSIER] [-o FICHIER.ics] [options]

Écrit le calendrier des échéances du dossier de preuves au format iCalendar,
à importer dans l'agenda habituel (Outlook, Google Agenda, Thunderbird...) :
le jour où chaque preuve à durée limitée expire, le jour où chaque pièce de
session est attendue, la fenêtre de l'audit de surveillance et le
renouvellement, chacun avec un rappel (warn_within de qlint.toml) avant.
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
	var target *outputTarget
	if c.output != "" {
		if target, err = checkOutput(root, c.output); err != nil {
			return exitError, err
		}
	}
	cfg, cfgPath, lang, err := loadRules(root, c)
	if err != nil {
		return exitError, err
	}
	rep, err := judge(root, cfgPath, cfg, c, lang)
	if err != nil {
		return exitError, err
	}
	if target == nil {
		return exitOK, linter.WriteICS(stdout, rep, currentVersion())
	}
	var buf bytes.Buffer
	if err := linter.WriteICS(&buf, rep, currentVersion()); err != nil {
		return exitError, err
	}
	if err := target.write(c.output, buf.Bytes()); err != nil {
		return exitError, err
	}
	return exitOK, nil
}
