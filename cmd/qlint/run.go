package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/qlint/qlint/internal/gitdates"
	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/lang"
	"github.com/qlint/qlint/linter"
	"github.com/qlint/qlint/report"
	"github.com/qlint/qlint/rules"
)

// version, commit and date are set at build time by the release build
// (-ldflags "-X main.version=1.2.3 -X main.commit=… -X main.date=…", see
// .goreleaser.yaml); otherwise what `go install` and git recorded is used.
var (
	version = ""
	commit  = ""
	date    = ""
)

// Exit codes, as the contract defines them.
const (
	exitOK       = 0 // no finding at or above --fail-on
	exitFindings = 1 // at least one such finding
	exitError    = 2 // the run could not be judged
)

// now is the clock; tests replace it.
var now = time.Now

const mainUsage = `qlint vérifie le dossier de preuves Qualiopi d'un organisme de formation :
indicateur par indicateur, les preuves manquantes ou périmées.

Usage :
  qlint [lint] [DOSSIER] [options]   vérifier le dossier (par défaut : .)
  qlint init [DOSSIER] [options]     préparer qlint.toml et les dossiers
  qlint explain N [DOSSIER]          ce que demande l'indicateur N, ses preuves
  qlint watch [DOSSIER]              revérifier après chaque changement
  qlint hook install|uninstall       poser ou retirer le crochet git pre-commit
  qlint calendar [-o FICHIER.ics]    les échéances des preuves, pour l'agenda
  qlint demo [DOSSIER]               un dossier de démonstration, vérifié
  qlint version                      version, commit et version de Go

Exemples :
  qlint                                vérifier le dossier courant
  qlint preuves --lang en              rapport en anglais
  qlint -f json -o rapport.json        rapport JSON dans un fichier
  qlint -f html -o classeur.html       le classeur d'audit, à imprimer
  qlint --as-of 2026-10-05             juger à la date de l'audit

'qlint COMMANDE -h' détaille une commande.
Codes de sortie : 0 rien à corriger, 1 constats, 2 impossible de juger.
`

func run(args []string, stdout, stderr io.Writer) int {
	// Messages to people are wrapped to the terminal as the report is, in
	// French with its non-breaking spaces (see messages.go).
	helpLang = langFromArgs(args)
	msgs := messageWriter(stderr, helpLang)
	defer msgs.Flush()
	stderr = msgs
	cmd := "lint"
	if len(args) > 0 {
		switch args[0] {
		case "lint", "demo", "version", "init", "explain", "watch", "hook", "calendar":
			cmd, args = args[0], args[1:]
		case "help", "-h", "-help", "--help":
			printHelp(stdout, helpText(mainUsage, langFromArgs(args[1:])), langFromArgs(args[1:]))
			return exitOK
		case "--version", "-version", "-V":
			cmd, args = "version", args[1:]
		default:
			if c := misspelledCommand(args[0]); c != "" {
				fmt.Fprintln(stderr, "qlint: "+i18n.T(
					fmt.Sprintf("commande inconnue « %s » : vouliez-vous dire %s ?\n  conseil : qlint -h liste les commandes", args[0], c),
					fmt.Sprintf("unknown command %q: did you mean %s?\n  hint: qlint -h lists the commands", args[0], c)).In(langFromArgs(args)))
				return exitError
			}
		}
	}
	var err error
	code := exitOK
	lang := langFromArgs(args)
	switch cmd {
	case "version":
		code, err = cmdVersion(args, stdout)
	case "demo":
		code, err = cmdDemo(args, stdout, stderr)
	case "init":
		out := messageWriter(stdout, lang)
		code, err = cmdInit(args, out)
		out.Flush()
	case "explain":
		code, err = cmdExplain(args, stdout, stderr)
	case "watch":
		code, err = cmdWatch(args, stdout, stderr)
	case "hook":
		out := messageWriter(stdout, lang)
		code, err = cmdHook(args, out)
		out.Flush()
	case "calendar":
		code, err = cmdCalendar(args, stdout, stderr)
	default:
		code, err = cmdLint(args, stdout, stderr)
	}
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		fmt.Fprintln(stderr, "qlint: "+localize(err, lang))
		return exitError
	}
	return code
}

