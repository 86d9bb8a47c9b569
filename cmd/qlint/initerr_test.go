package main

import (
	"errors"
	"io/fs"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/lang"
)

// TestInitErrorNamesThePlace: when init cannot read or write a folder of
// hers, the message says which one, in her words, not the system's.
func TestInitErrorNamesThePlace(t *testing.T) {
	err := initError("preuves", &fs.PathError{Op: "openat", Path: "07 - Amélioration/README.md", Err: syscall.EACCES})
	var le *lang.Error
	require.True(t, errors.As(err, &le))
	assert.Equal(t, "qlint init n'a pas pu préparer preuves : 07 - Amélioration/README.md : accès refusé", le.Msg.In(i18n.FR))
	assert.Equal(t, "qlint init could not prepare preuves: 07 - Amélioration/README.md: permission denied", le.Msg.In(i18n.EN))

	// The evidence folder itself is not named twice.
	err = initError("preuves", &fs.PathError{Op: "open", Path: "preuves", Err: syscall.EACCES})
	require.True(t, errors.As(err, &le))
	assert.Equal(t, "qlint init n'a pas pu préparer preuves : accès refusé", le.Msg.In(i18n.FR))
}

// TestCommandTypedInFrench: a command typed in French, taken for a folder
// that does not exist, gets its English name.
func TestCommandTypedInFrench(t *testing.T) {
	t.Chdir(t.TempDir())
	_, err := evidenceFolder("calendrier")
	var le *lang.Error
	require.True(t, errors.As(err, &le))
	assert.Equal(t, "le dossier de preuves « calendrier » n'existe pas : la commande s'écrit en anglais, qlint calendar", le.Msg.In(i18n.FR))
	_, err = evidenceFolder("preuvs")
	require.True(t, errors.As(err, &le))
	assert.NotContains(t, le.Msg.In(i18n.FR), "en anglais")
}
