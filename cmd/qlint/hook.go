package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/storage/filesystem"

	"github.com/qlint/qlint/internal/i18n"
)

const hookUsage = `Usage : qlint hook install|uninstall [DOSSIER]

install écrit le crochet git .git/hooks/pre-commit, qui vérifie le dossier de
preuves DOSSIER (par défaut le dossier courant) à chaque commit et refuse un
commit qui laisse une preuve exigée manquante ou périmée. Les changements
indexés (git add) comptent comme mis à jour le jour du commit. qlint n'écrase
jamais un crochet qu'il n'a pas écrit : il dit comment l'enchaîner.
uninstall retire le crochet, seulement s'il l'a écrit.

Exemples :
  qlint hook install
  qlint hook install preuves
  qlint hook uninstall
`

// hookMark identifies the hooks qlint wrote, so that it never touches another.
const hookMark = "# qlint pre-commit hook: written by `qlint hook install`, removed by `qlint hook uninstall`."

func cmdHook(args []string, stdout io.Writer) (int, error) {
	fs := newFlagSet("hook", hookUsage, stdout)
	lang := fs.String("lang", "fr", "langue des messages : fr ou en")
	pos, err := parse(fs, args)
	if err != nil {
		return exitError, err
	}
	l, err := checkLang(*lang)
	if err != nil {
		return exitError, err
	}
	if len(pos) == 0 || len(pos) > 2 || (pos[0] != "install" && pos[0] != "uninstall") {
		return exitError, usageError("qlint hook attend install ou uninstall", "qlint hook expects install or uninstall",
			"qlint hook install [DOSSIER]", "qlint hook install [FOLDER]")
	}
	dir := "."
	if len(pos) == 2 {
		dir = shownPath(pos[1])
	}
	hooks, rel, err := hooksDir(dir)
	if err != nil {
		return exitError, err
	}
	t := func(fr, en string) string { return i18n.T(fr, en).In(l) }
	hook := shownPath(filepath.Join(hooks, "pre-commit"))
	existing, readErr := os.ReadFile(hook)
	ours := readErr == nil && strings.Contains(string(existing), hookMark)
	switch pos[0] {
	case "install":
		if info, err := os.Lstat(hook); err == nil && info.Mode()&os.ModeSymlink != 0 {
			return exitError, hookLinkError(hook)
		}
		if readErr == nil && !ours {
			return exitError, usageError(
				fmt.Sprintf("%s existe déjà et n'a pas été écrit par qlint : il est laissé tel quel", hook),
				fmt.Sprintf("%s already exists and was not written by qlint: it is left as it is", hook),
				"ajoutez à ce crochet la ligne : qlint "+shellQuote(rel)+" --pre-commit || exit 1 ; ou passez par le framework pre-commit (voir le README)",
				"add this line to that hook: qlint "+shellQuote(rel)+" --pre-commit || exit 1; or use the pre-commit framework (see the README)")
		}
		if err := os.MkdirAll(hooks, 0o755); err != nil {
			return exitError, err
		}
		if err := os.WriteFile(hook, []byte(hookScript(rel)), 0o755); err != nil {
			return exitError, err
		}
		if err := os.Chmod(hook, 0o755); err != nil {
			return exitError, err
		}
		verb := t("installé", "installed")
		if ours {
			verb = t("mis à jour", "updated")
		}
		fmt.Fprintf(stdout, t("Crochet pre-commit %s : %s\nChaque commit vérifiera le dossier de preuves %s.\n",
			"Pre-commit hook %s: %s\nEvery commit will check the evidence folder %s.\n"), verb, hook, rel)
	case "uninstall":
		switch {
		case errors.Is(readErr, os.ErrNotExist):
			fmt.Fprintf(stdout, t("Aucun crochet pre-commit dans %s : rien à retirer.\n", "No pre-commit hook in %s: nothing to remove.\n"), hooks)
		case readErr != nil:
			return exitError, readErr
		case !ours:
			return exitError, usageError(
				fmt.Sprintf("%s n'a pas été écrit par qlint : il est laissé tel quel", hook),
				fmt.Sprintf("%s was not written by qlint: it is left as it is", hook),
				"retirez à la main la ligne qlint de ce crochet si vous l'y aviez ajoutée",
				"remove the qlint line from that hook by hand if you had added it")
		default:
			if err := os.Remove(hook); err != nil {
				return exitError, err
			}
			fmt.Fprintf(stdout, t("Crochet pre-commit retiré : %s\n", "Pre-commit hook removed: %s\n"), hook)
		}
	}
	return exitOK, nil
}

// hooksDir finds the repository's hooks folder (core.hooksPath when set)
// and the evidence folder's path from the work tree's top.
func hooksDir(dir string) (hooks, rel string, err error) {
	repo, err := git.PlainOpenWithOptions(dir, &git.PlainOpenOptions{DetectDotGit: true, EnableDotGitCommonDir: true})
	if err != nil {
		return "", "", usageError(
			fmt.Sprintf("%s n'est pas dans un dépôt git", dir), fmt.Sprintf("%s is not in a git repository", dir),
			"le crochet pre-commit se pose dans le dépôt du dossier de preuves : git init, puis qlint hook install",
			"the pre-commit hook goes into the evidence folder's repository: git init, then qlint hook install")
	}
	wt, err := repo.Worktree()
	if err != nil {
		return "", "", err
	}
	top := wt.Filesystem.Root()
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return "", "", err
	}
	if a, err := filepath.EvalSymlinks(absDir); err == nil {
		absDir = a
	}
	if t, err := filepath.EvalSymlinks(top); err == nil {
		top = t
	}
	rel, err = filepath.Rel(top, absDir)
	if err != nil {
		return "", "", err
	}
	rel = filepath.ToSlash(rel)
	st, ok := repo.Storer.(*filesystem.Storage)
	if !ok {
		return "", "", errors.New("the repository's storage has no folder for hooks")
	}
	hooks, err = gitHooksDir(dir, top, st.Filesystem().Root())
	return shownPath(hooks), rel, err
}

func hookScript(rel string) string {
	return `#!/bin/sh
` + hookMark + `
# It checks the Qualiopi evidence folder as this commit will leave it (staged
# changes count as updated today) and stops a commit that leaves a required
# proof missing or stale.
if ! command -v qlint >/dev/null 2>&1; then
	echo "qlint: command not found; install it with: go install github.com/qlint/qlint/cmd/qlint@latest" >&2
	exit 1
fi
cd "$(git rev-parse --show-toplevel)" || exit 1
exec qlint ` + shellQuote(rel) + ` --pre-commit
`
}

// shellQuote quotes a path for sh.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