// langFromArgs finds --lang early, so that even an error about the flags or
// the config is said in the language asked for.
func langFromArgs(args []string) i18n.Lang {
	for i, a := range args {
		for _, p := range []string{"--lang=", "-lang="} {
			if strings.HasPrefix(a, p) {
				if l, ok := i18n.Parse(strings.TrimPrefix(a, p)); ok {
					return l
				}
			}
		}
		if (a == "--lang" || a == "-lang") && i+1 < len(args) {
			if l, ok := i18n.Parse(args[i+1]); ok {
				return l
			}
		}
	}
	return i18n.FR
}

// localize says err in l, bounded (msgbound.go) for every caller: the
// failed command's last word and watch's messages alike.
func localize(err error, l i18n.Lang) string {
	var loc lang.Localizer
	if errors.As(err, &loc) {
		return boundMessage(loc.Localize(l))
	}
	return boundMessage(err.Error())
}

// usageError is a mistake on the command line: one sentence and a hint.
func usageError(fr, en, hintFR, hintEN string) error {
	return &lang.Error{Msg: i18n.T(fr, en), Hint: i18n.T(hintFR, hintEN)}
}

// common holds the flags every judging command takes.
type common struct {
	config       string
	format       string
	output       string
	asOf         string
	failOn       string
	lang         string
	noColor      bool
	allowShallow bool
	preCommit    bool
	git          string
	noCache      bool
	newFromRev   string // lint only
}

func (c *common) register(fs *flag.FlagSet, names []string) {
	// A flag the command does not take keeps its default.
	c.format, c.failOn, c.git = "text", "error", linter.GitAuto
	takes := map[string]bool{}
	for _, n := range names {
		takes[n] = true
	}
	str := func(p *string, name, value, usage string) {
		if takes[name] {
			fs.StringVar(p, name, value, usage)
			if s, ok := shorthands[name]; ok {
				fs.StringVar(p, s, value, "raccourci de --"+name)
			}
		}
	}
	boolean := func(p *bool, name, usage string) {
		if takes[name] {
			fs.BoolVar(p, name, false, usage)
		}
	}
	str(&c.config, "config", "", "fichier de règles (par défaut qlint.toml dans DOSSIER, sinon dans le dossier parent le plus proche, jusqu'à la racine du dépôt)")
	str(&c.format, "format", "text", "format du rapport : "+formatsHelp())
	str(&c.output, "output", "", "écrire dans ce fichier plutôt qu'à l'écran")
	str(&c.asOf, "as-of", "", "juger la fraîcheur à cette date (JJ/MM/AAAA ou AAAA-MM-JJ) ou à next-audit ; par défaut aujourd'hui")
	str(&c.failOn, "fail-on", "error", "sortir en 1 dès un constat de ce niveau : error, warning ou never")
	str(&c.lang, "lang", "", "langue du rapport : fr ou en (par défaut celle de qlint.toml, sinon fr)")
	boolean(&c.noColor, "no-color", "pas de couleurs (aussi avec la variable NO_COLOR)")
	boolean(&c.allowShallow, "allow-shallow", "accepter un clone superficiel (shallow), aux dates peu fiables")
	boolean(&c.preCommit, "pre-commit", "juger le commit en cours : les changements indexés (git add) comptent comme mis à jour aujourd'hui")
	str(&c.git, "git", "auto", "lecture de l'historique : auto (le lecteur le plus rapide pour la forme du dépôt), cli (la commande git) ou builtin (le lecteur intégré)")
	boolean(&c.noCache, "no-cache", "ignorer le cache d'historique gardé dans .git/qlint")
}

// helpLang is the language of the help, read from the command line by run
// (--lang en) before any flag set exists.
var helpLang = i18n.FR

// newFlagSet makes a command's flag set, its usage text on stdout for -h.
func newFlagSet(name, usage string, stdout io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		l := helpLang
		printHelp(stdout, helpText(usage, l), l)
		n := 0
		fs.VisitAll(func(*flag.Flag) { n++ })
		if n > 0 {
			fmt.Fprintln(stdout, "\n"+helpOptions.In(l))
			printOptions(stdout, fs, l)
		}
	}
	return fs
}

