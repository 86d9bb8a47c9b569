package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestWatchTimesAreBounded: a negative, tiny or huge --poll or --debounce
// is refused with exit 2 before anything is watched.
func TestWatchTimesAreBounded(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"negative poll", []string{"--poll", "-5s"}, "--poll -5s: the interval must be between 100ms and 24h"},
		{"poll of 1ns", []string{"--poll", "1ns"}, "--poll 1ns: the interval"},
		{"poll of a year", []string{"--poll", "8760h"}, "--poll 8760h0m0s: the interval"},
		{"negative debounce", []string{"--debounce", "-1s"}, "--debounce -1s: the delay must be between 0 and 1h"},
		{"debounce of a day", []string{"--debounce", "24h"}, "--debounce 24h0m0s: the delay"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(append([]string{"watch", dir, "--lang", "en"}, tt.args...), &stdout, &stderr)
			assert.Equal(t, exitError, code)
			assert.Contains(t, stderr.String(), tt.want)
			assert.Contains(t, stderr.String(), "hint: ")
		})
	}
	assert.NoError(t, checkWatchTimes(0, 0))
	assert.NoError(t, checkWatchTimes(300e6, 5e9))
}
