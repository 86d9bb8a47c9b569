package gitdates

import (
	"fmt"
	"os/exec"
	"runtime"
	"runtime/debug"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/gcpace"
	"github.com/qlint/qlint/internal/gitbuild"
)

var day = gitbuild.MustDay

// history is a commit script: each step makes a commit from the tree of its
// first parent (the previous step by default).
type step struct {
	name    string
	date    string
	parents []string // step names; default: the previous step
	change  func(gitbuild.Tree) gitbuild.Tree
}

func build(t *testing.T, steps []step) (*gitbuild.Repo, map[string]plumbing.Hash) {
	t.Helper()
	r, err := gitbuild.Init(t.TempDir())
	require.NoError(t, err)
	hashes := map[string]plumbing.Hash{}
	trees := map[string]gitbuild.Tree{}
	prev := ""
	for _, s := range steps {
		parents := s.parents
		if parents == nil && prev != "" {
			parents = []string{prev}
		}
		base := gitbuild.Tree{}
		var ph []plumbing.Hash
		for i, p := range parents {
			if i == 0 {
				base = trees[p]
			}
			ph = append(ph, hashes[p])
		}
		tree := s.change(base)
		h, err := r.Commit(tree, s.name, day(s.date), ph...)
		require.NoError(t, err)
		hashes[s.name], trees[s.name] = h, tree
		prev = s.name
	}
	require.NoError(t, r.SetHead(hashes[prev]))
	return r, hashes
}

// dates walks with the built-in reader and, when git is installed, with
// the git binary too: both must give the same dates.
func dates(t *testing.T, r *gitbuild.Repo, prefix string, opts Options) map[string]string {
	t.Helper()
	res, err := Walk(wrap(r.R), prefix, opts)
	require.NoError(t, err)
	out := map[string]string{}
	for p, f := range res.Files {
		out[p] = f.Stamp.When.Format("2006-01-02")
	}
	if gitBin, err := exec.LookPath("git"); err == nil {
		cli := opts
		cli.Git, cli.Dir = gitBin, r.Dir
		res, err := Walk(wrap(r.R), prefix, cli)
		require.NoError(t, err)
		viaGit := map[string]string{}
		for p, f := range res.Files {
			viaGit[p] = f.Stamp.When.Format("2006-01-02")
		}
		assert.Equal(t, out, viaGit, "the git binary's log gives the same dates")
	}
	return out
}

