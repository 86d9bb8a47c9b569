//go:build unix

package linter

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Named pipes exist on Unix systems only.

func TestPipesAndSocketsAreSkipped(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.md"), []byte("x"), 0o644))
	require.NoError(t, syscall.Mkfifo(filepath.Join(dir, "tube"), 0o644))
	tree := walkRoot(t, dir)
	assert.Equal(t, []string{"a.md"}, filePaths(tree))
	assert.Empty(t, tree.Problems)
}
