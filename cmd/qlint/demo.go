package main

import (
	"fmt"
	"io"
	"os"

	"github.com/qlint/qlint/internal/demo"
	"github.com/qlint/qlint/internal/gitdates"
	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/lang"
	"github.com/qlint/qlint/rules"
)

const demoUsage = `Usage : qlint demo [DOSSIER] [options]

Crée un dossier de preuves de démonstration, dépôt git avec environ deux ans
d'historique (sessions et leurs dossiers, veille, CV des intervenants, une
réorganisation qui a déplacé un dossier, quelques preuves manquantes ou
périmées exprès), puis le vérifie. Sans DOSSIER, un dossier temporaire neuf
est créé. Un DOSSIER existant doit être vide : rien n'est jamais écrasé ;
il doit être hors de tout dépôt git.
Les dates sont comptées à rebours depuis --as-of (par défaut aujourd'hui).
La commande sort en 0 quand la démonstration est créée et vérifiée : les
constats du rapport sont voulus.

Exemples :
  qlint demo
  qlint demo ./demo-preuves --lang en
  qlint demo --as-of 2026-11-22 -f json
`

func cmdDemo(args []string, stdout, stderr io.Writer) (int, error) {
	c, dir, err := parseFolderCommand("demo", demoUsage, args, stdout, nil)
	if err != nil {
		return exitError, err
	}
	today := rules.DayOf(now())
	if c.asOf != "" {
		if today, err = rules.ParseDay(c.asOf); err != nil {
			p := rules.DayProblem(c.asOf)
			return exitError, usageError("--as-of : "+p.FR, "--as-of: "+p.EN,
				"écrivez la date sous la forme jj/mm/aaaa (par exemple 22/11/2026) ou aaaa-mm-jj", "write the date as dd/mm/yyyy (for example 22/11/2026) or yyyy-mm-dd")
		}
	}
	l, _ := i18n.Parse(c.lang)
	if l == "" {
		l = i18n.FR
	}
	if dir != "" {
		if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
			return exitError, usageError(
				fmt.Sprintf("le dossier %s n'est pas vide : la démonstration n'écrase rien", dir),
				fmt.Sprintf("folder %s is not empty: the demo overwrites nothing", dir),
				"donnez un dossier neuf, ou aucun pour un dossier temporaire", "give a new folder, or none for a temporary one")
		} else if err == nil || os.IsNotExist(err) {
			// Absent or empty: fine, unless a repository holds it (the
			// evidence folder itself, say): the demo's own repository and
			// its files would land in it.
			if top := gitdates.WorkTree(dir); top != "" {
				return exitError, usageError(
					fmt.Sprintf("le dossier %s est dans le dépôt git %s : la démonstration y ajouterait son propre dépôt et ses fichiers", dir, top),
					fmt.Sprintf("folder %s lies in git repository %s: the demo would add its own repository and files to it", dir, top),
					"choisissez un dossier hors de tout dépôt git, ou n'en donnez aucun pour un dossier temporaire",
					"choose a folder outside any git repository, or give none for a temporary one")
			}
		} else {
			return exitError, &lang.Error{
				Msg: i18n.T(fmt.Sprintf("%s n'est pas un dossier où écrire la démonstration", dir),
					fmt.Sprintf("%s is not a folder to write the demo into", dir)),
				Hint: i18n.T("donnez le chemin d'un dossier neuf (il sera créé), ou aucun pour un dossier temporaire",
					"give the path of a new folder (it will be made), or none for a temporary one"),
				Err: err,
			}
		}
	} else {
		if dir, err = os.MkdirTemp("", "qlint-demo-"); err != nil {
			return exitError, err
		}
		dir = shownPath(dir)
	}
	commits, err := demo.Create(dir, today.Time())
	if err != nil {
		return exitError, &lang.Error{
			Msg: i18n.T(fmt.Sprintf("la démonstration n'a pas pu être écrite dans %s", dir),
				fmt.Sprintf("the demo could not be written into %s", dir)),
			Hint: i18n.T("vérifiez que le dossier peut être créé et écrit, ou n'en donnez aucun pour un dossier temporaire",
				"check that the folder can be made and written, or give none for a temporary one"),
			Err: err,
		}
	}
	// The report goes to stdout; the note about the folder goes to stderr so
	// that -f json stays a clean document.
	fmt.Fprintln(stderr, i18n.T(
		fmt.Sprintf("Dossier de démonstration créé : %s (%d commits). Vérification :\n", dir, commits),
		fmt.Sprintf("Demo evidence folder created: %s (%d commits). Checking it:\n", dir, commits)).In(l))
	c.asOf = today.String()
	if _, err := lint(dir, c, stdout, stderr); err != nil {
		return exitError, err
	}
	fmt.Fprintln(stderr, i18n.T(
		fmt.Sprintf("\nLes constats ci-dessus sont voulus. Relancez la vérification avec : qlint %s", cmdArg(dir)),
		fmt.Sprintf("\nThe findings above are on purpose. Check again with: qlint %s", cmdArg(dir))).In(l))
	return exitOK, nil
}
