package gitdates

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/go-git/go-git/v5/plumbing/format/index"

	"github.com/qlint/qlint/internal/safefile"
)

// The index git names in GIT_INDEX_FILE. git commit -a, git commit --
// paths, --only and --include build the commit in a temporary index and
// run the pre-commit hook with GIT_INDEX_FILE naming it: the commit being
// made is that index, not .git/index (which still holds what was staged
// before). A hook that judged .git/index would pass a commit -a that
// removes the only proof. git takes a relative GIT_INDEX_FILE from the
// work tree's top (where it runs hooks); so does qlint, whichever history
// reader dates the files (the index is read here for both).

// indexFileEnv returns the index file GIT_INDEX_FILE names, absolute, and
// whether it is set.
func indexFileEnv(top string) (string, bool) {
	p := os.Getenv("GIT_INDEX_FILE")
	if p == "" {
		return "", false
	}
	if !filepath.IsAbs(p) {
		p = filepath.Join(top, p)
	}
	return p, true
}

// maxIndexFile bounds the index qlint reads: a million entries weigh
// about 100 MB.
const maxIndexFile = 1 << 30

// indexEntriesFrom reads the entries of the index file at p. A missing
// file is an empty index, as git takes it; an index this reader does not
// know is left to go-git's decoder.
func indexEntriesFrom(p string, format idFormat) ([]*index.Entry, error) {
	data, err := safefile.ReadPath(p, maxIndexFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if entries, ok := decodeIndex(data, format); ok {
		return entries, nil
	}
	if format == sha256IDs {
		return nil, errors.New("the index of a SHA-256 repository cannot be read")
	}
	var idx index.Index
	if err := index.NewDecoder(bytes.NewReader(data)).Decode(&idx); err != nil {
		return nil, err
	}
	return idx.Entries, nil
}
