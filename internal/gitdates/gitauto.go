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
//     file (44k of git/git's 82k), compares trees on every core, and needs
//     no second process. git/git (4.8k files, a quarter of its commits are
//     merges): 8.9 s of processor time and 258 MB against 12.6 s and 534 MB
//     for git's log; prometheus, etcd and go-git alike, and the generated
//     2,000-file repository (0.16 s against 0.23 s).
//   - From about 10,000 files, trees are large and git reads them faster
//     than Go: at 10,000 files both take the same time (0.95× git log) and
//     git's log needs a third of the memory (48 against 154 MB); at 50,000
//     files git's log takes 1.14× git log against 1.58×.
//   - The built-in reader is fast only on pack files, and with at least two
//     cores (one compares commits ahead of the walk).
//
// The number of files is read from the size of git's index (about 140
// bytes a file): no history has to be read to decide.
const autoBuiltinMaxIndex = 1 << 20 // about 7,000 files

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
