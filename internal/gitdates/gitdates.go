// Package gitdates finds, for every file of a git repository's HEAD, the
// author date of the newest commit that changed its content, in one walk of
// history.
//
// The walk starts with every file of HEAD pending and goes from the newest
// commits to the oldest, carrying each pending path down to the parent that
// holds the same content. For each commit it compares raw tree objects
// itself, descending only into the subtrees whose hashes differ, so a commit
// costs what it changed, not the size of the tree. A path whose content
// differs from every parent is settled at that commit, unless the same blob
// left another path in that commit: that is a rename or a move, and the file
// follows it back. A merge that takes a file unchanged from one parent passes
// it to that parent; a merge whose result differs from every parent (an "evil
// merge") is an update at the merge. The walk stops as soon as no file is
// pending.
package gitdates

import (
	"bytes"
	"container/heap"
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// maxTreeCache bounds the memory the built-in reader keeps for parsed trees.
const maxTreeCache = 48 << 20

// Stamp is the commit that last changed a file's content.
type Stamp struct {
	When   time.Time // author date, in the author's own time zone
	Commit plumbing.Hash
}

// File is a file of HEAD with its content id and its last update.
type File struct {
	Blob  plumbing.Hash
	Stamp Stamp
}

// Result is what one walk found.
type Result struct {
	Head    plumbing.Hash   // zero when the repository has no commit yet
	Files   map[string]File // by path relative to the walk's prefix, with /
	Commits int             // commit objects read
}

// Options tune a walk.
type Options struct {
	// Ignore lists commits that never count as updates: a file they changed
	// keeps the date it had before them (a bulk reformat, a renumbering).
	Ignore map[plumbing.Hash]bool
	// Shallow lists the commits whose parents are missing on purpose (a
	// shallow clone): they are treated as the first commits.
	Shallow map[plumbing.Hash]bool
	// Progress, when set, is called every few hundred commits.
	Progress func(commits int)
	// Known is an earlier result for the same prefix. When the walk reaches
	// its HEAD, the paths still pending there take the dates it found
	// instead of walking on: after a new commit only the new commits are
	// read.
	Known *Result
	// Git, when set, is the git binary to read the history with (its raw
	// log, streamed); otherwise go-git reads the objects itself. Both give
	// the same dates.
	Git string
	// Dir is the work tree's folder, for the git binary.
	Dir string
}

// MissingObjectError is a commit or tree that history needs but the
// repository does not hold, or holds corrupt.
type MissingObjectError struct {
	Kind string // "commit" or "tree"
	Hash plumbing.Hash
	Err  error
}

func (e *MissingObjectError) Error() string {
	return fmt.Sprintf("git %s %s is missing or unreadable: %v", e.Kind, e.Hash, e.Err)
}

func (e *MissingObjectError) Unwrap() error { return e.Err }

// Walk dates every file under prefix (a folder of the repository, "" for
// all of it) at HEAD.
func Walk(repo *git.Repository, prefix string, opts Options) (*Result, error) {
	st := storer.EncodedObjectStorer(repo.Storer)
	if fsst, ok := repo.Storer.(*filesystem.Storage); ok {
		// Keep pack files open for the whole walk instead of reopening
		// them for every object.
		keep := filesystem.NewStorageWithOptions(fsst.Filesystem(), cache.NewObjectLRU(32*cache.MiByte),
			filesystem.Options{KeepDescriptors: true})
		defer keep.Close()
		st = keep
	}
	w := &walker{
		st:      st,
		prefix:  splitPrefix(prefix),
		opts:    opts,
		trees:   map[plumbing.Hash][]entry{},
		commits: map[plumbing.Hash]*commitInfo{},
		nodes:   map[plumbing.Hash]*node{},
	}
	res := &Result{Files: map[string]File{}}
	ref, err := repo.Head()
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return res, nil // no commit yet: every file is uncommitted
	}
	if err != nil {
		return nil, fmt.Errorf("reading HEAD: %w", err)
	}
	res.Head = ref.Hash()
	// Pending paths are whole-repository paths: a file moved into the
	// evidence folder from elsewhere in the repository follows its move too.
	var paths []string
	var blobs []plumbing.Hash
	base := strings.Join(w.prefix, "/")
	if base != "" {
		base += "/"
	}
	w.base = base
	if opts.Git != "" {
		var known plumbing.Hash
		if opts.Known != nil {
			known = opts.Known.Head
		}
		src, err := readGit(context.Background(), opts.Git, opts.Dir, res.Head, known, strings.TrimSuffix(base, "/"), opts.Progress)
		if err != nil {
			return nil, err
		}
		w.streamed = map[plumbing.Hash][][]change{}
		w.stream, w.finish = src.stream, src.finish
		// Whatever happens, git is not left running.
		defer func() {
			if w.finish != nil {
				_ = w.finish(true)
			}
		}()
		paths, blobs = src.paths, src.blobs
	}
	head, err := w.commit(res.Head)
	if err != nil {
		return nil, err
	}
	if opts.Git == "" {
		root, err := w.subtree(head.tree)
		if err != nil {
			return nil, err
		}
		if root.IsZero() {
			return res, nil
		}
		if err := w.files(root, base, func(p string, b plumbing.Hash) {
			paths = append(paths, p)
			blobs = append(blobs, b)
		}); err != nil {
			return nil, err
		}
	}
	if len(paths) == 0 {
		return res, nil
	}
	stamps := make([]Stamp, len(paths))
	pending := make(map[string][]int32, len(paths))
	for i, p := range paths {
		pending[p] = []int32{int32(i)}
	}
	w.stamp = func(id int32, s Stamp) { stamps[id] = s }
	w.settle = func(ids []int32, c *commitInfo, h plumbing.Hash) {
		for _, id := range ids {
			stamps[id] = Stamp{When: c.author, Commit: h}
		}
	}
	w.push(res.Head, head, pending)
	if err := w.run(); err != nil {
		return nil, err
	}
	for i, p := range paths {
		res.Files[strings.TrimPrefix(p, base)] = File{Blob: blobs[i], Stamp: stamps[i]}
	}
	res.Commits = w.read
	return res, nil
}

