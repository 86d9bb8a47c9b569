//go:build unix

package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

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
			// --pre-commit: the staged tree holds the submodule as a
			// gitlink; its files are dated as in a plain run.
			kind, code, date = lastUpdate(t, dir, "--git", reader, "--no-cache", "--pre-commit")
			assert.Equal(t, "stale", kind, "--pre-commit --git %s: %s", reader, date)
			assert.Equal(t, exitFindings, code)
			assert.Equal(t, "2025-01-10 git", date, "--pre-commit --git %s", reader)
		}
	})
	// A source repository with a stale proof, cloned in various shapes.
	source := func(t *testing.T, extra ...string) string {
		dir := filepath.Join(t.TempDir(), "source")
		require.NoError(t, os.MkdirAll(dir, 0o755))
		gitAt(t, dir, "2025-01-10", append([]string{"init", "-q", "-b", "main"}, extra...)...)
		gitAt(t, dir, "2025-01-10", "config", "uploadpack.allowFilter", "true")
		require.NoError(t, os.WriteFile(filepath.Join(dir, "qlint.toml"), []byte(shapeRules), 0o644))
		require.NoError(t, os.MkdirAll(filepath.Join(dir, "offre"), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, "offre", "catalogue.pdf"), []byte("%PDF"), 0o644))
		require.NoError(t, os.WriteFile(filepath.Join(dir, "notes.md"), []byte("notes"), 0o644))
		gitAt(t, dir, "2025-01-10", "add", ".")
		gitAt(t, dir, "2025-01-10", "commit", "-q", "-m", "dossier")
		return dir
	}
	// A treeless clone of a history longer than one commit: the older
	// trees are not there until git downloads them. --git auto reads it
	// with git (fresh clone, first run); the built-in reader, asked for,
	// says so plainly, never that the repository is damaged.
	t.Run("fresh tree:0 partial clone", func(t *testing.T) {
		src := source(t)
		require.NoError(t, os.WriteFile(filepath.Join(src, "notes.md"), []byte("notes 2"), 0o644))
		gitAt(t, src, "2026-03-01", "commit", "-q", "-am", "notes")
		for _, args := range [][]string{{}, {"--git", "auto"}} {
			dir := filepath.Join(t.TempDir(), "clone")
			gitAt(t, src, "2025-01-10", "clone", "-q", "--filter=tree:0", "file://"+src, dir)
			require.Contains(t, gitAt(t, dir, "2025-01-10", "config", "remote.origin.promisor"), "true")
			kind, code, date := lastUpdate(t, dir, append(args, "--no-cache")...)
			assert.Equal(t, exitFindings, code, "%v: %s", args, date)
			assert.Equal(t, "stale", kind, "%v", args)
			assert.Equal(t, "2025-01-10 git", date, "%v", args)
		}
		dir := filepath.Join(t.TempDir(), "clone")
		gitAt(t, src, "2025-01-10", "clone", "-q", "--filter=tree:0", "file://"+src, dir)
		for _, lang := range []string{"fr", "en"} {
			code, out := runBounded(t, dir, "--git", "builtin", "--no-cache", "--lang", lang)
			assert.Equal(t, exitError, code, out)
			assert.NotContains(t, out, "dépôt git est abîmé", out)
			assert.NotContains(t, out, "repository is damaged", out)
			if lang == "fr" {
				assert.Contains(t, out, "clone partiel (--filter)")
				assert.Contains(t, out, "retirez --git builtin")
			} else {
				assert.Contains(t, out, "partial clone (--filter)")
			}
		}
	})
	// A blobless clone, judged against a revision whose session.toml
	// changed since: git downloads the old one (the default readers); the
	// built-in reader alone says plainly what it cannot read.
	t.Run("blob:none partial clone, --new-from-rev over a changed session", func(t *testing.T) {
		src := source(t)
		session := filepath.Join(src, "sessions", "2026-03-02_acme")
		require.NoError(t, os.MkdirAll(session, 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(session, "session.toml"), []byte("start = 2026-03-02\nend = 2026-03-03\n"), 0o644))
		require.NoError(t, os.WriteFile(filepath.Join(session, "emargement.pdf"), []byte("%PDF émargement"), 0o644))
		gitAt(t, src, "2026-03-01", "add", ".")
		gitAt(t, src, "2026-03-01", "commit", "-q", "-m", "session")
		require.NoError(t, os.WriteFile(filepath.Join(session, "session.toml"), []byte("start = 2026-03-02\nend = 2026-03-04\n"), 0o644))
		gitAt(t, src, "2026-03-05", "commit", "-q", "-am", "dates")
		clone := func() string {
			dir := filepath.Join(t.TempDir(), "clone")
			gitAt(t, src, "2026-03-05", "clone", "-q", "--filter=blob:none", "file://"+src, dir)
			return dir
		}
		dir := clone()
		code, out := runBounded(t, dir, "--new-from-rev", "HEAD~1", "--git", "builtin", "--as-of", "2026-11-22")
		assert.Equal(t, exitError, code, out)
		assert.Contains(t, out, "tel qu'il était à la révision")
		assert.Contains(t, out, "clone partiel (--filter=blob:none)")
		assert.NotContains(t, out, "object not found")
		for _, reader := range []string{"auto", "cli"} {
			code, out := runBounded(t, clone(), "--new-from-rev", "HEAD~1", "--git", reader, "--as-of", "2026-11-22", "--fail-on", "never")
			assert.Equal(t, exitOK, code, "--git %s: %s", reader, out)
		}
	})
	judged := []struct {
		name  string
		shape func(t *testing.T, src string) string
	}{
		{"sparse checkout with worktreeConfig", func(t *testing.T, src string) string {
			dir := filepath.Join(t.TempDir(), "clone")
			gitAt(t, src, "2025-01-10", "clone", "-q", src, dir)
			gitAt(t, dir, "2025-01-10", "sparse-checkout", "set", "offre")
			gitAt(t, dir, "2025-01-10", "config", "extensions.worktreeConfig", "true")
			return dir
		}},
		{"clone --shared (alternates)", func(t *testing.T, src string) string {
			dir := filepath.Join(t.TempDir(), "clone")
			gitAt(t, src, "2025-01-10", "clone", "-q", "--shared", src, dir)
			return dir
		}},
		{"blob:none partial clone", func(t *testing.T, src string) string {
			dir := filepath.Join(t.TempDir(), "clone")
			gitAt(t, src, "2025-01-10", "clone", "-q", "--filter=blob:none", "file://"+src, dir)
			return dir
		}},
		{"tree:0 partial clone", func(t *testing.T, src string) string {
			dir := filepath.Join(t.TempDir(), "clone")
			gitAt(t, src, "2025-01-10", "clone", "-q", "--filter=tree:0", "file://"+src, dir)
			return dir
		}},
		{".git is a link to the git folder", func(t *testing.T, src string) string {
			gitDir := filepath.Join(t.TempDir(), "dossier git")
			require.NoError(t, os.Rename(filepath.Join(src, ".git"), gitDir))
			require.NoError(t, os.Symlink(gitDir, filepath.Join(src, ".git")))
			return src
		}},
		{"config in Latin-1", func(t *testing.T, src string) string {
			f, err := os.OpenFile(filepath.Join(src, ".git", "config"), os.O_APPEND|os.O_WRONLY, 0)
			require.NoError(t, err)
			_, err = f.WriteString("[user]\n\tname = Fran\xe7ois\n")
			require.NoError(t, err)
			require.NoError(t, f.Close())
			return src
		}},
	}
	for _, tt := range judged {
		t.Run(tt.name, func(t *testing.T) {
			dir := tt.shape(t, source(t))
			for _, reader := range []string{"cli", "builtin"} {
				kind, code, date := lastUpdate(t, dir, "--git", reader, "--no-cache")
				assert.Equal(t, exitFindings, code, "--git %s: %s", reader, date)
				assert.Equal(t, "stale", kind, "--git %s", reader)
				assert.Equal(t, "2025-01-10 git", date, "--git %s", reader)
			}
		})
	}
	refused := []struct {
		name  string
		shape func(t *testing.T) string
		want  string
	}{
		{"config in UTF-16", func(t *testing.T) string {
			dir := source(t)
			cfg := filepath.Join(dir, ".git", "config")
			data, err := os.ReadFile(cfg)
			require.NoError(t, err)
			var u16 []byte
			for _, c := range data {
				u16 = append(u16, c, 0)
			}
			require.NoError(t, os.WriteFile(cfg, append([]byte{0xFF, 0xFE}, u16...), 0o644))
			return dir
		}, "UTF-16"},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			dir := tt.shape(t)
			for _, reader := range []string{"cli", "builtin"} {
				_, code, out := lastUpdate(t, dir, "--git", reader)
				assert.Equal(t, exitError, code, "--git %s", reader)
				assert.Contains(t, out, tt.want)
				assert.NotContains(t, out, "check the .git folder", "the advice for a damaged repository")
			}
		})
	}
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

