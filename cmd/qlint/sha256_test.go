//go:build unix

package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// needSHA256 skips a test when the git on the machine cannot make a SHA-256
// repository (before git 2.29).
func needSHA256(t *testing.T) {
	t.Helper()
	need(t, "git")
	cmd := exec.Command("git", "init", "-q", "--object-format=sha256", t.TempDir())
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Skipf("this git cannot make a SHA-256 repository: %s", out)
	}
}

const sha256Rules = `schema = 1
[organization]
categories = ["AF"]
[[rule]]
id = "catalogue"
indicators = [1]
paths = ["**/catalogue*.pdf"]
max_age = "1y"
[[rule]]
id = "programme"
indicators = [1]
paths = ["**/programme*.pdf"]
max_age = "1y"
[[rule]]
id = "emargement"
indicators = [9]
paths = ["**/émargement*.pdf"]
max_age = "1y"
[[rule]]
id = "bilan"
indicators = [30]
paths = ["**/bilan*.pdf"]
max_age = "1y"
`

// sameHistory builds, in a new folder, one history in the given object
// format (git's own commands, fixed dates): a first commit, a branch merged
// back (the merge takes its update), a rename committed and a bulk
// "reformat" of the catalogue. It returns the folder and the id of the
// reformat commit (HEAD).
func sameHistory(t *testing.T, format string) (string, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "dossier qualité")
	require.NoError(t, os.MkdirAll(dir, 0o755))
	write := func(name, content string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
	gitAt(t, dir, "2025-01-10", "init", "-q", "-b", "main", "--object-format="+format)
	write("qlint.toml", sha256Rules)
	write("offre/catalogue.pdf", "%PDF catalogue 2025")
	write("offre/programme.pdf", "%PDF programme 2025")
	write("suivi/émargement session 1.pdf", "%PDF émargement")
	write("bilan annuel.pdf", "%PDF bilan 2024")
	gitAt(t, dir, "2025-01-10", "add", ".")
	gitAt(t, dir, "2025-01-10", "commit", "-q", "-m", "dossier")
	gitAt(t, dir, "2025-01-10", "checkout", "-q", "-b", "révision")
	write("offre/programme.pdf", "%PDF programme 2026")
	gitAt(t, dir, "2026-01-05", "commit", "-q", "-am", "programme 2026")
	gitAt(t, dir, "2026-01-05", "checkout", "-q", "main")
	write("bilan annuel.pdf", "%PDF bilan 2025")
	gitAt(t, dir, "2025-12-01", "commit", "-q", "-am", "bilan 2025")
	gitAt(t, dir, "2026-02-01", "merge", "-q", "--no-ff", "-m", "révision", "révision")
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "suivi", "2026"), 0o755))
	gitAt(t, dir, "2026-03-01", "mv", "suivi/émargement session 1.pdf", "suivi/2026/émargement session 1.pdf")
	gitAt(t, dir, "2026-03-01", "commit", "-q", "-m", "rangement")
	write("offre/catalogue.pdf", "%PDF catalogue 2025, reformaté")
	gitAt(t, dir, "2026-04-01", "commit", "-q", "-am", "mise en forme")
	return dir, gitAt(t, dir, "2026-04-01", "rev-parse", "HEAD")
}

// anyID stands for a commit id of either format in a report.
var anyID = regexp.MustCompile(`\b[0-9a-f]{40}([0-9a-f]{24})?\b`)

// judged lints dir and returns the exit code, the report with the folder and
// the commit ids replaced (they differ between formats), and HEAD as the
// report says it.
func judged(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	code, out := runBounded(t, append([]string{dir, "-f", "json", "--as-of", "2026-11-22", "--lang", "en"}, args...)...)
	require.NotEqual(t, exitError, code, "%v: %s", args, out)
	var rep struct {
		History struct{ Head string }
	}
	require.NoError(t, json.Unmarshal([]byte(out), &rep), out)
	out = strings.ReplaceAll(out, dir, "<root>")
	return code, anyID.ReplaceAllString(out, "<id>"), rep.History.Head
}

