package linter

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/qlint/qlint/internal/i18n"
)

// Every date source is said in words, in both languages: never the JSON's
// code ("moved") in a French explain or binder.
func TestSourceWordsSayEverySource(t *testing.T) {
	for _, src := range []string{SourceGit, SourceUncommitted, SourceMtime, SourceFilename, SourceMoved} {
		w := SourceWords(src)
		assert.NotEqual(t, src, w.In(i18n.FR), "%s in French", src)
		assert.NotEqual(t, src, w.In(i18n.EN), "%s in English", src)
		assert.NotEmpty(t, w.In(i18n.FR))
	}
	assert.Equal(t, "déplacé, pas encore enregistré", SourceWords(SourceMoved).In(i18n.FR))
}
