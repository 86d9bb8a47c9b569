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

// need skips a test when a tool is missing, except in CI where the suite
// must run whole.
func need(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is required in CI (.ci/run installs it): %v", tool, err)
			}
			t.Skipf("%s is not installed: the real pre-commit test is skipped (apt-get install -y pre-commit)", tool)
		}
	}
}

// TestPreCommitFramework runs this checkout's hook for real with
// `pre-commit try-repo` in a scratch evidence repository: a commit that
// leaves a required proof missing is refused with a readable message; once
// the proof is staged, it passes.
func TestPreCommitFramework(t *testing.T) {
	need(t, "git", "pre-commit")
	checkout, err := filepath.Abs(filepath.Join("..", ".."))
	require.NoError(t, err)
	dir := t.TempDir()
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "git %v: %s", args, out)
	}
	git("init", "-q", "-b", "main")
	git("config", "user.email", "qualite@example.org")
	git("config", "user.name", "Qualité")
	rules := "schema = 1\n[[rule]]\nid = \"catalogue\"\nindicators = [1]\ntitle = \"Catalogue des formations\"\npaths = [\"catalogue/*.pdf\"]\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "qlint.toml"), []byte(rules), 0o644))
	git("add", "qlint.toml")

	home := t.TempDir() // pre-commit's cache: the hook is built once for both runs
	tryRepo := func() (string, error) {
		cmd := exec.Command("pre-commit", "try-repo", checkout, "qlint", "--verbose")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "PRE_COMMIT_HOME="+home, "NO_COLOR=1")
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	out, err := tryRepo()
	require.Error(t, err, "the hook must refuse a missing proof:\n%s", out)
	assert.Contains(t, out, "Failed")
	assert.Contains(t, out, "Aucune preuve « Catalogue des formations »")
	assert.Contains(t, out, "catalogue/*.pdf")

	require.NoError(t, os.MkdirAll(filepath.Join(dir, "catalogue"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "catalogue", "2026.pdf"), []byte("%PDF"), 0o644))
	git("add", "catalogue/2026.pdf")
	out, err = tryRepo()
	require.NoError(t, err, "the hook must pass once the proof is staged:\n%s", out)
	assert.True(t, strings.Contains(out, "Passed"), out)
}
