package gitdates

import (
	"os"
	"path/filepath"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// The shape of a repository decides which reader --git auto uses, from what
// scripts/bench-real.sh and scripts/bench-history.sh measured (BENCHMARKS.md):
//
//   - Up to a few thousand files at HEAD, the built-in reader is the faster
//     and the lighter: it reads only the commits that still hold a pending
//     file (30k of git/git's 82k), compares only those with their parents,
//     and needs no second process. Processor time, 2026-12-02, medians of
//     two runs of the script: git/git (4.8k files, a quarter of its commits
//     are merges) 3.7 to 4.9 s and 130 to 136 MB against 12.0 to 13.0 s and
//     450 MB for git's log (git log alone: 7.5 s, 377 MB); prometheus 1.0 to
//     1.1 s against 1.85 to 1.9 s; etcd 0.8 to 1.1 s against 1.7 to 1.9 s;
//     go-git 0.20 to 0.21 s against 0.35 to 0.36 s; cobra (66 files) 0.05 to
//     0.06 s against 0.06 to 0.08 s, and lighter (20 against 26 to 33 MB). The
//     generated repository of 10,000 files and 10,000 commits too: 1.84 to
//     1.92 s and 128 to 136 MB against 2.13 to 2.49 s and 150 to 156 MB (git
//     log 1.54 to 1.66 s, 126 MB).
//   - Far beyond, trees are large and git reads them faster than Go: at
//     50,000 files git's log took 1.14× git log against 1.58× for the
//     built-in reader (measured when it still compared every commit on
//     every core; between 14,000 and 50,000 files the sequential reader was
//     not measured).
//   - The built-in reader is fast only on pack files.
//
// The number of files is read from the size of git's index (about 140
// bytes a file): no history has to be read to decide.
const autoBuiltinMaxIndex = 2 << 20 // about 14,000 files

// preferBuiltin reports whether --git auto should read history with the
// built-in reader even though git is installed.
func preferBuiltin(repo *git.Repository) bool {
	fsst, ok := repo.Storer.(*filesystem.Storage)
	if !ok {
		return false
	}
	gitDir := fsst.Filesystem().Root()
	info, err := os.Stat(filepath.Join(gitDir, "index"))
	if err != nil {
		return false
	}
	return chooseBuiltin(info.Size(), hasPacks(gitDir))
}

// chooseBuiltin is the rule itself: a small index, packed objects.
func chooseBuiltin(indexBytes int64, packs bool) bool {
	return indexBytes <= autoBuiltinMaxIndex && packs
}

// hasPacks reports whether the repository keeps objects in pack files (a
// clone or a fetched repository does; a new one may hold loose objects only).
func hasPacks(gitDir string) bool {
	idx, _ := filepath.Glob(filepath.Join(commonDir(gitDir), "objects", "pack", "*.idx"))
	return len(idx) > 0
}
