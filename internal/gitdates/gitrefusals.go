package gitdates

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/internal/lazyre"
	"github.com/qlint/qlint/internal/safefile"
	"github.com/qlint/qlint/lang"
)

// headRef is what git accepts in HEAD: a branch under refs/, or a commit id
// (SHA-1 or SHA-256).
var (
	headRef   = lazyre.New(`^refs/[^\x00-\x20~^:?*\[\\]+$`)
	headID    = lazyre.New(`^([0-9a-f]{40}|[0-9a-f]{64})$`)
	badRefSeq = lazyre.New(`\.\.|/\.|//|@\{|\.lock(/|$)|[/.]$`)
)

// checkHead refuses, as git does, a HEAD that points outside refs/ (ref:
// HEAD2, ref: refs/../x), or that is a link anywhere but into refs/: git
// says "not a git repository" there, and go-git would read through the
// link, out of the repository. dot is the git folder of the work tree.
func checkHead(dot string) error {
	p := filepath.Join(dot, "HEAD")
	info, err := os.Lstat(p)
	if err != nil {
		return nil // no HEAD: not a repository, go-git says so
	}
	whatFR, whatEN := "", ""
	switch {
	case info.Mode()&os.ModeSymlink != 0:
		target, err := os.Readlink(p)
		if err == nil && headRef.MatchString(target) && !badRefSeq.MatchString(target) {
			return nil
		}
		whatFR, whatEN = "c'est un lien vers "+target, "it is a link to "+target
	case info.Mode().IsRegular():
		data, err := safefile.ReadPath(p, 4096)
		if err != nil {
			return nil // unreadable: go-git says why
		}
		line, _, _ := strings.Cut(string(data), "\n")
		line = strings.TrimSpace(line)
		if ref, ok := strings.CutPrefix(line, "ref:"); ok {
			ref = strings.TrimSpace(ref)
			if headRef.MatchString(ref) && !badRefSeq.MatchString(ref) {
				return nil
			}
		} else if headID.MatchString(line) {
			return nil
		}
		if len(line) > 80 {
			line = line[:80] + "…"
		}
		whatFR, whatEN = "il contient « "+line+" »", `it holds "`+line+`"`
	default:
		return nil
	}
	return &lang.Error{
		Msg: i18n.T("le fichier HEAD du dépôt git ("+p+") ne désigne pas une branche sous refs/ ni un commit : "+whatFR+" ; git lui-même refuse ce dépôt",
			"the git repository's HEAD file ("+p+") names neither a branch under refs/ nor a commit: "+whatEN+"; git itself refuses this repository"),
		Hint: i18n.T("le reste du dépôt n'est pas abîmé : écrivez à sa place un fichier HEAD qui contient la ligne « ref: refs/heads/main » (le nom de votre branche), puis relancez",
			"the rest of the repository is not damaged: write in its place a HEAD file holding the line \"ref: refs/heads/main\" (your branch's name), then run again"),
	}
}

// checkOwner asks git whether it accepts the repository whose work tree is
// dir and git folder gitDir: git refuses one owned by another user
// (safe.directory), and qlint, which runs git there, says so plainly
// instead of passing on git's failure as damage. It returns nil when git
// accepts the repository or says anything else. A repository that is the
// user's own is accepted without asking (starting git was a sixth of a warm
// run on a small repository), unless GIT_TEST_ASSUME_DIFFERENT_OWNER makes
// git take it for another user's.
func checkOwner(gitBin, dir, gitDir string) error {
	if os.Getenv("GIT_TEST_ASSUME_DIFFERENT_OWNER") == "" && ownedByUsAsGitSees(dir, gitDir) {
		return nil
	}
	cmd := repoEnv(exec.Command(gitBin, "-C", dir, "rev-parse", "--git-dir"))
	cmd.Env = append(cmd.Environ(), "LC_ALL=C")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if cmd.Run() == nil {
		return nil
	}
	msg := stderr.String()
	if !strings.Contains(msg, "dubious ownership") && !strings.Contains(msg, "safe.directory") {
		return nil
	}
	top := dir
	if m := regexp.MustCompile(`repository at '([^']*)'`).FindStringSubmatch(msg); m != nil {
		top = m[1]
	}
	return &lang.Error{
		Msg: i18n.T("git refuse ce dépôt : il appartient à un autre utilisateur (protection safe.directory de git)",
			"git refuses this repository: it belongs to another user (git's safe.directory protection)"),
		Hint: i18n.T("si vous faites confiance à ce dépôt : git config --global --add safe.directory "+quoteArg(top)+" ; ou lisez l'historique sans git : --git builtin",
			"if you trust this repository: git config --global --add safe.directory "+quoteArg(top)+"; or read history without git: --git builtin"),
	}
}

// ownedByUsAsGitSees is ownedByUs on the folders git checks: the work tree
// as its real path (git finds it with getcwd, links resolved), its .git,
// and the git folder, links resolved; false when a link cannot be resolved
// (git is then asked).
func ownedByUsAsGitSees(dir, gitDir string) bool {
	top, err := filepath.EvalSymlinks(dir)
	if err != nil || gitDir == "" {
		return false
	}
	git, err := filepath.EvalSymlinks(gitDir)
	if err != nil {
		return false
	}
	return ownedByUs(top, filepath.Join(top, ".git"), git)
}

// quoteArg quotes s for a POSIX shell.
func quoteArg(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
