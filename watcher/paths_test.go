package watcher

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Changed paths are reported relative to the root with / on every system
// (Windows events carry \); a path that has no relative form, such as one on
// another Windows drive, is outside the root and is not reported.
func TestRelToSlashesAndOutside(t *testing.T) {
	root := t.TempDir()
	assert.Equal(t, "veille/légale/2026-11 note.md", relTo(root, filepath.Join(root, "veille", "légale", "2026-11 note.md")))
	assert.Equal(t, ".", relTo(root, root))
	assert.Equal(t, "..", relTo(root, "relative/elsewhere.md"))
}