// parse reads flags and positional arguments in any order.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	// The flag package calls Usage on -h and on every mistake: the help is
	// printed here, once, on -h only; a mistake is told on stderr alone.
	help := fs.Usage
	fs.Usage = func() {}
	defer func() { fs.Usage = help }()
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				help()
				return nil, err
			}
			return nil, flagError(fs, err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos, args = append(pos, args[0]), args[1:]
	}
}

// flagError says a flag mistake in the user's words; the flag package's
// own sentences are English and terse.
func flagError(fs *flag.FlagSet, err error) error {
	cmd := fs.Name()
	msg := err.Error()
	hintFR, hintEN := "qlint "+cmd+" -h liste les options", "qlint "+cmd+" -h lists the options"
	if info, err := os.Stat(cmd); err == nil && info.IsDir() && cmd != "lint" {
		// qlint demo --new-from-rev HEAD, meant for the folder ./demo.
		hintFR = "« " + cmd + " » est ici la commande qlint " + cmd + " ; pour vérifier le dossier " + cmd + ", écrivez : qlint lint " + cmd + " (ou qlint ./" + cmd + ")"
		hintEN = "\"" + cmd + "\" is the command qlint " + cmd + " here; to check the folder " + cmd + ", write: qlint lint " + cmd + " (or qlint ./" + cmd + ")"
	}
	var value, name string
	switch {
	case strings.HasPrefix(msg, "flag provided but not defined: "):
		name := dashed(strings.TrimPrefix(msg, "flag provided but not defined: "))
		if knownFlag(name) {
			// A flag of another command: this one would take it and do
			// nothing with it.
			return usageError("qlint "+cmd+" ne prend pas l'option "+name, "qlint "+cmd+" does not take option "+name, hintFR, hintEN)
		}
		if want := misspelledFlag(fs, strings.TrimLeft(name, "-")); want != "" {
			return usageError("option inconnue "+name+" : vouliez-vous dire "+want+" ?", "unknown option "+name+": did you mean "+want+"?", hintFR, hintEN)
		}
		return usageError("option inconnue "+name, "unknown option "+name, hintFR, hintEN)
	case strings.HasPrefix(msg, "flag needs an argument: "):
		name := dashed(strings.TrimPrefix(msg, "flag needs an argument: "))
		return usageError("l'option "+name+" attend une valeur", "option "+name+" needs a value", hintFR, hintEN)
	case scanFlagValue(msg, "invalid value %q for flag -%s", &value, &name), scanFlagValue(msg, "invalid boolean value %q for -%s", &value, &name):
		fr, en := flagValueHint(fs, name)
		return usageError(fmt.Sprintf("valeur invalide %q pour l'option --%s", value, name),
			fmt.Sprintf("invalid value %q for option --%s", value, name), fr, en)
	}
	return usageError("option invalide : "+msg, "invalid option: "+msg, hintFR, hintEN)
}

// scanFlagValue reads the value and the flag's name from one of the flag
// package's messages ("invalid value "abc" for flag -debounce: parse error").
func scanFlagValue(msg, format string, value, name *string) bool {
	if _, err := fmt.Sscanf(msg, format, value, name); err != nil {
		return false
	}
	*name = strings.TrimSuffix(*name, ":")
	return true
}

