//go:build !unix

package gitdates

import (
	"errors"
	"os"
)

// mapPack is not used here: the pack is read with ReadAt.
func mapPack(*os.File, int64) ([]byte, error) { return nil, errors.ErrUnsupported }

func unmapPack([]byte) {}

func releasePack([]byte) {}
