package linter

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/qlint/qlint/internal/gitbuild"
	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/rules"
)

func walkRoot(t *testing.T, dir string) *Tree {
	t.Helper()
	root, err := os.OpenRoot(dir)
	require.NoError(t, err)
	t.Cleanup(func() { root.Close() })
	tree, err := WalkRoot(root, nil)
	require.NoError(t, err)
	// The Linux reader (descriptors) and the portable one (paths through
	// the root) must find the same.
	portable, err := WalkTree(root.FS(), nil)
	require.NoError(t, err)
	assert.Equal(t, treeSummary(portable), treeSummary(tree), "the two folder readers disagree")
	return tree
}

// treeSummary is what a walk found, in comparable form.
func treeSummary(tr *Tree) []string {
	var out []string
	for _, f := range tr.Files {
		out = append(out, fmt.Sprintf("file %q %d %s", f.Path, f.Size, f.ModTime.UTC().Format(time.RFC3339Nano)))
	}
	for i, d := range tr.Dirs {
		out = append(out, fmt.Sprintf("dir %q %q", d, tr.dirKeys[i]))
	}
	for _, p := range tr.Problems {
		out = append(out, fmt.Sprintf("problem %q %s", p.Path, p.Reason))
	}
	return out
}

func problems(tr *Tree) map[string]string {
	out := map[string]string{}
	for _, p := range tr.Problems {
		out[p.Path] = p.Reason
	}
	return out
}

func filePaths(tr *Tree) []string {
	var out []string
	for _, f := range tr.Files {
		out = append(out, f.Path)
	}
	return out
}

// TestLinksAreFollowedOnceAndNeverOut: links to files and folders inside
// the root are followed; loops, broken links and links out of the root
// (directly, or through a chain of links) are reported and not followed.
func TestLinksAreFollowedOnceAndNeverOut(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	outside := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(outside, "secret.pdf"), []byte("x"), 0o644))
	dir := t.TempDir()
	write := func(p string) {
		require.NoError(t, os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, p), []byte("x"), 0o644))
	}
	link := func(target, name string) { require.NoError(t, os.Symlink(target, filepath.Join(dir, name))) }
	write("a.md")
	write("docs/x.md")
	link("a.md", "lien-fichier.md")
	link("docs", "lien-dossier")
	link("docs", "autre-lien-dossier")
	link(".", "boucle")
	link("..", "docs/parent")
	link(outside, "dehors-absolu")
	link("../"+filepath.Base(outside)+"/secret.pdf", "dehors-relatif.pdf")
	link(filepath.Join(outside, "secret.pdf"), "docs/cible-dehors.pdf")
	link("docs/cible-dehors.pdf", "chaine-dehors.pdf")
	link("nulle-part", "casse.md")

	tree := walkRoot(t, dir)
	assert.Equal(t, []string{"a.md", "autre-lien-dossier/x.md", "docs/x.md", "lien-fichier.md"}, filePaths(tree))
	// The linked folder is read whole, so its own problems show under the
	// link's path too.
	assert.Equal(t, map[string]string{
		"boucle":                              ProblemLinkLoop,
		"docs/parent":                         ProblemLinkLoop,
		"autre-lien-dossier/parent":           ProblemLinkLoop,
		"autre-lien-dossier/cible-dehors.pdf": ProblemLinkOut,
		"lien-dossier":                        ProblemLinkAgain,
		"dehors-absolu":                       ProblemLinkOut,
		"dehors-relatif.pdf":                  ProblemLinkOut,
		"docs/cible-dehors.pdf":               ProblemLinkOut,
		"chaine-dehors.pdf":                   ProblemLinkOut,
		"casse.md":                            ProblemLinkBroken,
	}, problems(tree))
}

// faultyFS fails on purpose: a folder that cannot be read, a file that
// vanishes between the listing of its folder and its own reading.
type faultyFS struct{ fstest.MapFS }

type ghost struct{ fs.DirEntry }

func (g ghost) Info() (fs.FileInfo, error) { return nil, fs.ErrNotExist }

func (f faultyFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if name == "ferme" {
		return nil, fs.ErrPermission
	}
	entries, err := f.MapFS.ReadDir(name)
	for i, e := range entries {
		if e.Name() == "fantome.pdf" {
			entries[i] = ghost{e}
		}
	}
	return entries, err
}

