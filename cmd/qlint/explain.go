package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strconv"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/linter"
	"github.com/qlint/qlint/report"
	"github.com/qlint/qlint/rules"
)

const explainUsage = `Usage : qlint explain N [DOSSIER] [options]
        qlint explain --changes [DOSSIER] [options]

Explique l'indicateur N du référentiel Qualiopi (1 à 32 sur la grille V9,
1 à 33 sur la grille 2026) : ce qu'il demande, ce que la grille 2026 y
ajoute, s'il s'applique à l'organisme et pourquoi, les règles qui le
vérifient (intégrées ou de qlint.toml, rythme officiel ou pratique
courante), les fichiers trouvés avec leurs dates, et ce qu'il reste à faire.
La grille est celle du jour jugé (--as-of, par défaut aujourd'hui), ou celle
que fixe referential dans qlint.toml. Jugé avant le 1er novembre 2026,
explain 33 dit que l'indicateur est nouveau et l'explique sur la grille 2026.
Sans qlint.toml, seul le référentiel est décrit.

--changes montre le passage à la grille 2026 d'un coup d'œil : indicateur
par indicateur, ce qui change, et ce que la nouvelle grille demande que le
dossier n'a pas encore (utile avant comme après le 1er novembre 2026).

Exemples :
  qlint explain 23
  qlint explain 33 --lang en
  qlint explain 11 preuves --as-of next-audit
  qlint explain --changes
`

func cmdExplain(args []string, stdout, stderr io.Writer) (int, error) {
	// N comes first among the arguments; flags may stand anywhere.
	var changes bool
	c, pos, err := parseCommand("explain", explainUsage, args, stdout, func(fs *flag.FlagSet) {
		fs.BoolVar(&changes, "changes", false, "ce que la grille 2026 change, et ce qui manque au dossier pour elle")
	})
	if err != nil {
		return exitError, err
	}
	var nArg, dir string
	switch {
	case changes && len(pos) > 1:
		return exitError, usageError("--changes ne prend pas de numéro d'indicateur", "--changes takes no indicator number",
			"qlint explain --changes [DOSSIER], ou qlint explain N [DOSSIER]", "qlint explain --changes [FOLDER], or qlint explain N [FOLDER]")
	case changes && len(pos) == 1:
		dir = pos[0] // qlint explain DOSSIER --changes
	case changes:
	case len(pos) == 0:
		return exitError, usageError("quel indicateur ? qlint explain N, avec N de 1 à 33 (ou --changes)", "which indicator? qlint explain N, with N from 1 to 33 (or --changes)",
			"par exemple : qlint explain 23", "for example: qlint explain 23")
	case len(pos) > 1 && isNumber(pos[0]) && isNumber(pos[1]) && !isDir(pos[1]):
		return exitError, usageError(
			fmt.Sprintf("un seul indicateur à la fois : %s et %s donnés", pos[0], pos[1]),
			fmt.Sprintf("one indicator at a time: %s and %s given", pos[0], pos[1]),
			"qlint explain "+pos[0]+" [DOSSIER], puis qlint explain "+pos[1]+" [DOSSIER]",
			"qlint explain "+pos[0]+" [FOLDER], then qlint explain "+pos[1]+" [FOLDER]")
	case len(pos) > 2:
		return exitError, tooManyFolders("explain N", pos[1:])
	default:
		nArg = pos[0]
		if len(pos) == 2 {
			dir = pos[1]
		}
	}
	n, convErr := strconv.Atoi(nArg)
	if !changes && convErr != nil {
		return exitError, unknownIndicator(nArg, nil, indicatorContext{})
	}
	if dir == "" {
		dir = "."
	}
	o, err := openOutput(dir, c.output, "explain")
	if err != nil {
		return exitError, err
	}
	lang := langOf(c)
	err = explain(n, nArg, changes, dir, c, o.writer(stdout), reportWidth(stdout, o.toFile()), &lang)
	if ferr := o.finish(err == nil, stderr, lang); err == nil && ferr != nil {
		return exitError, ferr
	}
	if err != nil {
		return exitError, err
	}
	return exitOK, nil
}

// explain writes what indicator n asks and where dir stands on it, or with
// changes what the 2026 grid changes, wrapped to width; lang is set to the
// report's language.
func explain(n int, nArg string, changes bool, dir string, c common, w io.Writer, width int, lang *i18n.Lang) error {
	cfgPath := c.config
	if cfgPath == "" {
		dir = configRoot(dir)
		cfgPath = shownPath(filepath.Join(dir, "qlint.toml"))
	}
	cfg, err := loadRulesFile(dir, cfgPath)
	var list rules.ErrorList
	if err != nil && !errors.Is(err, fs.ErrNotExist) && !errors.As(err, &list) {
		return unreadableRules(cfgPath, err)
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return rulesError(cfgPath, err)
	}
	if err == nil && c.lang == "" && cfg.Lang != "" {
		*lang = cfg.Lang
	}
	// The grid: with --changes the newest one, else the one qlint.toml
	// chooses for the day judged.
	var ref *rules.Referential
	var ahead *rules.Referential // the grid of the day judged, when n comes with a later one
	var aheadDay rules.Day
	if changes {
		grids := rules.Grids()
		ref = grids[len(grids)-1]
	} else {
		asOf, err := resolveAsOf(c.asOf, cfgOrEmpty(cfg), rules.DayOf(now()))
		if err != nil {
			return err
		}
		setting := ""
		if cfg != nil {
			setting = cfg.Referential
		}
		if ref, err = rules.Choose(setting, asOf); err != nil {
			return err
		}
		if _, known := ref.Indicator(n); !known {
			// Judged before the grid that brings n comes into force, explain
			// shows n on that grid, saying it is new; a grid qlint.toml
			// forces is the user's choice, kept.
			forcedByFile := setting != "" && setting != rules.ReferentialAuto
			g := newerGridWith(ref, n)
			if g == nil || forcedByFile {
				return unknownIndicator(nArg, ref, indicatorContext{forced: forcedByFile, config: cfg != nil, asOf: asOf})
			}
			ahead, ref, aheadDay = ref, g, asOf
		}
	}
	var rep *linter.Report
	if cfg != nil {
		var forced *rules.Referential
		if changes || ahead != nil {
			forced = ref
		}
		if rep, err = judgeOn(dir, cfgPath, cfg, c, *lang, nil, nil, forced); err != nil {
			return err
		}
		ref = rep.Ref()
	}
	if changes {
		return report.WriteChanges(w, ref, rep, *lang, width)
	}
	if ahead != nil {
		if err := report.WriteComingIndicator(w, ref, ahead, n, aheadDay, rep != nil, *lang, width); err != nil {
			return err
		}
	}
	if cfg == nil {
		return report.WriteExplain(w, ref, n, nil, nil, *lang, width)
	}
	return report.WriteExplain(w, ref, n, rep, cfg, *lang, width)
}