func TestWalkDates(t *testing.T) {
	tests := []struct {
		name   string
		steps  []step
		prefix string
		want   map[string]string
	}{
		{
			name: "edit",
			steps: []step{
				{name: "c1", date: "2025-01-10", change: func(gitbuild.Tree) gitbuild.Tree { return gitbuild.Tree{"a.md": "v1", "b.md": "b"} }},
				{name: "c2", date: "2025-03-01", change: func(t gitbuild.Tree) gitbuild.Tree { return t.With("a.md", "v2") }},
			},
			want: map[string]string{"a.md": "2025-03-01", "b.md": "2025-01-10"},
		},
		{
			name: "rename is not an update",
			steps: []step{
				{name: "c1", date: "2025-01-10", change: func(gitbuild.Tree) gitbuild.Tree { return gitbuild.Tree{"cv.pdf": "cv"} }},
				{name: "c2", date: "2025-06-01", change: func(t gitbuild.Tree) gitbuild.Tree { return t.Move("cv.pdf", "cv-2025.pdf") }},
			},
			want: map[string]string{"cv-2025.pdf": "2025-01-10"},
		},
		{
			name: "move of a whole folder is not an update",
			steps: []step{
				{name: "c1", date: "2024-02-01", change: func(gitbuild.Tree) gitbuild.Tree {
					return gitbuild.Tree{"veille/legale/2024-01.md": "jan", "veille/legale/2024-02.md": "feb", "autre.md": "x"}
				}},
				{name: "c2", date: "2024-05-01", change: func(t gitbuild.Tree) gitbuild.Tree { return t.With("veille/legale/2024-02.md", "feb v2") }},
				{name: "reorg", date: "2025-09-15", change: func(t gitbuild.Tree) gitbuild.Tree { return t.Move("veille", "06-environnement/veille") }},
			},
			want: map[string]string{
				"06-environnement/veille/legale/2024-01.md": "2024-02-01",
				"06-environnement/veille/legale/2024-02.md": "2024-05-01",
				"autre.md": "2024-02-01",
			},
		},
		{
			name: "rename plus edit is an update",
			steps: []step{
				{name: "c1", date: "2025-01-10", change: func(gitbuild.Tree) gitbuild.Tree { return gitbuild.Tree{"plan.md": "v1"} }},
				{name: "c2", date: "2025-04-02", change: func(t gitbuild.Tree) gitbuild.Tree { return t.Without("plan.md").With("plan-2025.md", "v2") }},
			},
			want: map[string]string{"plan-2025.md": "2025-04-02"},
		},
		{
			name: "revert to older content is an update",
			steps: []step{
				{name: "c1", date: "2025-01-10", change: func(gitbuild.Tree) gitbuild.Tree { return gitbuild.Tree{"a.md": "v1"} }},
				{name: "c2", date: "2025-02-10", change: func(t gitbuild.Tree) gitbuild.Tree { return t.With("a.md", "v2") }},
				{name: "c3", date: "2025-03-10", change: func(t gitbuild.Tree) gitbuild.Tree { return t.With("a.md", "v1") }},
			},
			want: map[string]string{"a.md": "2025-03-10"},
		},
		{
			name: "deleted then re-created",
			steps: []step{
				{name: "c1", date: "2025-01-10", change: func(gitbuild.Tree) gitbuild.Tree { return gitbuild.Tree{"a.md": "v1", "b.md": "b"} }},
				{name: "c2", date: "2025-02-10", change: func(t gitbuild.Tree) gitbuild.Tree { return t.Without("a.md") }},
				{name: "c3", date: "2025-03-10", change: func(t gitbuild.Tree) gitbuild.Tree { return t.With("a.md", "v1") }},
			},
			want: map[string]string{"a.md": "2025-03-10", "b.md": "2025-01-10"},
		},
		{
			name: "copy is a new file, the original keeps its date",
			steps: []step{
				{name: "c1", date: "2025-01-10", change: func(gitbuild.Tree) gitbuild.Tree { return gitbuild.Tree{"modele.md": "m"} }},
				{name: "c2", date: "2025-02-10", change: func(t gitbuild.Tree) gitbuild.Tree { return t.With("copie.md", "m") }},
			},
			want: map[string]string{"modele.md": "2025-01-10", "copie.md": "2025-02-10"},
		},
		{
			name: "merge takes each file from the branch that changed it",
			steps: []step{
				{name: "base", date: "2025-01-10", change: func(gitbuild.Tree) gitbuild.Tree { return gitbuild.Tree{"a.md": "a1", "b.md": "b1", "c.md": "c1"} }},
				{name: "branch", date: "2025-02-10", change: func(t gitbuild.Tree) gitbuild.Tree { return t.With("a.md", "a2") }},
				{name: "main", date: "2025-03-10", parents: []string{"base"}, change: func(t gitbuild.Tree) gitbuild.Tree { return t.With("b.md", "b2") }},
				{name: "merge", date: "2025-04-10", parents: []string{"main", "branch"}, change: func(t gitbuild.Tree) gitbuild.Tree { return t.With("a.md", "a2") }},
			},
			want: map[string]string{"a.md": "2025-02-10", "b.md": "2025-03-10", "c.md": "2025-01-10"},
		},
		{
			name: "evil merge is an update at the merge",
			steps: []step{
				{name: "base", date: "2025-01-10", change: func(gitbuild.Tree) gitbuild.Tree { return gitbuild.Tree{"a.md": "a1", "b.md": "b1"} }},
				{name: "branch", date: "2025-02-10", change: func(t gitbuild.Tree) gitbuild.Tree { return t.With("a.md", "a2") }},
				{name: "main", date: "2025-03-10", parents: []string{"base"}, change: func(t gitbuild.Tree) gitbuild.Tree { return t.With("a.md", "a3") }},
				{name: "merge", date: "2025-04-10", parents: []string{"main", "branch"}, change: func(t gitbuild.Tree) gitbuild.Tree { return t.With("a.md", "a4") }},
			},
			want: map[string]string{"a.md": "2025-04-10", "b.md": "2025-01-10"},
		},
		{
			name: "a move on a branch is followed through the merge",
			steps: []step{
				{name: "base", date: "2025-01-10", change: func(gitbuild.Tree) gitbuild.Tree { return gitbuild.Tree{"old/a.md": "a", "b.md": "b"} }},
				{name: "branch", date: "2025-05-10", change: func(t gitbuild.Tree) gitbuild.Tree { return t.Move("old", "new") }},
				{name: "main", date: "2025-03-10", parents: []string{"base"}, change: func(t gitbuild.Tree) gitbuild.Tree { return t.With("b.md", "b2") }},
				{name: "merge", date: "2025-06-10", parents: []string{"main", "branch"}, change: func(t gitbuild.Tree) gitbuild.Tree { return t.Move("old", "new") }},
			},
			want: map[string]string{"new/a.md": "2025-01-10", "b.md": "2025-03-10"},
		},
		{
			name: "root in a subfolder, with a move into it from outside",
			steps: []step{
				{name: "c1", date: "2024-06-01", change: func(gitbuild.Tree) gitbuild.Tree {
					return gitbuild.Tree{"README.md": "r", "brouillons/cv.pdf": "cv", "preuves/plan.md": "p"}
				}},
				{name: "c2", date: "2025-01-05", change: func(t gitbuild.Tree) gitbuild.Tree { return t.With("README.md", "r2") }},
				{name: "c3", date: "2025-02-05", change: func(t gitbuild.Tree) gitbuild.Tree { return t.Move("brouillons/cv.pdf", "preuves/cv.pdf") }},
			},
			prefix: "preuves",
			want:   map[string]string{"plan.md": "2024-06-01", "cv.pdf": "2024-06-01"},
		},
		{
			name: "commit dated before its parent (clock skew)",
			steps: []step{
				{name: "c1", date: "2025-05-10", change: func(gitbuild.Tree) gitbuild.Tree { return gitbuild.Tree{"a.md": "a1", "b.md": "b"} }},
				{name: "c2", date: "2025-01-10", change: func(t gitbuild.Tree) gitbuild.Tree { return t.With("a.md", "a2") }},
			},
			want: map[string]string{"a.md": "2025-01-10", "b.md": "2025-05-10"},
		},
		{
			name: "a folder of identical files moves: each keeps its own date",
			steps: []step{
				{name: "c1", date: "2025-01-10", change: func(gitbuild.Tree) gitbuild.Tree { return gitbuild.Tree{"registres/a.md": "néant"} }},
				{name: "c2", date: "2025-04-10", change: func(t gitbuild.Tree) gitbuild.Tree { return t.With("registres/b.md", "néant") }},
				{name: "c3", date: "2025-07-10", change: func(t gitbuild.Tree) gitbuild.Tree { return t.With("registres/c.md", "néant") }},
				{name: "move", date: "2025-10-10", change: func(t gitbuild.Tree) gitbuild.Tree { return t.Move("registres", "07-amelioration/registres") }},
			},
			want: map[string]string{
				"07-amelioration/registres/a.md": "2025-01-10",
				"07-amelioration/registres/b.md": "2025-04-10",
				"07-amelioration/registres/c.md": "2025-07-10",
			},
		},
		{
			name: "a file replaced by a folder",
			steps: []step{
				{name: "c1", date: "2025-01-10", change: func(gitbuild.Tree) gitbuild.Tree { return gitbuild.Tree{"x": "file", "y.md": "y"} }},
				{name: "c2", date: "2025-02-10", change: func(t gitbuild.Tree) gitbuild.Tree { return t.Without("x").With("x/inner.md", "file") }},
			},
			want: map[string]string{"x/inner.md": "2025-01-10", "y.md": "2025-01-10"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, _ := build(t, tt.steps)
			assert.Equal(t, tt.want, dates(t, r, tt.prefix, Options{}))
		})
	}
}