// TestPreCommitStagedRenameOfAStaleProof: a stale proof renamed with git mv
// and staged is still stale for the pre-commit hook, with either history
// reader, as it is for a plain run once the rename is committed (a move is
// not an update).
func TestPreCommitStagedRenameOfAStaleProof(t *testing.T) {
	need(t, "git")
	for _, reader := range []string{"cli", "builtin"} {
		t.Run(reader, func(t *testing.T) {
			dir := t.TempDir()
			gitAt(t, dir, "2025-01-10", "init", "-q", "-b", "main")
			require.NoError(t, os.WriteFile(filepath.Join(dir, "qlint.toml"), []byte(shapeRules), 0o644))
			require.NoError(t, os.MkdirAll(filepath.Join(dir, "offre"), 0o755))
			require.NoError(t, os.WriteFile(filepath.Join(dir, "offre", "catalogue.pdf"), []byte("%PDF 2025"), 0o644))
			gitAt(t, dir, "2025-01-10", "add", ".")
			gitAt(t, dir, "2025-01-10", "commit", "-q", "-m", "dossier")
			require.NoError(t, os.MkdirAll(filepath.Join(dir, "offre 2026"), 0o755))
			gitAt(t, dir, "2026-11-20", "mv", "offre/catalogue.pdf", "offre 2026/catalogue formations.pdf")

			kind, code, date := lastUpdate(t, dir, "--git", reader, "--no-cache", "--pre-commit")
			assert.Equal(t, exitFindings, code, "--pre-commit: %s", date)
			assert.Equal(t, "stale", kind, "--pre-commit")
			assert.Equal(t, "2025-01-10 moved", date, "--pre-commit")

			gitAt(t, dir, "2026-11-20", "commit", "-q", "-m", "rangement")
			kind, code, date = lastUpdate(t, dir, "--git", reader, "--no-cache")
			assert.Equal(t, exitFindings, code, "after the commit: %s", date)
			assert.Equal(t, "stale", kind, "after the commit")
			assert.Equal(t, "2025-01-10 git", date, "after the commit")
		})
	}
}

