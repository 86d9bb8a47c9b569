package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/linter"
	"github.com/qlint/qlint/rules"
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
	if root == "" {
		root = "."
	}
	cfgPath := c.config
	if cfgPath == "" {
		cfgPath = filepath.Join(root, "qlint.toml")
	}
	cfg, err := rules.Load(cfgPath)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return exitError, usageError(fmt.Sprintf("pas de fichier de règles %s", cfgPath), fmt.Sprintf("no rules file %s", cfgPath),
				"qlint init en crée un", "qlint init makes one")
		}
		return exitError, err
	}
	lang := i18n.FR
	if cfg.Lang != "" {
		lang = cfg.Lang
	}
	if c.lang != "" {
		lang, _ = i18n.Parse(c.lang)
	}
	rep, err := judge(root, cfgPath, cfg, c, lang)
	if err != nil {
		return exitError, err
	}
	out := stdout
	if c.output != "" {
		f, err := os.Create(c.output)
		if err != nil {
			return exitError, usageError("impossible d'écrire "+c.output+" : "+err.Error(), "cannot write "+c.output+": "+err.Error(),
				"vérifiez le chemin de --output", "check the --output path")
		}
		defer f.Close()
		out = f
	}
	if err := linter.WriteICS(out, rep, currentVersion()); err != nil {
		return exitError, err
	}
	return exitOK, nil
}
