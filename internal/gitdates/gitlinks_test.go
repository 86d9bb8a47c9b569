//go:build !windows

package gitdates

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCommittedLinksAreDatedByGit: a committed link to a file is dated by
// git (the commit that last changed the link), and a file reached through a
// committed link to a folder is dated as the file it is; on every reader.
func TestCommittedLinksAreDatedByGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	root := t.TempDir()
	git := func(date string, args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", root, "-c", "user.name=Responsable qualité", "-c", "user.email=q@example.org"}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date)
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "git %v: %s", args, out)
	}
	write := func(p, content string) {
		require.NoError(t, os.MkdirAll(filepath.Dir(filepath.Join(root, p)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(root, p), []byte(content), 0o644))
	}
	git("2025-01-10T12:00:00+01:00", "init", "-q", "-b", "main")
	write("Notes de version/2025.md", "v1")
	write("Formations/2025-03 Excel/émargement.pdf", "signé")
	git("2025-01-10T12:00:00+01:00", "add", "-A")
	git("2025-01-10T12:00:00+01:00", "commit", "-q", "-m", "un")
	require.NoError(t, os.Symlink("Notes de version/2025.md", filepath.Join(root, "NOTES")))
	require.NoError(t, os.Symlink("Formations/2025-03 Excel", filepath.Join(root, "dernière session")))
	git("2025-02-10T12:00:00+01:00", "add", "-A")
	git("2025-02-10T12:00:00+01:00", "commit", "-q", "-m", "liens")
	write("Notes de version/2025.md", "v2")
	git("2025-03-10T12:00:00+01:00", "commit", "-q", "-am", "notes")
	// The link's target changes after the link: the link itself did not.
	for _, reader := range readers(t) {
		t.Run(reader, func(t *testing.T) {
			h := opened(t, root, OpenOptions{Reader: reader, NoCache: true})
			assert.Equal(t, "2025-02-10 git", dateOf(t, h, root, "NOTES"), "a committed link to a file")
			assert.Equal(t, "2025-03-10 git", dateOf(t, h, root, "Notes de version/2025.md"))
			assert.Equal(t, "2025-01-10 git", dateOf(t, h, root, "dernière session/émargement.pdf"), "a file reached through a folder link")
			assert.Equal(t, "2025-01-10 git", dateOf(t, h, root, "Formations/2025-03 Excel/émargement.pdf"))
		})
	}
	t.Run("changed links and files are uncommitted", func(t *testing.T) {
		require.NoError(t, os.Remove(filepath.Join(root, "NOTES")))
		require.NoError(t, os.Symlink("Formations/2025-03 Excel/émargement.pdf", filepath.Join(root, "NOTES")))
		write("Formations/2025-03 Excel/émargement.pdf", "signé et complété")
		for _, reader := range readers(t) {
			h := opened(t, root, OpenOptions{Reader: reader, NoCache: true})
			assert.Contains(t, dateOf(t, h, root, "NOTES"), " uncommitted", reader)
			assert.Contains(t, dateOf(t, h, root, "dernière session/émargement.pdf"), " uncommitted", reader)
		}
	})
}

// TestLinkResolverWithARelativeRoot: "qlint ." (the root given relative)
// finds where a file reached through a folder link really is, as an
// absolute root does; it went unresolved, and every such file was read and
// hashed on every run to be matched by content.
func TestLinkResolverWithARelativeRoot(t *testing.T) {
	root := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(root, "Formations", "2025-03 Excel"), 0o755))
	require.NoError(t, os.Symlink("Formations/2025-03 Excel", filepath.Join(root, "dernière session")))
	for _, given := range []string{root, "."} {
		t.Chdir(root)
		links := newLinkResolver(given)
		real, ok := links.real("dernière session/émargement.pdf")
		assert.True(t, ok, given)
		assert.Equal(t, "Formations/2025-03 Excel/émargement.pdf", real, given)
		_, ok = links.real("Formations/2025-03 Excel/émargement.pdf")
		assert.False(t, ok, "a folder that is its own: %s", given)
	}
}