func TestUnreadableFoldersAndVanishedFilesBecomeFindings(t *testing.T) {
	fsys := faultyFS{fstest.MapFS{
		"veille/a.md":      file("2026-11-01"),
		"ferme/secret.pdf": file("2026-11-01"),
		"fantome.pdf":      file("2026-11-01"),
	}}
	c, err := rules.Parse("qlint.toml", []byte("schema = 1\n"+veille))
	require.NoError(t, err)
	tree, err := WalkTree(fsys, nil)
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"ferme": ProblemUnreadable, "fantome.pdf": ProblemVanished}, problems(tree))
	rep, err := Judge(Input{Config: c, Ref: rules.Builtin(), Tree: tree, FS: fsys, Dates: &History{Kind: "none"},
		AsOf: rules.NewDay(2026, 11, 22), Lang: i18n.EN})
	require.NoError(t, err)
	var msgs []string
	for _, f := range rep.Findings {
		if f.Kind == KindUnreadable {
			assert.Equal(t, "warning", f.Severity)
			msgs = append(msgs, f.Message)
		}
	}
	require.Len(t, msgs, 2)
	assert.Contains(t, strings.Join(msgs, "\n"), "ferme could not be read")
	assert.Contains(t, strings.Join(msgs, "\n"), "fantome.pdf vanished while the folder was read")
}

func TestNonUTF8NamesAreReportedNotFatal(t *testing.T) {
	dir := t.TempDir()
	latin1 := "\xe9margement.pdf" // "émargement" from an old Windows, in Latin-1
	if err := os.WriteFile(filepath.Join(dir, latin1), []byte("x"), 0o644); err != nil {
		t.Skipf("this file system refuses non-UTF-8 names: %v", err)
	}
	tree := walkRoot(t, dir)
	assert.Equal(t, []string{latin1}, filePaths(tree), "the file is still judged")
	assert.Equal(t, map[string]string{latin1: ProblemName}, problems(tree))
	c, err := rules.Parse("qlint.toml", []byte("schema = 1\n"))
	require.NoError(t, err)
	rep, err := Judge(Input{Config: c, Ref: rules.Builtin(), Tree: tree, FS: os.DirFS(dir), Dates: &History{Kind: "none"},
		AsOf: rules.NewDay(2026, 11, 22), Lang: i18n.EN})
	require.NoError(t, err)
	var b strings.Builder
	require.NoError(t, json.NewEncoder(&b).Encode(rep))
	assert.True(t, strings.Contains(b.String(), "is not UTF-8"))
}

// TestOddNamesAreMatchedAndDated: spaces, quotes, brackets, a newline and
// glob characters in names, dated from git by both readers.
func TestOddNamesAreMatchedAndDated(t *testing.T) {
	names := []string{
		"preuves/plan d'amélioration 2026.md",
		"preuves/\"citation\".md",
		"preuves/[brouillon] {v2} *plan?*.md",
		"preuves/#dièse & percent%.md",
	}
	r, err := gitbuild.Init(t.TempDir())
	require.NoError(t, err)
	tree := gitbuild.Tree{"qlint.toml": "schema = 1\n"}
	for _, n := range names {
		tree[n] = n
	}
	h, err := r.Commit(tree, "noms", gitbuild.MustDay("2026-01-15"))
	require.NoError(t, err)
	require.NoError(t, r.SetHead(h))
	require.NoError(t, r.Checkout())
	// A newline in a name: git allows it (go-git's checkout does not), the
	// walk and the matching take it.
	require.NoError(t, os.WriteFile(filepath.Join(r.Dir, "preuves", "ligne\nnouvelle.md"), []byte("x"), 0o644))
	walked := walkRoot(t, r.Dir)
	assert.Len(t, walked.Files, len(names)+2)
	assert.True(t, newMatcher("preuves/*.md").match(fold("preuves/ligne\nnouvelle.md")))
	assert.True(t, newMatcher(`preuves/\[brouillon\]*`).match(fold("preuves/[brouillon] {v2} *plan?*.md")), "escaped metacharacters match literally")
	for _, reader := range readers(t) {
		hist, err := ReadHistory(r.Dir, walked, HistoryOptions{Git: reader, NoCache: true})
		require.NoError(t, err, reader)
		for _, f := range walked.Files {
			if strings.Contains(f.Path, "\n") {
				continue // not committed
			}
			d, src := hist.Date(f)
			assert.Equal(t, "2026-01-15 git", d.String()+" "+src, "%s: %q", reader, f.Path)
		}
	}
}

