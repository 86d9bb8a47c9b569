//go:build unix

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
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

// catalogueRepo is a repository, in a folder with an accent and a space,
// whose one commit of 2025-01-10 holds qlint.toml and catalogue.pdf.
func catalogueRepo(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "dossier qualité")
	require.NoError(t, os.MkdirAll(dir, 0o755))
	gitAt(t, dir, "2025-01-10", "init", "-q", "-b", "main")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "qlint.toml"), []byte(shapeRules), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "catalogue.pdf"), []byte("%PDF 2025"), 0o644))
	gitAt(t, dir, "2025-01-10", "add", ".")
	gitAt(t, dir, "2025-01-10", "commit", "-q", "-m", "dossier")
	return dir
}

// TestGitDirInTheEnvironment: GIT_DIR set in the environment. Naming the
// repository that holds the folder (git sets it so for its hooks, a
// worktree's own git folder included), or the outer repository of a
// submodule in the folder, it is judged with both readers; naming another
// repository, or set while the folder is in none, it is refused plainly in
// both languages (git would read another history than qlint finds), and
// the hook is written nowhere.
func TestGitDirInTheEnvironment(t *testing.T) {
	wideMessages(t)
	need(t, "git")
	repo := catalogueRepo
	dir, other := repo(t), repo(t)
	gitAt(t, other, "2026-11-20", "commit", "-q", "--allow-empty", "-m", "autre")
	wt := filepath.Join(t.TempDir(), "copie de travail")
	gitAt(t, dir, "2025-01-10", "worktree", "add", "-q", "-b", "copie", wt)
	// A submodule, stale, inside the evidence folder of an outer repository.
	outer := filepath.Join(t.TempDir(), "dossier")
	require.NoError(t, os.MkdirAll(outer, 0o755))
	gitAt(t, outer, "2026-11-01", "init", "-q", "-b", "main")
	require.NoError(t, os.WriteFile(filepath.Join(outer, "qlint.toml"), []byte(shapeRules), 0o644))
	gitAt(t, outer, "2026-11-01", "-c", "protocol.file.allow=always", "submodule", "add", "-q", dir, "offre")
	gitAt(t, outer, "2026-11-01", "commit", "-q", "-m", "dossier")
	plain := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(plain, "qlint.toml"), []byte(shapeRules), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(plain, "catalogue.pdf"), []byte("%PDF 2025"), 0o644))

	judged := []struct{ name, dir, gitDir string }{
		{"the folder's own repository", dir, filepath.Join(dir, ".git")},
		{"relative, as git sets it for a hook", dir, ".git"},
		{"a worktree's git folder", wt, gitAt(t, wt, "2025-01-10", "rev-parse", "--absolute-git-dir")},
		{"the outer repository of a submodule", outer, filepath.Join(outer, ".git")},
	}
	for _, tt := range judged {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("GIT_DIR", tt.gitDir)
			for _, reader := range []string{"cli", "builtin"} {
				kind, code, date := lastUpdate(t, tt.dir, "--git", reader, "--no-cache")
				assert.Equal(t, exitFindings, code, "--git %s: %s", reader, date)
				assert.Equal(t, "stale", kind, "--git %s", reader)
				assert.Equal(t, "2025-01-10 git", date, "--git %s", reader)
			}
		})
	}
	refused := []struct{ name, dir, gitDir, en, fr string }{
		{"another repository", dir, filepath.Join(other, ".git"),
			"names another git repository than the one holding the evidence folder", "désigne un autre dépôt git que celui qui contient le dossier de preuves"},
		{"no repository at all", dir, filepath.Join(t.TempDir(), "nulle part"),
			"names another git repository than the one holding the evidence folder", "désigne un autre dépôt git que celui qui contient le dossier de preuves"},
		{"a folder in no repository", plain, filepath.Join(dir, ".git"),
			"the evidence folder is in no git repository", "le dossier de preuves n'est dans aucun dépôt git"},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("GIT_DIR", tt.gitDir)
			for _, reader := range []string{"cli", "builtin"} {
				code, out := runBounded(t, tt.dir, "--git", reader, "--no-cache", "--lang", "en")
				assert.Equal(t, exitError, code, "--git %s: %s", reader, out)
				assert.Contains(t, out, tt.en)
				assert.Contains(t, out, "unset GIT_DIR")
				assert.NotContains(t, out, "fsck")
				code, out = runBounded(t, tt.dir, "--git", reader, "--no-cache", "--lang", "fr")
				assert.Equal(t, exitError, code)
				assert.Contains(t, out, tt.fr)
			}
		})
	}
	t.Run("hook install", func(t *testing.T) {
		t.Setenv("GIT_DIR", filepath.Join(other, ".git"))
		code, out := runBounded(t, "hook", "install", dir, "--lang", "en")
		assert.Equal(t, exitError, code, out)
		assert.Contains(t, out, "unset GIT_DIR")
		for _, d := range []string{dir, other} {
			_, err := os.Stat(filepath.Join(d, ".git", "hooks", "pre-commit"))
			assert.True(t, os.IsNotExist(err), "no hook written in %s", d)
		}
	})
}

