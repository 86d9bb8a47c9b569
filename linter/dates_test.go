package linter

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/qlint/qlint/internal/gitbuild"
	"github.com/qlint/qlint/internal/gitdates"
	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/internal/parallel"
	"github.com/qlint/qlint/rules"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func readers(t *testing.T) []string {
	if _, err := exec.LookPath("git"); err != nil {
		return []string{GitBuiltin}
	}
	return []string{GitBuiltin, GitCLI, GitAuto}
}

func history(t *testing.T, root string, opts HistoryOptions) *History {
	t.Helper()
	tree, err := WalkTree(os.DirFS(root), nil)
	require.NoError(t, err)
	h, err := ReadHistory(root, tree, opts)
	require.NoError(t, err)
	return h
}

func dateOf(t *testing.T, h *History, root, p string) string {
	t.Helper()
	info, err := os.Stat(filepath.Join(root, p))
	require.NoError(t, err)
	d, src := h.Date(File{Path: p, ModTime: info.ModTime(), Size: info.Size()})
	return d.String() + " " + string(src)
}

func gitIn(t *testing.T, dir string, args ...string) {
	t.Helper()
	out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).CombinedOutput()
	require.NoError(t, err, "git %v: %s", args, out)
}

// A reorganization not yet committed keeps its dates: a file whose content
// is a file's at HEAD keeps that file's git date, with either history
// reader.
func TestMovedFilesKeepTheirDates(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	for _, reader := range []string{GitCLI, GitBuiltin} {
		t.Run(reader, func(t *testing.T) {
			root, _, _ := repo(t, "")
			recent := time.Date(2026, 11, 20, 10, 0, 0, 0, time.Local)
			touch := func(name string) {
				require.NoError(t, os.Chtimes(filepath.Join(root, name), recent, recent))
			}
			// git mv, staged: a.md (2026-03-05) → veille/a.md.
			require.NoError(t, os.Mkdir(filepath.Join(root, "veille"), 0o755))
			gitIn(t, root, "mv", "a.md", "veille/a.md")
			// A folder moved with a plain mv, not staged: classé/ (b.md, 2025-01-10) → archives 2025/.
			require.NoError(t, os.Rename(filepath.Join(root, "classé"), filepath.Join(root, "archives 2025")))
			touch("archives 2025/b.md")
			// Moved and edited: not the same content any more.
			gitIn(t, root, "mv", "veille/a.md", "veille/a-copie.md")
			require.NoError(t, os.WriteFile(filepath.Join(root, "veille/a-copie.md"), []byte("a2 edited"), 0o644))
			touch("veille/a-copie.md")
			require.NoError(t, os.WriteFile(filepath.Join(root, "veille/nouveau.md"), []byte("a2"), 0o644)) // a copy of a.md's content
			touch("veille/nouveau.md")

			rep, err := runOn(t, root, Options{Git: reader, NoCache: true,
				Config: perFile(t, "archives 2025/b.md", "veille/a-copie.md", "veille/nouveau.md")})
			require.NoError(t, err)
			assert.Equal(t, map[string]string{
				"archives 2025/b.md": "2025-01-10 moved",
				"veille/a-copie.md":  "2026-11-20 uncommitted",
				"veille/nouveau.md":  "2026-03-05 moved",
			}, datesOf(t, rep))

			// The whole reorganization staged.
			gitIn(t, root, "add", "-A")
			rep, err = runOn(t, root, Options{Git: reader, NoCache: true,
				Config: perFile(t, "archives 2025/b.md", "veille/a-copie.md", "veille/nouveau.md")})
			require.NoError(t, err)
			assert.Equal(t, map[string]string{
				"archives 2025/b.md": "2025-01-10 moved",
				"veille/a-copie.md":  "2026-11-20 uncommitted",
				"veille/nouveau.md":  "2026-03-05 moved",
			}, datesOf(t, rep))
		})
	}
}

// core.autocrlf = true: a file checked out with CRLF line endings and
// touched is still the committed one.
func TestAutoCRLFTouchedFileKeepsItsDate(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	for _, reader := range []string{GitCLI, GitBuiltin} {
		t.Run(reader, func(t *testing.T) {
			root, _, _ := repo(t, "")
			require.NoError(t, os.WriteFile(filepath.Join(root, "lignes.md"), []byte("un\ndeux\n"), 0o644))
			gitIn(t, root, "add", "lignes.md")
			gitIn(t, root, "-c", "user.name=Q", "-c", "user.email=q@example.org", "commit", "-q", "-m", "lignes",
				"--date", "2025-06-01T10:00:00")
			gitIn(t, root, "config", "core.autocrlf", "true")
			// What a Windows checkout writes, then the file is touched.
			p := filepath.Join(root, "lignes.md")
			require.NoError(t, os.WriteFile(p, []byte(strings.ReplaceAll("un\ndeux\n", "\n", "\r\n")), 0o644))
			recent := time.Date(2026, 11, 20, 10, 0, 0, 0, time.Local)
			require.NoError(t, os.Chtimes(p, recent, recent))

			rep, err := runOn(t, root, Options{Git: reader, NoCache: true, Config: perFile(t, "lignes.md")})
			require.NoError(t, err)
			assert.Equal(t, map[string]string{"lignes.md": "2025-06-01 git"}, datesOf(t, rep))
		})
	}
}