func TestWalkIgnoredCommits(t *testing.T) {
	r, h := build(t, []step{
		{name: "c1", date: "2025-01-10", change: func(gitbuild.Tree) gitbuild.Tree { return gitbuild.Tree{"a.md": "a1", "b.md": "b1"} }},
		{name: "reformat", date: "2025-06-10", change: func(t gitbuild.Tree) gitbuild.Tree { return t.With("a.md", "A1", "c.md", "new") }},
	})
	got := dates(t, r, "", Options{Ignore: map[plumbing.Hash]bool{h["reformat"]: true}})
	assert.Equal(t, map[string]string{
		"a.md": "2025-01-10", // the reformat does not count
		"b.md": "2025-01-10",
		"c.md": "2025-06-10", // created by it: nothing older to fall back on
	}, got)
}

func TestWalkShallowBoundary(t *testing.T) {
	r, h := build(t, []step{
		{name: "c1", date: "2024-01-10", change: func(gitbuild.Tree) gitbuild.Tree { return gitbuild.Tree{"a.md": "a1", "b.md": "b"} }},
		{name: "c2", date: "2025-01-10", change: func(t gitbuild.Tree) gitbuild.Tree { return t.With("a.md", "a2") }},
		{name: "c3", date: "2025-06-10", change: func(t gitbuild.Tree) gitbuild.Tree { return t.With("a.md", "a3") }},
	})
	got := dates(t, r, "", Options{Shallow: map[plumbing.Hash]bool{h["c2"]: true}})
	// With history cut at c2, b.md looks new there: that is why a shallow
	// clone is refused unless the user allows it.
	assert.Equal(t, map[string]string{"a.md": "2025-06-10", "b.md": "2025-01-10"}, got)
}