func splitPrefix(prefix string) []string {
	prefix = strings.Trim(prefix, "/")
	if prefix == "" || prefix == "." {
		return nil
	}
	return strings.Split(prefix, "/")
}

// entry is a tree entry; its name points into the raw tree bytes, which the
// cache keeps, so that parsing a tree allocates once, not once an entry.
type entry struct {
	name []byte
	dir  bool
	hash plumbing.Hash
}

// compareEntries orders entries as git does: by name, a folder's name as if
// it ended in "/". Equal means the same name and the same kind.
func compareEntries(a, b *entry) int {
	n := min(len(a.name), len(b.name))
	if c := bytes.Compare(a.name[:n], b.name[:n]); c != 0 {
		return c
	}
	next := func(e *entry) int {
		switch {
		case len(e.name) > n:
			return int(e.name[n])
		case e.dir:
			return '/'
		}
		return 0
	}
	return next(a) - next(b)
}

type commitInfo struct {
	tree      plumbing.Hash
	parents   []plumbing.Hash
	author    time.Time
	committer time.Time
}

// node is a commit waiting in the queue with the paths pending in it.
type node struct {
	hash    plumbing.Hash
	info    *commitInfo
	pending map[string][]int32
	index   int
}

type walker struct {
	st        storer.EncodedObjectStorer
	prefix    []string
	opts      Options
	trees     map[plumbing.Hash][]entry
	commits   map[plumbing.Hash]*commitInfo
	nodes     map[plumbing.Hash]*node
	queue     queue
	read      int
	treeBytes int                          // what the cached trees hold, about
	streamed  map[plumbing.Hash][][]change // from git log: each commit's changes against each parent
	stream    *logStream                   // git's log, still being read
	finish    func(stop bool) error        // ends git's log
	base      string                       // the prefix folder with a trailing /, "" for the whole repository
	settle    func([]int32, *commitInfo, plumbing.Hash)
	stamp     func(int32, Stamp)
}

