// Package gitwrite writes git repositories with a chosen history, with
// go-git's storage alone: each commit is a full snapshot of the tree, with
// its own author date and parents, the same on every machine, with no git
// binary. `qlint demo` writes its sample with it; the tests' gitbuild
// builds on it. Objects are encoded here, as git and go-git write them,
// so that qlint does not carry go-git's whole object model (its
// signatures, diffs and transports) for the demo.
package gitwrite

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/index"
	"github.com/go-git/go-git/v5/plumbing/storer"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// Tree is a snapshot of files: path (with /) to content.
type Tree map[string]string

// With returns a copy of t with the files set (path, content, path, content...).
func (t Tree) With(kv ...string) Tree {
	out := t.copy()
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i]] = kv[i+1]
	}
	return out
}

// Without returns a copy of t without the paths (a folder removes all below it).
func (t Tree) Without(paths ...string) Tree {
	out := t.copy()
	for _, p := range paths {
		delete(out, p)
		for q := range out {
			if strings.HasPrefix(q, p+"/") {
				delete(out, q)
			}
		}
	}
	return out
}

// Move returns a copy of t with a file or a whole folder moved, content
// unchanged.
func (t Tree) Move(from, to string) Tree {
	out := t.copy()
	for p, c := range t {
		switch {
		case p == from:
			delete(out, p)
			out[to] = c
		case strings.HasPrefix(p, from+"/"):
			delete(out, p)
			out[to+strings.TrimPrefix(p, from)] = c
		}
	}
	return out
}

func (t Tree) copy() Tree {
	out := make(Tree, len(t))
	for k, v := range t {
		out[k] = v
	}
	return out
}

// paris is the author's time zone.
var paris = time.FixedZone("CET", 3600)

// Day returns noon, Paris time, of a day: a fixed, unambiguous author date.
func Day(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 12, 0, 0, 0, paris)
}

// MustDay parses an ISO day into Day's noon.
func MustDay(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(fmt.Sprintf("gitwrite: bad day %q", s))
	}
	return Day(t.Year(), t.Month(), t.Day())
}

// Name and Email sign the commits.
const (
	Name  = "Responsable qualité"
	Email = "qualite@example.org"
)

// Repo is a repository being written.
type Repo struct {
	St  *filesystem.Storage
	Dir string
}

// Init creates a new repository in dir (made if missing), with HEAD on main.
func Init(dir string) (*Repo, error) {
	gitDir := filepath.Join(dir, ".git")
	if _, err := os.Stat(gitDir); err == nil {
		return nil, fmt.Errorf("gitwrite: %s already holds a repository", dir)
	}
	if err := os.MkdirAll(gitDir, 0o755); err != nil {
		return nil, err
	}
	st := filesystem.NewStorage(osfs.New(gitDir), cache.NewObjectLRUDefault())
	if err := st.Init(); err != nil {
		return nil, err
	}
	cfg := config.NewConfig()
	cfg.Core.IsBare = false
	if err := st.SetConfig(cfg); err != nil {
		return nil, err
	}
	if err := st.SetReference(plumbing.NewSymbolicReference(plumbing.HEAD, plumbing.NewBranchReferenceName("main"))); err != nil {
		return nil, err
	}
	return &Repo{St: st, Dir: dir}, nil
}

// Commit writes a commit of tree t at the author date when, with the given
// parents, and returns its hash. It moves no branch: see SetHead.
func (r *Repo) Commit(t Tree, msg string, when time.Time, parents ...plumbing.Hash) (plumbing.Hash, error) {
	return WriteCommit(r.St, t, msg, when, parents...)
}

// SetHead points the main branch (and so HEAD) at commit h.
func (r *Repo) SetHead(h plumbing.Hash) error {
	return r.St.SetReference(plumbing.NewHashReference(plumbing.NewBranchReferenceName("main"), h))
}

