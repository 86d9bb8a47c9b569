package gitdates

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/gengit"
	"github.com/qlint/qlint/lang"
)

// The built-in reader names --new-from-rev's commit as git rev-parse does,
// on a repository with merges, branches, a remote branch, lightweight and
// annotated tags (a tag of a tag, a tag of a tree), packed and loose refs;
// what git refuses, it refuses.
func TestResolveBuiltinAgreesWithGit(t *testing.T) {
	needGit(t)
	dir := t.TempDir()
	t.Setenv("GIT_AUTHOR_DATE", "2026-01-01T12:00:00Z")
	t.Setenv("GIT_COMMITTER_DATE", "2026-01-01T12:00:00Z")
	g := func(args ...string) string { return gitOut(t, dir, args...) }
	g("init", "-q", "-b", "main")
	for i, msg := range []string{"un", "deux", "trois"} {
		g("commit", "-q", "--allow-empty", "-m", msg)
		if i == 0 {
			g("tag", "v1")
		}
	}
	g("checkout", "-q", "-b", "côté", "HEAD~2")
	g("commit", "-q", "--allow-empty", "-m", "côté")
	g("checkout", "-q", "main")
	g("merge", "-q", "--no-ff", "-m", "fusion", "côté")
	g("tag", "-a", "-m", "annotée", "v2")
	g("tag", "-a", "-m", "étiquette d'étiquette", "v3", "v2")
	g("tag", "arbre", "HEAD^{tree}")
	g("update-ref", "refs/remotes/origin/main", "HEAD~1")
	g("symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/main")
	g("pack-refs", "--all")
	g("branch", "loose", "HEAD^2")
	head := g("rev-parse", "HEAD")

	repo, err := openRepo(dir)
	require.NoError(t, err)
	revs := []string{
		"HEAD", "@", "main", "heads/main", "refs/heads/main", "côté", "loose", "v1", "v2", "v3",
		"tags/v2", "origin/main", "origin", "origin/HEAD", "HEAD~", "HEAD~1", "HEAD~2", "HEAD~3",
		"HEAD^", "HEAD^1", "HEAD^2", "HEAD^3", "HEAD^0", "HEAD^2~1", "HEAD~1^", "v3~1", "v2^{}",
		"v2^{commit}", "main^{commit}~2", head, head[:7], head[:4], head[:5] + "~1", strings.ToUpper(head[:8]),
		"v2^{tag}", "v3^{tag}", "v3^{tag}^{}~1", "HEAD^{object}", "v2^{object}~1", "v1^{tag}", "HEAD^{tag}", "HEAD^{blob}",
		// Refused by both.
		"nope", "HEAD~9", "HEAD^{tree}", "arbre", "HEAD@{1}", ":/deux", "HEAD^{/deux}", "HEAD~x", "main..côté",
		"HEAD~1~", "~1", "^", head[:3], "0000000000000000000000000000000000000000",
	}
	for _, rev := range revs {
		out, gitErr := exec.Command("git", "-C", dir, "rev-parse", "--verify", "--quiet", rev+"^{commit}").Output()
		got, err := resolveBuiltin(repo.Storer, rev)
		switch {
		case rev == ":/deux" || rev == "HEAD^{/deux}" || rev == "HEAD@{1}":
			// Message searches and the reflog: git's reader only.
			assert.Error(t, err, rev)
		case gitErr != nil:
			assert.Error(t, err, "%s: git refuses it", rev)
		default:
			require.NoError(t, err, rev)
			assert.Equal(t, plumbing.NewHash(strings.TrimSpace(string(out))), got, rev)
		}
	}
}

// An abbreviated id two commits share names neither, for git as for the
// built-in reader; one more digit names one.
func TestResolveBuiltinRefusesAnAmbiguousId(t *testing.T) {
	needGit(t)
	dir := t.TempDir()
	_, err := gengit.Generate(dir, gengit.Params{Files: 20, Commits: 700, Years: 1, Seed: 5})
	require.NoError(t, err)
	out, err := exec.Command("git", "-C", dir, "rev-list", "--all").Output()
	require.NoError(t, err)
	seen := map[string]string{}
	var a, b string
	for _, h := range strings.Fields(string(out)) {
		if other, ok := seen[h[:4]]; ok {
			a, b = other, h
			break
		}
		seen[h[:4]] = h
	}
	require.NotEmpty(t, a, "the generated history has two commits sharing 4 digits")
	repo, err := openRepo(dir)
	require.NoError(t, err)
	_, err = resolveBuiltin(repo.Storer, a[:4])
	assert.Error(t, err, "ambiguous")
	assert.Error(t, exec.Command("git", "-C", dir, "rev-parse", "--verify", "--quiet", a[:4]+"^{commit}").Run(), "git refuses it too")
	n := 5
	for a[:n] == b[:n] {
		n++
	}
	got, err := resolveBuiltin(repo.Storer, a[:n])
	require.NoError(t, err)
	assert.Equal(t, plumbing.NewHash(a), got)
}

// gitOut runs git in dir with a fixed identity, and returns what it
// printed.
func gitOut(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=q", "-c", "user.email=q@example.org", "-c", "protocol.file.allow=always"}, args...)...)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "git %v: %s", args, out)
	return strings.TrimSpace(string(out))
}

