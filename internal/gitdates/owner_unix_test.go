//go:build unix

package gitdates

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestOwnedByUs: a repository of the user qlint runs as is accepted without
// starting git; one with a part owned by someone else is left to git, which
// refuses it (checked as root, who can give a folder away).
func TestOwnedByUs(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.Mkdir(filepath.Join(dir, ".git"), 0o755))
	assert.True(t, ownedByUs(dir, filepath.Join(dir, ".git")))
	assert.False(t, ownedByUs(dir, filepath.Join(dir, "absent")), "a path that cannot be read: git is asked")
	if os.Geteuid() != 0 {
		t.Skip("giving a folder to another user needs root")
	}
	require.NoError(t, os.Lchown(filepath.Join(dir, ".git"), 4242, 4242))
	assert.False(t, ownedByUs(dir, filepath.Join(dir, ".git")))

	// As git sees it: the repository of another user is refused, and
	// checkOwner asks git and says so.
	gitBin, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git is not installed")
	}
	repo := t.TempDir()
	gitIn(t, repo, "init", "-q")
	require.NoError(t, os.Lchown(repo, 4242, 4242))
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("HOME", t.TempDir())
	err = checkOwner(gitBin, repo, filepath.Join(repo, ".git"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "safe.directory")
}

// TestOwnerCheckedAsGitSeesIt: a work tree reached through a link is
// checked as git checks it, at its real path: another user's folder behind
// a link of ours is still refused (git finds the work tree with getcwd).
func TestOwnerCheckedAsGitSeesIt(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("giving a folder to another user needs root")
	}
	gitBin, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git is not installed")
	}
	base := t.TempDir()
	real := filepath.Join(base, "real")
	require.NoError(t, os.Mkdir(real, 0o755))
	gitIn(t, real, "init", "-q")
	require.NoError(t, os.Lchown(real, 4242, 4242)) // the work tree is another user's, its .git ours
	link := filepath.Join(base, "link")
	require.NoError(t, os.Symlink(real, link))
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("HOME", t.TempDir())
	_, gerr := exec.Command(gitBin, "-C", link, "rev-parse", "--git-dir").CombinedOutput()
	require.Error(t, gerr, "git refuses it")
	assert.Error(t, checkOwner(gitBin, link, filepath.Join(link, ".git")), "through the link")
	assert.Error(t, checkOwner(gitBin, real, filepath.Join(real, ".git")), "at its real path")

	// Ours, reached through a link: accepted without asking.
	mine := filepath.Join(base, "mine")
	require.NoError(t, os.Mkdir(mine, 0o755))
	gitIn(t, mine, "init", "-q")
	require.NoError(t, os.Symlink(mine, filepath.Join(base, "to-mine")))
	assert.True(t, ownedByUsAsGitSees(filepath.Join(base, "to-mine"), filepath.Join(base, "to-mine", ".git")))
}
