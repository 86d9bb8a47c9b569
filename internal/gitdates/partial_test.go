package gitdates

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPartialClone: a partial clone is told by its config (a promisor
// remote, or extensions.partialClone), from the folder or a subfolder.
func TestPartialClone(t *testing.T) {
	for _, tt := range []struct {
		config string
		want   bool
	}{
		{"[core]\n\tbare = false\n[remote \"origin\"]\n\turl = https://example.org/x.git\n", false},
		{"[remote \"origin\"]\n\turl = https://example.org/x.git\n\tpromisor = true\n\tpartialclonefilter = tree:0\n", true},
		{"[core]\n\trepositoryformatversion = 1\n[extensions]\n\tpartialClone = origin\n", true},
		{"[remote \"origin\"]\n\tpromisor = false\n", false},
		{"[promisor]\n\tquiet = true\n", false},
	} {
		dir := t.TempDir()
		require.NoError(t, os.MkdirAll(filepath.Join(dir, ".git", "objects"), 0o755))
		require.NoError(t, os.MkdirAll(filepath.Join(dir, ".git", "refs"), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, ".git", "HEAD"), []byte("ref: refs/heads/main\n"), 0o644))
		require.NoError(t, os.WriteFile(filepath.Join(dir, ".git", "config"), []byte(tt.config), 0o644))
		require.NoError(t, os.MkdirAll(filepath.Join(dir, "preuves"), 0o755))
		assert.Equal(t, tt.want, PartialClone(dir), tt.config)
		assert.Equal(t, tt.want, PartialClone(filepath.Join(dir, "preuves")), tt.config)
	}
	assert.False(t, PartialClone(t.TempDir()), "no repository")

	// As git makes them.
	needGit(t)
	src := t.TempDir()
	gitIn(t, src, "init", "-q")
	require.NoError(t, os.WriteFile(filepath.Join(src, "a.md"), []byte("a"), 0o644))
	gitIn(t, src, "add", "a.md")
	gitIn(t, src, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "a")
	gitIn(t, src, "config", "uploadpack.allowFilter", "true")
	full, partial := filepath.Join(t.TempDir(), "full"), filepath.Join(t.TempDir(), "partial")
	gitIn(t, src, "clone", "-q", "file://"+src, full)
	gitIn(t, src, "clone", "-q", "--filter=blob:none", "file://"+src, partial)
	assert.False(t, PartialClone(full), "a full clone")
	assert.True(t, PartialClone(partial), "git clone --filter")
}
