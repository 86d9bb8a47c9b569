package linter

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// File is a file of the evidence tree.
type File struct {
	Path    string    // relative to the root, with /, as on disk
	ModTime time.Time // the file system's modification time
	Size    int64
	key     string // Path folded for matching (NFC, lower case)
	// real is where the file is in the folder when a link led to it
	// (the walk may reach the same file there too), "" otherwise.
	real string
}

// RealPath is where f is in the evidence folder: its path, or the path
// of the file a link to it (or to a folder holding it) leads to.
func (f *File) RealPath() string {
	if f.real != "" {
		return f.real
	}
	return f.Path
}

// Tree is what the walk found: the files and the folders of the evidence
// root, sorted.
type Tree struct {
	Files   []File
	Dirs    []string
	dirKeys []string // Dirs folded for matching
	// Problems are places the walk could not read; they are reported, the
	// rest is judged.
	Problems []WalkProblem
	// withGit are the folders holding an entry named .git (whatever its
	// case), as a walk of the disk found them: where submodules can be.
	// Known only after WalkRoot, until Refresh changes the tree.
	withGit      []string
	withGitKnown bool
}

// WalkProblem is a place the walk could not read, or would not follow.
type WalkProblem struct {
	Path   string
	Reason string // one of the Problem* reasons
	Err    error
}

// Why the walk leaves a place out.
const (
	ProblemUnreadable = "unreadable"    // no access, or a read error
	ProblemVanished   = "vanished"      // gone while the walk read its folder
	ProblemLinkOut    = "link-outside"  // a link that leads out of the evidence folder
	ProblemLinkBroken = "link-broken"   // a link to nothing
	ProblemLinkLoop   = "link-loop"     // a link to one of its own parent folders
	ProblemLinkAgain  = "link-followed" // a folder already reached through another link
	ProblemName       = "name-encoding" // a name that is not UTF-8
)

// junk tells files that are always left out (by folded name: .DS_Store is
// .ds-store): .git, system and office
// leftovers, and editors' temporary files, which are never proofs. It looks
// at the (folded) name only, so it costs nothing on large trees.
func junk(name string) bool {
	switch name {
	case ".git", ".ds-store", "thumbs.db", "desktop.ini", "4913":
		return true
	}
	switch {
	case strings.HasPrefix(name, "~$"), strings.HasPrefix(name, ".#"), strings.HasPrefix(name, ".goutputstream-"),
		strings.HasPrefix(name, ".~lock.") && strings.HasSuffix(name, "#"),
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#") && len(name) > 1,
		strings.HasSuffix(name, "~"):
		return true
	}
	switch path.Ext(name) {
	case ".swp", ".swx", ".tmp", ".crdownload", ".part", ".kate-swp":
		return true
	}
	return false
}

// Skipper returns the test WalkTree applies to paths (relative to the root,
// with /): junk files, editor temporaries, .git, and the ignore patterns.
// qlint watch uses it to leave out changes that cannot change a report.
func Skipper(ignore []string) func(rel string, dir bool) bool {
	ign := compile(ignore)
	return func(rel string, _ bool) bool {
		key := fold(rel)
		return junk(base(key)) || matchAny(ign, key)
	}
}

// WalkTree lists the files and folders of fsys, leaving out .git, junk files
// and what the ignore patterns match (a matched folder is not entered).
// Links are followed once when they lead to a file or folder inside the
// tree; a link that leads out (refused by an os.Root file system), a
// broken link or a loop is reported, never followed. Pipes, sockets and
// devices are skipped.
func WalkTree(fsys fs.FS, ignore []string) (*Tree, error) {
	return walkTree(fsys, ignore, -1, walkers)
}

// WalkRoot is WalkTree on the evidence folder opened as root. On Linux the
// folders are read through descriptors, each opened from its parent's
// without following links, which spares resolving every folder's path from
// the root (BENCHMARKS.md, the folder walk); links are still followed
// through root.
func WalkRoot(root *os.Root, ignore []string) (*Tree, error) {
	t, err := walkTree(root.FS(), ignore, openRootFolder(root), walkers)
	if t != nil {
		t.withGitKnown = true
	}
	return t, err
}