// TestHostileDotGit: a .git that is neither a folder nor a .git file naming
// one (a named pipe, a device, a link to /dev/zero, a .git file of
// megabytes, gitdir: /dev/zero) is refused at once, plainly in both
// languages, with either reader, quoting no more than a short extract.
func TestHostileDotGit(t *testing.T) {
	wideMessages(t)
	tests := []struct {
		name  string
		setup func(t *testing.T, dotGit string)
		want  string
	}{
		{".git is a named pipe", func(t *testing.T, g string) {
			require.NoError(t, syscall.Mkfifo(g, 0o644))
		}, "is neither a folder nor a .git file (it is a named pipe)"},
		{".git is a link to /dev/zero", func(t *testing.T, g string) {
			require.NoError(t, os.Symlink("/dev/zero", g))
		}, "is neither a folder nor a .git file (it is a device)"},
		{".git is a dangling link", func(t *testing.T, g string) {
			require.NoError(t, os.Symlink(filepath.Join(t.TempDir(), "nulle part"), g))
		}, "is a link that leads nowhere"},
		{"oversized .git file", func(t *testing.T, g string) {
			require.NoError(t, os.WriteFile(g, append([]byte("gitdir: "), bytes.Repeat([]byte("a"), 3_000_000)...), 0o644))
		}, "is a file larger than 4 KB"},
		{"gitdir: /dev/zero", func(t *testing.T, g string) {
			require.NoError(t, os.WriteFile(g, []byte("gitdir: /dev/zero\n"), 0o644))
		}, "names /dev/zero, which is not a git folder"},
		{"gitdir: a long path to nowhere", func(t *testing.T, g string) {
			require.NoError(t, os.WriteFile(g, []byte("gitdir: /"+strings.Repeat("a", 3000)+"\n"), 0o644))
		}, strings.Repeat("a", 199) + "…, which is not a git folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			require.NoError(t, os.WriteFile(filepath.Join(dir, "qlint.toml"), []byte(shapeRules), 0o644))
			tt.setup(t, filepath.Join(dir, ".git"))
			for _, reader := range []string{"cli", "builtin", "auto"} {
				code, out := runBounded(t, dir, "--git", reader, "--lang", "en")
				assert.Equal(t, exitError, code, "--git %s: %s", reader, out)
				assert.Contains(t, out, tt.want, "--git %s", reader)
				assert.Contains(t, out, "hint: replace it with the repository's .git folder")
				assert.Less(t, len(out), 2000, "a short message")
			}
			code, out := runBounded(t, dir)
			assert.Equal(t, exitError, code)
			assert.Contains(t, out, "qlint ne peut pas y lire l'historique, git non plus")
			assert.Contains(t, out, "conseil\u00a0: remplacez-le par le dossier .git du dépôt")
			code, _ = runBounded(t, "explain", "1", dir)
			assert.Equal(t, exitError, code)
		})
	}
}

