//go:build !linux

package linter

import (
	"errors"
	"os"
)

// Elsewhere than Linux, the walk reads every folder through the os.Root.

func openRootFolder(*os.Root) int { return -1 }

var errNoFolderReader = errors.New("no folder reader on this system")

func openFolder(int, string) (int, error)      { return -1, errNoFolderReader }
func readFolder(int, []entry) ([]entry, error) { return nil, errNoFolderReader }
func closeFolder(int)                          {}
