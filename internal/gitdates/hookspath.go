package gitdates

import (
	"bytes"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5/config"

	"github.com/qlint/qlint/internal/safefile"
)

// HooksPathSetting is where core.hooksPath is set for the repository that
// holds dir, and to what: Scope is "local", "worktree", "global", "system"
// or "command" as git says it (git config --show-scope), "" when it is not
// set. Without git, the repository's config, then the user's, are read.
type HooksPathSetting struct {
	Value, Scope string
}

// HooksPath tells where core.hooksPath comes from for dir's repository.
func HooksPath(dir string) HooksPathSetting {
	if gitBin, err := exec.LookPath("git"); err == nil {
		cmd := repoEnv(exec.Command(gitBin, "config", "--show-scope", "--get", "core.hooksPath"))
		cmd.Dir = dir
		out, err := cmd.Output()
		if err == nil {
			scope, value, _ := strings.Cut(strings.TrimRight(string(bytes.TrimRight(out, "\r\n")), "\r\n"), "\t")
			return HooksPathSetting{Value: value, Scope: scope}
		}
		if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 1 {
			return HooksPathSetting{} // not set
		}
	}
	gitDir, _, err := dotGit(dir)
	if err == nil {
		if v, ok := hooksPathIn(filepath.Join(commonDir(gitDir), "config")); ok {
			return HooksPathSetting{Value: v, Scope: "local"}
		}
	}
	if v := globalHooksPath(); v != "" {
		return HooksPathSetting{Value: v, Scope: "global"}
	}
	return HooksPathSetting{}
}

// hooksPathIn reads core.hooksPath from one config file, and whether it
// is set there (an empty value included).
func hooksPathIn(p string) (string, bool) {
	data, err := safefile.ReadPath(p, 1<<20)
	if err != nil {
		return "", false
	}
	cfg := config.NewConfig()
	if err := cfg.Unmarshal(data); err != nil {
		return "", false
	}
	core := cfg.Raw.Section("core")
	return core.Option("hooksPath"), core.HasOption("hooksPath")
}
