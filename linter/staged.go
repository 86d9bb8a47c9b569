package linter

import (
	"fmt"
	"io/fs"
	"path"

	"github.com/qlint/qlint/internal/gitdates"
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
	fsys.sort()
	tree, err := WalkTree(fsys, ignore)
	if err != nil {
		return nil, nil, err
	}
	return tree, fsys, nil
}
