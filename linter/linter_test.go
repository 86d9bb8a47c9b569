package linter

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/gitbuild"
	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/lang"
	"github.com/qlint/qlint/rules"
)

const gitRules = `schema = 1
[[rule]]
id = "docs"
indicators = [23]
paths = ["**/*.md"]
max_age = "1y"
`

// repo makes a checked-out repository whose evidence folder is sub ("" for
// the whole repository), with two commits, and returns the evidence root.
func repo(t *testing.T, sub string) (root string, r *gitbuild.Repo, head plumbing.Hash) {
	t.Helper()
	r, err := gitbuild.Init(t.TempDir())
	require.NoError(t, err)
	p := func(s string) string { return filepath.ToSlash(filepath.Join(sub, s)) }
	t1 := gitbuild.Tree{p("qlint.toml"): gitRules, p("a.md"): "a1", p("b.md"): "b1", "hors-preuves.txt": "x"}
	c1, err := r.Commit(t1, "one", gitbuild.MustDay("2025-01-10"))
	require.NoError(t, err)
	c2, err := r.Commit(t1.With(p("a.md"), "a2").Move(p("b.md"), p("classé/b.md")), "two", gitbuild.MustDay("2026-03-05"), c1)
	require.NoError(t, err)
	require.NoError(t, r.SetHead(c2))
	require.NoError(t, r.Checkout())
	return filepath.Join(r.Dir, sub), r, c2
}

func runOn(t *testing.T, root string, opts Options) (*Report, error) {
	t.Helper()
	if opts.Config == nil {
		c, err := rules.Load(filepath.Join(root, "qlint.toml"))
		require.NoError(t, err)
		opts.Config = c
	}
	opts.Root = root
	opts.ConfigPath = filepath.Join(root, "qlint.toml")
	if opts.AsOf.IsZero() {
		opts.AsOf = rules.NewDay(2026, 11, 22)
	}
	if opts.Lang == "" {
		opts.Lang = i18n.EN
	}
	return Run(opts)
}

func datesOf(t *testing.T, rep *Report) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, f := range rep.Findings {
		if f.Kind == KindStale || f.Kind == KindDueSoon {
			out[f.Path] = f.LastUpdate + " " + string(f.DateSource)
		}
	}
	return out
}

// oneRule judges each file alone, so that every file gets a dated finding.
func perFile(t *testing.T, files ...string) *rules.Config {
	src := "schema = 1\n"
	for i, f := range files {
		src += "[[rule]]\nid = \"r" + string(rune('a'+i)) + "\"\nindicators = [23]\npaths = [\"" + f + "\"]\nmax_age = \"1d\"\n"
	}
	c, err := rules.Parse("qlint.toml", []byte(src))
	require.NoError(t, err)
	return c
}

func TestGitDatesThroughTheLinter(t *testing.T) {
	root, _, head := repo(t, "")
	rep, err := runOn(t, root, Options{Config: perFile(t, "a.md", "classé/b.md")})
	require.NoError(t, err)
	assert.Equal(t, "git", rep.History.Kind)
	assert.Equal(t, head.String(), rep.History.Head)
	assert.False(t, rep.History.Shallow)
	assert.Equal(t, map[string]string{
		"a.md":        "2026-03-05 git",
		"classé/b.md": "2025-01-10 git", // moved, not updated
	}, datesOf(t, rep))
}

