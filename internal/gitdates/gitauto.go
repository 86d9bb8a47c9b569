package gitdates

import (
	"os"
	"path/filepath"

	"github.com/go-git/go-git/v5/storage/filesystem"
)

// The shape of a repository decides which reader --git auto uses, from what
// scripts/bench-real.sh measured (BENCHMARKS.md, "Second pass"; medians of
// 5 rounds on a quiet 2-core machine, 2026-12-02, wall time against git log
// --raw --no-renames):
//
//   - Up to about 20,000 files at HEAD, the built-in reader is the faster
//     and the lighter: it reads only the commits that still hold a pending
//     file (30k of git/git's 82k), maps the packs as git does, reads the
//     chain of first parents on the other core, and needs no second
//     process. git/git (4.8k files, a quarter of its commits are merges)
//     3.2 s and 125 MB against 9.1 s and 446 MB for git's log (git log
//     alone: 6.3 s, 377 MB); prometheus 0.59 against 1.28 s; etcd 0.46
//     against 1.00 s; go-git 0.10 against 0.22 s; cobra (66 files) 0.028
//     against 0.047 s. A generated repository of 20,000 files and 20,000
//     commits (index 2.8 MB): 4.97 s and 186 MB against 5.79 s and 307 MB
//     (git log 5.54 s, 159 MB).
//   - At 50,000 files (generated, 50,000 commits, index 6.9 MB) trees are
//     large and git reads them faster than Go: git's log 48.8 s (1.05× git
//     log), the built-in reader 56.3 s (1.21×), though it is the lighter
//     (310 MB against 648; git log 412). Between 20,000 and 50,000 files
//     nothing was measured: the limit stays at what was.
//   - The built-in reader is fast only on pack files, and reads only what
//     is there: a partial clone (--filter) is read with git, which
//     downloads the objects it lacks.
//
// The number of files is read from the size of git's index (about 140
// bytes a file): no history has to be read to decide.
const autoBuiltinMaxIndex = 3 << 20 // about 21,000 files

// preferBuiltin reports whether --git auto should read history with the
// built-in reader even though git is installed.
func preferBuiltin(repo *repository) bool {
	fsst, ok := repo.Storer.(*filesystem.Storage)
	if !ok {
		return false
	}
	gitDir := fsst.Filesystem().Root()
	if repo.partial {
		// A partial clone (--filter) lacks objects git downloads when it
		// reads them; the built-in reader cannot, and would stop there.
		return false
	}
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
