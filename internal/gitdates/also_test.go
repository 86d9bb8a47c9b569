package gitdates

import (
	"os/exec"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/gitbuild"
)

// alsoDates walks HEAD with a second commit dated in the same walk, with
// both readers, and returns that commit's dates.
func alsoDates(t *testing.T, r *gitbuild.Repo, prefix string, also plumbing.Hash, known *Result) map[string]string {
	t.Helper()
	readers := []Options{{Also: also, Known: known}}
	if gitBin, err := exec.LookPath("git"); err == nil {
		readers = append(readers, Options{Also: also, Known: known, Git: gitBin, Dir: r.Dir})
	}
	var first map[string]string
	for _, opts := range readers {
		res, err := Walk(wrap(r.R), prefix, opts)
		require.NoError(t, err)
		out := map[string]string{}
		for p, f := range res.AlsoFiles {
			out[p] = f.Stamp.When.Format("2006-01-02")
		}
		if first == nil {
			first = out
			continue
		}
		assert.Equal(t, first, out, "the git binary's log gives the same dates")
	}
	return first
}

// TestWalkAlsoDatesASecondCommit checks that the files of another commit
// get the dates a walk from that commit gives, whatever HEAD changed since.
func TestWalkAlsoDatesASecondCommit(t *testing.T) {
	steps := []step{
		{name: "a", date: "2025-01-10", change: func(t gitbuild.Tree) gitbuild.Tree {
			return t.With("preuves/cv.pdf", "cv", "preuves/veille.md", "v1", "autre/x", "x")
		}},
		{name: "b", date: "2025-03-01", change: func(t gitbuild.Tree) gitbuild.Tree { return t.With("preuves/veille.md", "v2") }},
		{name: "c", date: "2025-06-01", change: func(t gitbuild.Tree) gitbuild.Tree {
			return t.With("preuves/veille.md", "v3", "preuves/plan.md", "p").Without("preuves/cv.pdf")
		}},
		// A side branch from b, never merged.
		{name: "side", date: "2025-07-01", parents: []string{"b"}, change: func(t gitbuild.Tree) gitbuild.Tree {
			return t.With("preuves/enquete.pdf", "e").Move("preuves/cv.pdf", "preuves/cv 2025.pdf")
		}},
		{name: "d", date: "2025-08-01", parents: []string{"c"}, change: func(t gitbuild.Tree) gitbuild.Tree { return t.With("preuves/plan.md", "p2") }},
	}
	r, h := build(t, steps)

	// An ancestor of HEAD: its own files, dated as they were then.
	assert.Equal(t, map[string]string{"cv.pdf": "2025-01-10", "veille.md": "2025-03-01"}, alsoDates(t, r, "preuves", h["b"], nil))
	// Off HEAD's history: the move keeps the date.
	assert.Equal(t, map[string]string{"cv 2025.pdf": "2025-01-10", "veille.md": "2025-03-01", "enquete.pdf": "2025-07-01"},
		alsoDates(t, r, "preuves", h["side"], nil))
	// HEAD itself: HEAD's files.
	assert.Equal(t, map[string]string{"veille.md": "2025-06-01", "plan.md": "2025-08-01"}, alsoDates(t, r, "preuves", h["d"], nil))
	// A commit without the folder: no file.
	r2, h2 := build(t, []step{
		{name: "a", date: "2025-01-10", change: func(t gitbuild.Tree) gitbuild.Tree { return t.With("README", "r") }},
		{name: "b", date: "2025-02-10", change: func(t gitbuild.Tree) gitbuild.Tree { return t.With("preuves/cv.pdf", "cv") }},
	})
	assert.Equal(t, map[string]string{}, alsoDates(t, r2, "preuves", h2["a"], nil))

	// With an earlier result for HEAD (the history cache), the other
	// commit's files are still dated from its own history.
	known, err := Walk(wrap(r.R), "preuves", Options{})
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"cv.pdf": "2025-01-10", "veille.md": "2025-03-01"}, alsoDates(t, r, "preuves", h["b"], known))
}
