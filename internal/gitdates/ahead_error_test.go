package gitdates

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5"
	"github.com/stretchr/testify/require"
)

// TestReadAheadKeepsTheWalksError: a commit of the first-parent chain that
// cannot be read (its loose object deleted) gives the walk the same error
// whether commits are read ahead or not.
func TestReadAheadKeepsTheWalksError(t *testing.T) {
	needGit(t)
	dir := t.TempDir()
	gitIn(t, dir, "init", "-q")
	env := []string{"GIT_AUTHOR_NAME=a", "GIT_AUTHOR_EMAIL=a@a", "GIT_COMMITTER_NAME=a", "GIT_COMMITTER_EMAIL=a@a"}
	commit := func(i int) string {
		cmd := exec.Command("git", "-C", dir, "commit", "-q", "--allow-empty", "-m", fmt.Sprint(i))
		cmd.Env = append(os.Environ(), append(env, fmt.Sprintf("GIT_AUTHOR_DATE=%d +0000", 1e9+i*1000), fmt.Sprintf("GIT_COMMITTER_DATE=%d +0000", 1e9+i*1000))...)
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "%s", out)
		out, err = exec.Command("git", "-C", dir, "rev-parse", "HEAD").Output()
		require.NoError(t, err)
		return strings.TrimSpace(string(out))
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.txt"), []byte("a"), 0o644))
	gitIn(t, dir, "add", "a.txt")
	commit(0)
	for i := 1; i < 10; i++ {
		commit(i)
	}
	gitIn(t, dir, "repack", "-adq")
	var missing string
	for i := 10; i < 40; i++ {
		h := commit(i)
		if i == 25 {
			missing = h
		}
	}
	require.NoError(t, os.Remove(filepath.Join(dir, ".git", "objects", missing[:2], missing[2:])))
	repo, err := git.PlainOpen(dir)
	require.NoError(t, err)
	walk := func(ahead bool) error {
		defer func(was bool) { readAhead = was }(readAhead)
		readAhead = ahead
		_, err := Walk(wrap(repo), "", Options{})
		return err
	}
	alone := walk(false)
	require.Error(t, alone)
	var m *MissingObjectError
	require.True(t, errors.As(alone, &m))
	for range 10 {
		require.Equal(t, alone.Error(), walk(true).Error())
	}
}