const lintUsage = `Usage : qlint [lint] [DOSSIER] [options]

Vérifie le dossier de preuves DOSSIER (par défaut le dossier courant) selon
les règles de DOSSIER/qlint.toml et affiche, critère par critère et
indicateur par indicateur, les preuves manquantes, périmées ou à renouveler.
Lancé dans un sous-dossier, qlint cherche qlint.toml dans les dossiers
parents, jusqu'à la racine du dépôt git, et vérifie ce dossier de preuves ;
lancé au-dessus, il nomme les dossiers de preuves qu'il trouve plus bas.
La date d'une preuve est celle du dernier commit qui a changé son contenu
(un déplacement ou un renommage ne compte pas, même pas encore enregistré) ;
un fichier modifié mais pas encore enregistré compte à sa date de
modification.

Le référentiel est celui du jour jugé (referential = "auto", par défaut) :
la grille V9 (32 indicateurs) pour les audits jusqu'au 31 octobre 2026, la
grille 2026 (décret n° 2026-728, 33 indicateurs) à partir du 1er novembre
2026. referential = "rnq-v9" ou "rnq-2026" dans qlint.toml impose une grille.

Exemples :
  qlint                              le dossier courant
  qlint ~/preuves --lang en          en anglais
  qlint -f json -o rapport.json      rapport JSON
  qlint --as-of 2026-10-05           tel que l'auditeur le verra ce jour-là
  qlint --as-of next-audit           au jour du prochain audit ([audit] next)
  qlint --fail-on warning            sortir en 1 aussi sur les avertissements
  qlint --new-from-rev main          seulement ce qui s'ajoute depuis main
  qlint --pre-commit --new-from-rev HEAD
                                     le commit en cours : refusé seulement s'il
                                     ajoute un problème (ce que fait le crochet)

Codes de sortie : 0 rien à corriger, 1 constats, 2 impossible de juger
(option invalide, qlint.toml invalide, dossier absent, clone superficiel...).
`

// parseFolderCommand reads a command's flags (the common ones it takes, plus
// those extra registers) and at most one folder ("" when none is given).
func parseFolderCommand(name, usage string, args []string, stdout io.Writer, extra func(*flag.FlagSet)) (common, string, error) {
	c, pos, err := parseCommand(name, usage, args, stdout, extra)
	if err != nil {
		return c, "", err
	}
	if len(pos) > 1 {
		return c, "", tooManyFolders(name, pos)
	}
	if len(pos) == 1 {
		return c, shownPath(pos[0]), nil
	}
	return c, "", nil
}

// parseCommand reads a command's flags, wherever they stand, and returns the
// other arguments in order; the values are checked.
func parseCommand(name, usage string, args []string, stdout io.Writer, extra func(*flag.FlagSet)) (common, []string, error) {
	fs := newFlagSet(name, usage, stdout)
	var c common
	c.register(fs, commandFlags[name])
	if extra != nil {
		extra(fs)
	}
	pos, err := parse(fs, args)
	if err != nil {
		return c, nil, err
	}
	if err := checkCommon(&c); err != nil {
		return c, nil, err
	}
	// An empty -o or -c given on purpose would silently mean the screen or
	// the default rules: say so instead.
	var empty error
	fs.Visit(func(f *flag.Flag) {
		if empty == nil && f.Value.String() == "" && (f.Name == "o" || f.Name == "output" || f.Name == "c" || f.Name == "config") {
			empty = usageError(fmt.Sprintf("-%s attend un nom de fichier, pas un texte vide", f.Name), fmt.Sprintf("-%s expects a file name, not an empty text", f.Name),
				"par exemple : -o rapport.html", "for example: -o report.html")
		}
	})
	if empty != nil {
		return c, nil, empty
	}
	// Paths are printed with / on every system, Windows included (see
	// shownPath); Windows opens them as well written so.
	c.config, c.output = shownPath(c.config), shownPath(c.output)
	return c, pos, nil
}

func tooManyFolders(name string, pos []string) error {
	given, extra := quotedList(pos), quotedList(pos[1:])
	return usageError(
		fmt.Sprintf("un seul dossier attendu, %d donnés : %s (en trop : %s)", len(pos), given.FR, extra.FR),
		fmt.Sprintf("one folder expected, %d given: %s (extra: %s)", len(pos), given.EN, extra.EN),
		"qlint "+name+" DOSSIER [options] ; mettez le chemin entre guillemets s'il contient des espaces",
		"qlint "+name+" FOLDER [options]; quote the path if it holds spaces")
}