func TestWalkEmptyRepository(t *testing.T) {
	r, err := gitbuild.Init(t.TempDir())
	require.NoError(t, err)
	res, err := Walk(wrap(r.R), "", Options{})
	require.NoError(t, err)
	assert.True(t, res.Head.IsZero())
	assert.Empty(t, res.Files)
}

func TestWalkMissingPrefix(t *testing.T) {
	r, _ := build(t, []step{
		{name: "c1", date: "2024-01-10", change: func(gitbuild.Tree) gitbuild.Tree { return gitbuild.Tree{"a.md": "a1"} }},
	})
	assert.Empty(t, dates(t, r, "nope", Options{}))
}

func TestWalkStopsEarly(t *testing.T) {
	// Five old commits hold nothing HEAD still has: once c1 is compared with
	// its parent, both files are settled and nothing older is read.
	var steps []step
	for i, d := range []string{"2019-01-01", "2019-06-01", "2020-01-01", "2020-06-01", "2020-09-01"} {
		content := string(rune('a' + i))
		steps = append(steps, step{name: "old" + content, date: d, change: func(gitbuild.Tree) gitbuild.Tree { return gitbuild.Tree{"old.md": content} }})
	}
	steps = append(steps,
		step{name: "c1", date: "2021-01-01", change: func(gitbuild.Tree) gitbuild.Tree { return gitbuild.Tree{"a.md": "a", "b.md": "b"} }},
		step{name: "c2", date: "2022-01-01", change: func(t gitbuild.Tree) gitbuild.Tree { return t.With("a.md", "a2") }})
	r, _ := build(t, steps)
	res, err := Walk(wrap(r.R), "", Options{})
	require.NoError(t, err)
	assert.Equal(t, 3, res.Commits, "c2, c1 and c1's parent; the four older commits are never read")
}

func TestWalkFromAKnownResult(t *testing.T) {
	r, h := build(t, []step{
		{name: "c1", date: "2024-01-10", change: func(gitbuild.Tree) gitbuild.Tree {
			return gitbuild.Tree{"a.md": "a1", "b.md": "b1", "old/c.md": "c1"}
		}},
		{name: "c2", date: "2025-01-10", change: func(t gitbuild.Tree) gitbuild.Tree { return t.With("a.md", "a2") }},
	})
	before, err := Walk(wrap(r.R), "", Options{})
	require.NoError(t, err)

	// Two new commits: an edit and a folder move.
	tree := gitbuild.Tree{"a.md": "a2", "b.md": "b2", "old/c.md": "c1"}
	c3, err := r.Commit(tree, "c3", day("2025-06-10"), h["c2"])
	require.NoError(t, err)
	c4, err := r.Commit(tree.Move("old", "new"), "c4", day("2025-09-10"), c3)
	require.NoError(t, err)
	require.NoError(t, r.SetHead(c4))

	after, err := Walk(wrap(r.R), "", Options{Known: before})
	require.NoError(t, err)
	full, err := Walk(wrap(r.R), "", Options{})
	require.NoError(t, err)
	for p, f := range full.Files {
		assert.Equal(t, f.Stamp, after.Files[p].Stamp, p)
	}
	assert.Equal(t, "2025-06-10", after.Files["b.md"].Stamp.When.Format("2006-01-02"))
	assert.Equal(t, "2024-01-10", after.Files["new/c.md"].Stamp.When.Format("2006-01-02"))
	assert.Equal(t, 3, after.Commits, "c4, c3 and the known head c2, nothing older")
	assert.Greater(t, full.Commits, after.Commits)

	// From c4 on, with both readers: an edit undone by the next commit
	// (the same content as the known one, yet updated), a deletion, a new
	// file.
	c5, err := r.Commit(tree.Move("old", "new").With("b.md", "b3", "d.md", "d1"), "c5", day("2026-01-10"), c4)
	require.NoError(t, err)
	c6tree := tree.Move("old", "new").With("d.md", "d1")
	delete(c6tree, "a.md")
	c6, err := r.Commit(c6tree, "c6", day("2026-02-10"), c5)
	require.NoError(t, err)
	require.NoError(t, r.SetHead(c6))
	readers := map[string]Options{"builtin": {Known: after}}
	if gitBin, err := exec.LookPath("git"); err == nil {
		readers["git"] = Options{Known: after, Git: gitBin, Dir: r.Dir}
	}
	full, err = Walk(wrap(r.R), "", Options{})
	require.NoError(t, err)
	for name, opts := range readers {
		later, err := Walk(wrap(r.R), "", opts)
		require.NoError(t, err, name)
		assert.Equal(t, full.Files, later.Files, name)
		assert.Equal(t, "2026-02-10", later.Files["b.md"].Stamp.When.Format("2006-01-02"), "%s: undoing an edit is an update", name)
		assert.Equal(t, "2026-01-10", later.Files["d.md"].Stamp.When.Format("2006-01-02"), name)
		assert.NotContains(t, later.Files, "a.md", name)
		assert.Equal(t, 3, later.Commits, "%s: c6, c5 and the known head c4", name)
	}
}

