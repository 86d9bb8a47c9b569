package main

import (
	"errors"
	"flag"

	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/qlint/qlint/internal/gitdates"
	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/internal/scaffold"
	"github.com/qlint/qlint/rules"
)

const initUsage = `Usage : qlint init [DOSSIER] [options]

Prépare un dossier de preuves (par défaut le dossier courant) : écrit un
qlint.toml avec le profil de l'organisme et les règles intégrées
(extends = "qualiopi"), et crée l'arborescence par défaut, seulement les
dossiers qui concernent ce profil, chacun avec un README.md qui dit quelles
preuves y déposer et à quels indicateurs elles servent.

Les dossiers sont ceux de la grille du référentiel en vigueur ce jour
(rnq-2026 pour les audits à partir du 1er novembre 2026), ou de celle que
fixe referential dans un qlint.toml existant.

qlint init n'écrase jamais rien. Sur un dossier qui a déjà son qlint.toml,
il ajoute seulement les dossiers qui manquent pour le profil de ce fichier
et sa grille (ceux de la grille 2026 par exemple), sans toucher au
qlint.toml ni aux fichiers présents ; des options de profil (--categories,
--certifying...) arrêtent alors la commande (sortie 2) : --force y réécrit le
profil ([organization], et [audit] initial si --initial-audit est donné),
en partant de celui que déclare le fichier, et garde le reste tel quel :
règles, dérogations, dates d'audit, commentaires.
Relancer la commande ne crée que ce qui manque.

Un dossier déjà là sous un nom que les règles lisent comme celui de
l'arborescence (Sessions pour sessions, « Analyse besoin » pour
analyse-besoin) reçoit son README là où il est, sans jumeau à côté ; à côté
d'un README.md à vous, la description va dans LISEZMOI.md.

Exemples :
  qlint init
  qlint init preuves --categories AF,BC --certifying --initial-audit 2025-06-12
  qlint init --categories CFA --name "CFA des Métiers" --lang en
`

func cmdInit(args []string, stdout io.Writer) (int, error) {
	fs := newFlagSet("init", initUsage, stdout)
	var (
		categories, initial, lang, name        string
		certifying, subcontracting, workLinked bool
		newEntrant, lightAudit, force          bool
	)
	fs.StringVar(&categories, "categories", "AF", "catégories d'actions, séparées par des virgules : AF, BC, VAE, CFA")
	fs.BoolVar(&certifying, "certifying", false, "prestations menant à une certification RNCP ou RS")
	fs.BoolVar(&subcontracting, "subcontracting", false, "recours à la sous-traitance ou au portage salarial")
	fs.BoolVar(&workLinked, "work-linked", false, "alternance, périodes en entreprise, AFEST")
	fs.BoolVar(&newEntrant, "new-entrant", false, "nouvel entrant : premier audit, sans activité passée")
	fs.BoolVar(&lightAudit, "light-audit", false, "audit allégé (label qualité antérieur reconnu)")
	fs.StringVar(&initial, "initial-audit", "", "date de l'audit initial, JJ/MM/AAAA ou AAAA-MM-JJ")
	fs.StringVar(&lang, "lang", "fr", "langue des rapports et des README : fr ou en")
	fs.StringVar(&name, "name", "", "nom de l'organisme (par défaut le nom du dossier)")
	fs.BoolVar(&force, "force", false, "réécrire le profil d'un qlint.toml existant, en gardant règles, dérogations et dates d'audit")
	pos, err := parse(fs, args)
	if err != nil {
		return exitError, err
	}
	if len(pos) > 1 {
		return exitError, tooManyFolders("init", pos)
	}
	dir := "."
	if len(pos) == 1 {
		dir = shownPath(pos[0])
	}
	p := scaffold.Profile{Name: name, Org: rules.Organization{
		Certifying: certifying, Subcontracting: subcontracting, WorkLinked: workLinked,
		NewEntrant: newEntrant, LightAudit: lightAudit,
	}}
	l, err := checkLang(lang)
	if err != nil {
		return exitError, err
	}
	p.Lang = l
	if p.Org.Categories, err = initCategories(categories); err != nil {
		return exitError, err
	}
	if initial != "" {
		if p.InitialAudit, err = rules.ParseDay(initial); err != nil {
			p := rules.DayProblem(initial)
			return exitError, usageError("--initial-audit : "+p.FR, "--initial-audit: "+p.EN,
				"écrivez la date sous la forme jj/mm/aaaa (par exemple 12/06/2025) ou aaaa-mm-jj", "write the date as dd/mm/yyyy (for example 12/06/2025) or yyyy-mm-dd")
		}
	}
	if err := checkInitPlace(dir, force); err != nil {
		return exitError, err
	}
	if p.Name == "" {
		if abs, err := filepath.Abs(dir); err == nil {
			p.Name, p.NameFromFolder = filepath.Base(abs), true
		}
	}
	if force {
		keepProfile(dir, fs, &p)
	}
	p.Ref = rules.GridFor(rules.DayOf(now()))
	res, err := scaffold.Init(dir, p, force)
	if errors.Is(err, scaffold.ErrConfigExists) && !profileFlags(fs) {
		// An evidence folder that has its rules: complete its folders for
		// the profile and grid that qlint.toml gives, touching nothing else.
		done, err := completeFolder(dir, lang, fs)
		if err != nil {
			return exitError, err
		}
		code := reportInit(stdout, dir, done.Result, done.lang)
		return code, writeGridNews(stdout, dir, done)
	}
	if errors.Is(err, scaffold.ErrConfigExists) {
		return exitError, usageError(
			fmt.Sprintf("%s existe déjà : qlint init n'écrase rien", shownPath(filepath.Join(dir, "qlint.toml"))),
			fmt.Sprintf("%s already exists: qlint init overwrites nothing", shownPath(filepath.Join(dir, "qlint.toml"))),
			"le profil se change dans qlint.toml, à la main, ou avec --force qui y réécrit le profil en gardant règles, dérogations et dates d'audit ; sans options de profil, qlint init ajoute seulement les dossiers qui manquent",
			"the profile is changed in qlint.toml, by hand, or with --force which rewrites the profile in it and keeps rules, waivers and audit dates; without profile options, qlint init only adds the missing folders")
	}
	if err != nil {
		return exitError, initError(dir, err)
	}
	return reportInit(stdout, dir, res, l), nil
}

