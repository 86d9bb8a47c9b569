package gitdates

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
)

// Symbolic links and git. A committed link is a file of its own for git (its
// content is the link's text): it is dated by git like any file, though the
// walk sees its target's size and time. A file reached through a link to a
// folder of the evidence root is not a file of git's: it is dated as the
// file it is, at its real path.

// linkHolds reports whether full is a symbolic link and, if so, whether its
// text is blob (the link as committed), an id of the repository's format.
func linkHolds(full string, blob plumbing.Hash, format idFormat) (isLink, same bool) {
	info, err := os.Lstat(full)
	if err != nil || info.Mode()&fs.ModeSymlink == 0 {
		return false, false
	}
	target, err := os.Readlink(full)
	if err != nil {
		return true, false
	}
	// git stores the link's text with / on every system.
	text := filepath.ToSlash(target)
	return true, blobIDOf(format, []byte(text)) == blob
}

// linkResolver finds where files reached through a folder link really are.
type linkResolver struct {
	root     string            // the evidence root, absolute when it can be
	realRoot string            // the same, links resolved ("" when unknown)
	dirs     map[string]string // folder → its real path under the root, "" when it is its own
}

func newLinkResolver(root string) *linkResolver {
	r := &linkResolver{root: root, dirs: map[string]string{}}
	if abs, err := filepath.Abs(root); err == nil {
		// Absolute, so that a folder's real path is too: filepath.Rel
		// cannot relate a relative one ("qlint ." gave git-gui, not
		// /repo/git-gui) to the real root, and the link went unresolved.
		r.root = abs
		if real, err := filepath.EvalSymlinks(abs); err == nil {
			r.realRoot = real
		}
	}
	return r
}

// real returns the path under the root where the file p, whose folder is
// (or lies in) a link to another folder of the root, really is.
func (r *linkResolver) real(p string) (string, bool) {
	dir := path.Dir(p)
	if dir == "." || r.realRoot == "" {
		return "", false
	}
	rd, ok := r.dirs[dir]
	if !ok {
		if full, err := filepath.EvalSymlinks(filepath.Join(r.root, filepath.FromSlash(dir))); err == nil {
			if rel, err := filepath.Rel(r.realRoot, full); err == nil {
				rel = filepath.ToSlash(rel)
				if rel != dir && rel != ".." && !strings.HasPrefix(rel, "../") {
					rd = rel
				}
			}
		}
		r.dirs[dir] = rd
	}
	switch rd {
	case "":
		return "", false
	case ".":
		return path.Base(p), true
	}
	return rd + "/" + path.Base(p), true
}
