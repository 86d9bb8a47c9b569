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
	return walkTree(root.FS(), ignore, openRootFolder(root), walkers)
}

// walkTree walks with up to n folders read at once.
func walkTree(fsys fs.FS, ignore []string, fd, n int) (*Tree, error) {
	w := &treeWalker{fsys: fsys, ign: compile(ignore), t: &Tree{}, followed: map[string]bool{}, slots: make(chan struct{}, n-1)}
	if err := w.walk(".", "", 0, fd, 1); err != nil {
		return nil, err
	}
	w.wg.Wait()
	// Links last, in the order of their paths, so that which of two links
	// to the same folder is followed does not depend on timing.
	for len(w.links) > 0 {
		links := w.links
		w.links = nil
		sort.Slice(links, func(i, j int) bool { return links[i].sp < links[j].sp })
		for _, l := range links {
			w.link(l.p, l.sp, l.key, l.depth)
		}
		w.wg.Wait()
	}
	t := w.t
	t.Files = slices.Grow(t.Files, w.nfiles)
	for _, p := range w.parts {
		t.Files = append(t.Files, p...)
	}
	// slices.SortFunc, not sort.Slice: the swap by reflection was 8% of a
	// warm run on git/git's 4,800 files.
	slices.SortFunc(t.Files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
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

	mu sync.Mutex
	t  *Tree
	// The files of each folder read, and how many in all: put together
	// once at the end, not copied over and over as the list grows.
	parts    [][]File
	nfiles   int
	links    []foundLink     // links found, not yet followed
	followed map[string]bool // folders reached through a link
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

// walk lists the folder real of fsys, showing its paths under shown ("" at
// the root; the link's path for a folder reached through a link). With fd
// >= 0 the folder is already open (the Linux reader) and walk closes it;
// else it is read through fsys. Its subfolders are listed on other
// goroutines when some are free, else in turn; WalkTree waits for them all.
// held counts the folders this goroutine holds open, fd's included.
func (w *treeWalker) walk(real, shown string, depth int, fd, held int) error {
	var entries []entry
	var err error
	if fd >= 0 {
		defer closeFolder(fd)
		entries, err = readFolder(fd)
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
		w.problem(shownPath(real, shown, real), reason, err)
		return nil
	}
	files := make([]File, 0, len(entries))
	var dirs, keys []string
	for _, d := range entries {
		p := path.Join(real, d.name)
		sp := shownPath(p, shown, real)
		if !utf8.ValidString(d.name) {
			w.problem(sp, ProblemName, nil)
		}
		key := fold(sp)
		if junk(base(key)) || matchAny(w.ign, key) {
			continue
		}
		switch d.kind {
		case kindDir:
			dirs, keys = append(dirs, sp), append(keys, key)
			sub := -1
			if fd >= 0 && held < maxHeld {
				if sub, err = openFolder(fd, d.name); err != nil {
					reason := ProblemUnreadable
					if errors.Is(err, fs.ErrNotExist) {
						reason = ProblemVanished
					}
					w.problem(sp, reason, &fs.PathError{Op: "open", Path: sp, Err: err})
					continue
				}
			}
			select {
			case w.slots <- struct{}{}:
				w.wg.Add(1)
				go func() {
					defer w.wg.Done()
					defer func() { <-w.slots }()
					_ = w.walk(p, childShown(shown, sp), depth, sub, 1)
				}()
			default:
				_ = w.walk(p, childShown(shown, sp), depth, sub, held+1)
			}
		case kindLink:
			w.mu.Lock()
			w.links = append(w.links, foundLink{p, sp, key, depth})
			w.mu.Unlock()
		case kindFile:
			if d.err != nil {
				w.problem(sp, ProblemVanished, d.err)
				continue
			}
			files = append(files, File{Path: sp, ModTime: d.modTime, Size: d.size, key: key})
		}
	}
	w.mu.Lock()
	if len(files) > 0 {
		w.parts = append(w.parts, files)
		w.nfiles += len(files)
	}
	w.t.Dirs = append(w.t.Dirs, dirs...)
	w.t.dirKeys = append(w.t.dirKeys, keys...)
	w.mu.Unlock()
	return nil
}

// shownPath is where p, a path of fsys under the folder real, shows: under
// shown when the folder was reached through a link.
func shownPath(p, shown, real string) string {
	if shown == "" {
		return p
	}
	return path.Join(shown, strings.TrimPrefix(strings.TrimPrefix(p, real), "/"))
}

// childShown is what a subfolder shows under: nothing more when its parent
// shows as itself, else its own shown path.
func childShown(shown, sp string) string {
	if shown == "" {
		return ""
	}
	return sp
}

// linkedFile adds a file reached through a link.
func (w *treeWalker) linkedFile(sp, key string, info fs.FileInfo) {
	if info.Mode().IsRegular() {
		w.mu.Lock()
		defer w.mu.Unlock()
		w.t.Files = append(w.t.Files, File{Path: sp, ModTime: info.ModTime(), Size: info.Size(), key: key})
	}
}

// link follows a link found at p (shown as sp) when it stays inside.
func (w *treeWalker) link(p, sp, key string, depth int) {
	target, err := fs.ReadLink(w.fsys, p)
	if err == nil && (path.IsAbs(target) || strings.HasPrefix(target, `\`) || len(target) > 1 && target[1] == ':') {
		w.problem(sp, ProblemLinkOut, nil)
		return
	}
	resolved := path.Join(path.Dir(p), target)
	if err == nil && (resolved == ".." || strings.HasPrefix(resolved, "../")) {
		w.problem(sp, ProblemLinkOut, nil)
		return
	}
	info, err := fs.Stat(w.fsys, p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		w.problem(sp, ProblemLinkBroken, nil)
		return
	case err != nil:
		// os.Root refuses a link whose chain leads out of the root.
		w.problem(sp, ProblemLinkOut, err)
		return
	case !info.IsDir():
		w.linkedFile(sp, key, info)
		return
	}
	switch {
	case resolved == "." || p == resolved || strings.HasPrefix(p, resolved+"/"):
		w.problem(sp, ProblemLinkLoop, nil)
		return
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
		return
	}
	_ = w.walk(resolved, sp, depth+1, -1, 0)
}

// base returns the last element of a slash path.
func base(p string) string { return path.Base(p) }