// initCategories reads --categories: AF, BC, VAE and CFA, separated by
// commas.
func initCategories(list string) ([]rules.Category, error) {
	var out []rules.Category
	for _, c := range strings.Split(list, ",") {
		cat, ok := rules.KnownCategory(c)
		if !ok {
			return nil, usageError(fmt.Sprintf("catégorie inconnue « %s »", strings.TrimSpace(c)), fmt.Sprintf("unknown category %q", strings.TrimSpace(c)),
				"--categories prend AF, BC, VAE et CFA, séparées par des virgules : --categories AF,BC",
				"--categories takes AF, BC, VAE and CFA, separated by commas: --categories AF,BC")
		}
		out = append(out, cat)
	}
	return out, nil
}

// checkInitPlace refuses, without --force, to make a skeleton inside an
// evidence folder or above evidence folders that have their qlint.toml.
func checkInitPlace(dir string, force bool) error {
	if top := configRoot(dir); top != dir && !force {
		here, there := placeWords(dir), placeWords(top)
		return usageError(
			fmt.Sprintf("%s fait déjà partie du dossier de preuves %s (il a son qlint.toml) : qlint init y créerait une seconde arborescence", here.FR, there.FR),
			fmt.Sprintf("%s is already part of the evidence folder %s (it has its qlint.toml): qlint init would make a second skeleton inside it", here.EN, there.EN),
			"lancez qlint depuis ici : il trouve le qlint.toml du dossier parent ; ou passez --force pour créer quand même un dossier de preuves séparé",
			"run qlint from here: it finds the parent folder's qlint.toml; or pass --force to make a separate evidence folder anyway")
	}
	if !force && !isFile(filepath.Join(dir, "qlint.toml")) {
		if below := configsBelow(dir); len(below) > 0 {
			return initAboveEvidence(dir, below)
		}
	}
	return nil
}

