package gitdates

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5/storage/filesystem"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/lang"
)

// Why HooksDir finds no hooks folder.
var (
	ErrNotRepository = errors.New("not in a git repository")
	ErrNoHooksFolder = errors.New("the git repository has no folder for hooks")
)

// HooksDir finds where git runs the hooks of the repository that holds dir
// (core.hooksPath when set), and dir's path from the work tree's top, with
// /. The repository is found and opened as Open does.
func HooksDir(dir string) (hooks, rel string, err error) {
	repo, err := openRepo(dir)
	var plain *lang.Error
	if errors.As(err, &plain) {
		return "", "", plain // a repository qlint refuses, and says why
	}
	if err != nil {
		return "", "", fmt.Errorf("%w: %w", ErrNotRepository, err)
	}
	top := repo.top
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
		return "", "", ErrNoHooksFolder
	}
	if err := checkGitDirEnv(absDir, st.Filesystem().Root()); err != nil {
		return "", "", err
	}
	hooks, err = gitHooksDir(dir, top, st.Filesystem().Root())
	return hooks, rel, err
}

// gitHooksDir returns the folder where git runs the hooks of the
// repository whose work tree is top and whose git folder is gitDir (a
// worktree's own folder, .git/worktrees/NAME, included).
//
// With the git binary, git says it (git rev-parse --git-path hooks): that
// follows core.hooksPath wherever it is set (repository, global or system
// config, include files), with ~ expanded, and a worktree's hooks are its
// main repository's. Without git the same is worked out: core.hooksPath
// from the repository's config, else the global one, ~ expanded, relative
// to the work tree's top; else the hooks folder of the common git folder.
func gitHooksDir(dir, top, gitDir string) (string, error) {
	if gitBin, err := exec.LookPath("git"); err == nil {
		cmd := exec.Command(gitBin, "rev-parse", "--git-path", "hooks")
		cmd.Dir = dir
		repoEnv(cmd)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err == nil {
			p := strings.TrimRight(string(out), "\r\n")
			if !filepath.IsAbs(p) {
				p = filepath.Join(dir, p)
			}
			return filepath.Clean(p), nil
		}
		if strings.Contains(stderr.String(), "safe.directory") || strings.Contains(stderr.String(), "dubious ownership") {
			return "", &lang.Error{
				Msg: i18n.T("git refuse ce dépôt : il appartient à un autre utilisateur (safe.directory)",
					"git refuses this repository: it belongs to another user (safe.directory)"),
				Hint: i18n.T("si vous lui faites confiance : git config --global --add safe.directory "+quoteArg(top),
					"if you trust it: git config --global --add safe.directory "+quoteArg(top))}
		}
	}
	common := commonDir(gitDir)
	p := hooksPathFromConfig(filepath.Join(common, "config"))
	if p == "" {
		p = globalHooksPath()
	}
	if p == "" {
		return filepath.Join(common, "hooks"), nil
	}
	if p == "~" || strings.HasPrefix(p, "~/") {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", &lang.Error{
				Msg: i18n.T("core.hooksPath = "+p+" : le dossier personnel est inconnu",
					"core.hooksPath = "+p+": the home folder is unknown"),
				Hint: i18n.T("écrivez un chemin complet dans core.hooksPath (git config core.hooksPath)",
					"write a full path in core.hooksPath (git config core.hooksPath)")}
		}
		p = filepath.Join(home, strings.TrimPrefix(p, "~"))
	}
	if !filepath.IsAbs(p) {
		p = filepath.Join(top, p)
	}
	return filepath.Clean(p), nil
}

// hooksPathFromConfig reads core.hooksPath from one git config file.
func hooksPathFromConfig(p string) string {
	v, _ := hooksPathIn(p)
	return v
}

// globalHooksPath reads core.hooksPath from the user's git config, where
// git looks for it: $XDG_CONFIG_HOME/git/config (or ~/.config/git/config),
// then ~/.gitconfig, the later winning.
func globalHooksPath() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	xdg := os.Getenv("XDG_CONFIG_HOME")
	if xdg == "" {
		xdg = filepath.Join(home, ".config")
	}
	p := ""
	for _, f := range []string{filepath.Join(xdg, "git", "config"), filepath.Join(home, ".gitconfig")} {
		if v := hooksPathFromConfig(f); v != "" {
			p = v
		}
	}
	return p
}
