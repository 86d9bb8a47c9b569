// Walk finds, for every file of a git repository's HEAD, the
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
//
// The commits' changes come from one of two readers, which give the same
// dates: the git binary's raw log, streamed as git writes it (gitcli.go), or
// the built-in reader, which reads trees straight from the pack files
// (pack.go) and compares only the commits the walk visits, on one core.

package gitdates

import (
	"bytes"
	"container/heap"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/bits"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/storage/filesystem"

	"github.com/qlint/qlint/internal/gcpace"
)

// minTreeCache and maxTreeCache bound the memory the built-in reader keeps
// for parsed trees, and maxObjectCache what it keeps of decoded objects
// (delta bases).
const (
	minTreeCache   = 1 << 20
	maxTreeCache   = 48 << 20
	maxObjectCache = 32 << 20
)

// treeCacheFor sizes the cache of parsed trees, and the one of delta bases,
// to the repository: 32 times its index (HEAD's trees take about half the
// index, one pass over history needs the trees of a few commits at a time,
// and a tree's delta chain runs through older versions of the same
// folder), from minTreeCache to maxTreeCache. A repository of 1,500 files
// (etcd) kept 48 MiB of trees for nothing, and at least 8 and 16 MiB made
// go-git's cold run hold 37 MB where git log holds 22: 5 and 2.4 MiB took
// no more time on either, 16 times the index instead of 32 made git/git's
// 15% slower.
func treeCacheFor(repo *repository) int {
	fsst, ok := repo.Storer.(*filesystem.Storage)
	if !ok {
		return maxTreeCache
	}
	fi, err := fsst.Filesystem().Stat("index")
	if err != nil {
		return maxTreeCache
	}
	return int(min(max(32*fi.Size(), minTreeCache), maxTreeCache))
}

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
	// AlsoFiles are the files of Options.Also, dated as of that commit,
	// when it was asked for.
	AlsoFiles map[string]File
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
	// Also, when set, is a second commit whose files are dated too, as of
	// that commit (--new-from-rev), in the same walk: its files are pending
	// from it, and the commits it shares with HEAD are read once.
	Also plumbing.Hash
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
func Walk(repo *repository, prefix string, opts Options) (*Result, error) {
	var or objectReader
	var closeReaders func()
	if opts.Git != "" {
		// git's log tells the commits; objects are read only for what
		// it does not tell, if anything.
		lazy := &lazyReader{open: func() (objectReader, func()) {
			if formatOf(repo) == sha256IDs { // objects only git reads (sha256.go)
				c := newCatFile(opts.Git, opts.Dir)
				return c, c.close
			}
			return objectReaders(repo)
		}}
		or, closeReaders = lazy, lazy.close
	} else {
		or, closeReaders = objectReaders(repo)
	}
	defer closeReaders()
	w := &walker{
		or:      or,
		tr:      newTrees(or, treeCacheFor(repo)),
		zones:   map[string]*time.Location{},
		prefix:  splitPrefix(prefix),
		opts:    opts,
		commits: map[plumbing.Hash]*commitInfo{},
		nodes:   map[plumbing.Hash]*node{},
	}
	res := &Result{Files: map[string]File{}}
	ref, err := repo.head()
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return res, nil // no commit yet: every file is uncommitted
	}
	if err != nil {
		return nil, fmt.Errorf("reading HEAD: %w", err)
	}
	res.Head = ref.Hash()
	if opts.Known == nil || opts.Known.Head.IsZero() {
		// A whole history is read: it allocates far more than it keeps.
		gcpace.Resume()
	}
	if opts.Git == "" && (opts.Known == nil || opts.Known.Head.IsZero()) {
		// A whole walk: after new commits, the walk reads few.
		w.ahead = startAhead(or, opts.Shallow, res.Head)
		defer w.ahead.stop()
	}
	// Pending paths are whole-repository paths: a file moved into the
	// evidence folder from elsewhere in the repository follows its move too.
	var paths []string
	var blobs []plumbing.Hash
	base := strings.Join(w.prefix, "/")
	if base != "" {
		base += "/"
	}
	w.base = base
	// After new commits, HEAD's files are the earlier result's, changed by
	// what changed since: listing them all would read every tree of HEAD.
	incremental := opts.Known != nil && !opts.Known.Head.IsZero()
	listed := false
	if opts.Git != "" {
		var known plumbing.Hash
		if incremental {
			known = opts.Known.Head
		}
		src, err := readGit(context.Background(), opts.Git, opts.Dir, gitConfigArgs(repo), res.Head, known, !incremental, strings.TrimSuffix(base, "/"), opts.Progress)
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
		paths, blobs, listed = src.paths, src.blobs, !incremental
	}
	head, err := w.commit(res.Head)
	if err != nil {
		return nil, err
	}
	if incremental && !listed {
		if paths, blobs, listed, err = w.filesSince(head, opts.Known); err != nil {
			return nil, err
		}
		if !listed {
			// The earlier HEAD is gone (history rewritten): the
			// whole history is read after all.
			gcpace.Resume()
		}
	}
	if !listed {
		root, err := w.subtree(head.tree)
		if err != nil {
			return nil, err
		}
		if !root.IsZero() {
			if err := w.tr.files(root, base, func(p string, b plumbing.Hash) {
				paths = append(paths, p)
				blobs = append(blobs, b)
			}); err != nil {
				return nil, err
			}
		}
	}
	heads := len(paths)
	alsoHead := !opts.Also.IsZero() && opts.Also != res.Head
	var also *commitInfo
	if alsoHead {
		if also, err = w.commit(opts.Also); err != nil {
			return nil, err
		}
		root, err := w.subtree(also.tree)
		if err != nil {
			return nil, err
		}
		if !root.IsZero() {
			if err := w.tr.files(root, base, func(p string, b plumbing.Hash) {
				paths = append(paths, p)
				blobs = append(blobs, b)
			}); err != nil {
				return nil, err
			}
		}
	}
	if len(paths) == 0 {
		if !opts.Also.IsZero() {
			res.AlsoFiles = map[string]File{}
		}
		return res, nil
	}
	stamps := make([]Stamp, len(paths))
	pending := make(map[string][]int32, heads)
	for i, p := range paths[:heads] {
		pending[p] = []int32{int32(i)}
	}
	w.stamp = func(id int32, s Stamp) { stamps[id] = s }
	w.settle = func(ids []int32, c *commitInfo, h plumbing.Hash) {
		for _, id := range ids {
			stamps[id] = Stamp{When: c.author, Commit: h}
		}
	}
	w.push(res.Head, head, pending)
	if alsoHead {
		alsoPending := make(map[string][]int32, len(paths)-heads)
		for i := heads; i < len(paths); i++ {
			alsoPending[paths[i]] = []int32{int32(i)}
		}
		w.push(opts.Also, also, alsoPending)
	}
	if err := w.run(); err != nil {
		return nil, err
	}
	for i, p := range paths[:heads] {
		res.Files[strings.TrimPrefix(p, base)] = File{Blob: blobs[i], Stamp: stamps[i]}
	}
	switch {
	case alsoHead:
		res.AlsoFiles = make(map[string]File, len(paths)-heads)
		for i := heads; i < len(paths); i++ {
			res.AlsoFiles[strings.TrimPrefix(paths[i], base)] = File{Blob: blobs[i], Stamp: stamps[i]}
		}
	case !opts.Also.IsZero():
		res.AlsoFiles = res.Files
	}
	res.Commits = w.read
	return res, nil
}

