package linter

import (
	"sort"
	"strings"
)

// How `each` finds its items. The folders that the each pattern matches are
// candidates; a candidate is an item when it is dated (a date starts its
// name, or it holds a session.toml) and holds a file. An undated candidate
// that holds a dated folder, at any depth, only groups items (a year, a
// client): its subfolders are candidates in turn; so does one that only
// holds folders of items (a year, a promotion: see groupings.go). An
// undated candidate that
// holds a file (other than a README or a session.toml) is an item with no
// dates (a trainer, a subcontractor). Any other folder is empty and never an
// item: git keeps no empty folder, so a clone judges the same items, and a
// folder left behind by a move is not a session.

// folderFacts is what the item test needs to know of every folder, found
// once per judgement.
type folderFacts struct {
	hasFiles    map[string]bool  // folded folder → holds a file that is not a folder description, at any depth
	holdsAny    map[string]bool  // folded folder → holds a file, at any depth
	datedBelow  map[string]bool  // folded folder → holds a dated folder, at any depth
	children    map[string][]int // folded folder → indexes in Tree.Dirs of its subfolders
	dated       map[string]bool  // folded folder → dated (its name or its session.toml) and not empty
	direct      map[string]bool  // folded folder → holds a file that is not a folder description, directly
	files       map[string][]int // folded folder → indexes in Tree.Files of its files, directly
	initialized bool
}

func (j *judge) facts() *folderFacts {
	ff := &j.folders
	if ff.initialized {
		return ff
	}
	ff.initialized = true
	ff.hasFiles, ff.holdsAny, ff.datedBelow, ff.children, ff.dated = map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string][]int{}, map[string]bool{}
	ff.direct, ff.files = map[string]bool{}, map[string][]int{}
	describes := j.describing()
	for i := range j.Tree.Files {
		f := &j.Tree.Files[i]
		if placeholder(f) {
			// A .gitkeep only keeps an empty folder in git: the folder
			// holds nothing.
			continue
		}
		for k := strings.LastIndexByte(f.key, '/'); k > 0; k = strings.LastIndexByte(f.key[:k], '/') {
			if ff.holdsAny[f.key[:k]] {
				break
			}
			ff.holdsAny[f.key[:k]] = true
		}
		if s := strings.LastIndexByte(f.key, '/'); s > 0 {
			ff.files[f.key[:s]] = append(ff.files[f.key[:s]], i)
			if !describes[i] {
				ff.direct[f.key[:s]] = true
			}
		}
		if describes[i] {
			continue
		}
		for k := strings.LastIndexByte(f.key, '/'); k > 0; k = strings.LastIndexByte(f.key[:k], '/') {
			if ff.hasFiles[f.key[:k]] {
				break
			}
			ff.hasFiles[f.key[:k]] = true
		}
	}
	for i, k := range j.Tree.dirKeys {
		parent := ""
		if s := strings.LastIndexByte(k, '/'); s > 0 {
			parent = k[:s]
		}
		ff.children[parent] = append(ff.children[parent], i)
		if !ff.holdsAny[k] || !j.dated(k, j.Tree.Dirs[i]) {
			continue
		}
		ff.dated[k] = true
		for s := strings.LastIndexByte(k, '/'); s > 0; s = strings.LastIndexByte(k[:s], '/') {
			if ff.datedBelow[k[:s]] {
				break
			}
			ff.datedBelow[k[:s]] = true
		}
	}
	return ff
}

// dated reports whether folder d (key: folded) carries dates.
func (j *judge) dated(key, d string) bool {
	if j.hasSpan[key] {
		return true
	}
	_, ok := dateAtStart(base(d))
	return ok
}

// items returns the items among the folders an each pattern matched
// (folded → as on disk), sorted.
func (j *judge) items(matched map[string]string, pats []matcher) map[string]string {
	ff := j.facts()
	out := map[string]string{}
	var visit func(key, d string)
	visit = func(key, d string) {
		switch {
		case ff.dated[key]:
			out[key] = d
		case ff.datedBelow[key]:
			for _, c := range ff.children[key] {
				visit(j.Tree.dirKeys[c], j.Tree.Dirs[c])
			}
		case ff.hasFiles[key] && j.groups(key, pats):
			for _, c := range ff.children[key] {
				visit(j.Tree.dirKeys[c], j.Tree.Dirs[c])
			}
		case ff.hasFiles[key]:
			out[key] = d
		}
	}
	keys := make([]string, 0, len(matched))
	for k := range matched {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		visit(k, matched[k])
	}
	return out
}

// describing tells, by file index, the files that describe their folder
// (README.md, session.toml): never proofs. Found once per judgement.
func (j *judge) describing() []bool {
	if j.describes == nil {
		j.describes = make([]bool, len(j.Tree.Files))
		for i := range j.Tree.Files {
			j.describes[i] = describesFolder(&j.Tree.Files[i])
		}
	}
	return j.describes
}