func TestUncommittedAndUntrackedFiles(t *testing.T) {
	root, r, _ := repo(t, "")
	recent := time.Date(2026, 11, 20, 10, 0, 0, 0, time.Local)
	write := func(name, content string) {
		p := filepath.Join(root, name)
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
		require.NoError(t, os.Chtimes(p, recent, recent))
	}
	write("a.md", "a3, not committed")
	write("nouveau.md", "untracked")
	// Touched but unchanged: still the committed version, dated by git.
	require.NoError(t, os.Chtimes(filepath.Join(root, "classé/b.md"), recent, recent))

	rep, err := runOn(t, root, Options{Config: perFile(t, "a.md", "nouveau.md", "classé/b.md")})
	require.NoError(t, err)
	assert.Equal(t, map[string]string{
		"a.md":        "2026-11-20 uncommitted",
		"nouveau.md":  "2026-11-20 uncommitted",
		"classé/b.md": "2025-01-10 git",
	}, datesOf(t, rep))

	// A staged change is not committed either.
	wt, err := r.R.Worktree()
	require.NoError(t, err)
	_, err = wt.Add("nouveau.md")
	require.NoError(t, err)
	rep, err = runOn(t, root, Options{Config: perFile(t, "nouveau.md")})
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"nouveau.md": "2026-11-20 uncommitted"}, datesOf(t, rep))
}

func TestNoRepository(t *testing.T) {
	root := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(root, "qlint.toml"), []byte(gitRules), 0o644))
	p := filepath.Join(root, "a.md")
	require.NoError(t, os.WriteFile(p, []byte("a"), 0o644))
	old := time.Date(2025, 2, 1, 12, 0, 0, 0, time.Local)
	require.NoError(t, os.Chtimes(p, old, old))
	rep, err := runOn(t, root, Options{})
	require.NoError(t, err)
	assert.Equal(t, "none", rep.History.Kind)
	assert.Equal(t, "", rep.History.Head)
	assert.Equal(t, map[string]string{"a.md": "2025-02-01 mtime"}, datesOf(t, rep))
}

func TestRootInASubfolder(t *testing.T) {
	root, _, _ := repo(t, "qualite/preuves")
	rep, err := runOn(t, root, Options{Config: perFile(t, "a.md", "classé/b.md")})
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"a.md": "2026-03-05 git", "classé/b.md": "2025-01-10 git"}, datesOf(t, rep))
	for _, f := range rep.Findings {
		assert.NotEqual(t, "hors-preuves.txt", f.Path, "files outside the root are not judged")
	}
}

func TestEmptyRepository(t *testing.T) {
	r, err := gitbuild.Init(t.TempDir())
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(r.Dir, "qlint.toml"), []byte(gitRules), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(r.Dir, "a.md"), []byte("a"), 0o644))
	rep, err := runOn(t, r.Dir, Options{AsOf: rules.DayOf(time.Now())})
	require.NoError(t, err)
	assert.Equal(t, "git", rep.History.Kind)
	assert.Equal(t, "", rep.History.Head)
	assert.Empty(t, datesOf(t, rep), "a fresh file is not stale")
}

func TestShallowClone(t *testing.T) {
	root, _, head := repo(t, "")
	require.NoError(t, os.WriteFile(filepath.Join(root, ".git", "shallow"), []byte(head.String()+"\n"), 0o644))
	_, err := runOn(t, root, Options{})
	var ue *lang.Error
	require.ErrorAs(t, err, &ue)
	assert.Contains(t, ue.Localize(i18n.EN), "shallow clone")
	assert.Contains(t, ue.Localize(i18n.EN), "fetch-depth: 0")

	rep, err := runOn(t, root, Options{AllowShallow: true, Config: perFile(t, "a.md", "classé/b.md")})
	require.NoError(t, err)
	assert.True(t, rep.History.Shallow)
	assert.Equal(t, map[string]string{"a.md": "2026-03-05 git", "classé/b.md": "2026-03-05 git"}, datesOf(t, rep),
		"history is cut: every file looks as new as the boundary")
}

func TestDamagedRepository(t *testing.T) {
	for _, tc := range []struct{ reader, damage string }{
		{GitBuiltin, "missing"}, {GitAuto, "missing"}, {GitBuiltin, "corrupt"}, {GitAuto, "corrupt"},
	} {
		reader := tc.reader
		t.Run(tc.damage+" object, "+reader, func(t *testing.T) {
			root, r, head := repo(t, "")
			c, err := r.R.CommitObject(head)
			require.NoError(t, err)
			parent := c.ParentHashes[0].String()
			object := filepath.Join(root, ".git", "objects", parent[:2], parent[2:])
			if tc.damage == "missing" {
				require.NoError(t, os.Remove(object))
			} else {
				require.NoError(t, os.Chmod(object, 0o644))
				require.NoError(t, os.WriteFile(object, []byte("not zlib at all"), 0o644))
			}
			_, err = runOn(t, root, Options{Git: reader, NoCache: true})
			var ue *lang.Error
			require.ErrorAs(t, err, &ue)
			msg := ue.Localize(i18n.EN)
			assert.Contains(t, msg, parent, "the message names the object")
			assert.Contains(t, msg, "git fsck")
		})
	}
}