func cmdLint(args []string, stdout, stderr io.Writer) (int, error) {
	var rev string
	// --new-from-rev with no value before another option ($BASE empty in a
	// CI script): the option would take the next one as its revision, and
	// the error would name something else.
	for i, a := range args {
		if (a == "--new-from-rev" || a == "-new-from-rev") && i+1 < len(args) && strings.HasPrefix(args[i+1], "-") {
			return exitError, usageError("--new-from-rev attend une révision git, et reçoit l'option « "+args[i+1]+" »", "--new-from-rev needs a git revision, and gets option \""+args[i+1]+"\"",
				"par exemple --new-from-rev HEAD ou --new-from-rev origin/main ; dans un script, vérifiez que la variable de la révision n'est pas vide", "for instance --new-from-rev HEAD or --new-from-rev origin/main; in a script, check that the revision's variable is not empty")
		}
		if a == "--" {
			break
		}
	}
	c, root, err := parseFolderCommand("lint", lintUsage, args, stdout, func(fs *flag.FlagSet) {
		fs.StringVar(&rev, "new-from-rev", "", "ne signaler que ce que l'état du dossier à cette révision git (branche, étiquette, commit), jugé le même jour avec les mêmes règles, n'a pas ; le code de sortie ne compte que ces constats")
	})
	if err != nil {
		return exitError, err
	}
	if c.newFromRev = rev; rev == "" && flagGiven(args, "new-from-rev") {
		return exitError, usageError("--new-from-rev attend une révision git", "--new-from-rev needs a git revision",
			"par exemple --new-from-rev HEAD, --new-from-rev main ou --new-from-rev origin/main", "for instance --new-from-rev HEAD, --new-from-rev main or --new-from-rev origin/main")
	}
	if root, err = evidenceFolder(root); err != nil {
		return exitError, err
	}
	if c.config == "" {
		root = configRoot(root)
	}
	return lint(root, c, stdout, stderr)
}

// evidenceFolder is the folder lint, calendar and watch judge: the one
// given, or the current one. It must be an existing folder, so that a
// mistyped path is told as such rather than as a missing qlint.toml.
func evidenceFolder(root string) (string, error) {
	if root == "" {
		root = "."
	}
	if info, err := os.Stat(root); err != nil || !info.IsDir() {
		if helpWords[strings.ToLower(root)] {
			return "", usageError(
				fmt.Sprintf("le dossier de preuves « %s » n'existe pas : vouliez-vous dire qlint -h ?", root),
				fmt.Sprintf("the evidence folder %q does not exist: did you mean qlint -h?", root),
				"qlint -h affiche l'aide ; qlint COMMANDE -h celle d'une commande", "qlint -h shows the help; qlint COMMAND -h that of a command")
		}
		if cmd, ok := frenchCommands[strings.ToLower(root)]; ok {
			return "", usageError(
				fmt.Sprintf("le dossier de preuves « %s » n'existe pas : la commande s'écrit en anglais, qlint %s", root, cmd),
				fmt.Sprintf("the evidence folder %q does not exist: the command is qlint %s", root, cmd),
				"qlint -h liste les commandes", "qlint -h lists the commands")
		}
		return "", usageError(
			fmt.Sprintf("le dossier de preuves « %s » n'existe pas ou n'est pas un dossier", root),
			fmt.Sprintf("the evidence folder %q does not exist or is not a folder", root),
			"donnez le chemin du dossier de preuves : qlint CHEMIN", "give the path of the evidence folder: qlint PATH")
	}
	return root, nil
}

// lint judges root (checked by the caller, as are c's values) and prints
// the report; it is shared by lint and demo.
func lint(root string, c common, stdout, stderr io.Writer) (int, error) {
	o, err := openOutput(root, c.output, c.format)
	if err != nil {
		return exitError, err
	}
	lang := langOf(c)
	code, err := lintTo(root, c, o, stdout, stderr, &lang)
	if ferr := o.finish(err == nil, stderr, lang); err == nil && ferr != nil {
		return exitError, ferr
	}
	return code, err
}

// langOf is the language asked for with --lang, French otherwise (before
// qlint.toml is read).
func langOf(c common) i18n.Lang {
	if l, ok := i18n.Parse(c.lang); ok {
		return l
	}
	return i18n.FR
}

