package main

import (
	"os"
	"path/filepath"
)

// configRoot finds the evidence folder that dir belongs to when no -c is
// given: dir itself when it holds a qlint.toml, else the nearest parent
// folder that holds one, up to the root of the repository (the folder that
// holds .git), as git finds .git. Outside a repository, or when no folder
// up to the repository's root holds one, dir is kept: the missing file is
// reported there.
func configRoot(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return dir
	}
	top := ""
	for cur := abs; ; {
		if _, err := os.Lstat(filepath.Join(cur, ".git")); err == nil {
			top = cur
			break
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return dir // outside a repository: only dir itself
		}
		cur = parent
	}
	for cur := abs; ; cur = filepath.Dir(cur) {
		if isFile(filepath.Join(cur, "qlint.toml")) {
			if cur == abs {
				return dir
			}
			return cur
		}
		if cur == top {
			return dir
		}
	}
}

func isFile(p string) bool {
	info, err := os.Stat(p)
	return err == nil && !info.IsDir()
}
