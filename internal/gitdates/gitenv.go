package gitdates

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/lang"
)

// checkGitDirEnv accepts GIT_DIR in the environment when it names the
// git folder qlint found for the evidence folder (git sets it so for the
// hooks it runs; a worktree's own folder, .git/worktrees/NAME, there), and
// refuses it plainly when it names anything else: git, which qlint runs
// there, would read that other repository (or fail), the built-in reader
// this one, and the dates would come from a history the folder is not in.
// GIT_DIR may also name the git folder of a repository whose work tree
// holds this one (the outer repository of a submodule). A relative GIT_DIR
// is taken from base, the folder git runs in; git commands qlint runs get
// no GIT_DIR (repoEnv).
func checkGitDirEnv(base, gitDir string) error {
	env, ok := os.LookupEnv("GIT_DIR")
	if !ok || env == "" || gitDir == "" {
		return nil
	}
	p := env
	if !filepath.IsAbs(p) {
		p = filepath.Join(base, p)
	}
	if sameDir(p, gitDir) {
		return nil
	}
	// The git folder of a repository around this one: git runs the hooks
	// of the outer repository so, and qlint dates its submodules.
	for d := filepath.Dir(base); ; {
		dot, wt, err := findDotGit(d)
		if err != nil {
			break
		}
		if sameDir(p, dot.Root()) {
			return nil
		}
		up := filepath.Dir(wt.Root())
		if up == wt.Root() {
			break
		}
		d = up
	}
	return &lang.Error{
		Msg: i18n.T("la variable d'environnement GIT_DIR ("+env+") désigne un autre dépôt git que celui qui contient le dossier de preuves ("+gitDir+") : git lirait l'historique de l'autre",
			"the GIT_DIR environment variable ("+env+") names another git repository than the one holding the evidence folder ("+gitDir+"): git would read the other's history"),
		Hint: i18n.T("retirez-la (unset GIT_DIR) puis relancez ; pour juger l'autre dépôt, lancez qlint sur son dossier",
			"remove it (unset GIT_DIR) and run again; to judge the other repository, run qlint on its folder"),
	}
}

// sameDir reports whether a and b are the same folder.
func sameDir(a, b string) bool {
	ia, err := os.Stat(a)
	if err != nil {
		return false
	}
	ib, err := os.Stat(b)
	return err == nil && os.SameFile(ia, ib)
}

// repoEnv is the environment of a git command qlint runs in the
// repository it found: without the variables that would point git at
// another repository or work tree (GIT_DIR, set by git for the hooks of an
// outer repository, names that one, not a submodule's), so that git finds
// the same repository as qlint did, from the folder it runs in.
func repoEnv(cmd *exec.Cmd) *exec.Cmd {
	env := cmd.Environ()
	kept := env[:0]
	for _, kv := range env {
		name, _, _ := strings.Cut(kv, "=")
		switch name {
		case "GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR":
			continue
		}
		kept = append(kept, kv)
	}
	cmd.Env = kept
	return cmd
}

// errGitDirOutsideRepo says that GIT_DIR is set while the evidence folder
// is in no repository qlint finds: git would date its files from that
// repository, qlint from their modification times.
func errGitDirOutsideRepo() error {
	env := os.Getenv("GIT_DIR")
	if env == "" {
		return nil
	}
	return &lang.Error{
		Msg: i18n.T("la variable d'environnement GIT_DIR ("+env+") est définie, mais le dossier de preuves n'est dans aucun dépôt git (pas de .git dans le dossier ni au-dessus) : qlint ne lit pas un dépôt séparé de ses fichiers",
			"the GIT_DIR environment variable ("+env+") is set, but the evidence folder is in no git repository (no .git in the folder or above): qlint does not read a repository kept apart from its files"),
		Hint: i18n.T("lancez qlint sur un clone du dépôt (git clone "+quoteArg(env)+" dossier), ou retirez la variable (unset GIT_DIR) pour dater les fichiers par leur date de modification",
			"run qlint on a clone of the repository (git clone "+quoteArg(env)+" folder), or remove the variable (unset GIT_DIR) to date the files by their modification time"),
	}
}