// Checkout writes the files of t, the tree of HEAD, into the work tree,
// which holds none yet, and the index, as a fresh clone has them.
func (r *Repo) Checkout(t Tree) error {
	paths := make([]string, 0, len(t))
	for p := range t {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	idx := &index.Index{Version: 2}
	for _, p := range paths {
		full := filepath.Join(r.Dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(full, []byte(t[p]), 0o644); err != nil {
			return err
		}
		info, err := os.Lstat(full)
		if err != nil {
			return err
		}
		e := &index.Entry{
			Name:       p,
			Hash:       plumbing.ComputeHash(plumbing.BlobObject, []byte(t[p])),
			Mode:       filemode.Regular,
			Size:       uint32(info.Size()),
			ModifiedAt: info.ModTime(),
		}
		fillStat(e, info)
		idx.Entries = append(idx.Entries, e)
	}
	return r.St.SetIndex(idx)
}

// WriteCommit writes the blobs and trees of t and a commit of them into
// st, and returns the commit's hash.
func WriteCommit(st storer.EncodedObjectStorer, t Tree, msg string, when time.Time, parents ...plumbing.Hash) (plumbing.Hash, error) {
	root, err := writeTree(st, t, "")
	if err != nil {
		return plumbing.ZeroHash, err
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "tree %s\n", root)
	for _, p := range parents {
		fmt.Fprintf(&b, "parent %s\n", p)
	}
	sig := fmt.Sprintf("%s <%s> %d %s", Name, Email, max(when.Unix(), 0), when.Format("-0700"))
	if !strings.HasSuffix(msg, "\n") {
		msg += "\n" // as git commit ends a message
	}
	fmt.Fprintf(&b, "author %s\ncommitter %s\n\n%s", sig, sig, msg)
	return put(st, plumbing.CommitObject, b.Bytes())
}

// writeTree writes the folder dir of t and returns its tree hash.
func writeTree(st storer.EncodedObjectStorer, t Tree, dir string) (plumbing.Hash, error) {
	type entry struct {
		name string
		dir  bool
		hash plumbing.Hash
	}
	files := map[string]string{}
	subdirs := map[string]bool{}
	for p, content := range t {
		if dir != "" && !strings.HasPrefix(p, dir+"/") {
			continue
		}
		rest := strings.TrimPrefix(p, dir+"/")
		if dir == "" {
			rest = p
		}
		if i := strings.IndexByte(rest, '/'); i >= 0 {
			subdirs[rest[:i]] = true
		} else {
			files[rest] = content
		}
	}
	var entries []entry
	for name, content := range files {
		h, err := put(st, plumbing.BlobObject, []byte(content))
		if err != nil {
			return plumbing.ZeroHash, err
		}
		entries = append(entries, entry{name, false, h})
	}
	for name := range subdirs {
		sub := name
		if dir != "" {
			sub = dir + "/" + name
		}
		h, err := writeTree(st, t, sub)
		if err != nil {
			return plumbing.ZeroHash, err
		}
		entries = append(entries, entry{name, true, h})
	}
	// git orders entries by name, a folder's name as if it ended in "/".
	key := func(e entry) string {
		if e.dir {
			return e.name + "/"
		}
		return e.name
	}
	sort.Slice(entries, func(i, j int) bool { return key(entries[i]) < key(entries[j]) })
	var b bytes.Buffer
	for _, e := range entries {
		if strings.IndexByte(e.name, 0) >= 0 {
			return plumbing.ZeroHash, fmt.Errorf("gitwrite: malformed file name %q", e.name)
		}
		mode := filemode.Regular
		if e.dir {
			mode = filemode.Dir
		}
		fmt.Fprintf(&b, "%o %s\x00", mode, e.name)
		b.Write(e.hash[:])
	}
	return put(st, plumbing.TreeObject, b.Bytes())
}

// put stores an object unless the repository holds it already: a snapshot
// commit repeats most of its parent's blobs and trees, and go-git writes
// (then throws away) a temporary file for each one it is given.
func put(st storer.EncodedObjectStorer, t plumbing.ObjectType, content []byte) (plumbing.Hash, error) {
	h := plumbing.ComputeHash(t, content)
	if st.HasEncodedObject(h) == nil {
		return h, nil
	}
	obj := st.NewEncodedObject()
	obj.SetType(t)
	obj.SetSize(int64(len(content)))
	w, err := obj.Writer()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if _, err := w.Write(content); err != nil {
		return plumbing.ZeroHash, err
	}
	if err := w.Close(); err != nil {
		return plumbing.ZeroHash, err
	}
	return st.SetEncodedObject(obj)
}