// TestConvertingAttributesKeepTouchedFilesDated: a proof under an
// attribute that converts its content between the repository and the
// folder (ident, a clean filter), checked out again and touched but not
// changed (git status is clean), is dated by git with either history
// reader: its content is hashed through git's conversion, not as it lies
// in the folder.
func TestConvertingAttributesKeepTouchedFilesDated(t *testing.T) {
	need(t, "git")
	cases := []struct {
		name, attrs, content string
		config               [][]string
	}{
		{"ident", "offre/*.pdf ident\n", "%PDF $Id$\n", nil},
		{"clean filter", "offre/*.pdf filter=low\n", "%pdf bas de casse\n",
			[][]string{{"filter.low.clean", "tr A-Z a-z"}, {"filter.low.smudge", "tr a-z A-Z"}}},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			gitAt(t, dir, "2025-01-10", "init", "-q", "-b", "main")
			for _, kv := range tt.config {
				gitAt(t, dir, "2025-01-10", "config", kv[0], kv[1])
			}
			require.NoError(t, os.WriteFile(filepath.Join(dir, "qlint.toml"), []byte(shapeRules), 0o644))
			require.NoError(t, os.WriteFile(filepath.Join(dir, ".gitattributes"), []byte(tt.attrs), 0o644))
			require.NoError(t, os.MkdirAll(filepath.Join(dir, "offre"), 0o755))
			proof := filepath.Join(dir, "offre", "catalogue.pdf")
			require.NoError(t, os.WriteFile(proof, []byte(tt.content), 0o644))
			gitAt(t, dir, "2025-01-10", "add", "-A")
			gitAt(t, dir, "2025-01-10", "commit", "-q", "-m", "dossier")
			gitAt(t, dir, "2025-01-10", "gc", "-q")
			require.NoError(t, os.Remove(proof))
			gitAt(t, dir, "2025-01-10", "checkout", "--", "offre/catalogue.pdf")
			later := time.Now().Add(time.Hour)
			require.NoError(t, os.Chtimes(proof, later, later))
			for _, reader := range []string{"cli", "builtin", "auto"} {
				kind, code, date := lastUpdate(t, dir, "--git", reader, "--no-cache")
				assert.Equal(t, exitFindings, code, "--git %s: %s", reader, date)
				assert.Equal(t, "stale", kind, "--git %s", reader)
				assert.Equal(t, "2025-01-10 git", date, "--git %s", reader)
			}
			// Last: git status refreshes the index, after which the
			// file's entry vouches for it and nothing is hashed.
			require.Empty(t, gitAt(t, dir, "2025-01-10", "status", "--porcelain"), "git sees no change")
		})
	}
}
