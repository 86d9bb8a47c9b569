package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/qlint/qlint/internal/gitdates"
	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/lang"
	"github.com/qlint/qlint/rules"
)

const hookUsage = `Usage : qlint hook install|uninstall [DOSSIER]

install écrit le crochet git .git/hooks/pre-commit, qui vérifie le dossier de
preuves DOSSIER (par défaut le dossier courant) à chaque commit et le compare
au dernier enregistrement (le dernier commit) : un commit n'est refusé que
s'il aggrave les choses (une preuve retirée, périmée ou renommée hors de sa
règle). Ce qui était déjà à corriger est compté sur une ligne, sans bloquer :
le crochet peut être posé dès le premier jour, sur un dossier encore en
construction. Avec --strict, il
refuse tout commit qui laisse une preuve exigée manquante ou périmée.
Les changements indexés (git add) comptent comme mis à jour le jour du commit.
qlint n'écrase jamais un crochet qu'il n'a pas écrit : il dit comment
l'enchaîner. uninstall retire le crochet, seulement s'il l'a écrit.

Exemples :
  qlint hook install
  qlint hook install preuves
  qlint hook install --strict
  qlint hook uninstall
`

// hookMark identifies the hooks qlint wrote, so that it never touches another.
const hookMark = "# qlint pre-commit hook: written by `qlint hook install`, removed by `qlint hook uninstall`."

func cmdHook(args []string, stdout io.Writer) (int, error) {
	fs := newFlagSet("hook", hookUsage, stdout)
	lang := fs.String("lang", "fr", "langue des messages : fr ou en")
	strict := fs.Bool("strict", false, "refuser tout commit qui laisse une preuve exigée manquante ou périmée, même déjà absente avant")
	pos, err := parse(fs, args)
	if err != nil {
		return exitError, err
	}
	l, err := checkLang(*lang)
	if err != nil {
		return exitError, err
	}
	// The hook speaks the language asked for here; without --lang, that
	// of qlint.toml, as qlint does.
	langFlag := ""
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "lang" {
			langFlag = " --lang " + string(l)
		}
	})
	if err := checkHookArgs(pos, *strict); err != nil {
		return exitError, err
	}
	dir := "."
	if len(pos) == 2 {
		dir = shownPath(pos[1])
		if info, err := os.Stat(dir); err != nil || !info.IsDir() {
			// A word that is no folder (a typo, an extra word) would
			// otherwise install a hook for a folder that is not there.
			return exitError, usageError(
				fmt.Sprintf("le dossier de preuves « %s » n'existe pas ou n'est pas un dossier", dir),
				fmt.Sprintf("the evidence folder %q does not exist or is not a folder", dir),
				"donnez le chemin du dossier de preuves : qlint hook "+pos[0]+" DOSSIER ; sans dossier, celui où vous êtes",
				"give the path of the evidence folder: qlint hook "+pos[0]+" FOLDER; without one, the folder you are in")
		}
	}
	hooks, rel, err := hooksDir(dir)
	if err != nil {
		return exitError, err
	}
	h := hookFile{hooks: hooks, path: shownPath(filepath.Join(hooks, "pre-commit"))}
	existing, readErr := os.ReadFile(h.path)
	h.readErr, h.ours = readErr, readErr == nil && strings.Contains(string(existing), hookMark)
	switch pos[0] {
	case "install":
		if err := checkHooksPath(dir); err != nil {
			return exitError, err
		}
		err = installHook(stdout, h, dir, rel, l, *strict, langFlag)
	case "uninstall":
		err = uninstallHook(stdout, h, l)
	}
	if err != nil {
		return exitError, err
	}
	return exitOK, nil
}

// checkHookArgs checks the words after qlint hook: install or uninstall,
// and a folder; --strict goes with install only.
func checkHookArgs(pos []string, strict bool) error {
	if strict && len(pos) > 0 && pos[0] != "install" {
		return usageError("--strict ne s'emploie qu'avec qlint hook install", "--strict only goes with qlint hook install",
			"qlint hook install --strict", "qlint hook install --strict")
	}
	if len(pos) == 0 || len(pos) > 2 || (pos[0] != "install" && pos[0] != "uninstall") {
		if len(pos) > 0 {
			for _, want := range []string{"install", "uninstall"} {
				if d := rules.EditDistance(strings.ToLower(pos[0]), want); d > 0 && d <= 2 {
					return usageError(fmt.Sprintf("qlint hook attend install ou uninstall : vouliez-vous dire %s ?", want),
						fmt.Sprintf("qlint hook expects install or uninstall: did you mean %s?", want),
						"qlint hook "+want+" [DOSSIER]", "qlint hook "+want+" [FOLDER]")
				}
			}
		}
		return usageError("qlint hook attend install ou uninstall", "qlint hook expects install or uninstall",
			"qlint hook install [DOSSIER]", "qlint hook install [FOLDER]")
	}
	return nil
}

