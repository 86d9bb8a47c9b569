package report

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/qlint/qlint/linter"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A missing built-in proof shows its pattern as people read it, the same in
// the message, the JSON, the to-do and the CI summary: never the internal
// word-boundary form.
func TestMissingPathIsReadableEverywhere(t *testing.T) {
	rep := judgeTree(t, fstest.MapFS{"01-information-public/Catalogue 2026.pdf": file("2026-11-01")}, packProfile, "2026-11-22")
	var cgv *linter.Finding
	for i, f := range rep.Findings {
		if f.Rule == "cgv" && f.Kind == linter.KindMissing {
			cgv = &rep.Findings[i]
		}
	}
	require.NotNil(t, cgv)
	assert.Equal(t, "01-information-public/*cgv*", cgv.Path)
	assert.Contains(t, cgv.Message, "01-information-public/*cgv*")
	var out bytes.Buffer
	require.NoError(t, WriteJSON(&out, rep))
	require.NoError(t, WriteTodo(&out, rep, TextOptions{}))
	require.NoError(t, WriteMarkdown(&out, rep))
	require.NoError(t, WriteSARIF(&out, rep))
	require.NoError(t, WriteGitHub(&out, rep))
	require.NoError(t, WriteGitLab(&out, rep))
	require.NoError(t, WriteText(&out, rep, TextOptions{}))
	require.NoError(t, WriteHTML(&out, rep, HTMLOptions{}))
	assert.Contains(t, out.String(), `"path": "01-information-public/*cgv*"`)
	assert.Contains(t, out.String(), "(01-information-public/*cgv*)")
	for _, internal := range []string{"[!a-z]", "{,/**}"} {
		i := strings.Index(out.String(), internal)
		if !assert.Less(t, i, 0, "%s leaks", internal) {
			t.Log(out.String()[max(0, i-300):min(len(out.String()), i+100)])
		}
	}
}
