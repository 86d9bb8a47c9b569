package gitdates

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
)

// conversionGit is the git binary that applies the repository's clean
// conversion (ident, filter=…, eol, working-tree-encoding) to a file whose
// content does not match HEAD: gitBin when history is read with git, else
// git found on the PATH. The built-in reader reads history without git,
// but only git knows what a filter does: without it, a touched unchanged
// file under a converting attribute would look changed and be dated today
// (a stale proof shown fresh). "" when git is not installed.
func conversionGit(gitBin string) string {
	if gitBin != "" {
		return gitBin
	}
	lookGitOnce.Do(func() {
		if p, err := exec.LookPath("git"); err == nil {
			lookedGit = p
		}
	})
	return lookedGit
}

var (
	lookGitOnce sync.Once
	lookedGit   string
)

// globalAttributes reports whether attributes set outside the work tree
// may apply to every file: the user's or the system's attributes file, or
// core.attributesFile named in a configuration git reads (looked for as
// text: a false yes only costs one git hash-object).
func globalAttributes(gitDir string) bool {
	home, _ := os.UserHomeDir()
	xdg := os.Getenv("XDG_CONFIG_HOME")
	if xdg == "" && home != "" {
		xdg = filepath.Join(home, ".config")
	}
	var files []string
	if xdg != "" {
		files = append(files, filepath.Join(xdg, "git", "attributes"))
	}
	files = append(files, "/etc/gitattributes")
	for _, f := range files {
		if info, err := os.Stat(f); err == nil && info.Mode().IsRegular() {
			return true
		}
	}
	configs := []string{"/etc/gitconfig"}
	if home != "" {
		configs = append(configs, filepath.Join(home, ".gitconfig"))
	}
	if xdg != "" {
		configs = append(configs, filepath.Join(xdg, "git", "config"))
	}
	if gitDir != "" {
		configs = append(configs, filepath.Join(gitDir, "config"), filepath.Join(gitDir, "config.worktree"))
	}
	for _, c := range configs {
		if configMentions(c, "attributesfile") {
			return true
		}
	}
	return false
}

// configMentions reports whether the regular file p (at most 1 MiB of it)
// holds word, in any case.
func configMentions(p, word string) bool {
	info, err := os.Stat(p)
	if err != nil || !info.Mode().IsRegular() {
		return false
	}
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	buf := make([]byte, 1<<20)
	n, _ := f.Read(buf)
	return bytes.Contains(bytes.ToLower(buf[:n]), []byte(word))
}