// threeCommits makes a repository in dir with three empty commits on main.
func threeCommits(t *testing.T, dir string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(dir, 0o755))
	gitOut(t, dir, "init", "-q", "-b", "main")
	for _, m := range []string{"un", "deux", "trois"} {
		gitOut(t, dir, "commit", "-q", "--allow-empty", "-m", m)
	}
}

// A shallow clone has no commit beyond its edge (git says the revision is
// unknown, and so does qlint: not a damaged repository); a clone that
// borrows objects (--shared, --reference) finds them where git does.
func TestResolveBuiltinOnShallowAndSharedClones(t *testing.T) {
	needGit(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	g := func(dir string, args ...string) string { return gitOut(t, dir, args...) }
	threeCommits(t, src)
	g(dir, "clone", "-q", "--depth", "1", "file://"+src, "shallow")
	g(dir, "clone", "-q", "--shared", src, "shared")
	g(filepath.Join(dir, "shared"), "commit", "-q", "--allow-empty", "-m", "quatre") // a local pack or object too
	g(filepath.Join(dir, "shared"), "gc", "-q")
	first := g(src, "rev-parse", "HEAD~2")
	for _, c := range []struct {
		repo string
		revs []string
	}{
		{"shallow", []string{"HEAD", "HEAD~1", "HEAD^", "main~1", first, first[:7]}},
		{"shared", []string{"HEAD", "HEAD~3", first, first[:7], strings.ToUpper(first[:9]), "origin/main~2", "HEAD^{object}"}},
	} {
		repo, err := openRepo(filepath.Join(dir, c.repo))
		require.NoError(t, err)
		for _, rev := range c.revs {
			out, gitErr := exec.Command("git", "-C", filepath.Join(dir, c.repo), "rev-parse", "--verify", "--quiet", rev+"^{commit}").Output()
			got, err := resolveBuiltin(repo.Storer, rev)
			if gitErr != nil {
				assert.Error(t, err, "%s %s: git refuses it", c.repo, rev)
				continue
			}
			if assert.NoError(t, err, "%s %s", c.repo, rev) {
				assert.Equal(t, plumbing.NewHash(strings.TrimSpace(string(out))), got, "%s %s", c.repo, rev)
			}
		}
	}
}

// What the built-in reader does not read, git names when it is installed
// (--git auto); --git builtin says which forms it cannot read. A revision
// that cannot be found is said with its likeliest reason: a shallow
// clone, a base branch never fetched, an object that is no commit.
func TestRevisionsNamedOrExplained(t *testing.T) {
	needGit(t)
	gitBin, err := exec.LookPath("git")
	require.NoError(t, err)
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	g := func(dir string, args ...string) string { return gitOut(t, dir, args...) }
	threeCommits(t, src)
	g(dir, "clone", "-q", "--shared", src, "shared")
	shared := filepath.Join(dir, "shared")
	g(shared, "commit", "-q", "--allow-empty", "-m", "quatre")
	g(shared, "gc", "-q")
	repo, err := openRepo(shared)
	require.NoError(t, err)
	first := g(src, "rev-parse", "HEAD~2")
	for _, rev := range []string{"HEAD@{1}", "@{u}", "main@{0}", ":/deux", first[:7]} {
		query := rev + "^{commit}"
		if strings.HasPrefix(rev, ":/") {
			query = rev
		}
		want := g(shared, "rev-parse", "--verify", query)
		r, err := resolveRev(repo, "", gitBin, shared, rev, false)
		if assert.NoError(t, err, "%s: git names it", rev) {
			assert.Equal(t, want, r.Hash.String(), rev)
		}
		_, err = resolveRev(repo, "", "", shared, rev, false)
		if strings.Contains(rev, "@") || strings.HasPrefix(rev, ":") {
			var plain *lang.Error
			require.ErrorAs(t, err, &plain, "%s: --git builtin", rev)
			assert.Contains(t, plain.Hint.FR, "ne lit pas les formes @{…} ni :/texte", rev)
		}
	}
	hint := func(err error) string {
		t.Helper()
		var plain *lang.Error
		require.ErrorAs(t, err, &plain)
		return plain.Msg.FR + " / " + plain.Hint.FR
	}
	_, err = resolveRev(repo, "", gitBin, shared, "origin/préprod", false)
	assert.Contains(t, hint(err), "git fetch origin préprod")
	_, err = resolveRev(repo, "", gitBin, shared, "HEAD~9", true)
	assert.Contains(t, hint(err), "clone est superficiel")
	_, err = resolveRev(repo, "", gitBin, shared, "HEAD^{tree}", false)
	assert.Contains(t, hint(err), "désigne un état de dossier (objet git tree), pas un commit")
	g(shared, "tag", "arbre", "HEAD^{tree}")
	_, err = resolveRev(repo, "", "", shared, "arbre", false)
	assert.Contains(t, hint(err), "pas un commit")
	_, err = resolveRev(repo, "", gitBin, shared, "nimporte", false)
	assert.Contains(t, hint(err), "introuvable")
}
