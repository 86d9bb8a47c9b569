package linter

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRefreshMatchesAFullWalk changes a real tree in every way watch sees,
// refreshes the kept tree with the changed paths only, and compares it with
// a fresh walk.
func TestRefreshMatchesAFullWalk(t *testing.T) {
	root := t.TempDir()
	write := func(p, content string) {
		full := filepath.Join(root, filepath.FromSlash(p))
		require.NoError(t, os.MkdirAll(filepath.Dir(full), 0o755))
		require.NoError(t, os.WriteFile(full, []byte(content), 0o644))
	}
	for _, p := range []string{"a.md", "veille/legale/1.md", "veille/legale/2.md", "sessions/s1/conv.pdf", "sessions/s2/conv.pdf", "archives/old.pdf"} {
		write(p, "x")
	}
	ignore := []string{"archives/**"}
	fsys := os.DirFS(root)
	kept, err := WalkTree(fsys, ignore)
	require.NoError(t, err)

	steps := []struct {
		name    string
		do      func()
		changed []string
	}{
		{"modify a file", func() { write("a.md", "changed") }, []string{"a.md"}},
		{"add a file", func() { write("veille/legale/3.md", "x") }, []string{"veille/legale/3.md"}},
		{"add a deep folder with files", func() { write("sessions/s3/emargements/j1.pdf", "x"); write("sessions/s3/conv.pdf", "x") },
			[]string{"sessions/s3"}},
		{"remove a file", func() { require.NoError(t, os.Remove(filepath.Join(root, "veille/legale/1.md"))) }, []string{"veille/legale/1.md"}},
		{"rename a folder", func() {
			require.NoError(t, os.Rename(filepath.Join(root, "veille"), filepath.Join(root, "06-environnement")))
		}, []string{"veille", "06-environnement"}},
		{"remove a folder", func() { require.NoError(t, os.RemoveAll(filepath.Join(root, "sessions/s1"))) }, []string{"sessions/s1"}},
		{"junk and ignored paths", func() { write("~$note.docx", "x"); write("archives/new.pdf", "x") }, []string{"~$note.docx", "archives/new.pdf"}},
		{"a path that never existed", func() {}, []string{"nowhere/x.md"}},
	}
	for _, st := range steps {
		st.do()
		require.NoError(t, kept.Refresh(fsys, ignore, st.changed), st.name)
		fresh, err := WalkTree(fsys, ignore)
		require.NoError(t, err)
		assert.Equal(t, paths(fresh), paths(kept), st.name)
		assert.Equal(t, fresh.Dirs, kept.Dirs, st.name)
		assert.Equal(t, fresh.dirKeys, kept.dirKeys, st.name)
	}
}

func paths(t *Tree) []string {
	var out []string
	for _, f := range t.Files {
		out = append(out, f.Path+" "+f.key)
	}
	return out
}
