package linter

import (
	"fmt"
	"io/fs"
	"path"
	"path/filepath"

	"github.com/qlint/qlint/internal/gitdates"
	"github.com/qlint/qlint/internal/safefile"
)

// stagedTree is the evidence folder as the index holds it: what a commit
// being made will hold (--pre-commit). A file deleted from the index is
// gone even if a copy stays on disk; an untracked file does not count; a
// committed file deleted on disk only is still there. The files are those
// of the index under the folder, the session.toml files read from their
// staged blobs, as the revision's tree is (revFS).
func stagedTree(repo *gitdates.Repo, ignore []string) (*Tree, fs.FS, error) {
	fsys := newRevFS()
	for _, f := range repo.Staged() {
		var data []byte
		if path.Base(f.Path) == SessionFile {
			var err error
			if data, err = repo.ReadBlob(f.Blob); err != nil {
				return nil, nil, fmt.Errorf("reading the staged %s: %w", path.Join(repo.Prefix, f.Path), err)
			}
		}
		fsys.add(f.Path, f.ModTime, data)
	}
	addStagedSubmodules(repo, fsys)
	fsys.sort()
	tree, err := WalkTree(fsys, ignore)
	if err != nil {
		return nil, nil, err
	}
	return tree, fsys, nil
}

// addStagedSubmodules adds the files of the submodules the index holds,
// as checked out (their .git left out): the commit records each as a
// commit id, and withSubmodules dates its files from its own history, as
// in a plain run. A submodule not checked out adds nothing.
func addStagedSubmodules(repo *gitdates.Repo, fsys *revFS) {
	paths, dirs := repo.StagedSubmodules()
	for i, dir := range dirs {
		_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.Name() == ".git" {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.Type().IsRegular() {
				return nil
			}
			info, err := d.Info()
			if err != nil {
				return nil
			}
			rel, err := filepath.Rel(dir, p)
			if err != nil {
				return nil
			}
			var data []byte
			if d.Name() == SessionFile {
				data, _ = safefile.ReadPath(p, safefile.SmallLimit)
			}
			fsys.add(path.Join(paths[i], filepath.ToSlash(rel)), info.ModTime(), data)
			return nil
		})
	}
}
