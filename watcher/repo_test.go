package watcher

import (
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func git(t *testing.T, dir string, args ...string) {
	t.Helper()
	args = append([]string{"-C", dir, "-c", "user.name=Q", "-c", "user.email=q@example.org", "-c", "init.defaultBranch=main"}, args...)
	out, err := exec.Command("git", args...).CombinedOutput()
	require.NoError(t, err, "git %v: %s", args, out)
}

// nextGit waits for a change that says the repository moved.
func nextGit(t *testing.T, ch <-chan Change) {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case c := <-ch:
			if c.Git {
				return
			}
		case <-deadline:
			t.Fatal("no repository change reported in 10 s")
		}
	}
}

// A commit is seen wherever the repository lives: the root a subfolder of
// the work tree, a worktree, a separate git folder, on a branch whose name
// holds a /.
func TestCommitsSeenWhereverTheRepositoryLives(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	setups := map[string]func(t *testing.T) (workTree, root string){
		"subfolder root": func(t *testing.T) (string, string) {
			wt := t.TempDir()
			git(t, wt, "init", "-q")
			write(t, filepath.Join(wt, "preuves", "a.md"), "a")
			git(t, wt, "add", "-A")
			git(t, wt, "commit", "-q", "-m", "one")
			return wt, filepath.Join(wt, "preuves")
		},
		"worktree on a branch with /": func(t *testing.T) (string, string) {
			main := t.TempDir()
			git(t, main, "init", "-q")
			write(t, filepath.Join(main, "preuves", "a.md"), "a")
			git(t, main, "add", "-A")
			git(t, main, "commit", "-q", "-m", "one")
			wt := filepath.Join(t.TempDir(), "wt")
			git(t, main, "worktree", "add", "-q", "-b", "qualite/reorganisation", wt)
			return wt, filepath.Join(wt, "preuves")
		},
		"separate git dir": func(t *testing.T) (string, string) {
			wt, gitDir := t.TempDir(), filepath.Join(t.TempDir(), "repo.git")
			git(t, wt, "init", "-q", "--separate-git-dir", gitDir)
			write(t, filepath.Join(wt, "a.md"), "a")
			git(t, wt, "add", "-A")
			git(t, wt, "commit", "-q", "-m", "one")
			git(t, wt, "checkout", "-q", "-b", "feature/x")
			return wt, wt
		},
	}
	for name, setup := range setups {
		for _, mode := range []string{"notify", "poll"} {
			t.Run(name+"/"+mode, func(t *testing.T) {
				wt, root := setup(t)
				o := Options{Root: root}
				if mode == "poll" {
					o.Poll = 100 * time.Millisecond
				}
				ch := run(t, o)
				write(t, filepath.Join(wt, "autre.txt"), "b")
				git(t, wt, "add", "autre.txt")
				git(t, wt, "commit", "-q", "-m", "two")
				nextGit(t, ch)
			})
		}
	}
}

func TestFindRepo(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	assert.Equal(t, repoDirs{}, findRepo(t.TempDir()), "outside a repository")
}