// TestGitReaderStopsWhenEverythingIsDated: when the newest commits touched
// every file, git's log is not read to the end: the walk stops git as soon
// as every file has its date.
func TestGitReaderStopsWhenEverythingIsDated(t *testing.T) {
	gitBin, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git is not installed")
	}
	steps := []step{{name: "c0", date: "2020-01-01", change: func(gitbuild.Tree) gitbuild.Tree { return gitbuild.Tree{"a.md": "0", "b.md": "0"} }}}
	for i := 1; i <= 60; i++ {
		v := fmt.Sprint(i)
		steps = append(steps, step{name: "c" + v, date: fmt.Sprintf("2021-%02d-%02d", 1+i%12, 1+i%28), change: func(t gitbuild.Tree) gitbuild.Tree { return t.With("a.md", v) }})
	}
	steps = append(steps, step{name: "last", date: "2026-11-01", change: func(t gitbuild.Tree) gitbuild.Tree { return t.With("a.md", "z", "b.md", "z") }})
	r, _ := build(t, steps)
	res, err := Walk(wrap(r.R), "", Options{Git: gitBin, Dir: r.Dir})
	require.NoError(t, err)
	assert.Equal(t, "2026-11-01", res.Files["a.md"].Stamp.When.Format("2006-01-02"))
	assert.Equal(t, "2026-11-01", res.Files["b.md"].Stamp.When.Format("2006-01-02"))
	assert.LessOrEqual(t, res.Commits, 3, "the last commit and its parent, not 62 commits")
}

// TestWholeWalkTurnsTheCollectorOn: a whole history allocates far more
// than it keeps, and the collector, off at start for short runs, is turned
// on for it; a walk after new commits reads few and leaves it off.
func TestWholeWalkTurnsTheCollectorOn(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	percent := func() int {
		p := debug.SetGCPercent(-1)
		debug.SetGCPercent(p)
		return p
	}
	p, l := percent(), debug.SetMemoryLimit(-1)
	t.Cleanup(func() {
		gcpace.Resume()
		debug.SetGCPercent(p)
		debug.SetMemoryLimit(l)
	})
	r, h := build(t, []step{
		{name: "c1", date: "2024-01-10", change: func(gitbuild.Tree) gitbuild.Tree { return gitbuild.Tree{"a.md": "a1"} }},
		{name: "c2", date: "2025-01-10", change: func(t gitbuild.Tree) gitbuild.Tree { return t.With("a.md", "a2") }},
	})
	before, err := Walk(wrap(r.R), "", Options{})
	require.NoError(t, err)
	c3, err := r.Commit(gitbuild.Tree{"a.md": "a3"}, "c3", day("2025-06-10"), h["c2"])
	require.NoError(t, err)
	require.NoError(t, r.SetHead(c3))

	runtime.GC() // what earlier tests left does not reach the limit
	gcpace.Defer()
	_, err = Walk(wrap(r.R), "", Options{Known: before})
	require.NoError(t, err)
	require.Equal(t, -1, percent(), "after one new commit, still off")
	_, err = Walk(wrap(r.R), "", Options{})
	require.NoError(t, err)
	require.Positive(t, percent(), "a whole walk turns it on")
}