// walkTree walks with up to n folders read at once.
func walkTree(fsys fs.FS, ignore []string, fd, n int) (*Tree, error) {
	w := &treeWalker{fsys: fsys, ign: compile(ignore), t: &Tree{}, followed: map[string]bool{}, slots: make(chan struct{}, n-1)}
	top := &folder{}
	if err := w.walk(".", "", "", 0, fd, 1, top); err != nil {
		return nil, err
	}
	w.wg.Wait()
	// Links last, in the order of their paths, so that which of two links
	// to the same folder is followed does not depend on timing.
	var linked []*folder
	for len(w.links) > 0 {
		links := w.links
		w.links = nil
		sort.Slice(links, func(i, j int) bool { return links[i].sp < links[j].sp })
		for _, l := range links {
			if f := w.link(l.p, l.sp, l.key, l.depth); f != nil {
				linked = append(linked, f)
			}
		}
		w.wg.Wait()
	}
	t := w.t
	// Each folder's files and subfolders are sorted as it is read (on
	// every walker), so going down the folders in that order lists the
	// files sorted: sorting them all at the end was 10% of a warm run on
	// git/git's 4,800 files, on one core. What links reach is merged in.
	viaLinks := t.Files // files reached through a link to a file
	for _, f := range linked {
		viaLinks = f.list(viaLinks)
	}
	t.Files = top.list(make([]File, 0, w.nfiles+len(viaLinks)))
	if len(viaLinks) > 0 {
		// Few, as a rule: sorted apart, then merged in (git/git's
		// links to subproject folders had the whole list sorted again).
		slices.SortFunc(viaLinks, compareFiles)
		t.Files = mergeFiles(t.Files, viaLinks)
	}
	sort.SliceStable(t.Problems, func(i, j int) bool { return t.Problems[i].Path < t.Problems[j].Path })
	if !sort.StringsAreSorted(t.Dirs) {
		idx := make([]int, len(t.Dirs))
		for i := range idx {
			idx[i] = i
		}
		sort.Slice(idx, func(a, b int) bool { return t.Dirs[idx[a]] < t.Dirs[idx[b]] })
		dirs, keys := make([]string, len(idx)), make([]string, len(idx))
		for i, k := range idx {
			dirs[i], keys[i] = t.Dirs[k], t.dirKeys[k]
		}
		t.Dirs, t.dirKeys = dirs, keys
	}
	return t, nil
}

func compareFiles(a, b File) int { return strings.Compare(a.Path, b.Path) }

// mergeFiles merges two lists of files sorted by path, a's first where
// two paths are the same, in a's array when it has room for both.
func mergeFiles(a, b []File) []File {
	n := len(a) + len(b)
	if cap(a) < n {
		a = append(make([]File, 0, n), a...)
	}
	out := a[:n]
	// From the end: a's files move right, never over one not yet placed.
	i, j := len(a)-1, len(b)-1
	for k := n - 1; j >= 0; k-- {
		if i >= 0 && compareFiles(a[i], b[j]) > 0 {
			out[k] = a[i]
			i--
		} else {
			out[k] = b[j]
			j--
		}
	}
	return out
}

// folder is what the walk found in one folder: its files, sorted, and its
// subfolders, sorted by their path and a slash (where their files come
// among the folder's own: a/b.txt, a/b/c.txt, a/b0.txt). Only the walker
// reading the folder writes it.
type folder struct {
	files []File
	subs  []*folder
	after string // the folder's shown path and a slash
	canon string // where the folder really is when a link led to it
}

// list appends the files of f and of its subfolders, in the order of
// their paths.
func (f *folder) list(out []File) []File {
	i := 0
	for _, sub := range f.subs {
		for ; i < len(f.files) && f.files[i].Path < sub.after; i++ {
			out = append(out, f.files[i])
		}
		out = sub.list(out)
	}
	return append(out, f.files[i:]...)
}

// entryLists are the lists a folder's entries are read into, reused: a
// new one for each folder, grown as it was read, was an eighth of what a
// warm run on etcd allocated.
var entryLists = sync.Pool{New: func() any { return new([]entry) }}

// walkers is how many folders are read at once: reading a folder is mostly
// waiting on system calls, which other folders can use.
const walkers = 8

// maxHeld bounds the folders a walker holds open with the Linux reader (a
// folder stays open while its subfolders are read in turn); deeper ones are
// read through fsys, which holds none. A walk holds at most walkers×maxHeld.
const maxHeld = 32

type treeWalker struct {
	fsys  fs.FS
	ign   []matcher
	wg    sync.WaitGroup
	slots chan struct{} // one per folder read on another goroutine

	mu       sync.Mutex
	t        *Tree
	nfiles   int             // files found in all, for the list's size
	links    []foundLink     // links found, not yet followed
	followed map[string]bool // folders reached through a link
	canons   map[string]string
}

// canonical is canonical(w.fsys, p), the folders on the way looked at once
// for the whole walk: links to files sit side by side (etcd's eleven
// example links), and os.Root resolves each folder of a path anew.
func (w *treeWalker) canonical(p string) string {
	dir, name := path.Split(p)
	dir = strings.TrimSuffix(dir, "/")
	if dir == "" {
		return canonical(w.fsys, p)
	}
	w.mu.Lock()
	c, ok := w.canons[dir]
	w.mu.Unlock()
	if !ok {
		c = canonical(w.fsys, dir)
		w.mu.Lock()
		if w.canons == nil {
			w.canons = map[string]string{}
		}
		w.canons[dir] = c
		w.mu.Unlock()
	}
	if c == dir {
		// The folders are where they are: only the last step may be a link.
		if _, err := fs.ReadLink(w.fsys, p); err != nil {
			return p
		}
	}
	return canonical(w.fsys, path.Join(c, name))
}

