package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestAsOfOutsideThePrintableYears: 0001-01-01 (the report's "no date")
// and days whose expiries would need five-digit years are refused.
func TestAsOfOutsideThePrintableYears(t *testing.T) {
	dir := t.TempDir()
	assert.NoError(t, os.WriteFile(filepath.Join(dir, "qlint.toml"), []byte("schema = 1\n[organization]\ncategories = [\"AF\"]\n"), 0o644))
	for _, day := range []string{"0001-01-01", "1899-12-31", "9900-01-01", "9999-12-31"} {
		t.Run(day, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run([]string{dir, "--as-of", day, "--lang", "en"}, &stdout, &stderr)
			assert.Equal(t, exitError, code)
			assert.Contains(t, stderr.String(), "--as-of "+day+": date outside the range 1900-01-01 to 9899-12-31")
		})
	}
}
