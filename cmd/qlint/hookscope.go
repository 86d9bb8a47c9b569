package main

import (
	"os"
	"path/filepath"

	"github.com/qlint/qlint/internal/gitdates"
)

// Where hook install refuses to write, because git would not run the hook
// for this repository alone:
//
//   - core.hooksPath set in the global or system config: that hooks
//     folder serves every repository of the user (or of the machine). A
//     qlint hook there would stop the commits of all the others ("no
//     qlint.toml"), and would replace the pre-commit hook they share. qlint
//     refuses and says how to install for this repository only; it does
//     not write a shared hook that checks where it runs, which would still
//     take the place of the shared pre-commit hook of every repository.
//   - core.hooksPath empty or /dev/null (or any path that is not and
//     cannot be a folder): hooks are turned off; a hook written anywhere
//     would never run.
func checkHooksPath(dir string) error {
	s := gitdates.HooksPath(dir)
	if s.Scope == "" {
		return nil
	}
	where := map[string][2]string{
		"global": {"la configuration globale de git (~/.gitconfig)", "git's global configuration (~/.gitconfig)"},
		"system": {"la configuration système de git (/etc/gitconfig)", "git's system configuration (/etc/gitconfig)"},
		"local":  {"la configuration de ce dépôt (.git/config)", "this repository's configuration (.git/config)"},
	}[s.Scope]
	if where[0] == "" {
		where = [2]string{"la configuration de git (" + s.Scope + ")", "git's configuration (" + s.Scope + ")"}
	}
	unset := "git config --unset core.hooksPath"
	switch s.Scope {
	case "global":
		unset = "git config --global --unset core.hooksPath"
	case "system":
		unset = "sudo git config --system --unset core.hooksPath"
	}
	if hooksTurnedOff(s.Value) {
		return usageError(
			"les crochets git sont désactivés par core.hooksPath = \""+s.Value+"\", dans "+where[0]+" : git ne lancerait pas le crochet, qlint ne l'écrit pas",
			"git hooks are turned off by core.hooksPath = \""+s.Value+"\", in "+where[1]+": git would not run the hook, so qlint does not write it",
			"pour les réactiver : "+unset+", puis relancez qlint hook install",
			"to turn them back on: "+unset+", then run qlint hook install again")
	}
	if s.Scope == "global" || s.Scope == "system" {
		return usageError(
			"core.hooksPath = "+s.Value+" est réglé dans "+where[0]+" : ce dossier de crochets sert à tous les dépôts, et un crochet qlint y bloquerait les commits des autres",
			"core.hooksPath = "+s.Value+" is set in "+where[1]+": that hooks folder serves every repository, and a qlint hook there would stop the commits of the others",
			"posez le crochet pour ce dépôt seul : git config core.hooksPath .git/hooks, puis qlint hook install ; ou ajoutez qlint à votre gestionnaire de crochets (framework pre-commit, voir le README)",
			"install it for this repository only: git config core.hooksPath .git/hooks, then qlint hook install; or add qlint to your hook manager (the pre-commit framework, see the README)")
	}
	return nil
}

// hooksTurnedOff reports whether a core.hooksPath value turns hooks off:
// empty, or naming something that is not a folder and cannot become one
// (/dev/null).
func hooksTurnedOff(v string) bool {
	if v == "" {
		return true
	}
	if !filepath.IsAbs(v) {
		return false
	}
	info, err := os.Stat(v)
	return err == nil && !info.IsDir()
}
