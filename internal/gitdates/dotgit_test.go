package gitdates

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestOneDotGitFinder: GitDir (the output guard), findDotGit (opening) and
// the readers' common folder all come from dotGit and commonDir: a .git
// folder, a .git file (relative or absolute gitdir), a worktree's common
// folder, a folder deep inside, and no repository at all.
func TestOneDotGitFinder(t *testing.T) {
	base := t.TempDir()
	if r, err := filepath.EvalSymlinks(base); err == nil {
		base = r
	}
	mk := func(p string) string {
		require.NoError(t, os.MkdirAll(filepath.Join(base, p), 0o755))
		return filepath.Join(base, p)
	}
	main := mk("dépôt principal")
	mk("dépôt principal/.git/worktrees/copie")
	deep := mk("dépôt principal/offre/2026")
	require.NoError(t, os.WriteFile(filepath.Join(main, ".git", "worktrees", "copie", "commondir"), []byte("../..\n"), 0o644))
	wt := mk("copie de travail")
	require.NoError(t, os.WriteFile(filepath.Join(wt, ".git"), []byte("gitdir: "+filepath.Join(main, ".git", "worktrees", "copie")+"\n"), 0o644))
	sub := mk("dépôt principal/module")
	mk("dépôt principal/.git/modules/module")
	require.NoError(t, os.WriteFile(filepath.Join(sub, ".git"), []byte("gitdir: ../.git/modules/module\n"), 0o644))
	bad := mk("pas un dépôt")
	require.NoError(t, os.WriteFile(filepath.Join(bad, ".git"), []byte("n'importe quoi\n"), 0o644))
	none := mk("ailleurs")

	tests := []struct {
		name, dir, gitDir, top, common string
	}{
		{".git folder", main, filepath.Join(main, ".git"), main, filepath.Join(main, ".git")},
		{"deep inside", deep, filepath.Join(main, ".git"), main, filepath.Join(main, ".git")},
		{"worktree", wt, filepath.Join(main, ".git", "worktrees", "copie"), wt, filepath.Join(main, ".git")},
		{"submodule, relative gitdir", sub, filepath.Join(main, ".git", "modules", "module"), sub, filepath.Join(main, ".git", "modules", "module")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gitDir, top, err := dotGit(tt.dir)
			require.NoError(t, err)
			assert.Equal(t, tt.gitDir, gitDir)
			assert.Equal(t, tt.top, top)
			assert.Equal(t, tt.gitDir, GitDir(tt.dir))
			dot, w, err := findDotGit(tt.dir)
			require.NoError(t, err)
			assert.Equal(t, tt.gitDir, dot.Root())
			assert.Equal(t, tt.top, w.Root())
			assert.Equal(t, tt.common, commonDir(gitDir))
		})
	}
	for _, dir := range []string{bad, none} {
		_, _, err := dotGit(dir)
		assert.Error(t, err, dir)
		assert.Equal(t, "", GitDir(dir), dir)
	}
}
