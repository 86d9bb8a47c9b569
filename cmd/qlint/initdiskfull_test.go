package main

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/lang"
)

// TestDiskFullDuringInitSaidPlainly: a full disk met by init (scaffold's
// TestDiskFullDuringInit shows nothing is left) is said in plain words, in
// both languages, with what to do, never as a raw write error.
func TestDiskFullDuringInitSaidPlainly(t *testing.T) {
	full := fmt.Errorf("writing: %w", &fs.PathError{Op: "write", Path: "dossier/offre/README.md", Err: syscall.ENOSPC})
	var ue *lang.Error
	require.True(t, errors.As(initError("dossier", full), &ue))
	assert.Equal(t, "the disk is full: qlint init took everything back, nothing is left half-made", ue.Msg.In(i18n.EN))
	assert.Equal(t, "free some space, then run qlint init again", ue.Hint.In(i18n.EN))
	assert.Equal(t, "le disque est plein : qlint init a tout repris, rien n'est laissé à moitié", ue.Msg.In(i18n.FR))
	assert.Equal(t, "libérez de la place puis relancez qlint init", ue.Hint.In(i18n.FR))
	assert.NotContains(t, ue.Localize(i18n.EN), "no space left on device")
}