// lintTo is lint writing to o; lang is set to the report's language.
func lintTo(root string, c common, o *output, stdout, stderr io.Writer, lang *i18n.Lang) (int, error) {
	cfg, cfgPath, l, err := loadRules(root, c)
	if err != nil {
		return exitError, err
	}
	*lang = l
	rep, err := judge(root, cfgPath, cfg, c, l)
	if err != nil {
		return exitError, err
	}
	out, color := o.writer(stdout), !o.toFile() && isTerminal(stdout) && !c.noColor && os.Getenv("NO_COLOR") == ""
	f, _ := report.Lookup(c.format) // checked by checkCommon
	p := f.New(report.Options{Lang: l, Color: color, Width: reportWidth(stdout, o.toFile()), LinkBase: linkBase(root, c.output)})
	err = p.Print(out, rep)
	if err == nil && f.StepSummary != "" {
		err = writeStepSummary(rep, f.StepSummary, l)
	}
	if err != nil {
		return exitError, err
	}
	if rep.Failed(rules.Severity(c.failOn)) {
		return exitFindings, nil
	}
	return exitOK, nil
}

// loadRules reads the rules for root (or -c), and the report language:
// --lang, else the file's lang, else French. A missing or invalid file is a
// plain error naming the file (and, when invalid, line and column).
func loadRules(root string, c common) (*rules.Config, string, i18n.Lang, error) {
	cfgPath := c.config
	if cfgPath == "" {
		cfgPath = shownPath(filepath.Join(root, "qlint.toml"))
	}
	cfg, err := loadRulesFile(root, cfgPath)
	if err != nil && c.config == "" && errors.Is(err, fs.ErrNotExist) {
		if below := configsBelow(root); len(below) > 0 {
			return nil, cfgPath, "", noRulesBelow(cfgPath, root, below)
		}
	}
	if err != nil {
		return nil, cfgPath, "", rulesError(cfgPath, err)
	}
	return cfg, cfgPath, reportLang(c, cfg), nil
}

// reportLang is the language of the report, decided here once for every
// command that judges and passed down: --lang, else qlint.toml's lang,
// else French.
func reportLang(c common, cfg *rules.Config) i18n.Lang {
	if c.lang != "" {
		l, _ := i18n.Parse(c.lang) // checked by checkCommon
		return l
	}
	if cfg.Lang != "" {
		return cfg.Lang
	}
	return i18n.FR
}

// rulesError says why the rules file could not be read, in the user's
// words: missing, unreadable, or its mistakes (already said by rules).
func rulesError(cfgPath string, err error) error {
	var list rules.ErrorList
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return usageError(
			fmt.Sprintf("pas de fichier de règles %s", cfgPath), fmt.Sprintf("no rules file %s", cfgPath),
			"qlint init en crée un à la racine du dossier de preuves (voir le README), ou indiquez-le avec -c FICHIER",
			"qlint init makes one at the root of the evidence folder (see the README), or point to it with -c FILE")
	case !errors.As(err, &list):
		return unreadableRules(cfgPath, err)
	}
	return err
}

// judge runs the linter on root with the checked rules.
func judge(root, cfgPath string, cfg *rules.Config, c common, lang i18n.Lang) (*linter.Report, error) {
	return judgeWith(root, cfgPath, cfg, c, lang, nil, nil)
}

// judgeWith is judge with the history and the tree kept between runs (nil
// for none).
func judgeWith(root, cfgPath string, cfg *rules.Config, c common, lang i18n.Lang, cache *linter.HistoryCache, tree *linter.Tree) (*linter.Report, error) {
	return judgeOn(root, cfgPath, cfg, c, lang, cache, tree, nil)
}

