package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strconv"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/linter"
	"github.com/qlint/qlint/rules"
)

const explainUsage = `Usage : qlint explain N [DOSSIER] [options]

Explique l'indicateur N (1 à 32) du référentiel Qualiopi : ce qu'il demande,
s'il s'applique à l'organisme et pourquoi, les règles qui le vérifient
(intégrées ou de qlint.toml, rythme officiel ou pratique courante), les
fichiers trouvés avec leurs dates, et ce qu'il reste à faire. Sans
qlint.toml, seul le référentiel est décrit.

Exemples :
  qlint explain 23
  qlint explain 11 preuves --lang en
  qlint explain 21 --as-of next-audit
`

func cmdExplain(args []string, stdout, stderr io.Writer) (int, error) {
	if len(args) == 0 || args[0] == "" {
		return exitError, usageError("quel indicateur ? qlint explain N, avec N de 1 à 32", "which indicator? qlint explain N, with N from 1 to 32",
			"par exemple : qlint explain 23", "for example: qlint explain 23")
	}
	// N comes first; flags and the folder may follow in any order.
	var nArg string
	if args[0][0] != '-' {
		nArg, args = args[0], args[1:]
	}
	c, dir, err := parseFolderCommand("explain", explainUsage, args, stdout, nil)
	if err != nil {
		return exitError, err
	}
	if nArg == "" {
		nArg, dir = dir, ""
	}
	n, convErr := strconv.Atoi(nArg)
	if _, known := rules.Builtin().Indicator(n); convErr != nil || !known {
		return exitError, usageError(
			fmt.Sprintf("indicateur %q inconnu : le référentiel va de 1 à %d", nArg, len(rules.Builtin().Indicators)),
			fmt.Sprintf("unknown indicator %q: the référentiel runs from 1 to %d", nArg, len(rules.Builtin().Indicators)),
			"par exemple : qlint explain 23", "for example: qlint explain 23")
	}
	if c.format != "text" {
		return exitError, usageError("qlint explain n'écrit que du texte", "qlint explain writes text only",
			"pour les données, utilisez qlint -f json", "for data, use qlint -f json")
	}
	if dir == "" {
		dir = "."
	}
	lang := i18n.FR
	if c.lang != "" {
		lang, _ = i18n.Parse(c.lang)
	}
	cfgPath := c.config
	if cfgPath == "" {
		cfgPath = filepath.Join(dir, "qlint.toml")
	}
	cfg, err := rules.Load(cfgPath)
	if errors.Is(err, fs.ErrNotExist) {
		return exitOK, linter.WriteExplain(stdout, n, nil, nil, lang)
	}
	if err != nil {
		return exitError, err
	}
	if c.lang == "" && cfg.Lang != "" {
		lang = cfg.Lang
	}
	rep, err := judge(dir, cfgPath, cfg, c, lang)
	if err != nil {
		return exitError, err
	}
	return exitOK, linter.WriteExplain(stdout, n, rep, cfg, lang)
}
