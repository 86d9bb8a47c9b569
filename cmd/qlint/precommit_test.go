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
// `pre-commit try-repo` in a scratch evidence repository that `qlint init`
// laid out: the hook compares the staged tree with HEAD, so the first
// commit passes although most proofs are missing, a commit that adds a
// proof passes while others are still missing, and a commit that removes
// one is refused, naming it first. (The strict hook, which refuses them
// all, is tried in testdata/hook.txtar: each try-repo here builds qlint.)
func TestPreCommitFramework(t *testing.T) {
	if testing.Short() {
		t.Skip("builds qlint three times through pre-commit: testdata/hook*.txtar run the hook's commands")
	}
	wideMessages(t)
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
	var initOut, initErr strings.Builder
	require.Equal(t, exitOK, run([]string{"init", dir}, &initOut, &initErr), initErr.String())
	git("add", "-A")

	home := t.TempDir() // pre-commit's cache
	// try-repo builds the hook in a fresh clone and a fresh GOPATH each
	// time, and with it a fresh module cache: lend it this machine's, so
	// that the three builds download nothing, and build without paths, so
	// that the build cache serves the second and third (a path in a
	// package's files makes it another package to the cache).
	goEnv, err := exec.Command("go", "env", "GOMODCACHE", "GOFLAGS").Output()
	require.NoError(t, err)
	modCache, goFlags, _ := strings.Cut(strings.TrimSpace(string(goEnv)), "\n")
	tryRepo := func(hook string) (string, error) {
		cmd := exec.Command("pre-commit", "try-repo", checkout, hook, "--verbose")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "PRE_COMMIT_HOME="+home, "NO_COLOR=1",
			"GOMODCACHE="+modCache, "GOFLAGS="+strings.TrimSpace(goFlags+" -trimpath"))
		out, err := cmd.CombinedOutput()
		return string(out), err
	}

	// The first commit: nothing to compare with but an empty folder.
	out, err := tryRepo("qlint")
	require.NoError(t, err, "the first commit of a skeleton must pass:\n%s", out)
	assert.Contains(t, out, "Passed")
	assert.Contains(t, out, "Déjà à corriger avant (non compté ici)")
	git("commit", "-q", "-m", "Arborescence de preuves")

	// A proof added while others are still missing.
	cgv := filepath.Join(dir, "01-information-public", "CGV 2026.pdf")
	require.NoError(t, os.WriteFile(cgv, []byte("%PDF"), 0o644))
	git("add", "-A")
	out, err = tryRepo("qlint")
	require.NoError(t, err, "a commit that adds a proof must pass:\n%s", out)
	assert.Contains(t, out, "Rien de nouveau à corriger par rapport au dernier enregistrement")
	git("commit", "-q", "-m", "CGV 2026")

	// A proof removed: refused, and named before the count of the rest.
	git("rm", "-q", "01-information-public/CGV 2026.pdf")
	out, err = tryRepo("qlint")
	require.Error(t, err, "a commit that removes a proof must be refused:\n%s", out)
	assert.Contains(t, out, "Failed")
	assert.Contains(t, out, "Ce qui s'ajoute par rapport au dernier enregistrement")
	// French spacing: a non-breaking space inside « » (see report.NBSP).
	assert.Contains(t, out, "Aucune preuve «\u00a0Conditions générales de vente et d'inscription\u00a0»")
	named := strings.Index(out, "Conditions générales de vente")
	already := strings.Index(out, "Déjà à corriger avant")
	assert.True(t, named >= 0 && already > named, "what the commit broke comes first:\n%s", out)
}
