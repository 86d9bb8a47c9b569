package linter

import (
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/index"
)

// stagedTree is the evidence folder as the index holds it: what a commit
// being made will hold (--pre-commit). A file deleted from the index is
// gone even if a copy stays on disk; an untracked file does not count; a
// committed file deleted on disk only is still there. The files are those
// of the index under prefix, the session.toml files read from their staged
// blobs, as the revision's tree is (revFS).
func stagedTree(repo *git.Repository, entries map[string]*index.Entry, prefix string, ignore []string) (*Tree, fs.FS, error) {
	fsys := newRevFS()
	base := ""
	if prefix != "" {
		base = prefix + "/"
	}
	for name, e := range entries {
		if !strings.HasPrefix(name, base) || e.Mode == filemode.Submodule || e.Mode == filemode.Dir {
			continue
		}
		p := strings.TrimPrefix(name, base)
		var data []byte
		if path.Base(p) == SessionFile {
			var err error
			if data, err = readBlob(repo, e.Hash); err != nil {
				return nil, nil, fmt.Errorf("reading the staged %s: %w", name, err)
			}
		}
		fsys.add(p, e.ModifiedAt, data)
	}
	fsys.sort()
	tree, err := WalkTree(fsys, ignore)
	if err != nil {
		return nil, nil, err
	}
	return tree, fsys, nil
}