// lastUpdateOf returns the date and source of rule's finding in a report
// ("" when it passes).
func lastUpdateOf(t *testing.T, report, rule string) string {
	t.Helper()
	var rep struct {
		Findings []struct {
			Kind, Rule, Path string
			LastUpdate       string `json:"last_update"`
			DateSource       string `json:"date_source"`
		}
	}
	require.NoError(t, json.Unmarshal([]byte(report), &rep), report)
	for _, f := range rep.Findings {
		if f.Rule == rule {
			return f.Kind + " " + f.Path + " " + f.LastUpdate + " " + f.DateSource
		}
	}
	return ""
}

// TestSHA256RepositoryJudgedAsSHA1: a SHA-256 repository is judged exactly
// like the same history in SHA-1 (same dates, same findings), read through
// git: a plain run, --git auto, a warm run from the cache, --new-from-rev,
// a merge, a committed rename, a rename not committed yet (moved),
// --pre-commit with a staged rename, and ignore_revs_file with a 64-digit id.
// HEAD is shown with its full 64-digit id.
func TestSHA256RepositoryJudgedAsSHA1(t *testing.T) {
	wideMessages(t)
	needSHA256(t)
	sha1, _ := sameHistory(t, "sha1")
	sha256, reformat := sameHistory(t, "sha256")
	require.Len(t, reformat, 64)

	// same runs args on both repositories with every reader that can read
	// them, checks that they agree, and returns the report.
	same := func(step string, args ...string) string {
		t.Helper()
		code, want, head1 := judged(t, sha1, append([]string{"--git", "cli"}, args...)...)
		assert.Len(t, head1, 40, step)
		codeB, gotB, _ := judged(t, sha1, append([]string{"--git", "builtin"}, args...)...)
		assert.Equal(t, code, codeB, step)
		assert.Equal(t, want, gotB, "%s: the SHA-1 readers agree", step)
		for _, reader := range []string{"cli", "auto"} {
			code256, got, head := judged(t, sha256, append([]string{"--git", reader}, args...)...)
			assert.Equal(t, code, code256, "%s --git %s", step, reader)
			assert.Equal(t, want, got, "%s --git %s: SHA-256 judged as SHA-1", step, reader)
			assert.Equal(t, gitAt(t, sha256, "2026-04-01", "rev-parse", "HEAD"), head, "%s: HEAD's full id", step)
		}
		return want
	}

	rep := same("plain run", "--no-cache")
	assert.Equal(t, "stale suivi/2026/émargement session 1.pdf 2025-01-10 git", lastUpdateOf(t, rep, "emargement"), "a committed rename keeps the date")
	assert.Equal(t, "", lastUpdateOf(t, rep, "programme"), "the merge brings the branch's update")
	assert.Equal(t, "", lastUpdateOf(t, rep, "catalogue"))
	assert.Contains(t, lastUpdateOf(t, rep, "bilan"), "2025-12-01 git")

	// Warm: the cache is written in .git/qlint, then read.
	cold := same("cold run")
	_, err := os.Stat(filepath.Join(sha256, ".git", "qlint", "history.cache"))
	require.NoError(t, err, "the cache is kept in .git/qlint")
	assert.Equal(t, rep, cold)
	assert.Equal(t, rep, same("warm run"), "a warm run from the cache")

	newRep := same("--new-from-rev HEAD~1", "--no-cache", "--new-from-rev", "HEAD~1")
	assert.Contains(t, newRep, `"baseline"`)

	// A rename not committed yet: the file keeps the date of the content.
	for _, dir := range []string{sha1, sha256} {
		require.NoError(t, os.Rename(filepath.Join(dir, "suivi", "2026", "émargement session 1.pdf"),
			filepath.Join(dir, "suivi", "2026", "émargement session 1 (signé).pdf")))
	}
	rep = same("moved", "--no-cache")
	assert.Equal(t, "stale suivi/2026/émargement session 1 (signé).pdf 2025-01-10 moved", lastUpdateOf(t, rep, "emargement"))
	same("moved, warm")

	// The rename staged: the pre-commit hook still sees a stale proof.
	for _, dir := range []string{sha1, sha256} {
		gitAt(t, dir, "2026-11-20", "add", "-A", "suivi")
	}
	rep = same("--pre-commit with a staged rename", "--no-cache", "--pre-commit")
	assert.Equal(t, "stale suivi/2026/émargement session 1 (signé).pdf 2025-01-10 moved", lastUpdateOf(t, rep, "emargement"))

	// Committed: a move is not an update.
	for _, dir := range []string{sha1, sha256} {
		gitAt(t, dir, "2026-11-20", "commit", "-q", "-m", "signé")
	}
	rep = same("rename committed", "--no-cache")
	assert.Equal(t, "stale suivi/2026/émargement session 1 (signé).pdf 2025-01-10 git", lastUpdateOf(t, rep, "emargement"))
	same("rename committed, warm")

	// ignore_revs_file with the reformat's full id: 64 digits in SHA-256.
	for _, dir := range []string{sha1, sha256} {
		id := gitAt(t, dir, "2026-04-01", "rev-parse", "HEAD~1")
		require.NoError(t, os.WriteFile(filepath.Join(dir, ".qlint-ignore-revs"), []byte("# mise en forme\n"+id+"\n"), 0o644))
		f, err := os.OpenFile(filepath.Join(dir, "qlint.toml"), os.O_APPEND|os.O_WRONLY, 0)
		require.NoError(t, err)
		_, err = f.WriteString("[history]\nignore_revs_file = \".qlint-ignore-revs\"\n")
		require.NoError(t, err)
		require.NoError(t, f.Close())
	}
	assert.Equal(t, reformat, gitAt(t, sha256, "2026-04-01", "rev-parse", "HEAD~1"))
	rep = same("ignore_revs_file", "--no-cache")
	assert.Equal(t, "stale offre/catalogue.pdf 2025-01-10 git", lastUpdateOf(t, rep, "catalogue"), "the reformat does not count")
	same("ignore_revs_file, warm")

	// A 40-digit id in a SHA-256 repository is not a full id there.
	require.NoError(t, os.WriteFile(filepath.Join(sha256, ".qlint-ignore-revs"), []byte(reformat[:40]+"\n"), 0o644))
	code, out := runBounded(t, sha256, "--no-cache", "--lang", "en")
	assert.Equal(t, exitError, code, out)
	assert.Contains(t, out, "is not a full commit id (64 hexadecimal characters)")
}

