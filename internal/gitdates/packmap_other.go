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

// readIndexFile reads the pack index at p (never mapped here); nil when it
// cannot be read.
func readIndexFile(p string) ([]byte, bool) {
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, false
	}
	return b, false
}