func TestDeepAndLongPaths(t *testing.T) {
	dir := t.TempDir()
	var parts []string
	for i := 0; i < 50; i++ {
		parts = append(parts, fmt.Sprintf("niveau-%02d", i))
	}
	deep := filepath.Join(append([]string{dir}, parts...)...)
	require.NoError(t, os.MkdirAll(deep, 0o755))
	long := strings.Repeat("compte-rendu-de-reunion-pedagogique-", 6) + ".pdf" // 220 characters
	require.NoError(t, os.WriteFile(filepath.Join(deep, long), []byte("x"), 0o644))
	tree := walkRoot(t, dir)
	require.Len(t, tree.Files, 1)
	assert.Len(t, tree.Dirs, 50)
	assert.True(t, newMatcher("**/compte-rendu*.pdf").match(tree.Files[0].key))
}

// TestDatesInTheFutureAreClamped: a commit from a machine whose clock ran
// ahead is counted as updated on the as-of day, with a warning; a date
// after a past as-of day is no warning.
func TestDatesInTheFutureAreClamped(t *testing.T) {
	fs := fstest.MapFS{"veille/a.md": file("2027-03-01")}
	c, err := rules.Parse("qlint.toml", []byte("schema = 1\n"+veille))
	require.NoError(t, err)
	tree, err := WalkTree(fs, nil)
	require.NoError(t, err)
	judgeAt := func(asOf, today rules.Day) *Report {
		rep, err := Judge(Input{Config: c, Ref: rules.Builtin(), Tree: tree, FS: fs, Dates: &History{Kind: "none"},
			AsOf: asOf, Today: today, Lang: i18n.EN})
		require.NoError(t, err)
		return rep
	}
	future := func(rep *Report) []Finding {
		var out []Finding
		for _, f := range rep.Findings {
			if f.Kind == KindFutureDate || f.Rule == "veille" {
				out = append(out, f)
			}
		}
		return out
	}
	rep := judgeAt(rules.NewDay(2026, 11, 22), rules.NewDay(2026, 11, 22))
	fs2 := future(rep)
	require.Len(t, fs2, 1, "a warning, and the file counts as fresh")
	assert.Equal(t, KindFutureDate, fs2[0].Kind)
	assert.Equal(t, "warning", fs2[0].Severity)
	assert.Contains(t, fs2[0].Message, "in the future")
	assert.Equal(t, StatusOK, rep.Indicators[22].Status)

	rep = judgeAt(rules.NewDay(2026, 10, 1), rules.NewDay(2027, 3, 10))
	assert.Empty(t, future(rep), "judged at a past day, a later update is no clock error")
}

// TestAuthorsLocalDayAroundMidnight: the day is the author's own, whatever
// the zone of the machine running qlint, with both readers.
func TestAuthorsLocalDayAroundMidnight(t *testing.T) {
	r, err := gitbuild.Init(t.TempDir())
	require.NoError(t, err)
	tonga := time.FixedZone("+13", 13*3600)
	hawaii := time.FixedZone("-10", -10*3600)
	tree := gitbuild.Tree{"a.md": "1", "b.md": "1"}
	c1, err := r.Commit(tree, "tonga", time.Date(2026, 1, 1, 0, 30, 0, 0, tonga)) // 2025-12-31 11:30 UTC
	require.NoError(t, err)
	c2, err := r.Commit(tree.With("b.md", "2"), "hawaii", time.Date(2025, 12, 31, 23, 30, 0, 0, hawaii), c1) // 2026-01-01 09:30 UTC
	require.NoError(t, err)
	require.NoError(t, r.SetHead(c2))
	require.NoError(t, r.Checkout())
	walked := walkRoot(t, r.Dir)
	for _, reader := range readers(t) {
		hist, err := ReadHistory(r.Dir, walked, HistoryOptions{Git: reader, NoCache: true})
		require.NoError(t, err)
		got := map[string]string{}
		for _, f := range walked.Files {
			d, _ := hist.Date(f)
			got[f.Path] = d.String()
		}
		assert.Equal(t, map[string]string{"a.md": "2026-01-01", "b.md": "2025-12-31"}, got, reader)
	}
}