// cfgOrEmpty lets --as-of be read without a qlint.toml (next-audit then
// says that no audit date is known).
func cfgOrEmpty(cfg *rules.Config) *rules.Config {
	if cfg == nil {
		return &rules.Config{}
	}
	return cfg
}

// newerGridWith returns the first grid after ref that has indicator n.
func newerGridWith(ref *rules.Referential, n int) *rules.Referential {
	for g, ok := ref.Next(); ok; g, ok = g.Next() {
		if _, has := g.Indicator(n); has {
			return g
		}
	}
	return nil
}

// indicatorContext is what the hint for an unknown indicator depends on:
// whether qlint.toml forces the grid, whether there is a qlint.toml at all,
// and the day judged.
type indicatorContext struct {
	forced, config bool
	asOf           rules.Day
}

// unknownIndicator refuses an indicator number the grid judged (nil: any
// grid) does not have, naming the grid that has it and what to change: the
// referential key when qlint.toml forces a grid, the day judged otherwise.
func unknownIndicator(arg string, ref *rules.Referential, ctx indicatorContext) error {
	if ref == nil {
		return usageError(fmt.Sprintf("indicateur « %s » inconnu : donnez un numéro, de 1 à 33", arg),
			fmt.Sprintf("unknown indicator %q: give a number, from 1 to 33", arg),
			"par exemple : qlint explain 23", "for example: qlint explain 23")
	}
	n, _ := strconv.Atoi(arg)
	msgFR := fmt.Sprintf("indicateur « %s » inconnu : le référentiel %s va de 1 à %d", arg, ref.Version, len(ref.Indicators))
	msgEN := fmt.Sprintf("unknown indicator %q: the %s referential runs from 1 to %d", arg, ref.Version, len(ref.Indicators))
	for _, g := range rules.Grids() {
		if _, ok := g.Indicator(n); !ok || g == ref {
			continue
		}
		w := g.Words()
		hFR := fmt.Sprintf("l'indicateur %d appartient au référentiel %s", n, w.FR)
		hEN := fmt.Sprintf("indicator %d belongs to referential %s", n, w.EN)
		switch {
		case ctx.forced && ctx.asOf.Before(g.InForce):
			hFR += fmt.Sprintf(" ; qlint.toml impose le référentiel %s : écrivez referential = %q dans qlint.toml, ou referential = \"auto\" et jugez à partir du %s (--as-of %s)", ref.Version, g.Version, g.InForce.French(), g.InForce)
			hEN += fmt.Sprintf("; qlint.toml forces the %s referential: write referential = %q in qlint.toml, or referential = \"auto\" and judge from %s on (--as-of %s)", ref.Version, g.Version, g.InForce, g.InForce)
		case ctx.forced:
			hFR += fmt.Sprintf(", celui des audits au %s ; qlint.toml impose le référentiel %s : écrivez referential = \"auto\" dans qlint.toml", ctx.asOf.French(), ref.Version)
			hEN += fmt.Sprintf(", the one audits on %s are judged on; qlint.toml forces the %s referential: write referential = \"auto\" in qlint.toml", ctx.asOf, ref.Version)
		case g.InForce.After(ctx.asOf):
			hFR += fmt.Sprintf(" : jugez à partir du %s (--as-of %s)", g.InForce.French(), g.InForce)
			hEN += fmt.Sprintf(": judge from %s on (--as-of %s)", g.InForce, g.InForce)
			if ctx.config {
				hFR += fmt.Sprintf(", ou écrivez referential = %q dans qlint.toml", g.Version)
				hEN += fmt.Sprintf(", or write referential = %q in qlint.toml", g.Version)
			}
		default: // a grid before the one judged
			hFR += fmt.Sprintf(" : jugez avant le %s (--as-of)", ref.InForce.French())
			hEN += fmt.Sprintf(": judge a day before %s (--as-of)", ref.InForce)
			if ctx.config {
				hFR += fmt.Sprintf(", ou écrivez referential = %q dans qlint.toml", g.Version)
				hEN += fmt.Sprintf(", or write referential = %q in qlint.toml", g.Version)
			}
		}
		return usageError(msgFR, msgEN, hFR, hEN)
	}
	return usageError(msgFR, msgEN, "par exemple : qlint explain 23", "for example: qlint explain 23")
}
