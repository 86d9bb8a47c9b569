package gitdates

import (
	"os/exec"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/gitbuild"
)

// mergeRuleCases are merges where git's per-path rule (follow the first
// parent whose file is the same) and a rule on whole trees disagree.
var mergeRuleCases = []struct {
	name  string
	steps []step
	want  map[string]string
}{
	{
		// A pull-request branch that already contains main: the merge's
		// tree is its second parent's, yet a.md is also the same in the
		// first parent, where it has an older history.
		name: "merge equal to its second parent, a file the same in both parents by different histories",
		steps: []step{
			{name: "base", date: "2025-01-10", change: func(gitbuild.Tree) gitbuild.Tree { return gitbuild.Tree{"a.md": "x", "b.md": "b1"} }},
			{name: "main", date: "2025-02-10", change: func(t gitbuild.Tree) gitbuild.Tree { return t.With("c.md", "c1") }},
			{name: "branch", date: "2025-03-10", parents: []string{"base"}, change: func(t gitbuild.Tree) gitbuild.Tree { return t.With("a.md", "y", "b.md", "b2") }},
			{name: "back", date: "2025-04-10", change: func(t gitbuild.Tree) gitbuild.Tree { return t.With("a.md", "x") }},
			{name: "catch-up", date: "2025-05-10", parents: []string{"back", "main"}, change: func(t gitbuild.Tree) gitbuild.Tree { return t.With("c.md", "c1") }},
			{name: "merge", date: "2025-06-10", parents: []string{"main", "catch-up"}, change: func(t gitbuild.Tree) gitbuild.Tree { return t.With("b.md", "b2") }},
		},
		// git log -- a.md: the merge is the same as main (its first
		// parent), which has a.md from base.
		want: map[string]string{"a.md": "2025-01-10", "b.md": "2025-03-10", "c.md": "2025-02-10"},
	},
	{
		name: "merge equal to its second parent, a file changed on the branch only",
		steps: []step{
			{name: "base", date: "2025-01-10", change: func(gitbuild.Tree) gitbuild.Tree { return gitbuild.Tree{"a.md": "a1", "b.md": "b1"} }},
			{name: "main", date: "2025-02-10", change: func(t gitbuild.Tree) gitbuild.Tree { return t.With("b.md", "b2") }},
			{name: "branch", date: "2025-03-10", parents: []string{"main"}, change: func(t gitbuild.Tree) gitbuild.Tree { return t.With("a.md", "a2") }},
			{name: "merge", date: "2025-04-10", parents: []string{"main", "branch"}, change: func(t gitbuild.Tree) gitbuild.Tree { return t.With("a.md", "a2") }},
		},
		want: map[string]string{"a.md": "2025-03-10", "b.md": "2025-02-10"},
	},
	{
		name: "both parents hold the same blob by different histories, the merge changes another file",
		steps: []step{
			{name: "base", date: "2025-01-10", change: func(gitbuild.Tree) gitbuild.Tree { return gitbuild.Tree{"a.md": "x", "b.md": "b1"} }},
			{name: "branch", date: "2025-02-10", change: func(t gitbuild.Tree) gitbuild.Tree { return t.With("a.md", "y") }},
			{name: "branch2", date: "2025-03-10", change: func(t gitbuild.Tree) gitbuild.Tree { return t.With("a.md", "x") }},
			{name: "main", date: "2025-04-10", parents: []string{"base"}, change: func(t gitbuild.Tree) gitbuild.Tree { return t.With("b.md", "b2") }},
			{name: "merge", date: "2025-05-10", parents: []string{"branch2", "main"}, change: func(t gitbuild.Tree) gitbuild.Tree { return t.With("b.md", "b2") }},
		},
		// a.md is the same in both: git follows the first parent (the
		// branch that changed it away and back).
		want: map[string]string{"a.md": "2025-03-10", "b.md": "2025-04-10"},
	},
	{
		name: "octopus: a file different from the first parent follows the first other parent that has it",
		steps: []step{
			{name: "base", date: "2025-01-10", change: func(gitbuild.Tree) gitbuild.Tree { return gitbuild.Tree{"a.md": "x"} }},
			{name: "p1", date: "2025-02-10", change: func(t gitbuild.Tree) gitbuild.Tree { return t.With("a.md", "y") }},
			{name: "p2", date: "2025-03-10", parents: []string{"base"}, change: func(t gitbuild.Tree) gitbuild.Tree { return t.With("a.md", "z").With("a.md", "x") }},
			{name: "p3", date: "2025-04-10", parents: []string{"base"}, change: func(t gitbuild.Tree) gitbuild.Tree { return t.With("d.md", "d") }},
			{name: "merge", date: "2025-05-10", parents: []string{"p1", "p2", "p3"}, change: func(t gitbuild.Tree) gitbuild.Tree { return t.With("a.md", "x").With("d.md", "d") }},
		},
		want: map[string]string{"a.md": "2025-01-10", "d.md": "2025-04-10"},
	},
}

// TestMergeRulePerPath checks the merge rule on both readers, on loose
// objects and on a packed copy (where the built-in reader compares commits
// ahead of the walk), and against git log itself.
func TestMergeRulePerPath(t *testing.T) {
	for _, tt := range mergeRuleCases {
		t.Run(tt.name, func(t *testing.T) {
			r, _ := build(t, tt.steps)
			assert.Equal(t, tt.want, dates(t, r, "", Options{}), "loose objects")
			if _, err := exec.LookPath("git"); err != nil {
				return
			}
			for p, want := range tt.want {
				out, err := exec.Command("git", "-C", r.Dir, "log", "-1", "--format=%ad", "--date=short", "--", p).Output()
				require.NoError(t, err)
				assert.Equal(t, want, string(out[:len(out)-1]), "git log -- %s", p)
			}
			gitIn(t, r.Dir, "repack", "-adq")
			packed, err := gitbuild.Open(r.Dir)
			require.NoError(t, err)
			assert.Equal(t, tt.want, dates(t, packed, "", Options{}), "packed")
		})
	}
}
