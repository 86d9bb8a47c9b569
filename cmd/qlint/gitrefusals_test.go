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

// TestHeadOutsideRefs: a HEAD that git accepts is judged; one that points
// outside refs/ (or is a link out of refs/) is refused as git refuses it,
// in plain words in both languages, never as a damaged repository.
func TestHeadOutsideRefs(t *testing.T) {
	wideMessages(t)
	need(t, "git")
	dir := t.TempDir()
	gitAt(t, dir, "2025-01-10", "init", "-q", "-b", "main")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "qlint.toml"), []byte(shapeRules), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "catalogue.pdf"), []byte("%PDF 2025"), 0o644))
	gitAt(t, dir, "2025-01-10", "add", ".")
	gitAt(t, dir, "2025-01-10", "commit", "-q", "-m", "dossier")
	id := gitAt(t, dir, "2025-01-10", "rev-parse", "HEAD")
	head := filepath.Join(dir, ".git", "HEAD")
	outside := filepath.Join(t.TempDir(), "HEAD")
	require.NoError(t, os.WriteFile(outside, []byte(id+"\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, ".git", "HEAD2"), []byte(id+"\n"), 0o644))
	setHead := func(content, link string) {
		require.NoError(t, os.Remove(head))
		if link != "" {
			require.NoError(t, os.Symlink(link, head))
		} else {
			require.NoError(t, os.WriteFile(head, []byte(content), 0o644))
		}
	}
	accepted := []struct{ name, content, link string }{
		{"detached HEAD", id + "\n", ""},
		{"link into refs/", "", "refs/heads/main"},
	}
	for _, tt := range accepted {
		t.Run(tt.name, func(t *testing.T) {
			setHead(tt.content, tt.link)
			gitAt(t, dir, "2025-01-10", "rev-parse", "HEAD") // git accepts it
			for _, reader := range []string{"cli", "builtin"} {
				kind, code, date := lastUpdate(t, dir, "--git", reader, "--no-cache")
				assert.Equal(t, exitFindings, code, "--git %s: %s", reader, date)
				assert.Equal(t, "stale", kind, "--git %s", reader)
				assert.Equal(t, "2025-01-10 git", date, "--git %s", reader)
			}
		})
	}
	refused := []struct{ name, content, link, want string }{
		{"ref: HEAD2", "ref: HEAD2\n", "", `"ref: HEAD2"`},
		{"ref: refs/../HEAD2", "ref: refs/../HEAD2\n", "", `"ref: refs/../HEAD2"`},
		{"link to a file outside the repository", "", outside, "a link to " + outside},
		{"link to HEAD2", "", "HEAD2", "a link to HEAD2"},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			setHead(tt.content, tt.link)
			for _, reader := range []string{"cli", "builtin"} {
				_, code, out := lastUpdate(t, dir, "--git", reader, "--no-cache")
				assert.Equal(t, exitError, code, "--git %s: %s", reader, out)
				assert.Contains(t, out, tt.want, "--git %s", reader)
				assert.Contains(t, out, "names neither a branch under refs/ nor a commit")
				assert.Contains(t, out, `"ref: refs/heads/main"`)
				assert.NotContains(t, out, "fsck")
				code, out = runBounded(t, dir, "--git", reader, "--no-cache", "--lang", "fr")
				assert.Equal(t, exitError, code)
				assert.Contains(t, out, "ne désigne pas une branche sous refs/ ni un commit")
				assert.NotContains(t, out, "fsck")
			}
		})
	}
	setHead("ref: refs/heads/main\n", "")
}

// TestRepositoryOfAnotherUser: git refuses a repository owned by another
// user (safe.directory); qlint, which would run git there, says so plainly
// and how to trust it, for lint and for the hook, in both languages. The
// built-in reader runs no git and judges it. GIT_TEST_ASSUME_DIFFERENT_OWNER
// makes git (2.35.2 and later) take the folder for another user's.
func TestRepositoryOfAnotherUser(t *testing.T) {
	wideMessages(t)
	need(t, "git")
	dir := t.TempDir()
	gitAt(t, dir, "2025-01-10", "init", "-q", "-b", "main")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "qlint.toml"), []byte(shapeRules), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "catalogue.pdf"), []byte("%PDF 2025"), 0o644))
	gitAt(t, dir, "2025-01-10", "add", ".")
	gitAt(t, dir, "2025-01-10", "commit", "-q", "-m", "dossier")
	t.Setenv("GIT_TEST_ASSUME_DIFFERENT_OWNER", "1")
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("HOME", t.TempDir()) // no safe.directory of the machine's user
	cmd := exec.Command("git", "-C", dir, "status")
	if out, err := cmd.CombinedOutput(); err == nil || !strings.Contains(string(out), "dubious ownership") {
		t.Skipf("this git does not honour GIT_TEST_ASSUME_DIFFERENT_OWNER: %s", out)
	}
	// Even with a cache written before (a cached result must not skip git's refusal).
	for _, reader := range []string{"cli", "auto"} {
		for _, cache := range [][]string{{"--no-cache"}, nil} {
			_, code, out := lastUpdate(t, dir, append([]string{"--git", reader}, cache...)...)
			assert.Equal(t, exitError, code, "--git %s %v: %s", reader, cache, out)
			assert.Contains(t, out, "belongs to another user")
			assert.Contains(t, out, "git config --global --add safe.directory '"+dir+"'")
			assert.NotContains(t, out, "fsck")
			code, out = runBounded(t, dir, "--git", reader, "--lang", "fr")
			assert.Equal(t, exitError, code)
			assert.Contains(t, out, "il appartient à un autre utilisateur")
			assert.Contains(t, out, "git config --global --add safe.directory '"+dir+"'")
		}
	}
	kind, code, date := lastUpdate(t, dir, "--git", "builtin", "--no-cache")
	assert.Equal(t, exitFindings, code, date)
	assert.Equal(t, "stale", kind)
	assert.Equal(t, "2025-01-10 git", date)

	for _, lang := range []string{"fr", "en"} {
		code, out := runBounded(t, "hook", "install", dir, "--lang", lang)
		assert.Equal(t, exitError, code, out)
		assert.Contains(t, out, "safe.directory '"+dir+"'", lang)
		_, err := os.Stat(filepath.Join(dir, ".git", "hooks", "pre-commit"))
		assert.True(t, os.IsNotExist(err), "no hook written")
	}
}