// judgeOn is judgeWith on grid ref (nil: the one qlint.toml chooses).
func judgeOn(root, cfgPath string, cfg *rules.Config, c common, lang i18n.Lang, cache *linter.HistoryCache, tree *linter.Tree, ref *rules.Referential) (*linter.Report, error) {
	noticesLang = lang
	asOf, err := resolveAsOf(c.asOf, cfg, rules.DayOf(now()))
	if err != nil {
		return nil, err
	}
	progress, done := progressPrinter(os.Stderr, lang, func() bool { return gitdates.PartialClone(root) })
	defer done()
	return linter.Run(linter.Options{
		Root: root, Config: cfg, ConfigPath: cfgPath, AsOf: asOf, Lang: lang,
		AllowShallow: c.allowShallow, Version: currentVersion(), History: cache, Tree: tree,
		PreCommit: c.preCommit, Git: c.git, NoCache: c.noCache, Progress: progress, Today: rules.DayOf(now()),
		Ref:        ref,
		Output:     c.output,
		NewFromRev: c.newFromRev,
	})
}

// progressPrinter shows, on a terminal only, how many commits a long cold
// read of history has gone through; nothing in the first second. When
// stderr is a file or a pipe (CI logs), only a plain line after a few
// seconds of a slow read (slowread.go); never anything on stdout.
func progressPrinter(w *os.File, l i18n.Lang, partial func() bool) (func(int), func()) {
	if !isTerminal(w) {
		return slowReadNotice(w, l, partial)
	}
	start := now()
	shown := false
	progress := func(commits int) {
		if now().Sub(start) < time.Second {
			return
		}
		shown = true
		fmt.Fprintf(w, "\r%s", i18n.T(
			fmt.Sprintf("qlint: lecture de l'historique git… %d commits", commits),
			fmt.Sprintf("qlint: reading git history… %d commits", commits)).In(l))
	}
	return progress, func() {
		if shown {
			fmt.Fprint(w, "\r\x1b[K") // erase the line
		}
	}
}

// linkBase is the evidence root as seen from where the report is written
// (the output file's folder, else the current folder), for the HTML links.
func linkBase(root, output string) string {
	from := "."
	if output != "" {
		from = filepath.Dir(output)
	}
	a, err1 := filepath.Abs(from)
	b, err2 := filepath.Abs(root)
	if err1 != nil || err2 != nil {
		return filepath.ToSlash(root)
	}
	rel, err := filepath.Rel(a, b)
	if err != nil {
		return filepath.ToSlash(b)
	}
	if rel == "." {
		return ""
	}
	return filepath.ToSlash(rel)
}

// writeStepSummary appends the report in the summary's format (the
// registry's StepSummary: Markdown for -f github) to the GitHub Actions job
// summary, when qlint runs in a job.
func writeStepSummary(rep *linter.Report, format string, l i18n.Lang) error {
	p := os.Getenv("GITHUB_STEP_SUMMARY")
	if p == "" {
		return nil
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("writing the job summary %s: %w", p, err)
	}
	defer f.Close()
	summary, ok := report.Lookup(format)
	if !ok {
		return fmt.Errorf("the job summary's format %q is not registered", format)
	}
	return summary.New(report.Options{Lang: l}).Print(f, rep)
}

// formatsHelp lists -f's formats for the help, each with what it is for
// when its name does not say it: "text, json, github (annotations…) … ou
// html (…)".
func formatsHelp() string {
	var parts []string
	for _, f := range report.Formats() {
		part := f.Name
		if !f.Note.IsZero() {
			part += " (" + f.Note.FR + ")"
		}
		parts = append(parts, part)
	}
	if len(parts) < 2 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " ou " + parts[len(parts)-1]
}

// checkCommon refuses flag values qlint does not know, before any work.
func checkCommon(c *common) error {
	if _, ok := report.Lookup(c.format); !ok {
		names := strings.Join(report.Names(), ", ")
		return usageError(fmt.Sprintf("format inconnu « %s »", c.format), fmt.Sprintf("unknown format %q", c.format),
			"formats disponibles : "+names, "available formats: "+names)
	}
	switch c.failOn {
	case "error", "warning", "never":
	default:
		return usageError(fmt.Sprintf("--fail-on « %s » inconnu", c.failOn), fmt.Sprintf("unknown --fail-on %q", c.failOn),
			"écrivez --fail-on error, warning ou never", "write --fail-on error, warning or never")
	}
	switch c.git {
	case linter.GitAuto, linter.GitCLI, linter.GitBuiltin:
	default:
		return usageError(fmt.Sprintf("--git « %s » inconnu", c.git), fmt.Sprintf("unknown --git %q", c.git),
			"écrivez --git auto, cli ou builtin", "write --git auto, cli or builtin")
	}
	if c.lang != "" {
		if _, err := checkLang(c.lang); err != nil {
			return err
		}
	}
	return nil
}

