package gitdates

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"testing"

	"github.com/go-git/go-git/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/gengit"
)

// needGit skips when the git binary is missing, except in CI, where the
// suite must run whole.
func needGit(tb testing.TB) {
	tb.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("CI") != "" {
			tb.Fatalf("git is required in CI: %v", err)
		}
		tb.Skip("git is not installed: generated repositories need git fast-import")
	}
}

func TestWalkAgreesWithTheGenerator(t *testing.T) {
	needGit(t)
	for _, p := range []gengit.Params{
		{Files: 400, Commits: 600, Years: 3, Renames: 0.08, Moves: 3, Merges: 12, Seed: 1},
		{Files: 1500, Commits: 1200, Years: 5, Renames: 0.05, Moves: 5, Merges: 30, Seed: 7},
	} {
		t.Run(fmt.Sprintf("%d files %d commits", p.Files, p.Commits), func(t *testing.T) {
			if testing.Short() && p.Files > 1000 {
				t.Skip("a large generated repository: the smaller one runs under -short")
			}
			dir := t.TempDir()
			exp, err := gengit.Generate(dir, p)
			require.NoError(t, err)
			repo, err := git.PlainOpen(dir)
			require.NoError(t, err)
			gitBin, err := exec.LookPath("git")
			require.NoError(t, err)
			for name, opts := range map[string]Options{"builtin": {}, "git": {Git: gitBin, Dir: dir}} {
				res, err := Walk(wrap(repo), "", opts)
				require.NoError(t, err, name)
				got := map[string]string{}
				for path, f := range res.Files {
					got[path] = f.Stamp.When.Format("2006-01-02")
				}
				require.Equal(t, len(exp), len(got), name)
				wrong := 0
				for path, want := range exp {
					if got[path] != want {
						wrong++
						if wrong <= 10 {
							t.Errorf("%s: %s: got %s, want %s", name, path, got[path], want)
						}
					}
				}
				assert.Zero(t, wrong, "%s: files dated wrong", name)
			}
		})
	}
}

// benchRepo returns a generated repository of that size, made once.
func benchRepo(b *testing.B, files, commits int) string {
	b.Helper()
	needGit(b)
	dir, err := gengit.Cached(gengit.Params{Files: files, Commits: commits, Years: 5, Renames: 0.05, Moves: 4, Merges: commits / 100, Seed: 42})
	if err != nil {
		b.Fatal(err)
	}
	return dir
}

var sizes = []struct{ files, commits int }{{2000, 1000}, {10000, 10000}}

// BenchmarkGitLogFloor is the floor the history walk is measured against:
// git reading every commit and tree once.
func BenchmarkGitLogFloor(b *testing.B) {
	for _, s := range sizes {
		b.Run(fmt.Sprintf("%dfiles-%dcommits", s.files, s.commits), func(b *testing.B) {
			dir := benchRepo(b, s.files, s.commits)
			for b.Loop() {
				cmd := exec.Command("git", "-C", dir, "log", "--raw", "--no-renames", "--format=%H%x00%at")
				cmd.Stdout = io.Discard
				if err := cmd.Run(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkWalk dates every file of HEAD, with the built-in reader and
// with the git binary's log.
func BenchmarkWalk(b *testing.B) {
	for _, s := range sizes {
		for _, path := range []string{"builtin", "git"} {
			b.Run(fmt.Sprintf("%s-%dfiles-%dcommits", path, s.files, s.commits), func(b *testing.B) {
				dir := benchRepo(b, s.files, s.commits)
				opts := Options{}
				if path == "git" {
					opts.Git, opts.Dir = "git", dir
				}
				for b.Loop() {
					repo, err := git.PlainOpen(dir)
					if err != nil {
						b.Fatal(err)
					}
					res, err := Walk(wrap(repo), "", opts)
					if err != nil {
						b.Fatal(err)
					}
					b.ReportMetric(float64(res.Commits), "commits")
				}
			})
		}
	}
}