// reportInit says what init created and kept.
func reportInit(stdout io.Writer, dir string, res *scaffold.Result, l i18n.Lang) int {
	t := func(fr, en string) string { return i18n.T(fr, en).In(l) }
	where := placeWords(dir).In(l)
	rewritten := res.Rewrite.Merged || res.Rewrite.Backup != ""
	var created []string
	for _, c := range res.Created {
		if !(rewritten && c == "qlint.toml") {
			created = append(created, c)
		}
	}
	if len(created) == 0 && !rewritten {
		fmt.Fprintf(stdout, t("Rien à créer dans %s : le dossier de preuves a déjà tous ses dossiers.\n",
			"Nothing to create in %s: the evidence folder already has all its folders.\n"), where)
	} else {
		fmt.Fprintf(stdout, t("Dossier de preuves préparé dans %s :\n", "Evidence folder prepared in %s:\n"), where)
	}
	if rewritten {
		// Rewritten, not created: her file was there.
		fmt.Fprintln(stdout, "  ~ qlint.toml "+t("(réécrit)", "(rewritten)"))
	}
	for _, c := range created {
		fmt.Fprintf(stdout, "  + %s\n", c)
	}
	switch {
	case res.Rewrite.Unchanged:
		fmt.Fprintln(stdout, t(
			"qlint.toml : il a déjà ce profil, il reste tel quel.",
			"qlint.toml: it already has that profile, it stays as it was."))
	case res.Rewrite.Merged:
		fmt.Fprintln(stdout, t(
			"qlint.toml : le profil de l'organisme est réécrit ; vos règles, dérogations, dates d'audit et commentaires sont gardés tels quels.",
			"qlint.toml: the organization's profile is rewritten; your rules, waivers, audit dates and comments are kept as they were."))
	case res.Rewrite.Backup != "":
		fmt.Fprintf(stdout, t(
			"qlint.toml : l'ancien fichier est gardé dans %s ; reportez-en vos règles, dérogations et dates d'audit dans le nouveau.\n",
			"qlint.toml: the old file is kept in %s; copy your rules, waivers and audit dates from it into the new one.\n"),
			shownPath(filepath.Join(dir, res.Rewrite.Backup)))
	}
	if len(res.Kept) > 0 {
		fmt.Fprintln(stdout, i18n.N(len(res.Kept), "fichier déjà présent, laissé tel quel.", "fichiers déjà présents, laissés tels quels.",
			"file already there, left as it was.", "files already there, left as they were.").In(l))
	}
	if !gitdates.InRepository(dir) {
		gitInit := "git init"
		if filepath.Clean(dir) != "." {
			gitInit += " " + cmdArg(dir)
		}
		fmt.Fprintln(stdout, t(
			"Ce dossier n'est pas encore un dépôt git : qlint date les preuves par leur historique. Créez-le avec : "+gitInit,
			"This folder is not a git repository yet: qlint dates the proofs by their history. Create it with: "+gitInit))
	}
	run := "qlint"
	if dir != "." {
		run += " " + cmdArg(dir)
	}
	fmt.Fprintln(stdout, t(
		"Déposez les preuves dans ces dossiers (chaque README dit quoi), enregistrez-les avec git, puis lancez : "+run,
		"File the proofs in these folders (each README says what), commit them with git, then run: "+run))
	return exitOK
}

// profileFlags reports whether the command line sets the organization's
// profile, which an existing qlint.toml already holds.
func profileFlags(fs *flag.FlagSet) bool {
	set := false
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "categories", "certifying", "subcontracting", "work-linked", "new-entrant", "light-audit", "initial-audit", "name":
			set = true
		}
	})
	return set
}

type completed struct {
	*scaffold.Result
	lang i18n.Lang
	ref  *rules.Referential
	org  rules.Organization
}

// completeFolder adds to dir, which has its qlint.toml, the folders its
// profile and grid need (the grid the file names, else the one in force
// today). --lang, when given, chooses the READMEs' language, else the file's.
func completeFolder(dir, lang string, fs *flag.FlagSet) (*completed, error) {
	cfgPath := filepath.Join(dir, "qlint.toml")
	cfg, err := loadRulesFile(dir, cfgPath)
	if err != nil {
		var list rules.ErrorList
		if !errors.As(err, &list) {
			err = unreadableRules(cfgPath, err)
		}
		return nil, err
	}
	ref, err := rules.Choose(cfg.Referential, rules.DayOf(now()))
	if err != nil {
		return nil, err
	}
	l := i18n.FR
	if cfg.Lang != "" {
		l = cfg.Lang
	}
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "lang" {
			l, _ = i18n.Parse(lang)
		}
	})
	res, err := scaffold.Complete(dir, scaffold.Profile{Org: cfg.Organization, Lang: l, Ref: ref})
	if err != nil {
		return nil, initError(dir, err)
	}
	return &completed{res, l, ref, cfg.Organization}, nil
}

// shellArg writes a path as typed in a terminal: as it is when it has only
// plain characters, quoted otherwise (spaces, accents are fine quoted).
func shellArg(s string) string {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._-/+,:@", r)) {
			return shellQuote(s)
		}
	}
	return s
}
