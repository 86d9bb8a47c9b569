package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/qlint/qlint/rules"
)

// Paths qlint prints use / on every system: here a path the system joins
// (with \ on Windows) as the rules file, and a folder given with the
// system's separator.
func TestShownPathsUseSlashes(t *testing.T) {
	wideMessages(t)
	assert.Equal(t, "preuves/veille 2026/qlint.toml", shownPath(filepath.Join("preuves", "veille 2026", "qlint.toml")))

	dir := t.TempDir()
	evidence := filepath.Join(dir, "Dossier qualité", "preuves")
	assert.NoError(t, os.MkdirAll(evidence, 0o755))
	var stdout, stderr bytes.Buffer
	code := run([]string{"lint", evidence, "--lang", "en"}, &stdout, &stderr)
	assert.Equal(t, exitError, code)
	want := "no rules file " + filepath.ToSlash(filepath.Join(evidence, "qlint.toml"))
	assert.Contains(t, stderr.String(), want)
	if filepath.Separator != '/' {
		assert.NotContains(t, stderr.String(), string(filepath.Separator)+"qlint.toml")
	}
	assert.True(t, strings.HasPrefix(stderr.String(), "qlint"), stderr.String())
}

func TestClosest(t *testing.T) {
	tests := []struct{ word, want string }{
		{"formt", "format"}, {"versoin", "version"}, {"FORMAT", "format"}, {"zzzz", ""}, {"o", ""},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			assert.Equal(t, tt.want, rules.Closest(tt.word, []string{"format", "output", "version", "lang"}, true))
		})
	}
}