// hookFile is a repository's pre-commit hook, as qlint found it.
type hookFile struct {
	hooks   string // the hooks folder
	path    string // the hook, as shown
	readErr error  // why it could not be read (os.ErrNotExist: there is none)
	ours    bool   // qlint wrote it
}

// installHook writes the hook that checks the evidence folder dir (rel
// from the work tree's top), or rewrites the one qlint wrote; another
// program's hook, or a link, is left alone.
func installHook(stdout io.Writer, h hookFile, dir, rel string, l i18n.Lang, strict bool, langFlag string) error {
	t := func(fr, en string) string { return i18n.T(fr, en).In(l) }
	if info, err := os.Lstat(h.path); err == nil && info.Mode()&os.ModeSymlink != 0 {
		return hookLinkError(h.path)
	}
	if h.readErr == nil && !h.ours {
		return usageError(
			fmt.Sprintf("%s existe déjà et n'a pas été écrit par qlint : il est laissé tel quel", h.path),
			fmt.Sprintf("%s already exists and was not written by qlint: it is left as it is", h.path),
			"ajoutez à ce crochet la ligne : qlint "+cmdArg(rel)+" "+hookFlags(strict)+langFlag+" || exit 1 ; ou passez par le framework pre-commit (voir le README)",
			"add this line to that hook: qlint "+cmdArg(rel)+" "+hookFlags(strict)+langFlag+" || exit 1; or use the pre-commit framework (see the README)")
	}
	if err := hookRulesCheck(dir, strict); err != nil {
		return err
	}
	self, onPath := hookQlint()
	err := os.MkdirAll(h.hooks, 0o755)
	if err == nil {
		err = os.WriteFile(h.path, []byte(hookScript(rel, self, onPath, l, strict, langFlag)), 0o755)
	}
	if err == nil {
		err = os.Chmod(h.path, 0o755)
	}
	if err != nil {
		return usageError("impossible d'écrire "+h.path+" : "+osReason(err, i18n.FR), "cannot write "+h.path+": "+osReason(err, i18n.EN),
			"vérifiez les droits du dossier .git", "check the rights on the .git folder")
	}
	verb := t("installé", "installed")
	if h.ours {
		verb = t("mis à jour", "updated")
	}
	fmt.Fprintf(stdout, t("Crochet pre-commit %s : %s\nChaque enregistrement (commit) vérifiera le dossier de preuves %s.\n",
		"Pre-commit hook %s: %s\nEvery commit will check the evidence folder %s.\n"), verb, h.path, folderWords(rel, l))
	if !onPath {
		fmt.Fprintf(stdout, t("qlint n'est pas dans le PATH : le crochet lance %s. Si vous déplacez qlint, relancez qlint hook install.\n",
			"qlint is not on the PATH: the hook runs %s. If you move qlint, run qlint hook install again.\n"), self)
	}
	if strict {
		fmt.Fprint(stdout, t("Mode strict : un enregistrement qui laisse une preuve exigée manquante ou périmée est refusé.\n",
			"Strict mode: a commit that leaves a required proof missing or stale is refused.\n"))
	} else {
		fmt.Fprint(stdout, t("Un enregistrement n'est refusé que s'il ajoute un problème ; ce qui était déjà à corriger est compté sans bloquer (qlint hook install --strict pour tout exiger).\n",
			"A commit is refused only when it adds a problem; what was already to fix is counted without blocking (qlint hook install --strict to require everything).\n"))
	}
	return nil
}

// uninstallHook removes the hook qlint wrote, and only that one.
func uninstallHook(stdout io.Writer, h hookFile, l i18n.Lang) error {
	t := func(fr, en string) string { return i18n.T(fr, en).In(l) }
	switch {
	case errors.Is(h.readErr, os.ErrNotExist):
		fmt.Fprintf(stdout, t("Aucun crochet pre-commit dans %s : rien à retirer.\n", "No pre-commit hook in %s: nothing to remove.\n"), h.hooks)
	case h.readErr != nil:
		return usageError("lecture de "+h.path+" impossible : "+osReason(h.readErr, i18n.FR), "cannot read "+h.path+": "+osReason(h.readErr, i18n.EN),
			"vérifiez les droits du dossier .git", "check the rights on the .git folder")
	case !h.ours:
		return usageError(
			fmt.Sprintf("%s n'a pas été écrit par qlint : il est laissé tel quel", h.path),
			fmt.Sprintf("%s was not written by qlint: it is left as it is", h.path),
			"retirez à la main la ligne qlint de ce crochet si vous l'y aviez ajoutée",
			"remove the qlint line from that hook by hand if you had added it")
	default:
		if err := os.Remove(h.path); err != nil {
			return usageError("impossible de retirer "+h.path+" : "+osReason(err, i18n.FR), "cannot remove "+h.path+": "+osReason(err, i18n.EN),
				"vérifiez les droits du dossier .git", "check the rights on the .git folder")
		}
		fmt.Fprintf(stdout, t("Crochet pre-commit retiré : %s\n", "Pre-commit hook removed: %s\n"), h.path)
	}
	return nil
}

