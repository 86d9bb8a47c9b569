//go:build unix

package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPreCommitStagedRenameOfAStaleProof: a stale proof renamed with git mv
// and staged is still stale for the pre-commit hook, with either history
// reader, as it is for a plain run once the rename is committed (a move is
// not an update).
func TestPreCommitStagedRenameOfAStaleProof(t *testing.T) {
	need(t, "git")
	for _, reader := range []string{"cli", "builtin"} {
		t.Run(reader, func(t *testing.T) {
			dir := t.TempDir()
			gitAt(t, dir, "2025-01-10", "init", "-q", "-b", "main")
			require.NoError(t, os.WriteFile(filepath.Join(dir, "qlint.toml"), []byte(shapeRules), 0o644))
			require.NoError(t, os.MkdirAll(filepath.Join(dir, "offre"), 0o755))
			require.NoError(t, os.WriteFile(filepath.Join(dir, "offre", "catalogue.pdf"), []byte("%PDF 2025"), 0o644))
			gitAt(t, dir, "2025-01-10", "add", ".")
			gitAt(t, dir, "2025-01-10", "commit", "-q", "-m", "dossier")
			require.NoError(t, os.MkdirAll(filepath.Join(dir, "offre 2026"), 0o755))
			gitAt(t, dir, "2026-11-20", "mv", "offre/catalogue.pdf", "offre 2026/catalogue formations.pdf")

			kind, code, date := lastUpdate(t, dir, "--git", reader, "--no-cache", "--pre-commit")
			assert.Equal(t, exitFindings, code, "--pre-commit: %s", date)
			assert.Equal(t, "stale", kind, "--pre-commit")
			assert.Equal(t, "2025-01-10 moved", date, "--pre-commit")

			gitAt(t, dir, "2026-11-20", "commit", "-q", "-m", "rangement")
			kind, code, date = lastUpdate(t, dir, "--git", reader, "--no-cache")
			assert.Equal(t, exitFindings, code, "after the commit: %s", date)
			assert.Equal(t, "stale", kind, "after the commit")
			assert.Equal(t, "2025-01-10 git", date, "after the commit")
		})
	}
}