type foundLink struct {
	p, sp, key string
	depth      int
}

// maxLinkDepth bounds chains of linked folders.
const maxLinkDepth = 16

func (w *treeWalker) problem(p, reason string, err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.t.Problems = append(w.t.Problems, WalkProblem{Path: p, Reason: reason, Err: err})
}

// entry is a name of a folder, as the walk needs it.
type entry struct {
	name    string
	kind    entryKind
	modTime time.Time // files only
	size    int64     // files only
	err     error     // files only: their details could not be read
}

type entryKind uint8

const (
	kindOther entryKind = iota // pipes, sockets and devices: never proofs
	kindDir
	kindLink
	kindFile
)

// readFS reads the folder real of fsys, with the details of its files.
func readFS(fsys fs.FS, real string) ([]entry, error) {
	des, err := fs.ReadDir(fsys, real)
	if err != nil {
		return nil, err
	}
	out := make([]entry, len(des))
	for i, d := range des {
		e := entry{name: d.Name()}
		switch {
		case d.IsDir():
			e.kind = kindDir
		case d.Type()&fs.ModeSymlink != 0:
			e.kind = kindLink
		default:
			info, err := d.Info()
			switch {
			case err != nil:
				e.kind, e.err = kindFile, err
			case info.Mode().IsRegular():
				e.kind, e.modTime, e.size = kindFile, info.ModTime(), info.Size()
			}
		}
		out[i] = e
	}
	return out, nil
}

// walk lists the folder real of fsys into out. It shows as sp ("" at the
// root; the link's path for a folder reached through a link), key is sp
// folded. With fd >= 0 the folder is already open (the Linux reader) and
// walk closes it; else it is read through fsys. Its subfolders are listed
// on other goroutines when some are free, else in turn; WalkTree waits for
// them all. held counts the folders this goroutine holds open, fd's
// included.
func (w *treeWalker) walk(real, sp, key string, depth int, fd, held int, out *folder) error {
	var entries []entry
	var err error
	if fd >= 0 {
		defer closeFolder(fd)
		ep := entryLists.Get().(*[]entry)
		defer func() {
			clear(entries) // nothing kept alive from one folder to the next
			*ep = entries[:0]
			entryLists.Put(ep)
		}()
		entries, err = readFolder(fd, (*ep)[:0])
	} else {
		entries, err = readFS(w.fsys, real)
	}
	if err != nil {
		if real == "." && depth == 0 {
			return err
		}
		reason := ProblemUnreadable
		if errors.Is(err, fs.ErrNotExist) {
			reason = ProblemVanished
		}
		w.problem(sp, reason, err)
		return nil
	}
	// By name: the files then come in the order of their paths (names
	// are short; comparing whole paths, which share their folder's, was
	// 8% of the walk).
	slices.SortFunc(entries, func(a, b entry) int { return strings.Compare(a.name, b.name) })
	// Where the files really are when a link led here (a link to a link
	// included): the walk may reach them there too.
	realDir := out.canon
	files := make([]File, 0, len(entries))
	var dirs, keys []string
	var subs []*folder
	withGit := false
	for _, d := range entries {
		// A name holds no slash, and folding keeps slashes where they
		// are: the path and its key are the folder's and the name's.
		csp, ckey := d.name, fold(d.name)
		name := ckey
		if sp != "" {
			csp = sp + "/" + d.name
			if key == sp && name == d.name {
				ckey = csp // already folded: one string for both
			} else {
				ckey = key + "/" + ckey
			}
		}
		if !utf8.ValidString(d.name) {
			w.problem(csp, ProblemName, nil)
		}
		if name == ".git" && sp != "" {
			withGit = true
		}
		if junk(name) || matchAny(w.ign, ckey) {
			continue
		}
		// The path in fsys, for what is read further: the shown one
		// unless a link led here.
		var p string
		if d.kind == kindDir || d.kind == kindLink {
			switch {
			case real == ".":
				p = d.name
			case real == sp:
				p = csp
			default:
				p = real + "/" + d.name
			}
		}
		switch d.kind {
		case kindDir:
			dirs, keys = append(dirs, csp), append(keys, ckey)
			sub := -1
			if fd >= 0 && held < maxHeld {
				if sub, err = openFolder(fd, d.name); err != nil {
					reason := ProblemUnreadable
					if errors.Is(err, fs.ErrNotExist) {
						reason = ProblemVanished
					}
					w.problem(csp, reason, &fs.PathError{Op: "open", Path: csp, Err: err})
					continue
				}
			}
			f := &folder{after: csp + "/"}
			if realDir != "" {
				f.canon = realDir + "/" + d.name // a folder, not a link
			}
			subs = append(subs, f)
			select {
			case w.slots <- struct{}{}:
				w.wg.Add(1)
				go func() {
					defer w.wg.Done()
					defer func() { <-w.slots }()
					_ = w.walk(p, csp, ckey, depth, sub, 1, f)
				}()
			default:
				_ = w.walk(p, csp, ckey, depth, sub, held+1, f)
			}
		case kindLink:
			w.mu.Lock()
			w.links = append(w.links, foundLink{p, csp, ckey, depth})
			w.mu.Unlock()
		case kindFile:
			if d.err != nil {
				w.problem(csp, ProblemVanished, d.err)
				continue
			}
			f := File{Path: csp, ModTime: d.modTime, Size: d.size, key: ckey}
			if realDir != "" {
				f.real = realDir + "/" + d.name
			}
			files = append(files, f)
		}
	}
	slices.SortFunc(subs, func(a, b *folder) int { return strings.Compare(a.after, b.after) })
	out.files, out.subs = files, subs
	w.mu.Lock()
	w.nfiles += len(files)
	w.t.Dirs = append(w.t.Dirs, dirs...)
	w.t.dirKeys = append(w.t.dirKeys, keys...)
	if withGit {
		w.t.withGit = append(w.t.withGit, sp)
	}
	w.mu.Unlock()
	return nil
}

