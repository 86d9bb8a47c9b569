package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/qlint/qlint/linter"
	"github.com/qlint/qlint/rules"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/i18n"
)

func TestTextColoursOnlyWhenAsked(t *testing.T) {
	rep := judgeTree(t, fstest.MapFS{"veille/a.md": file("2025-01-01")}, veille, "2026-11-22")
	var plain, colour bytes.Buffer
	require.NoError(t, WriteText(&plain, rep, TextOptions{}))
	require.NoError(t, WriteText(&colour, rep, TextOptions{Color: true}))
	assert.NotContains(t, plain.String(), "\x1b[")
	assert.Contains(t, colour.String(), "\x1b[31m")
	// Colour is never the only signal: the words are the same.
	stripped := strings.NewReplacer("\x1b[0m", "", "\x1b[1m", "", "\x1b[2m", "", "\x1b[31m", "", "\x1b[32m", "", "\x1b[33m", "", "\x1b[34m", "").Replace(colour.String())
	assert.Equal(t, plain.String(), stripped)
}

func TestTextShowsAFindingUnderEachIndicator(t *testing.T) {
	cfg := `
[[rule]]
id = "emargement"
indicators = [11, 12]
title = "Feuilles d'émargement"
paths = ["emargement*"]
`
	rep := judgeTree(t, fstest.MapFS{"autre.pdf": file("2026-01-01")}, cfg, "2026-11-22")
	var out bytes.Buffer
	require.NoError(t, WriteText(&out, rep, TextOptions{}))
	assert.Equal(t, 2, strings.Count(out.String(), `No proof for "Feuilles d'émargement"`))
	assert.Contains(t, out.String(), "[MISSING]        11")
	assert.Contains(t, out.String(), "[MISSING]        12")
	assert.Contains(t, out.String(), "error · missing · major NC possible")
}

func TestTextListsFewUnmappedFiles(t *testing.T) {
	fs := fstest.MapFS{}
	for i := 0; i < 40; i++ {
		fs[fmt.Sprintf("vrac/scan%02d.pdf", i)] = file("2026-01-01")
	}
	rep := judgeTree(t, fs, veille, "2026-11-22")
	var out bytes.Buffer
	require.NoError(t, WriteText(&out, rep, TextOptions{}))
	assert.Contains(t, out.String(), "Files no rule uses (40, info)")
	assert.Contains(t, out.String(), "vrac/scan14.pdf")
	assert.NotContains(t, out.String(), "vrac/scan15.pdf")
	assert.Contains(t, out.String(), "… and 25 more (full list: --format json)")
}

func TestTextIsBilingual(t *testing.T) {
	rep := judgeTree(t, fstest.MapFS{"veille/a.md": file("2025-01-01")}, veille, "2026-11-22")
	rep.Lang = i18n.FR
	var out bytes.Buffer
	require.NoError(t, WriteText(&out, rep, TextOptions{}))
	assert.Contains(t, out.String(), "état au 22/11/2026")
	assert.Contains(t, out.String(), "[PÉRIMÉ]")
	assert.Contains(t, out.String(), "Bilan")
	// The words of kinds, statuses and severities are linter's and rules'
	// (their tests check them); the colours are the text format's own.
	for _, st := range linter.Statuses() {
		assert.NotEmpty(t, statusColors[st], "status %s has no colour", st)
	}
	for _, sev := range rules.Severities() {
		assert.NotEmpty(t, severityColors[sev], "severity %s has no colour", sev)
	}
	for k, w := range ncWords {
		assert.True(t, w.Complete(), k)
	}
}
