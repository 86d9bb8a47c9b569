//go:build unix

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestHookGoesWhereGitRunsIt is the robustness matrix for qlint hook
// install: the hook lands where git runs it (git rev-parse --git-path
// hooks), with the git binary and without it; a dangling link is never
// written through.
func TestHookGoesWhereGitRunsIt(t *testing.T) {
	need(t, "git")
	tests := []struct {
		name  string
		setup func(t *testing.T, git func(dir string, args ...string) string, repo, home string) string // the folder to install from
		// refused: install exits 2 with this, writing nothing (git would
		// not run the hook for this repository alone).
		refused string
	}{
		{"plain repository", func(t *testing.T, git func(string, ...string) string, repo, home string) string {
			return repo
		}, ""},
		{"a worktree", func(t *testing.T, git func(string, ...string) string, repo, home string) string {
			wt := filepath.Join(t.TempDir(), "arbre de travail")
			git(repo, "worktree", "add", "-q", "-b", "w"+filepath.Base(filepath.Dir(wt)), wt)
			return wt
		}, ""},
		{"global core.hooksPath", func(t *testing.T, git func(string, ...string) string, repo, home string) string {
			git(repo, "config", "--global", "core.hooksPath", filepath.Join(home, "crochets"))
			return repo
		}, "that hooks folder serves every repository"},
		{"core.hooksPath with ~", func(t *testing.T, git func(string, ...string) string, repo, home string) string {
			git(repo, "config", "core.hooksPath", "~/.githooks")
			return repo
		}, ""},
		{"global core.hooksPath with ~ in a worktree", func(t *testing.T, git func(string, ...string) string, repo, home string) string {
			git(repo, "config", "--global", "core.hooksPath", "~/.githooks")
			wt := filepath.Join(t.TempDir(), "wt")
			git(repo, "worktree", "add", "-q", "-b", "w"+filepath.Base(filepath.Dir(wt)), wt)
			return wt
		}, "that hooks folder serves every repository"},
		{"core.hooksPath empty (hooks turned off)", func(t *testing.T, git func(string, ...string) string, repo, home string) string {
			git(repo, "config", "core.hooksPath", "")
			return repo
		}, `git hooks are turned off by core.hooksPath = ""`},
		{"core.hooksPath empty here, set globally (hooks turned off)", func(t *testing.T, git func(string, ...string) string, repo, home string) string {
			git(repo, "config", "--global", "core.hooksPath", filepath.Join(home, "crochets"))
			git(repo, "config", "core.hooksPath", "")
			return repo
		}, `git hooks are turned off by core.hooksPath = ""`},
		{"core.hooksPath = /dev/null (hooks turned off)", func(t *testing.T, git func(string, ...string) string, repo, home string) string {
			git(repo, "config", "core.hooksPath", "/dev/null")
			return repo
		}, `git hooks are turned off by core.hooksPath = "/dev/null"`},
		{"relative core.hooksPath from a subfolder", func(t *testing.T, git func(string, ...string) string, repo, home string) string {
			git(repo, "config", "core.hooksPath", ".githooks")
			sub := filepath.Join(repo, "preuves")
			require.NoError(t, os.MkdirAll(sub, 0o755))
			return sub
		}, ""},
	}
	for _, tt := range tests {
		for _, withGit := range []bool{true, false} {
			name := tt.name + map[bool]string{true: ", git reader", false: ", without git"}[withGit]
			t.Run(name, func(t *testing.T) {
				home := t.TempDir()
				t.Setenv("HOME", home)
				t.Setenv("XDG_CONFIG_HOME", "")
				t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
				git := func(dir string, args ...string) string {
					t.Helper()
					cmd := exec.Command("git", args...)
					cmd.Dir = dir
					out, err := cmd.CombinedOutput()
					require.NoError(t, err, "git %v: %s", args, out)
					return strings.TrimSpace(string(out))
				}
				repo := t.TempDir()
				git(repo, "init", "-q", "-b", "main")
				git(repo, "-c", "user.name=q", "-c", "user.email=q@example.org", "commit", "-q", "--allow-empty", "-m", "début")
				from := tt.setup(t, git, repo, home)
				want := git(from, "rev-parse", "--git-path", "hooks")
				if !filepath.IsAbs(want) {
					want = filepath.Join(from, want)
				}
				if !withGit {
					t.Setenv("PATH", "")
				}
				// The evidence folder's rules: hook install refuses a folder without.
				require.NoError(t, os.WriteFile(filepath.Join(from, "qlint.toml"), []byte("schema = 1\n"), 0o644))
				code, out := runBounded(t, "hook", "install", from, "--lang", "en")
				if tt.refused != "" {
					assert.Equal(t, exitError, code, "%s", out)
					assert.Contains(t, strings.Join(strings.Fields(out), " "), tt.refused)
					assert.NoFileExists(t, filepath.Join(want, "pre-commit"))
					assert.NoFileExists(t, filepath.Join(from, "pre-commit"))
					return
				}
				require.Equal(t, exitOK, code, "%s", out)
				assert.FileExists(t, filepath.Join(want, "pre-commit"), "%s", out)
				assert.NoDirExists(t, filepath.Join(from, "~"), "a folder named ~")
			})
		}
	}
}

// TestHookNeverWritesThroughALink: a dangling pre-commit link is left
// alone, its target never created.
func TestHookNeverWritesThroughALink(t *testing.T) {
	need(t, "git")
	repo := t.TempDir()
	cmd := exec.Command("git", "init", "-q", repo)
	require.NoError(t, cmd.Run())
	target := filepath.Join(t.TempDir(), "ailleurs")
	require.NoError(t, os.MkdirAll(filepath.Join(repo, ".git", "hooks"), 0o755))
	require.NoError(t, os.Symlink(target, filepath.Join(repo, ".git", "hooks", "pre-commit")))
	code, out := runBounded(t, "hook", "install", repo, "--lang", "en")
	assert.Equal(t, exitError, code)
	assert.Contains(t, out, "is a link: qlint does not write through it")
	assert.NoFileExists(t, target)
}
