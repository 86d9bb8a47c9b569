package gitdates

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestIndexReaderReadsWhatGoGitReads decodes indexes git wrote, of
// versions 2, 3 (entries with extended flags) and 4 (names sharing their
// prefixes), and checks every entry against go-git's decoder.
func TestIndexReaderReadsWhatGoGitReads(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	gitRun := func(args ...string) {
		t.Helper()
		out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).CombinedOutput()
		require.NoError(t, err, "git %v: %s", args, out)
	}
	gitRun("init", "-q", "-b", "main")
	names := []string{"a.md", "Formations/2025-03 Excel/émargement signé.pdf", "Formations/2025-03 Excel/évaluation.pdf",
		"Formations/2025-04 Word/convocation.pdf", strings.Repeat("dossier très long/", 12) + "f.pdf", "z/y/x/w.txt"}
	for i := range 40 {
		names = append(names, fmt.Sprintf("sessions/2025-%02d_client/émargement-%d.pdf", 1+i%12, i))
	}
	for i, n := range names {
		p := filepath.Join(dir, filepath.FromSlash(n))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(strings.Repeat("x", i)), 0o644))
	}
	gitRun("add", "-A")
	gitRun("-c", "user.name=q", "-c", "user.email=q@example.org", "commit", "-q", "-m", "un")
	check := func(label string) {
		t.Helper()
		r, err := git.PlainOpen(dir)
		require.NoError(t, err)
		want, err := r.Storer.Index()
		require.NoError(t, err)
		data, err := os.ReadFile(filepath.Join(dir, ".git", "index"))
		require.NoError(t, err)
		got, ok := decodeIndex(data, sha1IDs)
		require.True(t, ok, label)
		require.Len(t, got, len(want.Entries), label)
		for i, w := range want.Entries {
			g := got[i]
			assert.Equal(t, w.Name, g.Name, label)
			assert.Equal(t, w.Hash, g.Hash, "%s: %s", label, w.Name)
			assert.Equal(t, w.Size, g.Size, "%s: %s", label, w.Name)
			assert.True(t, w.ModifiedAt.Equal(g.ModifiedAt) && w.ModifiedAt.IsZero() == g.ModifiedAt.IsZero(), "%s: %s", label, w.Name)
			assert.True(t, w.CreatedAt.Equal(g.CreatedAt), "%s: %s", label, w.Name)
			assert.Equal(t, w.Mode, g.Mode, "%s: %s", label, w.Name)
			assert.Equal(t, w.Stage, g.Stage, "%s: %s", label, w.Name)
			assert.Equal(t, w.SkipWorktree, g.SkipWorktree, "%s: %s", label, w.Name)
			assert.Equal(t, w.IntentToAdd, g.IntentToAdd, "%s: %s", label, w.Name)
			assert.Equal(t, []uint32{w.Dev, w.Inode, w.UID, w.GID}, []uint32{g.Dev, g.Inode, g.UID, g.GID}, "%s: %s", label, w.Name)
		}
	}
	check("version 2")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "nouveau.md"), []byte("n"), 0o644))
	gitRun("add", "-N", "nouveau.md")
	gitRun("update-index", "--skip-worktree", "z/y/x/w.txt")
	check("version 3")
	gitRun("update-index", "--index-version", "4")
	check("version 4")

	_, ok := decodeIndex([]byte("DIRC\x00\x00\x00\x05\x00\x00\x00\x00"), sha1IDs)
	assert.False(t, ok, "an unknown version is left to go-git")
	data, err := os.ReadFile(filepath.Join(dir, ".git", "index"))
	require.NoError(t, err)
	for cut := 12; cut < len(data); cut += 7 {
		decodeIndex(data[:cut], sha1IDs) // a cut file never panics
	}
}