func (w *walker) commit(h plumbing.Hash) (*commitInfo, error) {
	if c, ok := w.commits[h]; ok {
		return c, nil
	}
	// From git's log, as it comes: read on until the commit shows up.
	for w.stream != nil {
		sh, sc, err := w.stream.next()
		if errors.Is(err, io.EOF) {
			w.stream = nil
			finish := w.finish
			w.finish = nil
			if err := finish(false); err != nil {
				return nil, err
			}
			break // older than what git was asked for: go-git reads it
		}
		if err != nil {
			return nil, err
		}
		w.read++
		if w.opts.Shallow[sh] {
			sc.info.parents, sc.diffs = nil, nil
		}
		w.commits[sh], w.streamed[sh] = sc.info, sc.diffs
		if sh == h {
			return sc.info, nil
		}
	}
	obj, err := w.st.EncodedObject(plumbing.CommitObject, h)
	if err != nil {
		return nil, &MissingObjectError{"commit", h, err}
	}
	c, err := object.DecodeCommit(w.st, obj)
	if err != nil {
		return nil, &MissingObjectError{"commit", h, err}
	}
	w.read++
	if w.opts.Progress != nil && w.read%500 == 0 {
		w.opts.Progress(w.read)
	}
	info := &commitInfo{tree: c.TreeHash, author: c.Author.When, committer: c.Committer.When}
	if !w.opts.Shallow[h] {
		info.parents = c.ParentHashes
	}
	w.commits[h] = info
	return info, nil
}

// push adds pending paths to commit h, queueing it if it is not waiting yet.
func (w *walker) push(h plumbing.Hash, info *commitInfo, pending map[string][]int32) {
	if len(pending) == 0 {
		return
	}
	if n, ok := w.nodes[h]; ok {
		n.pending = mergePending(n.pending, pending)
		return
	}
	n := &node{hash: h, info: info, pending: pending}
	w.nodes[h] = n
	heap.Push(&w.queue, n)
}

func mergePending(a, b map[string][]int32) map[string][]int32 {
	if len(a) < len(b) {
		a, b = b, a
	}
	for p, ids := range b {
		a[p] = append(a[p], ids...)
	}
	return a
}

// run processes commits newest first until nothing is pending. A commit whose
// child comes later in the queue (clock skew) is simply queued again with the
// paths that reach it late: each path is judged on its own, so the order only
// matters for speed.
func (w *walker) run() error {
	for w.queue.Len() > 0 {
		n := heap.Pop(&w.queue).(*node)
		delete(w.nodes, n.hash)
		if err := w.visit(n); err != nil {
			return err
		}
	}
	return nil
}

type change struct {
	path     string
	old, new plumbing.Hash // zero: absent on that side
}

// diffSet is the difference between a commit and one parent.
type diffSet struct {
	byPath map[string]change
	left   map[plumbing.Hash][]string // blob → paths it left (deleted in the commit), sorted
}

func (d *diffSet) leftPaths(blob plumbing.Hash) []string {
	if d.left == nil {
		d.left = map[plumbing.Hash][]string{}
		for p, ch := range d.byPath {
			if ch.new.IsZero() {
				d.left[ch.old] = append(d.left[ch.old], p)
			}
		}
		for _, ps := range d.left {
			sort.Strings(ps)
		}
	}
	return d.left[blob]
}

func (w *walker) visit(n *node) error {
	c := n.info
	if k := w.opts.Known; k != nil && n.hash == k.Head {
		for p, ids := range n.pending {
			if f, ok := k.Files[strings.TrimPrefix(p, w.base)]; ok && strings.HasPrefix(p, w.base) {
				for _, id := range ids {
					w.stamp(id, f.Stamp)
				}
				delete(n.pending, p)
			}
		}
		if len(n.pending) == 0 {
			return nil
		}
	}
	if len(c.parents) == 0 {
		for _, ids := range n.pending {
			w.settle(ids, c, n.hash)
		}
		return nil
	}
	root := c.tree
	parents := make([]*commitInfo, len(c.parents))
	proots := make([]plumbing.Hash, len(c.parents))
	for i, ph := range c.parents {
		var err error
		if parents[i], err = w.commit(ph); err != nil {
			return err
		}
		proots[i] = parents[i].tree
		if proots[i] == root {
			// Nothing changed against this parent: every pending path
			// follows it.
			w.push(ph, parents[i], n.pending)
			return nil
		}
	}
	// The differences against each parent, by path: from git's log when it
	// gave them, else by comparing the trees.
	diffs := make([]*diffSet, len(c.parents))
	for i := range c.parents {
		d := &diffSet{byPath: map[string]change{}}
		if sd, ok := w.streamed[n.hash]; ok && len(sd) == len(c.parents) {
			for _, ch := range sd[i] {
				d.byPath[ch.path] = ch
			}
		} else if err := w.diff(root, proots[i], "", func(ch change) { d.byPath[ch.path] = ch }); err != nil {
			return err
		}
		diffs[i] = d
	}
	ignored := w.opts.Ignore[n.hash]
	moves := make([]map[string][]int32, len(c.parents))
	for p, ch := range diffs[0].byPath {
		ids, ok := n.pending[p]
		if !ok || ch.new.IsZero() {
			continue
		}
		delete(n.pending, p)
		target, from := w.follow(p, ch.new, diffs, ignored)
		if target < 0 {
			w.settle(ids, c, n.hash)
			continue
		}
		if moves[target] == nil {
			moves[target] = map[string][]int32{}
		}
		moves[target][from] = append(moves[target][from], ids...)
	}
	// What did not change against the first parent goes to it as a whole.
	w.push(c.parents[0], parents[0], mergeInto(n.pending, moves[0]))
	for i := 1; i < len(c.parents); i++ {
		w.push(c.parents[i], parents[i], moves[i])
	}
	return nil
}

