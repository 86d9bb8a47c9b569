package lang

import (
	"errors"
	"fmt"
	"io/fs"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestErrorSaysWhereWhatAndTheHint(t *testing.T) {
	tests := []struct {
		name   string
		err    *Error
		fr, en string
	}{
		{"placed", &Error{File: "qlint.toml", Line: 3, Col: 9, Msg: T("clé inconnue", "unknown key"), Hint: T("écrivez max_age", "write max_age")},
			"qlint.toml:3:9: clé inconnue\n  conseil : écrivez max_age", "qlint.toml:3:9: unknown key\n  hint: write max_age"},
		{"a file, no line", &Error{File: "s/session.toml", Msg: T("illisible", "unreadable")},
			"s/session.toml: illisible", "s/session.toml: unreadable"},
		{"no file", &Error{Msg: T("clone superficiel", "shallow clone"), Hint: T("fetch-depth: 0", "fetch-depth: 0")},
			"clone superficiel\n  conseil : fetch-depth: 0", "shallow clone\n  hint: fetch-depth: 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.fr, tt.err.Localize(FR))
			assert.Equal(t, tt.en, tt.err.Localize(EN))
			assert.Equal(t, tt.fr, tt.err.Error(), "French by default")
		})
	}
}

func TestErrorKeepsItsCause(t *testing.T) {
	err := fmt.Errorf("reading: %w", &Error{Msg: T("absent", "missing"), Err: fs.ErrNotExist})
	assert.ErrorIs(t, err, fs.ErrNotExist)
	var loc Localizer
	assert.True(t, errors.As(err, &loc))
	assert.Equal(t, "missing", loc.Localize(EN))
}