// TestSHA256RepositoryBuiltinReaderSaysSo: --git builtin cannot read a
// SHA-256 repository: it says so plainly, in both languages, and points to
// --git cli; never the advice for a damaged repository.
func TestSHA256RepositoryBuiltinReaderSaysSo(t *testing.T) {
	wideMessages(t)
	needSHA256(t)
	dir, _ := sameHistory(t, "sha256")
	for _, lang := range []string{"en", "fr"} {
		code, out := runBounded(t, dir, "--git", "builtin", "--lang", lang)
		assert.Equal(t, exitError, code, out)
		assert.Contains(t, out, "SHA-256", lang)
		assert.Contains(t, out, "--git cli", lang)
		assert.NotContains(t, out, "fsck", lang)
		assert.NotContains(t, out, "check the .git folder", lang)
		if lang == "fr" {
			assert.Contains(t, out, "le lecteur intégré ne sait pas lire")
		} else {
			assert.Contains(t, out, "the built-in reader cannot read")
		}
	}
	// The hook installs and runs in a SHA-256 repository too.
	code, out := runBounded(t, "hook", "install", dir)
	assert.Equal(t, exitOK, code, out)
	hooks := strings.TrimSpace(gitAt(t, dir, "2026-11-20", "rev-parse", "--git-path", "hooks"))
	if !filepath.IsAbs(hooks) {
		hooks = filepath.Join(dir, hooks)
	}
	_, err := os.Stat(filepath.Join(hooks, "pre-commit"))
	assert.NoError(t, err)
}