func mergeInto(a, b map[string][]int32) map[string][]int32 {
	if b == nil {
		return a
	}
	return mergePending(a, b)
}

// follow decides where a path that differs from the first parent goes: to the
// first other parent that holds the same content at that path, else to the
// path the same blob left in this commit (a move), else nowhere: the commit
// updated it. It returns the parent index and the path there, or -1.
func (w *walker) follow(p string, blob plumbing.Hash, diffs []*diffSet, ignored bool) (int, string) {
	for i := 1; i < len(diffs); i++ {
		if _, changed := diffs[i].byPath[p]; !changed {
			return i, p
		}
	}
	for i, d := range diffs {
		if from := d.leftPaths(blob); len(from) > 0 {
			return i, closest(p, from)
		}
	}
	if ignored {
		// An ignored commit passes the file on as it was before, when the
		// parent had it.
		if ch := diffs[0].byPath[p]; !ch.old.IsZero() {
			return 0, p
		}
	}
	return -1, ""
}

// closest picks, among the paths the same content left, the one that ends
// like p: when a folder of identical files (blank templates, "néant"
// registers) moves, each file follows its own old path, not the first one.
func closest(p string, from []string) string {
	best, bestLen := from[0], -1
	for _, q := range from {
		n := 0
		for n < len(p) && n < len(q) && p[len(p)-1-n] == q[len(q)-1-n] {
			n++
		}
		if n > bestLen {
			best, bestLen = q, n
		}
	}
	return best
}

// subtree returns the hash of the prefix folder inside a root tree, zero when
// the commit has no such folder.
func (w *walker) subtree(root plumbing.Hash) (plumbing.Hash, error) {
	h := root
	for _, name := range w.prefix {
		entries, err := w.tree(h)
		if err != nil {
			return plumbing.ZeroHash, err
		}
		found := false
		for _, e := range entries {
			if e.dir && string(e.name) == name {
				h, found = e.hash, true
				break
			}
		}
		if !found {
			return plumbing.ZeroHash, nil
		}
	}
	return h, nil
}

// files calls fn for every file below tree h.
func (w *walker) files(h plumbing.Hash, base string, fn func(string, plumbing.Hash)) error {
	entries, err := w.tree(h)
	if err != nil {
		return err
	}
	for _, e := range entries {
		p := base + string(e.name)
		if e.dir {
			if err := w.files(e.hash, p+"/", fn); err != nil {
				return err
			}
			continue
		}
		fn(p, e.hash)
	}
	return nil
}

