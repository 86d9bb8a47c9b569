package linter

import (
	"io/fs"
	"path"
	"sort"
	"strings"
)

// Refresh brings the tree up to date for the changed paths (relative to
// the root, with /) without walking it all again: qlint watch knows what
// changed. A changed folder is read again whole; a path that is gone takes
// what was below it along.
func (t *Tree) Refresh(fsys fs.FS, ignore []string, changed []string) error {
	if len(changed) == 0 {
		return nil
	}
	t.withGit, t.withGitKnown = nil, false
	ign := compile(ignore)
	skip := func(key string) bool { return junk(base(key)) || matchAny(ign, key) }
	if t.refreshFiles(fsys, changed, skip) {
		return nil
	}
	x := t.index()
	for _, p := range changed {
		p = path.Clean(p)
		if p == "." || p == ".." || strings.HasPrefix(p, "../") {
			continue
		}
		// Drop what the tree knew at and below p; read it again below.
		x.drop(p)
		if err := t.readAgain(x, fsys, p, ign, skip); err != nil {
			return err
		}
	}
	t.setFrom(x)
	return nil
}

// treeIndex is a tree's files and folders by path, while Refresh edits it.
type treeIndex struct {
	files map[string]File
	dirs  map[string]string // a folder's path → its folded key
}

// index is the tree by path.
func (t *Tree) index() treeIndex {
	files := make(map[string]File, len(t.Files))
	for _, f := range t.Files {
		files[f.Path] = f
	}
	dirs := make(map[string]string, len(t.Dirs))
	for i, d := range t.Dirs {
		dirs[d] = t.dirKeys[i]
	}
	return treeIndex{files, dirs}
}

// drop forgets p, and what was below it when it was a folder.
func (x treeIndex) drop(p string) {
	delete(x.files, p)
	if _, wasDir := x.dirs[p]; wasDir {
		delete(x.dirs, p)
		for q := range x.files {
			if strings.HasPrefix(q, p+"/") {
				delete(x.files, q)
			}
		}
		for q := range x.dirs {
			if strings.HasPrefix(q, p+"/") {
				delete(x.dirs, q)
			}
		}
	}
}

// readAgain adds p to x as it is now: nothing when it is gone or left out,
// a file, or a folder walked whole (its problems join the tree's).
func (t *Tree) readAgain(x treeIndex, fsys fs.FS, p string, ign []matcher, skip func(string) bool) error {
	info, err := fs.Lstat(fsys, p)
	if err != nil {
		return nil // gone
	}
	key := fold(p)
	if skip(key) {
		return nil
	}
	if !info.IsDir() {
		if info.Mode()&fs.ModeSymlink != 0 {
			if info, err = fs.Stat(fsys, p); err != nil {
				return nil
			}
		}
		if info.Mode().IsRegular() {
			x.files[p] = File{Path: p, ModTime: info.ModTime(), Size: info.Size(), key: key, real: realOf(fsys, p)}
		}
		return nil
	}
	realDir := realOf(fsys, p) // the folder through a link, if one led here
	sub, err := fs.Sub(fsys, p)
	if err != nil {
		return err
	}
	part, err := WalkTree(sub, nil)
	if err != nil {
		return err
	}
	x.dirs[p] = key
	for _, d := range part.Dirs {
		full := p + "/" + d
		if k := fold(full); !matchAny(ign, k) {
			x.dirs[full] = k
		}
	}
	for _, f := range part.Files {
		rel := f.Path
		f.Path = p + "/" + rel
		switch {
		case f.real != "":
			f.real = p + "/" + f.real
		case realDir != "":
			f.real = realDir + "/" + rel
		}
		if f.key = fold(f.Path); !matchAny(ign, f.key) {
			x.files[f.Path] = f
		}
	}
	for _, pr := range part.Problems {
		pr.Path = p + "/" + pr.Path
		t.Problems = append(t.Problems, pr)
	}
	return nil
}

// setFrom makes x the tree's files and folders, sorted.
func (t *Tree) setFrom(x treeIndex) {
	t.Files = t.Files[:0]
	for _, f := range x.files {
		t.Files = append(t.Files, f)
	}
	sort.Slice(t.Files, func(i, j int) bool { return t.Files[i].Path < t.Files[j].Path })
	names := make([]string, 0, len(x.dirs))
	for d := range x.dirs {
		names = append(names, d)
	}
	sort.Strings(names)
	t.Dirs, t.dirKeys = t.Dirs[:0], t.dirKeys[:0]
	for _, d := range names {
		t.Dirs = append(t.Dirs, d)
		t.dirKeys = append(t.dirKeys, x.dirs[d])
	}
}

// refreshFiles handles the common case in place: a few paths, none of them a
// folder now or before. It reports false when the general case is needed.
func (t *Tree) refreshFiles(fsys fs.FS, changed []string, skip func(string) bool) bool {
	if len(changed) > 16 {
		return false
	}
	type upd struct {
		p    string
		info fs.FileInfo // nil: gone
		real string      // where a link leads
	}
	var ups []upd
	for _, p := range changed {
		p = path.Clean(p)
		if p == "." || p == ".." || strings.HasPrefix(p, "../") {
			continue
		}
		if i := sort.SearchStrings(t.Dirs, p); i < len(t.Dirs) && t.Dirs[i] == p {
			return false // was a folder
		}
		info, err := fs.Lstat(fsys, p)
		switch {
		case err != nil:
			ups = append(ups, upd{p, nil, ""})
		case info.IsDir():
			return false
		case info.Mode()&fs.ModeSymlink != 0:
			if info, err = fs.Stat(fsys, p); err != nil || !info.Mode().IsRegular() {
				info = nil
			}
			ups = append(ups, upd{p, info, realOf(fsys, p)})
		case info.Mode().IsRegular():
			ups = append(ups, upd{p, info, realOf(fsys, p)})
		default:
			ups = append(ups, upd{p, nil, ""})
		}
		// A new file in a folder the tree does not know needs the folder.
		if d := path.Dir(p); d != "." {
			if i := sort.SearchStrings(t.Dirs, d); i == len(t.Dirs) || t.Dirs[i] != d {
				return false
			}
		}
	}
	for _, u := range ups {
		i := sort.Search(len(t.Files), func(i int) bool { return t.Files[i].Path >= u.p })
		found := i < len(t.Files) && t.Files[i].Path == u.p
		key := fold(u.p)
		switch {
		case u.info == nil || skip(key):
			if found {
				t.Files = append(t.Files[:i], t.Files[i+1:]...)
			}
		case found:
			t.Files[i].ModTime, t.Files[i].Size, t.Files[i].real = u.info.ModTime(), u.info.Size(), u.real
		default:
			t.Files = append(t.Files, File{})
			copy(t.Files[i+1:], t.Files[i:])
			t.Files[i] = File{Path: u.p, ModTime: u.info.ModTime(), Size: u.info.Size(), key: key, real: u.real}
		}
	}
	return true
}

// realOf is where p really is when a link on its way leads elsewhere in
// fsys (File.real), "" when p is where it is.
func realOf(fsys fs.FS, p string) string {
	if c := canonical(fsys, p); c != p {
		return c
	}
	return ""
}