// linkedFile adds a file reached through a link to real.
func (w *treeWalker) linkedFile(sp, key, real string, info fs.FileInfo) {
	if info.Mode().IsRegular() {
		w.mu.Lock()
		defer w.mu.Unlock()
		w.t.Files = append(w.t.Files, File{Path: sp, ModTime: info.ModTime(), Size: info.Size(), key: key, real: real})
	}
}

// link follows a link found at p (shown as sp) when it stays inside, and
// returns what it found when it leads to a folder.
func (w *treeWalker) link(p, sp, key string, depth int) *folder {
	target, err := fs.ReadLink(w.fsys, p)
	if err == nil && (path.IsAbs(target) || strings.HasPrefix(target, `\`) || len(target) > 1 && target[1] == ':') {
		w.problem(sp, ProblemLinkOut, nil)
		return nil
	}
	resolved := path.Join(path.Dir(p), target)
	if err == nil && (resolved == ".." || strings.HasPrefix(resolved, "../")) {
		w.problem(sp, ProblemLinkOut, nil)
		return nil
	}
	info, err := fs.Stat(w.fsys, p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		w.problem(sp, ProblemLinkBroken, nil)
		return nil
	case err != nil:
		// os.Root refuses a link whose chain leads out of the root.
		w.problem(sp, ProblemLinkOut, err)
		return nil
	case !info.IsDir():
		w.linkedFile(sp, key, w.canonical(resolved), info)
		return nil
	}
	switch {
	case resolved == "." || p == resolved || strings.HasPrefix(p, resolved+"/"):
		w.problem(sp, ProblemLinkLoop, nil)
		return nil
	}
	w.mu.Lock()
	again := w.followed[resolved] || depth >= maxLinkDepth
	if !again {
		w.followed[resolved] = true
		w.t.Dirs = append(w.t.Dirs, sp)
		w.t.dirKeys = append(w.t.dirKeys, key)
	}
	w.mu.Unlock()
	if again {
		w.problem(sp, ProblemLinkAgain, nil)
		return nil
	}
	f := &folder{after: sp + "/"}
	f.canon = w.canonical(resolved)
	_ = w.walk(resolved, sp, key, depth+1, -1, 0, f)
	return f
}

// canonical returns p (a slash path in fsys) with every link on the way
// replaced by where it leads, as realpath does; p itself when a link leads
// out of fsys or the chain is too long.
func canonical(fsys fs.FS, p string) string {
	parts := strings.Split(p, "/")
	out := ""
	for i, hops := 0, 0; i < len(parts); i++ {
		next := path.Join(out, parts[i])
		target, err := fs.ReadLink(fsys, next)
		if err != nil {
			out = next // not a link (or unreadable): as it is
			continue
		}
		if hops++; hops > 40 || path.IsAbs(target) {
			return p
		}
		joined := path.Join(out, target)
		if joined == ".." || strings.HasPrefix(joined, "../") {
			return p
		}
		// Start again from the top with what the link leads to.
		parts = append(strings.Split(joined, "/"), parts[i+1:]...)
		out, i = "", -1
	}
	return out
}

// base returns the last element of a slash path.
func base(p string) string { return path.Base(p) }
