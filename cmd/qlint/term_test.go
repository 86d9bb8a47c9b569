package main

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Colours and cursor moves go to terminals only: never into a file, a pipe
// (a CI log, | more), nor, on Windows, the null device.
func TestNoColoursOutsideATerminal(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "rapport.txt"))
	require.NoError(t, err)
	defer f.Close()
	assert.False(t, isTerminal(f), "a file")

	r, w, err := os.Pipe()
	require.NoError(t, err)
	defer r.Close()
	defer w.Close()
	assert.False(t, isTerminal(w), "a pipe")

	assert.False(t, isTerminal(&bytes.Buffer{}), "not a file")

	if runtime.GOOS == "windows" {
		// NUL is a character device, as a console is, but has no console
		// mode: escape sequences would be lost there anyway, yet a
		// redirected run must not be taken for a console.
		null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
		require.NoError(t, err)
		defer null.Close()
		assert.False(t, isTerminal(null), os.DevNull)
	}
}