// filesSince lists the files of head from an earlier result: its files,
// changed by the difference between its HEAD's tree and head's, which one
// comparison finds entering only the folders that changed. It returns false
// when the earlier HEAD cannot be read any more (history rewritten, then
// pruned): the files are then listed from head's trees.
func (w *walker) filesSince(head *commitInfo, known *Result) ([]string, []plumbing.Hash, bool, error) {
	kc, err := readCommit(w.or, known.Head, false, w.zones)
	if err != nil {
		return nil, nil, false, nil
	}
	root, err := w.subtree(head.tree)
	if err != nil {
		return nil, nil, false, err
	}
	kroot, err := w.subtree(kc.tree)
	if err != nil {
		return nil, nil, false, nil
	}
	files := make(map[string]plumbing.Hash, len(known.Files))
	for p, f := range known.Files {
		files[w.base+p] = f.Blob
	}
	if err := w.tr.diff(root, kroot, w.base, func(ch change) {
		if ch.new.IsZero() {
			delete(files, ch.path)
		} else {
			files[ch.path] = ch.new
		}
	}); err != nil {
		return nil, nil, false, err
	}
	paths := make([]string, 0, len(files))
	blobs := make([]plumbing.Hash, 0, len(files))
	for p, b := range files {
		paths = append(paths, p)
		blobs = append(blobs, b)
	}
	return paths, blobs, true, nil
}

