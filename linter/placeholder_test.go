package linter

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
)

// The files that only keep a folder in git are never proofs, never make a
// folder an item and are never unmapped: a skeleton with a .gitkeep in
// every folder proves nothing.
func TestPlaceholdersAreNeverProofs(t *testing.T) {
	cfg := `
[[rule]]
id = "locaux"
indicators = [17]
paths = ["locaux/**"]

[[rule]]
id = "emargement"
indicators = [11]
each = "sessions/*"
paths = ["**/*"]
`
	rep := judgeTree(t, fstest.MapFS{
		"locaux/.gitkeep":                      &fstest.MapFile{},
		"locaux/plans/.keep":                   &fstest.MapFile{},
		"locaux/.gitignore":                    &fstest.MapFile{Data: []byte("*.tmp\n")},
		"locaux/.gitattributes":                &fstest.MapFile{Data: []byte("*.pdf binary\n")},
		"locaux/.placeholder":                  &fstest.MapFile{},
		"sessions/2026-01-12_excel/.gitkeep":   &fstest.MapFile{},
		"sessions/Dupont/.gitkeep":             &fstest.MapFile{},
		"sessions/2026-02-12_word/.gitkeep":    &fstest.MapFile{},
		"sessions/2026-02-12_word/feuille.pdf": file("2026-02-12"),
		"autre/.gitkeep":                       &fstest.MapFile{},
	}, cfg, "2026-11-22")
	assert.ElementsMatch(t, []string{"missing locaux locaux/**"}, kinds(rep))
	assert.Empty(t, rep.Matches["locaux"])
	for _, m := range rep.Matches["emargement"] {
		assert.Equal(t, "sessions/2026-02-12_word/feuille.pdf", m.Path)
	}
	for _, f := range rep.Findings {
		assert.NotEqual(t, KindUnmapped, f.Kind, "%s", f.Path)
	}
}

// A hidden file with content that is not a placeholder stays a file.
func TestPlaceholderIsNarrow(t *testing.T) {
	for name, want := range map[string]bool{
		".gitkeep": true, ".GitKeep": true, ".keep": true, ".gitignore": true, ".gitattributes": true,
		".empty": true, "gitkeep.pdf": false, "keep.pdf": false, "bail.pdf": false,
	} {
		f := File{Path: "x/" + name, key: fold("x/" + name), Size: 12}
		assert.Equal(t, want, placeholder(&f), name)
	}
	assert.True(t, placeholder(&File{Path: ".vide", key: ".vide"}), "an empty hidden file")
	assert.False(t, placeholder(&File{Path: ".notes", key: ".notes", Size: 40}), "a hidden file with content")
}
