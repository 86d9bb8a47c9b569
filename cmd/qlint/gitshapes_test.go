//go:build unix

package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// gitAt runs git in dir with fixed identities and dates.
func gitAt(t *testing.T, dir, date string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=Qualité", "GIT_AUTHOR_EMAIL=q@example.org",
		"GIT_COMMITTER_NAME=Qualité", "GIT_COMMITTER_EMAIL=q@example.org",
		"GIT_AUTHOR_DATE="+date+"T12:00:00+01:00", "GIT_COMMITTER_DATE="+date+"T12:00:00+01:00",
		"GIT_CONFIG_NOSYSTEM=1", "HOME="+dir)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "git %v: %s", args, out)
	return strings.TrimSpace(string(out))
}

const shapeRules = `schema = 1
[organization]
categories = ["AF"]
[[rule]]
id = "catalogue"
indicators = [1]
paths = ["**/catalogue*.pdf"]
max_age = "1y"
`

// lastUpdate lints dir and returns the catalogue finding's date and source
// ("" when the rule passes), and the exit code.
func lastUpdate(t *testing.T, dir string, args ...string) (string, int, string) {
	t.Helper()
	code, out := runBounded(t, append([]string{dir, "-f", "json", "--as-of", "2026-11-22", "--lang", "en"}, args...)...)
	if code == exitError {
		return "", code, out
	}
	var rep struct {
		Findings []struct {
			Kind, Rule string
			LastUpdate string `json:"last_update"`
			DateSource string `json:"date_source"`
		}
	}
	require.NoError(t, json.Unmarshal([]byte(out), &rep), out)
	for _, f := range rep.Findings {
		if f.Rule == "catalogue" {
			return f.Kind, code, f.LastUpdate + " " + f.DateSource
		}
	}
	return "", code, ""
}

// TestRepositoryShapesJudged is the robustness matrix for repositories that
// are valid but unusual: each is judged, with both readers agreeing, or
// refused with a plain message.
func TestRepositoryShapesJudged(t *testing.T) {
	need(t, "git")
	t.Run("submodule in the evidence tree", func(t *testing.T) {
		sub := t.TempDir()
		gitAt(t, sub, "2025-01-10", "init", "-q", "-b", "main")
		require.NoError(t, os.WriteFile(filepath.Join(sub, "catalogue-2025.pdf"), []byte("%PDF ancien"), 0o644))
		gitAt(t, sub, "2025-01-10", "add", ".")
		gitAt(t, sub, "2025-01-10", "commit", "-q", "-m", "catalogue")
		dir := t.TempDir()
		gitAt(t, dir, "2026-11-01", "init", "-q", "-b", "main")
		require.NoError(t, os.WriteFile(filepath.Join(dir, "qlint.toml"), []byte(shapeRules), 0o644))
		gitAt(t, dir, "2026-11-01", "-c", "protocol.file.allow=always", "submodule", "add", "-q", sub, "offre")
		gitAt(t, dir, "2026-11-01", "add", ".")
		gitAt(t, dir, "2026-11-01", "commit", "-q", "-m", "dossier")
		for _, reader := range []string{"cli", "builtin"} {
			kind, code, date := lastUpdate(t, dir, "--git", reader, "--no-cache")
			assert.Equal(t, "stale", kind, "--git %s: %s", reader, date)
			assert.Equal(t, exitFindings, code)
			assert.Equal(t, "2025-01-10 git", date, "--git %s", reader)
		}
	})
	t.Run("replace refs", func(t *testing.T) {
		dir := t.TempDir()
		gitAt(t, dir, "2025-01-10", "init", "-q", "-b", "main")
		require.NoError(t, os.WriteFile(filepath.Join(dir, "qlint.toml"), []byte(shapeRules), 0o644))
		require.NoError(t, os.WriteFile(filepath.Join(dir, "catalogue.pdf"), []byte("%PDF v1"), 0o644))
		gitAt(t, dir, "2025-01-10", "add", ".")
		gitAt(t, dir, "2025-01-10", "commit", "-q", "-m", "v1")
		require.NoError(t, os.WriteFile(filepath.Join(dir, "catalogue.pdf"), []byte("%PDF v2"), 0o644))
		gitAt(t, dir, "2026-10-01", "commit", "-q", "-am", "v2")
		// Both readers and the cache, before the replacement.
		before := map[string]string{}
		for _, reader := range []string{"cli", "builtin"} {
			_, _, before[reader] = lastUpdate(t, dir, "--git", reader)
		}
		assert.Equal(t, before["cli"], before["builtin"])
		// HEAD replaced by a commit of another date: both readers still
		// agree, with and without the cache written before.
		fake := gitAt(t, dir, "2024-01-01", "commit-tree", "HEAD^{tree}", "-p", "HEAD~1", "-m", "remplacé")
		gitAt(t, dir, "2024-01-01", "replace", "HEAD", fake)
		for _, reader := range []string{"cli", "builtin"} {
			for _, cache := range [][]string{nil, {"--no-cache"}} {
				_, _, got := lastUpdate(t, dir, append([]string{"--git", reader}, cache...)...)
				assert.Equal(t, before["cli"], got, "--git %s %v", reader, cache)
			}
		}
	})
	t.Run("grafts refused like a shallow clone", func(t *testing.T) {
		dir := t.TempDir()
		gitAt(t, dir, "2025-01-10", "init", "-q", "-b", "main")
		require.NoError(t, os.WriteFile(filepath.Join(dir, "qlint.toml"), []byte(shapeRules), 0o644))
		require.NoError(t, os.WriteFile(filepath.Join(dir, "catalogue.pdf"), []byte("%PDF v1"), 0o644))
		gitAt(t, dir, "2025-01-10", "add", ".")
		gitAt(t, dir, "2025-01-10", "commit", "-q", "-m", "v1")
		require.NoError(t, os.WriteFile(filepath.Join(dir, "catalogue.pdf"), []byte("%PDF v2"), 0o644))
		gitAt(t, dir, "2026-10-01", "commit", "-q", "-am", "v2")
		head := gitAt(t, dir, "2026-10-01", "rev-parse", "HEAD")
		require.NoError(t, os.MkdirAll(filepath.Join(dir, ".git", "info"), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, ".git", "info", "grafts"), []byte(head+"\n"), 0o644))
		for _, reader := range []string{"cli", "builtin"} {
			_, code, out := lastUpdate(t, dir, "--git", reader)
			assert.Equal(t, exitError, code, "--git %s", reader)
			assert.Contains(t, out, "grafts", "--git %s", reader)
			assert.Contains(t, out, "--allow-shallow")
			_, code, _ = lastUpdate(t, dir, "--git", reader, "--allow-shallow")
			assert.NotEqual(t, exitError, code, "--git %s --allow-shallow", reader)
		}
	})
}
