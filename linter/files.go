package linter

import (
	"errors"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/bmatcuk/doublestar/v4"
	"golang.org/x/text/unicode/norm"
)

// File is a file of the evidence tree.
type File struct {
	Path    string    // relative to the root, with /, as on disk
	ModTime time.Time // the file system's modification time
	key     string    // Path folded for matching (NFC, lower case)
}

// Tree is what the walk found: the files and the folders of the evidence
// root, sorted.
type Tree struct {
	Files []File
	Dirs  []string
	// Problems are places the walk could not read; they are reported, the
	// rest is judged.
	Problems []WalkProblem
}

// WalkProblem is a folder or file the walk could not read.
type WalkProblem struct {
	Path string
	Err  error
}

// junk is always ignored: system and office leftovers and editors'
// temporary files, which are never proofs.
var junk = []string{
	"**/.DS_Store", "**/Thumbs.db", "**/desktop.ini", "**/~$*", "**/.~lock.*#",
	"**/*.swp", "**/*.swx", "**/*.tmp", "**/*~", "**/.#*", "**/#*#", "**/4913",
	"**/.goutputstream-*", "**/*.crdownload", "**/*.part", "**/*.kate-swp", "**/.git",
}

// Skipper returns the test WalkTree applies to paths (relative to the root,
// with /): junk files, editor temporaries, .git, and the ignore patterns.
// qlint watch uses it to leave out changes that cannot change a report.
func Skipper(ignore []string) func(rel string, dir bool) bool {
	ign := compile(append(append([]string(nil), junk...), ignore...))
	return func(rel string, _ bool) bool {
		return base(rel) == ".git" || matchAny(ign, fold(rel))
	}
}

// fold gives the form names are matched in: Unicode NFC (a Mac writes "é"
// as "e" and an accent) and lower case (Windows users capitalize freely).
func fold(s string) string {
	return strings.ToLower(norm.NFC.String(s))
}

// matcher is a compiled glob: the folded pattern and the literal folder it
// starts with, for a cheap first test.
type matcher struct {
	pattern string
	prefix  string
}

func newMatcher(p string) matcher {
	p = fold(p)
	lit := p
	if i := strings.IndexAny(p, "*?[{\\"); i >= 0 {
		lit = p[:i]
	}
	if j := strings.LastIndexByte(lit, '/'); j >= 0 {
		lit = lit[:j+1]
	} else {
		lit = ""
	}
	return matcher{pattern: p, prefix: lit}
}

func (m matcher) match(key string) bool {
	if !strings.HasPrefix(key, m.prefix) {
		return false
	}
	ok, _ := doublestar.Match(m.pattern, key)
	return ok
}

func compile(patterns []string) []matcher {
	out := make([]matcher, len(patterns))
	for i, p := range patterns {
		out[i] = newMatcher(p)
	}
	return out
}

func matchAny(ms []matcher, key string) bool {
	for _, m := range ms {
		if m.match(key) {
			return true
		}
	}
	return false
}

// WalkTree lists the files and folders of fsys, leaving out .git, junk files
// and what the ignore patterns match (a matched folder is not entered).
func WalkTree(fsys fs.FS, ignore []string) (*Tree, error) {
	skip := Skipper(ignore)
	t := &Tree{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "." {
				return err
			}
			t.Problems = append(t.Problems, WalkProblem{Path: p, Err: err})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if p == "." {
			return nil
		}
		key := fold(p)
		if skip(p, d.IsDir()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			t.Dirs = append(t.Dirs, p)
			return nil
		}
		info, err := fs.Stat(fsys, p) // follows a link to a file
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				t.Problems = append(t.Problems, WalkProblem{Path: p, Err: err})
			}
			return nil // vanished during the walk, or a dangling link
		}
		if !info.Mode().IsRegular() {
			return nil // folders behind links, pipes, sockets, devices
		}
		t.Files = append(t.Files, File{Path: p, ModTime: info.ModTime(), key: key})
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(t.Files, func(i, j int) bool { return t.Files[i].Path < t.Files[j].Path })
	sort.Strings(t.Dirs)
	return t, nil
}

// base returns the last element of a slash path.
func base(p string) string { return path.Base(p) }