// checkLang reads a --lang value, refusing one qlint does not speak.
func checkLang(s string) (i18n.Lang, error) {
	l, ok := i18n.Parse(s)
	if !ok {
		return l, usageError(fmt.Sprintf("langue inconnue « %s »", s), fmt.Sprintf("unknown language %q", s),
			"écrivez --lang fr ou --lang en", "write --lang fr or --lang en")
	}
	return l, nil
}

// resolveAsOf reads --as-of: a date, next-audit, or today when empty.
func resolveAsOf(s string, cfg *rules.Config, today rules.Day) (rules.Day, error) {
	switch s {
	case "":
		return today, nil
	case "next-audit":
		c, ok := cfg.Audit.CycleAt(today)
		if !ok {
			return rules.Day{}, usageError(
				"--as-of next-audit : qlint.toml ne donne aucune date d'audit", "--as-of next-audit: qlint.toml gives no audit date",
				"ajoutez [audit] initial = AAAA-MM-JJ (et next si l'audit est fixé)", "add [audit] initial = YYYY-MM-DD (and next when the audit is booked)")
		}
		sayOnce(asOfNote(c, today))
		return c.Next, nil
	}
	d, err := rules.ParseDay(s)
	if err != nil {
		p := rules.DayProblem(s)
		return rules.Day{}, usageError("--as-of : "+p.FR, "--as-of: "+p.EN,
			"écrivez la date sous la forme jj/mm/aaaa (par exemple 05/10/2026) ou aaaa-mm-jj, ou next-audit", "write the date as dd/mm/yyyy (for example 05/10/2026) or yyyy-mm-dd, or next-audit")
	}
	if err := checkAsOfRange(s, d); err != nil {
		return rules.Day{}, err
	}
	return d, nil
}

// isTerminal reports whether w is a terminal that understands colours and
// cursor moves (they are for people only): see term_*.go.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && terminal(f)
}

const versionUsage = `Usage : qlint version

Affiche la version de qlint, le commit dont il est construit et la version
de Go.

Exemple :
  qlint version
`

func cmdVersion(args []string, stdout io.Writer) (int, error) {
	fs := newFlagSet("version", versionUsage, stdout)
	lang := fs.String("lang", "fr", "langue des messages : fr ou en")
	pos, err := parse(fs, args)
	if err != nil {
		return exitError, err
	}
	if len(pos) > 0 {
		return exitError, usageError("qlint version ne prend pas d'argument", "qlint version takes no argument", "qlint version", "qlint version")
	}
	rev, built := commit, ""
	if rev == "" {
		rev = i18n.T("inconnu", "unknown").In(helpLang)
		if info, ok := debug.ReadBuildInfo(); ok {
			for _, s := range info.Settings {
				if s.Key == "vcs.revision" {
					rev = s.Value
				}
			}
		}
	}
	if date != "" {
		built = ", " + date
	}
	var grids []string
	for _, g := range rules.Grids() {
		grids = append(grids, g.Version)
	}
	l, err := checkLang(*lang)
	if err != nil {
		return exitError, err
	}
	fmt.Fprintf(stdout, i18n.T("qlint %s (commit %s%s, %s, référentiels %s)\n", "qlint %s (commit %s%s, %s, referentials %s)\n").In(l),
		currentVersion(), rev, built, runtime.Version(), strings.Join(grids, ", "))
	return exitOK, nil
}

func currentVersion() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "dev"
}

// flagGiven reports whether args set flag name (-name or --name, with or
// without =), to tell an empty value from no flag.
func flagGiven(args []string, name string) bool {
	for _, a := range args {
		if a == "--" {
			return false
		}
		for _, p := range []string{"-" + name, "--" + name} {
			if a == p || strings.HasPrefix(a, p+"=") {
				return true
			}
		}
	}
	return false
}