// hooksDir finds the repository's hooks folder (core.hooksPath when set)
// and the evidence folder's path from the work tree's top.
func hooksDir(dir string) (hooks, rel string, err error) {
	hooks, rel, err = gitdates.HooksDir(dir)
	switch {
	case errors.Is(err, gitdates.ErrNotRepository):
		return "", "", usageError(
			fmt.Sprintf("%s n'est pas dans un dépôt git", dir), fmt.Sprintf("%s is not in a git repository", dir),
			"le crochet pre-commit se pose dans le dépôt du dossier de preuves : git init, puis qlint hook install",
			"the pre-commit hook goes into the evidence folder's repository: git init, then qlint hook install")
	case errors.Is(err, gitdates.ErrNoHooksFolder):
		return "", "", usageError("ce dépôt git n'a pas de dossier pour les crochets", "this git repository has no folder for hooks",
			"posez le crochet à la main, ou passez par le framework pre-commit (voir le README)", "write the hook by hand, or use the pre-commit framework (see the README)")
	}
	var plain *lang.Error // a repository qlint cannot read, said to people
	if errors.As(err, &plain) {
		err = plain
	}
	return shownPath(hooks), rel, err
}

// hookQlint is the qlint the hook runs: "qlint" when the qlint on the PATH
// is this one, else this one's absolute path (installed in a folder the
// PATH does not list, or run as ./qlint), so that the hook works.
func hookQlint() (cmd string, onPath bool) {
	self, err := os.Executable()
	if err != nil {
		return "qlint", true
	}
	if s, err := filepath.EvalSymlinks(self); err == nil {
		self = s
	}
	if p, err := exec.LookPath("qlint"); err == nil {
		if p, err = filepath.EvalSymlinks(p); err == nil {
			a, err1 := os.Stat(p)
			b, err2 := os.Stat(self)
			if err1 == nil && err2 == nil && os.SameFile(a, b) {
				return "qlint", true
			}
		}
	}
	return self, false
}

// hookFlags are the hook's flags: by default the staged tree is compared
// with HEAD, so that only what the commit makes worse stops it.
func hookFlags(strict bool) string {
	if strict {
		return "--pre-commit"
	}
	return "--pre-commit --new-from-rev HEAD"
}

func hookScript(rel, qlint string, onPath bool, l i18n.Lang, strict bool, langFlag string) string {
	check := `if ! command -v qlint >/dev/null 2>&1; then
	echo ` + shellQuote(i18n.T(
		"qlint: commande qlint introuvable ; installez-la avec : go install github.com/qlint/qlint/cmd/qlint@latest",
		"qlint: command qlint not found; install it with: go install github.com/qlint/qlint/cmd/qlint@latest").In(l)) + ` >&2
	exit 1
fi`
	run := "qlint"
	if !onPath {
		run = shellQuote(qlint)
		check = `if [ ! -x ` + run + ` ]; then
	echo ` + shellQuote(i18n.T(
			"qlint: "+qlint+" est introuvable (déplacé ou supprimé) ; relancez qlint hook install avec le qlint à utiliser",
			"qlint: "+qlint+" is not there (moved or removed); run qlint hook install again with the qlint to use").In(l)) + ` >&2
	exit 1
fi`
	}
	what := `# It checks the Qualiopi evidence folder as this commit will leave it (staged
# changes count as updated today) and compares it with HEAD: it stops a
# commit that makes it worse (a proof removed, gone stale or renamed out of
# its rule); what was already to fix is counted on one line.`
	if strict {
		what = `# It checks the Qualiopi evidence folder as this commit will leave it (staged
# changes count as updated today) and stops a commit that leaves a required
# proof missing or stale (--strict).`
	}
	return `#!/bin/sh
` + hookMark + `
` + what + `
` + check + `
cd "$(git rev-parse --show-toplevel)" || exit 1
exec ` + run + ` ` + shellQuote(rel) + ` ` + hookFlags(strict) + langFlag + `
`
}

// shellQuote quotes a path for sh.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// folderWords names the evidence folder from the repository's top: its path,
// or the repository itself when they are one.
func folderWords(rel string, l i18n.Lang) string {
	if rel == "." || rel == "" {
		return i18n.T("(tout le dépôt)", "(the whole repository)").In(l)
	}
	return rel
}

// hookLinkError refuses to write the hook through a link: a dangling
// pre-commit link would be written through to its target, outside the
// repository.
func hookLinkError(hook string) error {
	return usageError(
		fmt.Sprintf("%s est un lien : qlint n'écrit pas à travers (il mènerait hors du dépôt)", hook),
		fmt.Sprintf("%s is a link: qlint does not write through it (it would lead out of the repository)", hook),
		"supprimez le lien si vous n'en voulez plus, puis relancez qlint hook install",
		"remove the link if you no longer want it, then run qlint hook install again")
}