// objectReaders returns how the built-in reader reads objects: straight
// from the pack files when it can, through go-git otherwise; close releases
// it.
func objectReaders(repo *repository) (or objectReader, close func()) {
	fsst, ok := repo.Storer.(*filesystem.Storage)
	if !ok {
		return &lockedReader{r: storerReader{repo.Storer}}, func() {}
	}
	// Keep pack files open for the whole walk instead of reopening them
	// for every object.
	openGoGit := func(objectCache int) (objectReader, func()) {
		// Alternates (clone --shared) name other object folders by
		// absolute path: they are read from the root, as git does.
		keep := filesystem.NewStorageWithOptions(fsst.Filesystem(), cache.NewObjectLRU(cache.FileSize(objectCache)),
			filesystem.Options{KeepDescriptors: true, AlternatesFS: osfs.New(string(filepath.Separator))})
		return &lockedReader{r: storerReader{keep}}, func() { _ = keep.Close() }
	}
	// Loose objects and alternates, beside the packs.
	rest, closeRest := openGoGit(maxObjectCache / 8)
	// The delta bases kept: sized to the repository like the trees.
	if pr := openPacks(objectsDir(fsst.Filesystem().Root()), rest, min(treeCacheFor(repo), maxObjectCache)); pr != nil {
		return pr, func() { pr.close(); closeRest() }
	}
	closeRest()
	return openGoGit(maxObjectCache)
}

// objectsDir is the objects folder of the git folder gitDir: a linked
// worktree's git folder names the common one in its commondir file.
func objectsDir(gitDir string) string {
	if b, err := os.ReadFile(filepath.Join(gitDir, "commondir")); err == nil {
		common := strings.TrimSpace(string(b))
		if !filepath.IsAbs(common) {
			common = filepath.Join(gitDir, common)
		}
		return filepath.Join(common, "objects")
	}
	return filepath.Join(gitDir, "objects")
}

// lazyReader opens its reader on the first read.
type lazyReader struct {
	once   sync.Once
	open   func() (objectReader, func())
	r      objectReader
	closer func()
}

func (l *lazyReader) read(kind plumbing.ObjectType, h plumbing.Hash) ([]byte, error) {
	l.once.Do(func() { l.r, l.closer = l.open() })
	return l.r.read(kind, h)
}

func (l *lazyReader) close() {
	l.once.Do(func() {}) // never opened after this
	if l.closer != nil {
		l.closer()
	}
}

// lockedReader makes a reader safe for concurrent use.
type lockedReader struct {
	mu sync.Mutex
	r  objectReader
}

func (l *lockedReader) read(kind plumbing.ObjectType, h plumbing.Hash) ([]byte, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.r.read(kind, h)
}

func splitPrefix(prefix string) []string {
	prefix = strings.Trim(prefix, "/")
	if prefix == "" || prefix == "." {
		return nil
	}
	return strings.Split(prefix, "/")
}

// entry is a tree entry; its name points into the raw tree bytes.
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
	or       objectReader
	tr       *trees
	zones    map[string]*time.Location
	prefix   []string
	opts     Options
	commits  map[plumbing.Hash]*commitInfo
	nodes    map[plumbing.Hash]*node
	queue    queue
	read     int
	streamed map[plumbing.Hash][][]change // from git log: each commit's changes against its first parent, until visited
	stream   *logStream                   // git's log, still being read
	finish   func(stop bool) error        // ends git's log
	base     string                       // the prefix folder with a trailing /, "" for the whole repository
	settle   func([]int32, *commitInfo, plumbing.Hash)
	stamp    func(int32, Stamp)
	ahead    *commitsAhead // commits read on another core, or nil
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
	info, ok := w.ahead.take(h)
	if !ok {
		var err error
		info, err = readCommit(w.or, h, w.opts.Shallow[h], w.zones)
		w.ahead.read(h, info)
		if err != nil {
			return nil, err
		}
	}
	w.read++
	if w.opts.Progress != nil && w.read%500 == 0 {
		w.opts.Progress(w.read)
	}
	w.commits[h] = info
	return info, nil
}