// TestHostileGitFolderFiles: a file of the git folder that git and qlint
// read when they open the repository (or the branch file HEAD names, or
// the common folder's config for a linked worktree) replaced by a named
// pipe or a device blocked qlint forever, as it blocks git: it is refused
// at once, in plain words, in both languages, with every reader.
func TestHostileGitFolderFiles(t *testing.T) {
	wideMessages(t)
	need(t, "git")
	repo := catalogueRepo
	pipe := func(p string) func(t *testing.T) {
		return func(t *testing.T) {
			_ = os.Remove(p)
			require.NoError(t, syscall.Mkfifo(p, 0o644))
		}
	}
	for _, name := range []string{"config", "HEAD", "index", "packed-refs", "commondir", "shallow", "refs/heads/main"} {
		t.Run(name, func(t *testing.T) {
			dir := repo(t)
			p := filepath.Join(dir, ".git", filepath.FromSlash(name))
			pipe(p)(t)
			wantEN, hintEN := name+" is not a file (it is a named pipe): qlint cannot read the repository's history, nor can git",
				"hint: git reads this file when it opens the repository: put the original file back, or clone the repository into another folder and copy over the files not yet committed"
			wantFR := "n'est pas un fichier (c'est un tube nommé)\u00a0: qlint ne peut pas lire l'historique du dépôt, git non plus"
			if name == "index" { // git log does without it, git status does not
				wantEN, hintEN = "index is not a file (it is a named pipe): qlint cannot compare the folder's files with the history, nor can git status",
					"hint: delete that index file, then run git reset: git makes it again from the last commit, without touching your files"
				wantFR = "n'est pas un fichier (c'est un tube nommé)\u00a0: qlint ne peut pas comparer les fichiers du dossier avec l'historique, git status non plus"
			}
			for _, reader := range []string{"cli", "builtin", "auto"} {
				code, out := runBounded(t, dir, "--git", reader, "--lang", "en")
				assert.Equal(t, exitError, code, "--git %s: %s", reader, out)
				assert.Contains(t, out, wantEN, "--git %s", reader)
				assert.Contains(t, out, hintEN)
			}
			code, out := runBounded(t, dir)
			assert.Equal(t, exitError, code)
			assert.Contains(t, out, wantFR)
			// The hook is not written into a repository git cannot open.
			code, out = runBounded(t, "hook", "install", dir, "--lang", "en")
			assert.Equal(t, exitError, code, out)
			assert.Contains(t, out, name+" is not a file (it is a named pipe)")
			assert.NoFileExists(t, filepath.Join(dir, ".git", "hooks", "pre-commit"))
		})
	}
	t.Run("config is a link to /dev/zero", func(t *testing.T) {
		dir := repo(t)
		p := filepath.Join(dir, ".git", "config")
		require.NoError(t, os.Remove(p))
		require.NoError(t, os.Symlink("/dev/zero", p))
		code, out := runBounded(t, dir, "--lang", "en")
		assert.Equal(t, exitError, code, out)
		assert.Contains(t, out, "config is not a file (it is a device)")
	})
	t.Run("the common folder's config, from a linked worktree", func(t *testing.T) {
		dir := repo(t)
		wt := filepath.Join(t.TempDir(), "copie de travail")
		gitAt(t, dir, "2025-01-10", "worktree", "add", "-q", "-b", "copie", wt)
		pipe(filepath.Join(dir, ".git", "config"))(t)
		code, out := runBounded(t, wt, "--lang", "en")
		assert.Equal(t, exitError, code, out)
		assert.Contains(t, out, "config is not a file (it is a named pipe)")
	})
}

// TestDamagedHistorySaidPlainly: a history with an object missing (a tree
// of HEAD deleted) is refused in plain words: in French, what the object
// held, not git's word for it; and how to start again without losing the
// files not yet committed.
func TestDamagedHistorySaidPlainly(t *testing.T) {
	wideMessages(t)
	need(t, "git")
	dir := filepath.Join(t.TempDir(), "dossier qualité")
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "Catalogue"), 0o755))
	gitAt(t, dir, "2025-01-10", "init", "-q", "-b", "main")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "qlint.toml"), []byte(shapeRules), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Catalogue", "catalogue.pdf"), []byte("%PDF 2025"), 0o644))
	gitAt(t, dir, "2025-01-10", "add", ".")
	gitAt(t, dir, "2025-01-10", "commit", "-q", "-m", "dossier")
	tree := gitAt(t, dir, "2025-01-10", "rev-parse", "HEAD:Catalogue")
	require.NoError(t, os.Remove(filepath.Join(dir, ".git", "objects", tree[:2], tree[2:])))
	code, out := runBounded(t, dir, "--git", "builtin", "--no-cache")
	assert.Equal(t, exitError, code, out)
	assert.Contains(t, out, "le dépôt git est abîmé\u00a0: une partie de son historique manque ou est illisible (l'état d'un dossier, objet git "+tree)
	assert.Contains(t, out, "clonez le dépôt dans un autre dossier et recopiez-y les fichiers pas encore enregistrés")
	assert.NotContains(t, out, "l'objet tree")
	code, out = runBounded(t, dir, "--git", "builtin", "--no-cache", "--lang", "en")
	assert.Equal(t, exitError, code, out)
	assert.Contains(t, out, "the git repository is damaged: tree object "+tree+" is missing or unreadable")
}