// diff reports every file that differs between tree a (the commit) and tree
// b (a parent), descending only into folders whose hashes differ. Either
// side may be zero (absent). Both entry lists are in git's order, so one
// merge pass pairs them.
func (w *walker) diff(a, b plumbing.Hash, base string, fn func(change)) error {
	if a == b {
		return nil
	}
	var ea, eb []entry
	var err error
	if !a.IsZero() {
		if ea, err = w.tree(a); err != nil {
			return err
		}
	}
	if !b.IsZero() {
		if eb, err = w.tree(b); err != nil {
			return err
		}
	}
	i, j := 0, 0
	for i < len(ea) || j < len(eb) {
		var c int
		switch {
		case i == len(ea):
			c = 1
		case j == len(eb):
			c = -1
		default:
			c = compareEntries(&ea[i], &eb[j])
		}
		switch {
		case c < 0: // only in the commit
			if err := w.side(ea[i], base, fn, true); err != nil {
				return err
			}
			i++
		case c > 0: // only in the parent
			if err := w.side(eb[j], base, fn, false); err != nil {
				return err
			}
			j++
		default:
			x, y := ea[i], eb[j]
			i++
			j++
			if x.hash == y.hash {
				continue
			}
			p := base + string(x.name)
			if x.dir {
				if err := w.diff(x.hash, y.hash, p+"/", fn); err != nil {
					return err
				}
				continue
			}
			fn(change{path: p, old: y.hash, new: x.hash})
		}
	}
	return nil
}

// side reports an entry present on one side only.
func (w *walker) side(e entry, base string, fn func(change), inCommit bool) error {
	p := base + string(e.name)
	if e.dir {
		return w.files(e.hash, p+"/", func(q string, h plumbing.Hash) { fn(onSide(q, h, inCommit)) })
	}
	fn(onSide(p, e.hash, inCommit))
	return nil
}

func onSide(p string, h plumbing.Hash, inCommit bool) change {
	if inCommit {
		return change{path: p, new: h}
	}
	return change{path: p, old: h}
}

// tree reads a tree object's entries from its raw bytes, caching them: the
// same trees come back in every commit that did not change them.
func (w *walker) tree(h plumbing.Hash) ([]entry, error) {
	if es, ok := w.trees[h]; ok {
		return es, nil
	}
	obj, err := w.st.EncodedObject(plumbing.TreeObject, h)
	if err != nil {
		return nil, &MissingObjectError{"tree", h, err}
	}
	r, err := obj.Reader()
	if err != nil {
		return nil, &MissingObjectError{"tree", h, err}
	}
	raw := make([]byte, obj.Size())
	_, err = io.ReadFull(r, raw)
	r.Close()
	if err != nil {
		return nil, &MissingObjectError{"tree", h, err}
	}
	es, err := parseTree(raw)
	if err != nil {
		return nil, &MissingObjectError{"tree", h, err}
	}
	if w.treeBytes += len(raw) + 64*len(es); w.treeBytes > maxTreeCache {
		// Bound memory on huge histories: trees are read again on demand.
		clear(w.trees)
		w.treeBytes = len(raw) + 64*len(es)
	}
	w.trees[h] = es
	return es, nil
}

// parseTree reads "<mode> <name>\x00<20-byte id>" entries. Submodules
// (gitlinks) are not files of this repository and are left out.
func parseTree(raw []byte) ([]entry, error) {
	out := make([]entry, 0, bytes.Count(raw, []byte{0}))
	for len(raw) > 0 {
		sp := bytes.IndexByte(raw, ' ')
		if sp < 0 {
			return nil, errors.New("malformed tree entry")
		}
		mode := raw[:sp]
		raw = raw[sp+1:]
		nul := bytes.IndexByte(raw, 0)
		if nul < 0 || len(raw) < nul+1+20 {
			return nil, errors.New("malformed tree entry")
		}
		name := raw[:nul:nul]
		var h plumbing.Hash
		copy(h[:], raw[nul+1:nul+21])
		raw = raw[nul+21:]
		switch string(mode) {
		case "40000", "040000":
			out = append(out, entry{name: name, dir: true, hash: h})
		case "160000":
			// a submodule
		default:
			out = append(out, entry{name: name, hash: h})
		}
	}
	return out, nil
}

// queue orders commits newest first by committer date.
type queue []*node

func (q queue) Len() int { return len(q) }
func (q queue) Less(i, j int) bool {
	ti, tj := q[i].info.committer, q[j].info.committer
	if !ti.Equal(tj) {
		return ti.After(tj)
	}
	return bytes.Compare(q[i].hash[:], q[j].hash[:]) < 0
}
func (q queue) Swap(i, j int) {
	q[i], q[j] = q[j], q[i]
	q[i].index, q[j].index = i, j
}
func (q *queue) Push(x any) {
	n := x.(*node)
	n.index = len(*q)
	*q = append(*q, n)
}
func (q *queue) Pop() any {
	old := *q
	n := old[len(old)-1]
	*q = old[:len(old)-1]
	return n
}