// TestRepositoryShapes: a detached HEAD, an unborn branch, a worktree and
// a separate git folder (as a submodule has) are all read.
func TestRepositoryShapes(t *testing.T) {
	root, r, head := repo(t, "")
	t.Run("detached HEAD", func(t *testing.T) {
		require.NoError(t, r.R.Storer.SetReference(plumbing.NewHashReference(plumbing.HEAD, head)))
		h := history(t, root, HistoryOptions{NoCache: true})
		assert.Equal(t, head.String(), h.Head)
		assert.Equal(t, "2026-03-05 git", dateOf(t, h, root, "a.md"))
	})
	t.Run("unborn branch", func(t *testing.T) {
		require.NoError(t, r.R.Storer.SetReference(plumbing.NewSymbolicReference(plumbing.HEAD, "refs/heads/nouvelle")))
		h := history(t, root, HistoryOptions{NoCache: true})
		assert.Equal(t, "", h.Head)
		d := dateOf(t, h, root, "a.md")
		assert.True(t, strings.HasSuffix(d, " uncommitted"), d)
		require.NoError(t, r.R.Storer.SetReference(plumbing.NewSymbolicReference(plumbing.HEAD, "refs/heads/main")))
	})
	if _, err := exec.LookPath("git"); err != nil {
		t.Log("git is not installed: worktree and separate git folder cases skipped")
		return
	}
	gitRun := func(t *testing.T, dir string, args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "%s", out)
	}
	t.Run("worktree (.git file)", func(t *testing.T) {
		wt := filepath.Join(t.TempDir(), "arbre")
		gitRun(t, root, "worktree", "add", "-q", "--detach", wt, head.String())
		for _, reader := range readers(t) {
			h := history(t, wt, HistoryOptions{Git: reader, NoCache: true})
			assert.Equal(t, "2026-03-05 git", dateOf(t, h, wt, "a.md"), reader)
		}
	})
	t.Run("separate git folder (submodule-like)", func(t *testing.T) {
		work, gitDir := t.TempDir(), filepath.Join(t.TempDir(), "modules", "preuves")
		require.NoError(t, os.MkdirAll(filepath.Dir(gitDir), 0o755))
		gitRun(t, work, "init", "-q", "--separate-git-dir", gitDir, "-b", "main")
		require.NoError(t, os.WriteFile(filepath.Join(work, "a.md"), []byte("a"), 0o644))
		gitRun(t, work, "add", "a.md")
		gitRun(t, work, "-c", "user.name=q", "-c", "user.email=q@example.org", "commit", "-q", "-m", "a", "--date", "2026-02-02T12:00:00+01:00")
		for _, reader := range readers(t) {
			h := history(t, work, HistoryOptions{Git: reader, NoCache: true})
			assert.Equal(t, "2026-02-02 git", dateOf(t, h, work, "a.md"), reader)
		}
	})
}

// TestHundredThousandFiles lints a 100k-file tree within a bounded heap.
func TestHundredThousandFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	dir := t.TempDir()
	for d := 0; d < 200; d++ {
		sub := filepath.Join(dir, "sessions", fmt.Sprintf("2025-%02d-%02d_client-%03d", 1+d%12, 1+d%28, d))
		require.NoError(t, os.MkdirAll(sub, 0o755))
		for f := 0; f < 500; f++ {
			require.NoError(t, os.WriteFile(filepath.Join(sub, fmt.Sprintf("emargement-%03d.pdf", f)), nil, 0o644))
		}
	}
	c, err := rules.Parse("qlint.toml", []byte("schema = 1\nextends = \"qualiopi\"\n"))
	require.NoError(t, err)
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	rep, err := Run(Options{Root: dir, Config: c, AsOf: rules.NewDay(2026, 11, 22), Lang: i18n.EN, NoCache: true})
	require.NoError(t, err)
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	assert.Equal(t, 100000, rep.FileCount)
	assert.Less(t, after.HeapInuse, uint64(512<<20), "heap in use after a 100k-file lint")
}
