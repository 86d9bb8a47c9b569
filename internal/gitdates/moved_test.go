package gitdates

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fileIDs streams what blobIDOf computes in memory, CRLF folding included,
// across its read chunks.
func TestFileIDsStream(t *testing.T) {
	dir := t.TempDir()
	big := strings.Repeat("ligne\r\n", 20000) + "fin\r" // > 64 KiB, a lone CR at the end
	for name, content := range map[string]string{
		"vide": "", "lf": "un\ndeux\n", "crlf": "un\r\ndeux\r\n", "big": big, "cr": "a\rb\r\n",
		"binaire": "a\r\n\x00b",
	} {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
		ids, err := fileIDs(p, sha1IDs)
		require.NoError(t, err)
		want := []plumbing.Hash{blobIDOf(sha1IDs, []byte(content))}
		if strings.Contains(content, "\r\n") && !strings.Contains(content, "\x00") {
			want = append(want, blobIDOf(sha1IDs, []byte(strings.ReplaceAll(content, "\r\n", "\n"))))
		}
		assert.Equal(t, want, ids, name)
	}
}
