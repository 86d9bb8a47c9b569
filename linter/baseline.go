package linter

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"testing/fstest"
	"time"

	"github.com/qlint/qlint/internal/gitdates"
	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/lang"
	"github.com/qlint/qlint/rules"
)

// Baseline says what --new-from-rev compared with: the revision, and the
// findings left out because the tree at that revision has them too.
type Baseline struct {
	Rev      string `json:"rev"`    // as the user wrote it
	Commit   string `json:"commit"` // "" when the repository has no commit yet
	Errors   int    `json:"errors"`
	Warnings int    `json:"warnings"`
	Infos    int    `json:"infos"`
	// InCommit is the pre-commit hook's comparison: the staged tree with
	// HEAD. Its words speak of the commit being made.
	InCommit bool `json:"-"`
}

// revDates dates the files of a revision's tree: all are committed there.
type revDates map[string]gitdates.File

func (d revDates) Date(f File) (rules.Day, DateSource) {
	if gf, ok := d[f.Path]; ok {
		return rules.DayOf(gf.Stamp.When), SourceGit
	}
	return rules.DayOf(f.ModTime), SourceGit
}

// judgeRev judges the evidence folder as the revision holds it, with the
// same rules on the same day: the tree comes from the commit's own trees
// (read in the history walk), the session.toml files from its blobs.
func judgeRev(repo *gitdates.Repo, in Input) (*Report, error) {
	rt := repo.Rev
	fsys := newRevFS()
	for p, f := range rt.Files {
		var data []byte
		if path.Base(p) == SessionFile {
			var err error
			if data, err = repo.ReadBlob(f.Blob); err != nil {
				at := repo.FullID(rt.Hash)
				if len(at) > 7 {
					at = at[:7]
				}
				return nil, &lang.Error{
					Msg: i18n.T(fmt.Sprintf("--new-from-rev : le fichier %s, tel qu'il était à la révision %s, ne peut pas être lu dans ce dépôt", p, at),
						fmt.Sprintf("--new-from-rev: file %s as it was at revision %s cannot be read in this repository", p, at)),
					Hint: i18n.T("dans un clone partiel (--filter=blob:none), installez git pour qu'il télécharge ce qui manque, ou clonez sans --filter ; sinon, lancez git fsck",
						"in a partial clone (--filter=blob:none), install git so that it downloads what is missing, or clone without --filter; otherwise, run git fsck"),
					Err: err,
				}
			}
		}
		fsys.add(p, f.Stamp.When, data)
	}
	fsys.sort()
	tree, err := WalkTree(fsys, in.Config.Ignore)
	if err != nil {
		return nil, err
	}
	in.Tree, in.FS, in.Dates = tree, fsys, revDates(rt.Files)
	return Judge(in)
}

// revFS is a commit's files as a read-only file system, each folder's
// entries listed once (fstest.MapFS scans every file for each folder it
// lists, which grows with the square of the files: BENCHMARKS.md,
// --new-from-rev).
type revFS struct {
	dirs  map[string][]fs.DirEntry // by folder, "." for the root
	files map[string]*revInfo
}

func newRevFS() *revFS {
	return &revFS{dirs: map[string][]fs.DirEntry{".": nil}, files: map[string]*revInfo{}}
}

// add puts file p in, with the folders above it.
func (r *revFS) add(p string, mod time.Time, data []byte) {
	info := &revInfo{name: path.Base(p), mod: mod, data: data}
	r.files[p] = info
	child := fs.DirEntry(info)
	for {
		dir := path.Dir(p)
		_, seen := r.dirs[dir]
		r.dirs[dir] = append(r.dirs[dir], child)
		if seen || dir == "." {
			return
		}
		p, child = dir, &revInfo{name: path.Base(dir), dir: true}
	}
}

func (r *revFS) sort() {
	for _, es := range r.dirs {
		sort.Slice(es, func(i, j int) bool { return es[i].Name() < es[j].Name() })
	}
}

func (r *revFS) ReadDir(name string) ([]fs.DirEntry, error) {
	es, ok := r.dirs[name]
	if !ok {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	return append([]fs.DirEntry(nil), es...), nil
}

func (r *revFS) ReadFile(name string) ([]byte, error) {
	f, ok := r.files[name]
	if !ok {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrNotExist}
	}
	return append([]byte(nil), f.data...), nil
}

func (r *revFS) Stat(name string) (fs.FileInfo, error) {
	if f, ok := r.files[name]; ok {
		return f, nil
	}
	if _, ok := r.dirs[name]; ok {
		return &revInfo{name: path.Base(name), dir: true}, nil
	}
	return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
}

// Open serves one file or folder through a MapFS of that entry alone.
func (r *revFS) Open(name string) (fs.File, error) {
	if f, ok := r.files[name]; ok {
		return fstest.MapFS{name: {Data: f.data, ModTime: f.mod, Mode: 0o644}}.Open(name)
	}
	es, ok := r.dirs[name]
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	m := fstest.MapFS{}
	for _, e := range es {
		i := e.(*revInfo)
		m[path.Join(name, i.name)] = &fstest.MapFile{Data: i.data, ModTime: i.mod, Mode: i.Mode()}
	}
	if name != "." {
		m[name] = &fstest.MapFile{Mode: fs.ModeDir | 0o555}
	}
	return m.Open(name)
}

// revInfo is a file or folder of a revFS, as its own DirEntry and FileInfo.
type revInfo struct {
	name string
	mod  time.Time
	data []byte
	dir  bool
}

func (i *revInfo) Name() string { return i.name }
func (i *revInfo) Size() int64  { return int64(len(i.data)) }
func (i *revInfo) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o555
	}
	return 0o644
}
func (i *revInfo) ModTime() time.Time         { return i.mod }
func (i *revInfo) IsDir() bool                { return i.dir }
func (i *revInfo) Sys() any                   { return nil }
func (i *revInfo) Type() fs.FileMode          { return i.Mode().Type() }
func (i *revInfo) Info() (fs.FileInfo, error) { return i, nil }

// findingKey is what makes two findings the same one from a revision to the
// next: the kind, the rule and the item (the each folder, "" at the root)
// for a rule's findings, the kind and the path otherwise. The item is
// folded as names are matched, so a folder whose name only changes case
// or accents keeps its findings; a stale proof replaced by another stale
// one is the same finding.
func findingKey(f Finding) string {
	item := f.Path
	if f.Rule != "" || f.Kind == KindAudit {
		item = f.item // an audit note: which one (the window soon, or open)
	}
	return string(f.Kind) + "\x00" + f.Rule + "\x00" + fold(item) + "\x00" + fmt.Sprint(f.Indicators)
}

// KeepNew keeps in rep only the findings that base does not have, counts
// the others in rep.Baseline, and sums the findings kept again.
func KeepNew(rep, base *Report, rev, commit string) {
	seen := map[string]int{}
	for _, f := range base.Findings {
		seen[findingKey(f)]++
	}
	b := &Baseline{Rev: rev, Commit: commit}
	kept := rep.Findings[:0:0]
	for _, f := range rep.Findings {
		k := findingKey(f)
		if seen[k] > 0 {
			seen[k]--
			switch f.Severity {
			case rules.SevError:
				b.Errors++
			case rules.SevWarning:
				b.Warnings++
			default:
				b.Infos++
			}
			continue
		}
		kept = append(kept, f)
	}
	rep.Findings = kept
	rep.Baseline = b
	rep.Summary.Errors, rep.Summary.Warnings, rep.Summary.Infos = 0, 0, 0
	for _, f := range kept {
		rep.Summary.count(f.Severity)
	}
}