func TestIgnoreRevsFile(t *testing.T) {
	root, _, head := repo(t, "")
	require.NoError(t, os.WriteFile(filepath.Join(root, ".qlint-ignore-revs"), []byte("# bulk rename\n"+head.String()+"\n"), 0o644))
	c := perFile(t, "a.md")
	c.History.IgnoreRevsFile = ".qlint-ignore-revs"
	rep, err := runOn(t, root, Options{Config: c})
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"a.md": "2025-01-10 git"}, datesOf(t, rep))

	require.NoError(t, os.WriteFile(filepath.Join(root, ".qlint-ignore-revs"), []byte("abc123\n"), 0o644))
	_, err = runOn(t, root, Options{Config: c})
	var ue *lang.Error
	require.ErrorAs(t, err, &ue)
	assert.Contains(t, ue.Localize(i18n.EN), "is not a full commit id")
}

func TestRootMissing(t *testing.T) {
	c, err := rules.Parse("qlint.toml", []byte(gitRules))
	require.NoError(t, err)
	_, err = Run(Options{Root: filepath.Join(t.TempDir(), "nope"), Config: c})
	var ue *lang.Error
	require.ErrorAs(t, err, &ue)
	assert.Contains(t, ue.Localize(i18n.EN), "does not exist")
}

func TestBadSessionFile(t *testing.T) {
	root := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(root, "sessions", "s1"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(root, "sessions", "s1", "session.toml"), []byte("start = 2025-03-12\nend = \"la semaine d'après\"\n"), 0o644))
	c, err := rules.Parse("qlint.toml", []byte("schema = 1\n[[rule]]\nid = \"e\"\nindicators = [11]\neach = \"sessions/*\"\npaths = [\"emargement*\"]\ndue = \"end\"\n"))
	require.NoError(t, err)
	_, err = Run(Options{Root: root, Config: c, AsOf: rules.NewDay(2026, 1, 1), Lang: i18n.EN})
	var re *lang.Error
	require.ErrorAs(t, err, &re)
	assert.Equal(t, "sessions/s1/session.toml:2:1: end must be a date such as 2025-03-12\n  hint: write the date bare or quoted, as YYYY-MM-DD", re.Localize(i18n.EN))
}

func TestPreCommitCountsStagedChangesAsToday(t *testing.T) {
	root, r, _ := repo(t, "")
	// An old file, copied in with its old time kept, then staged.
	p := filepath.Join(root, "nouveau.md")
	require.NoError(t, os.WriteFile(p, []byte("copie"), 0o644))
	old := time.Date(2024, 5, 1, 12, 0, 0, 0, time.Local)
	require.NoError(t, os.Chtimes(p, old, old))
	wt, err := r.R.Worktree()
	require.NoError(t, err)
	_, err = wt.Add("nouveau.md")
	require.NoError(t, err)

	rep, err := runOn(t, root, Options{Config: perFile(t, "nouveau.md", "a.md")})
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"nouveau.md": "2024-05-01 uncommitted", "a.md": "2026-03-05 git"}, datesOf(t, rep))

	// As the commit being made, dated today (the as-of day): the staged
	// file is fresh; the committed one keeps its git date.
	rep, err = runOn(t, root, Options{Config: perFile(t, "nouveau.md", "a.md"), PreCommit: true})
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"nouveau.md": "2026-11-22 uncommitted", "a.md": "2026-03-05 git"}, datesOf(t, rep),
		"nouveau.md counts as updated on 2026-11-22")
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