// The commit being made renames a proof: as a pre-commit hook judges it, the
// renamed proof keeps its date (a move is not an update), an edited one is
// dated today.
func TestPreCommitKeepsTheDateOfAStagedMove(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	root, _, _ := repo(t, "")
	gitIn(t, root, "mv", "a.md", "a-renomme.md")
	gitIn(t, root, "mv", "classé/b.md", "b-edite.md")
	require.NoError(t, os.WriteFile(filepath.Join(root, "b-edite.md"), []byte("b2"), 0o644))
	gitIn(t, root, "add", "b-edite.md")
	rep, err := runOn(t, root, Options{Config: perFile(t, "a-renomme.md", "b-edite.md"), PreCommit: true})
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"a-renomme.md": "2026-03-05 moved", "b-edite.md": "2026-11-22 uncommitted"}, datesOf(t, rep))
}

// A clean filter set by .gitattributes: with the git command, the working
// copy is compared as git add would store it.
func TestCleanFilterKeepsTheDate(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	root, _, _ := repo(t, "")
	gitIn(t, root, "config", "filter.maj.clean", "tr a-z A-Z")
	gitIn(t, root, "config", "filter.maj.smudge", "tr A-Z a-z")
	require.NoError(t, os.WriteFile(filepath.Join(root, ".gitattributes"), []byte("*.txt filter=maj\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(root, "note.txt"), []byte("abc\n"), 0o644))
	gitIn(t, root, "add", ".gitattributes", "note.txt")
	gitIn(t, root, "-c", "user.name=Q", "-c", "user.email=q@example.org", "commit", "-q", "-m", "note", "--date", "2025-06-01T10:00:00")
	recent := time.Date(2026, 11, 20, 10, 0, 0, 0, time.Local)
	require.NoError(t, os.Chtimes(filepath.Join(root, "note.txt"), recent, recent))
	rep, err := runOn(t, root, Options{Git: GitCLI, NoCache: true, Config: perFile(t, "note.txt")})
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"note.txt": "2025-06-01 git"}, datesOf(t, rep))
}

// TestGitReadersAreGitdatesOnes: --git's words reach gitdates.Open as they
// are.
func TestGitReadersAreGitdatesOnes(t *testing.T) {
	assert.Equal(t, []string{gitdates.ReaderAuto, gitdates.ReaderCLI, gitdates.ReaderBuiltin}, []string{GitAuto, GitCLI, GitBuiltin})
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

// twoCommits is a repository whose second commit adds a.md.
func twoCommits(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	r, err := gitbuild.Init(dir)
	require.NoError(t, err)
	_, err = r.CommitWorktree("premier", gitbuild.MustDay("2026-01-05"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.md"), []byte("a"), 0o644))
	_, err = r.CommitWorktree("second", gitbuild.MustDay("2026-02-05"))
	require.NoError(t, err)
	return dir
}

// A run writes the history cache while it judges, and has written it by
// the time it returns: the next run reads no commit.
func TestRunLeavesTheCacheWritten(t *testing.T) {
	dir := twoCommits(t)
	cfg, err := rules.Parse("qlint.toml", []byte(`schema = 1
[[rule]]
id = "tout"
indicators = [1]
paths = ["**"]
max_age = "1y"
`))
	require.NoError(t, err)
	for _, reader := range readers(t) {
		require.NoError(t, os.RemoveAll(filepath.Join(dir, ".git", "qlint")))
		_, err := Run(Options{Root: dir, Config: cfg, AsOf: rules.NewDay(2026, 3, 1), Lang: i18n.FR, Git: reader})
		require.NoError(t, err)
		_, err = os.Stat(filepath.Join(dir, ".git", "qlint", "history.cache"))
		require.NoError(t, err, "%s: the cache is there when Run returns", reader)
		h := history(t, dir, HistoryOptions{Git: reader})
		assert.Zero(t, h.Commits(), "%s: the next run reads no commit", reader)
	}
}

// Dates read ahead on every core (a large tree) are the dates read one by
// one: moved, uncommitted and committed files, on both readers.
func TestDatesReadAheadAreTheSame(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	defer func(n int) { parallel.From = n }(parallel.From)
	for _, reader := range []string{GitCLI, GitBuiltin} {
		root, _, _ := repo(t, "")
		require.NoError(t, os.Mkdir(filepath.Join(root, "veille"), 0o755))
		gitIn(t, root, "mv", "a.md", "veille/a.md")
		require.NoError(t, os.WriteFile(filepath.Join(root, "veille/nouveau.md"), []byte("a2"), 0o644))
		require.NoError(t, os.WriteFile(filepath.Join(root, "brouillon.md"), []byte("neuf"), 0o644))
		cfg := perFile(t, "veille/a.md", "veille/nouveau.md", "brouillon.md", "classé/b.md", "hors-preuves.txt")
		var reports []map[string]string
		for _, ahead := range []int{1 << 30, 1} {
			parallel.From = ahead
			rep, err := runOn(t, root, Options{Git: reader, NoCache: true, Config: cfg})
			require.NoError(t, err)
			reports = append(reports, datesOf(t, rep))
		}
		assert.Len(t, reports[0], 5, reader)
		assert.Equal(t, reports[0], reports[1], reader)
	}
}

// A run that stops after reading history (here, the folder could not be
// listed) does not leave the cache being written behind it.
func TestStoppedRunLeavesNoCacheHalfWritten(t *testing.T) {
	dir := twoCommits(t)
	for range 20 {
		require.NoError(t, os.RemoveAll(filepath.Join(dir, ".git", "qlint")))
		_, err := readHistory(dir, func() (*Tree, error) { return nil, os.ErrPermission }, HistoryOptions{Git: GitBuiltin, saveLater: true})
		require.ErrorIs(t, err, os.ErrPermission)
		entries, err := os.ReadDir(filepath.Join(dir, ".git", "qlint"))
		require.NoError(t, err, "the cache was written before readHistory returned")
		require.Len(t, entries, 1)
		assert.Equal(t, "history.cache", entries[0].Name(), "no temporary file left")
	}
}