// readCommit reads what the walk needs of a commit object; a shallow
// commit's parents are left out. zones keeps the time zones seen.
func readCommit(or objectReader, h plumbing.Hash, shallow bool, zones map[string]*time.Location) (*commitInfo, error) {
	var raw []byte
	var err error
	if pr, ok := or.(*packReader); ok {
		raw, err = pr.commitHead(h) // the headers are enough
	} else {
		raw, err = or.read(plumbing.CommitObject, h)
	}
	if err != nil {
		return nil, &MissingObjectError{"commit", h, err}
	}
	info, ok := parseHeaders(raw[:headerEnd(raw)], zones)
	if !ok || info.tree.IsZero() {
		return nil, &MissingObjectError{"commit", h, errors.New("malformed commit")}
	}
	if shallow {
		info.parents = nil
	}
	return info, nil
}

// headerEnd is where a commit's headers end: at the empty line before the
// message.
func headerEnd(raw []byte) int {
	if i := bytes.Index(raw, []byte("\n\n")); i >= 0 {
		return i
	}
	return len(raw)
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
	first, err := w.commit(c.parents[0])
	if err != nil {
		return err
	}
	if first.tree == root {
		// Nothing changed against the first parent: every pending path
		// follows it, as git follows the first parent whose file is the
		// same.
		w.push(c.parents[0], first, n.pending)
		delete(w.streamed, n.hash)
		return nil
	}
	// The differences against the first parent, by path: from git's log
	// when it gave them, else by comparing the trees.
	// Other parents are read and looked at only for the paths that differ
	// from the first one (m.same, m.diff): a side branch that holds none of
	// the pending files is not even read.
	m := &mergeSides{w: w, root: root, hashes: c.parents, parents: make([]*commitInfo, len(c.parents)), diffs: make([]*diffSet, len(c.parents))}
	m.parents[0] = first
	sd, ok := w.streamed[n.hash]
	delete(w.streamed, n.hash) // a commit visited again (clock skew) compares its trees
	if ok && len(sd) >= 1 && len(sd) <= len(c.parents) {
		for i, chs := range sd {
			d := &diffSet{byPath: make(map[string]change, len(chs))}
			for _, ch := range chs {
				d.byPath[ch.path] = ch
			}
			m.diffs[i] = d
		}
	}
	if _, err := m.diff(0); err != nil {
		return err
	}
	ignored := w.opts.Ignore[n.hash]
	moves := make([]map[string][]int32, len(c.parents))
	for p, ch := range m.diffs[0].byPath {
		ids, ok := n.pending[p]
		if !ok || ch.new.IsZero() {
			continue
		}
		delete(n.pending, p)
		target, from, err := w.follow(p, ch.new, m, ignored)
		if err != nil {
			return err
		}
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
	w.push(c.parents[0], first, mergeInto(n.pending, moves[0]))
	for i := 1; i < len(c.parents); i++ {
		if len(moves[i]) == 0 {
			continue
		}
		info, err := m.parent(i) // read already by follow
		if err != nil {
			return err
		}
		w.push(c.parents[i], info, moves[i])
	}
	return nil
}

// mergeSides is a commit compared with its parents, each comparison made
// when first needed: a merge's file that did not change against the first
// parent never needs the others.
type mergeSides struct {
	w       *walker
	root    plumbing.Hash
	hashes  []plumbing.Hash
	parents []*commitInfo // nil: not read yet
	diffs   []*diffSet    // nil: not compared yet
}

// parent returns parent i, reading it the first time.
func (m *mergeSides) parent(i int) (*commitInfo, error) {
	if m.parents[i] == nil {
		info, err := m.w.commit(m.hashes[i])
		if err != nil {
			return nil, err
		}
		m.parents[i] = info
	}
	return m.parents[i], nil
}

// diff returns the differences against parent i, comparing the trees the
// first time.
func (m *mergeSides) diff(i int) (*diffSet, error) {
	if m.diffs[i] == nil {
		p, err := m.parent(i)
		if err != nil {
			return nil, err
		}
		d := &diffSet{byPath: map[string]change{}}
		if err := m.w.tr.diff(m.root, p.tree, "", func(ch change) { d.byPath[ch.path] = ch }); err != nil {
			return nil, err
		}
		m.diffs[i] = d
	}
	return m.diffs[i], nil
}

// same reports whether parent i holds blob at path p.
func (m *mergeSides) same(i int, p string, blob plumbing.Hash) (bool, error) {
	pc, err := m.parent(i)
	if err != nil {
		return false, err
	}
	if pc.tree == m.root {
		return true, nil
	}
	if d := m.diffs[i]; d != nil {
		_, changed := d.byPath[p]
		return !changed, nil
	}
	b, err := m.w.tr.lookup(pc.tree, p)
	return b == blob, err
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
func (w *walker) follow(p string, blob plumbing.Hash, m *mergeSides, ignored bool) (int, string, error) {
	for i := 1; i < len(m.hashes); i++ {
		same, err := m.same(i, p, blob)
		if err != nil {
			return 0, "", err
		}
		if same {
			return i, p, nil
		}
	}
	for i := range m.hashes {
		d, err := m.diff(i)
		if err != nil {
			return 0, "", err
		}
		if from := d.leftPaths(blob); len(from) > 0 {
			return i, closest(p, from), nil
		}
	}
	if ignored {
		// An ignored commit passes the file on as it was before, when the
		// parent had it.
		if ch := m.diffs[0].byPath[p]; !ch.old.IsZero() {
			return 0, p, nil
		}
	}
	return -1, "", nil
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
		var err error
		if h, err = w.tr.entry(h, name, true); err != nil || h.IsZero() {
			return h, err
		}
	}
	return h, nil
}

// lookup returns the blob at path p (with /) below tree h, zero when there
// is no file there.
func (t *trees) lookup(h plumbing.Hash, p string) (plumbing.Hash, error) {
	for {
		name, rest, sub := strings.Cut(p, "/")
		var err error
		if h, err = t.entry(h, name, sub); err != nil || h.IsZero() || !sub {
			return h, err
		}
		p = rest
	}
}

// entry returns the hash of the entry name of tree h, a folder when dir,
// else a file; zero when the tree has no such entry.
func (t *trees) entry(h plumbing.Hash, name string, dir bool) (plumbing.Hash, error) {
	it, err := t.iter(h)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	for ; it.ok; it.next() {
		if it.cur.dir == dir && string(it.cur.name) == name {
			return it.cur.hash, nil
		}
	}
	if it.err != nil {
		return plumbing.ZeroHash, &MissingObjectError{"tree", h, it.err}
	}
	return plumbing.ZeroHash, nil
}

// files calls fn for every file below tree h.
func (t *trees) files(h plumbing.Hash, base string, fn func(string, plumbing.Hash)) error {
	it, err := t.iter(h)
	if err != nil {
		return err
	}
	for ; it.ok; it.next() {
		e := it.cur
		p := base + string(e.name)
		if e.dir {
			if err := t.files(e.hash, p+"/", fn); err != nil {
				return err
			}
			continue
		}
		fn(p, e.hash)
	}
	if it.err != nil {
		return &MissingObjectError{"tree", h, it.err}
	}
	return nil
}

// diff reports every file that differs between tree a (the commit) and tree
// b (a parent), descending only into folders whose hashes differ. Either
// side may be zero (absent). Both trees list their entries in git's order,
// so one merge pass over their raw bytes pairs them.
func (t *trees) diff(a, b plumbing.Hash, base string, fn func(change)) error {
	if a == b {
		return nil
	}
	var ta, tb *tree
	var err error
	if !a.IsZero() {
		if ta, err = t.get(a); err != nil {
			return err
		}
	}
	if !b.IsZero() {
		if tb, err = t.get(b); err != nil {
			return err
		}
	}
	var ea, eb treeIter
	if ta != nil {
		ea.raw = ta.raw
	}
	if tb != nil {
		eb.raw = tb.raw
	}
	if ta != nil && tb != nil && len(ta.raw) >= sameEndsMin && len(tb.raw) >= sameEndsMin && ta.index() && tb.index() {
		// A commit changes a few entries of a folder: the entries before
		// the first differing byte and after the last one are the same
		// on both sides, and are not compared.
		lo, hiA, hiB := sameEnds(ta, tb)
		ea.raw, eb.raw = ta.raw[lo:hiA], tb.raw[lo:hiB]
	}
	ea.next()
	eb.next()
	for ea.ok || eb.ok {
		var c int
		switch {
		case !ea.ok:
			c = 1
		case !eb.ok:
			c = -1
		default:
			c = compareEntries(&ea.cur, &eb.cur)
		}
		switch {
		case c < 0: // only in the commit
			if err := t.side(ea.cur, base, fn, true); err != nil {
				return err
			}
			ea.next()
		case c > 0: // only in the parent
			if err := t.side(eb.cur, base, fn, false); err != nil {
				return err
			}
			eb.next()
		default:
			x, y := ea.cur, eb.cur
			ea.next()
			eb.next()
			if x.hash == y.hash {
				continue
			}
			p := base + string(x.name)
			if x.dir {
				if err := t.diff(x.hash, y.hash, p+"/", fn); err != nil {
					return err
				}
				continue
			}
			fn(change{path: p, old: y.hash, new: x.hash})
		}
	}
	if ea.err != nil {
		return &MissingObjectError{"tree", a, ea.err}
	}
	if eb.err != nil {
		return &MissingObjectError{"tree", b, eb.err}
	}
	return nil
}

// side reports an entry present on one side only.
func (t *trees) side(e entry, base string, fn func(change), inCommit bool) error {
	p := base + string(e.name)
	if e.dir {
		return t.files(e.hash, p+"/", func(q string, h plumbing.Hash) { fn(onSide(q, h, inCommit)) })
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

// sameEnds returns where the entries that differ between two different
// trees lie: from lo to hiA in a's bytes, from lo to hiB in b's. The entries
// before lo are the same bytes on both sides, so lo starts an entry on both;
// the entries from hiA on are b's from hiB on, byte for byte.
func sameEnds(a, b *tree) (lo, hiA, hiB int) {
	k := commonPrefix(a.raw, b.raw)
	// The entry that holds the first differing byte.
	x := sort.Search(len(a.starts), func(i int) bool { return int(a.starts[i]) > k }) - 1
	lo = int(a.starts[x])
	s := commonSuffix(a.raw[lo:], b.raw[lo:])
	shift := len(a.raw) - len(b.raw)
	// The first entry of a that lies in the common end and starts an
	// entry of b at the same distance from the end; both ends always do.
	for y := sort.Search(len(a.starts), func(i int) bool { return int(a.starts[i]) >= len(a.raw)-s }); ; y++ {
		oa := int(a.starts[y])
		ob := oa - shift
		if ob >= lo {
			if _, found := slices.BinarySearch(b.starts, uint32(ob)); found {
				return lo, oa, ob
			}
		}
	}
}

// commonPrefix is how many bytes a and b share from their start.
func commonPrefix(a, b []byte) int {
	n := min(len(a), len(b))
	i := 0
	for ; i+256 <= n && bytes.Equal(a[i:i+256], b[i:i+256]); i += 256 {
	}
	for ; i+8 <= n; i += 8 {
		if x := binary.LittleEndian.Uint64(a[i:]) ^ binary.LittleEndian.Uint64(b[i:]); x != 0 {
			return i + bits.TrailingZeros64(x)/8
		}
	}
	for i < n && a[i] == b[i] {
		i++
	}
	return i
}

// commonSuffix is how many bytes a and b share at their end.
func commonSuffix(a, b []byte) int {
	n := min(len(a), len(b))
	i := 0
	for ; i+256 <= n && bytes.Equal(a[len(a)-i-256:len(a)-i], b[len(b)-i-256:len(b)-i]); i += 256 {
	}
	for ; i+8 <= n; i += 8 {
		if x := binary.LittleEndian.Uint64(a[len(a)-i-8:]) ^ binary.LittleEndian.Uint64(b[len(b)-i-8:]); x != 0 {
			return i + bits.LeadingZeros64(x)/8
		}
	}
	for i < n && a[len(a)-1-i] == b[len(b)-1-i] {
		i++
	}
	return i
}

// sameEndsMin is the size from which two versions of a folder are compared
// from their first and last differing bytes: below it (about 30 entries),
// going through every entry costs less than finding where they start. (A
// variable: the tests lower it.)
var sameEndsMin = 1 << 10

// tree is a tree object's raw bytes and, once asked for, where each entry
// starts, then where the last one ends.
type tree struct {
	raw       []byte
	starts    []uint32
	malformed bool
}

// index finds where the entries start, once; false when the tree is
// malformed (going through its entries then says where).
func (tr *tree) index() bool {
	if tr.starts == nil {
		it := treeIter{raw: tr.raw}
		for {
			tr.starts = append(tr.starts, uint32(len(tr.raw)-len(it.raw)))
			if len(it.raw) == 0 {
				break
			}
			if !it.skip() {
				tr.malformed = true
				break
			}
		}
	}
	return !tr.malformed
}

// trees reads tree objects and keeps them, up to a bound: the same trees
// come back in every commit that did not change them. It is not safe for
// concurrent use.
type trees struct {
	or    objectReader
	cache map[plumbing.Hash]*tree
	bytes int // what the cached trees hold
	max   int
}

func newTrees(or objectReader, max int) *trees {
	return &trees{or: or, cache: map[plumbing.Hash]*tree{}, max: max}
}

// get reads tree h and finds where its entries start.
func (t *trees) get(h plumbing.Hash) (*tree, error) {
	if tr, ok := t.cache[h]; ok {
		return tr, nil
	}
	raw, err := t.or.read(plumbing.TreeObject, h)
	if err != nil {
		return nil, &MissingObjectError{"tree", h, err}
	}
	if len(raw) > math.MaxUint32 {
		return nil, &MissingObjectError{"tree", h, errMalformedTree}
	}
	tr := &tree{raw: raw}
	// The index of its entries, when made, takes about a tenth more.
	size := len(raw) + len(raw)/8
	if t.bytes += size; t.bytes > t.max {
		// Bound memory on huge histories: trees are read again on
		// demand.
		clear(t.cache)
		t.bytes = size
	}
	t.cache[h] = tr
	return tr, nil
}

// iter reads tree h and returns an iterator on its first entry.
func (t *trees) iter(h plumbing.Hash) (treeIter, error) {
	tr, err := t.get(h)
	if err != nil {
		return treeIter{}, err
	}
	it := treeIter{raw: tr.raw}
	it.next()
	return it, nil
}

// treeIter goes through the raw bytes of a tree object, entries of the form
// "<mode> <name>\x00<20-byte id>", without copying them. Submodules
// (gitlinks) are not files of this repository and are left out.
type treeIter struct {
	raw []byte
	cur entry
	ok  bool  // cur is an entry
	err error // the tree is malformed
}

var errMalformedTree = errors.New("malformed tree entry")

// modeEnd is where the mode that starts raw ends (a few digits), -1 when no
// space follows it.
func modeEnd(raw []byte) int {
	// 40000 for a folder, 100644 and the like for the rest.
	if len(raw) > 6 && raw[6] == ' ' {
		return 6
	}
	if len(raw) > 5 && raw[5] == ' ' {
		return 5
	}
	for i, c := range raw {
		if c == ' ' {
			return i
		}
		if i == 7 {
			break
		}
	}
	return -1
}

// skip passes over the next entry, whatever it is; false when it is
// malformed.
func (it *treeIter) skip() bool {
	sp := modeEnd(it.raw)
	if sp < 0 {
		return false
	}
	nul := bytes.IndexByte(it.raw[sp+1:], 0)
	if nul < 0 || len(it.raw) < sp+1+nul+1+20 {
		return false
	}
	it.raw = it.raw[sp+1+nul+21:]
	return true
}

func (it *treeIter) next() {
	it.ok = false
	for len(it.raw) > 0 {
		sp := modeEnd(it.raw)
		if sp < 0 {
			it.err, it.raw = errMalformedTree, nil
			return
		}
		mode := it.raw[:sp]
		rest := it.raw[sp+1:]
		nul := bytes.IndexByte(rest, 0)
		if nul < 0 || len(rest) < nul+1+20 {
			it.err, it.raw = errMalformedTree, nil
			return
		}
		it.cur.name = rest[:nul:nul]
		copy(it.cur.hash[:], rest[nul+1:nul+21])
		it.raw = rest[nul+21:]
		switch string(mode) {
		case "40000", "040000":
			it.cur.dir = true
		case "160000":
			continue // a submodule
		default:
			it.cur.dir = false
		}
		it.ok = true
		return
	}
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
