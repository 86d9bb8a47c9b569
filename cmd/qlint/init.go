package main

import (
	"errors"

	"fmt"
	"io"
	"path/filepath"
	"strings"

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

qlint init n'écrase jamais rien : un qlint.toml existant arrête la commande
(sortie 2) ; --force le remplace, sans toucher à rien d'autre. Relancer la
commande ne crée que ce qui manque.

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
	fs.StringVar(&initial, "initial-audit", "", "date de l'audit initial, AAAA-MM-JJ")
	fs.StringVar(&lang, "lang", "fr", "langue des rapports et des README : fr ou en")
	fs.StringVar(&name, "name", "", "nom de l'organisme (par défaut le nom du dossier)")
	fs.BoolVar(&force, "force", false, "remplacer un qlint.toml existant (rien d'autre n'est touché)")
	pos, err := parse(fs, args)
	if err != nil {
		return exitError, err
	}
	if len(pos) > 1 {
		return exitError, usageError(fmt.Sprintf("un seul dossier attendu, %d donnés", len(pos)), fmt.Sprintf("one folder expected, %d given", len(pos)),
			"qlint init [DOSSIER] [options]", "qlint init [FOLDER] [options]")
	}
	dir := "."
	if len(pos) == 1 {
		dir = pos[0]
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
	for _, c := range strings.Split(categories, ",") {
		cat, ok := rules.KnownCategory(c)
		if !ok {
			return exitError, usageError(fmt.Sprintf("catégorie inconnue %q", strings.TrimSpace(c)), fmt.Sprintf("unknown category %q", strings.TrimSpace(c)),
				"--categories prend AF, BC, VAE et CFA, séparées par des virgules : --categories AF,BC",
				"--categories takes AF, BC, VAE and CFA, separated by commas: --categories AF,BC")
		}
		p.Org.Categories = append(p.Org.Categories, cat)
	}
	if initial != "" {
		if p.InitialAudit, err = rules.ParseDay(initial); err != nil {
			return exitError, usageError(fmt.Sprintf("--initial-audit %q : date invalide", initial), fmt.Sprintf("--initial-audit %q: invalid date", initial),
				"écrivez la date sous la forme 2025-06-12", "write the date as 2025-06-12")
		}
	}
	if p.Name == "" {
		if abs, err := filepath.Abs(dir); err == nil {
			p.Name = filepath.Base(abs)
		}
	}
	res, err := scaffold.Init(dir, p, force)
	if errors.Is(err, scaffold.ErrConfigExists) {
		return exitError, usageError(
			fmt.Sprintf("%s existe déjà : qlint init n'écrase rien", filepath.Join(dir, "qlint.toml")),
			fmt.Sprintf("%s already exists: qlint init overwrites nothing", filepath.Join(dir, "qlint.toml")),
			"modifiez-le à la main, ou relancez avec --force pour le remplacer (rien d'autre ne sera touché)",
			"edit it by hand, or run again with --force to replace it (nothing else is touched)")
	}
	if err != nil {
		return exitError, err
	}
	t := func(fr, en string) string { return i18n.T(fr, en).In(l) }
	fmt.Fprintf(stdout, t("Dossier de preuves préparé dans %s :\n", "Evidence folder prepared in %s:\n"), dir)
	for _, c := range res.Created {
		fmt.Fprintf(stdout, "  + %s\n", c)
	}
	if len(res.Kept) > 0 {
		fmt.Fprintf(stdout, t("%d fichier(s) déjà présent(s), laissé(s) tel(s) quel(s).\n", "%d file(s) already there, left as they were.\n"), len(res.Kept))
	}
	fmt.Fprintln(stdout, t(
		"Déposez les preuves dans ces dossiers (chaque README dit quoi), enregistrez-les avec git, puis lancez : qlint "+dir,
		"File the proofs in these folders (each README says what), commit them with git, then run: qlint "+dir))
	return exitOK, nil
}
