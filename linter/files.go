package linter

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/bmatcuk/doublestar/v4"
	"golang.org/x/text/unicode/norm"
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

// fold gives the form names are matched in, in both the pattern and the
// name: case folded (Windows users capitalize freely), accents dropped in
// either Unicode form (a Mac writes "é" as "e" and a combining accent;
// "Évaluation" matches "evaluation"), the typographic apostrophe written
// as ', and the separators space, "-" and "_" written as one "-" however
// many there are ("Analyse du besoin - client" is "analyse-du-besoin-client").
// Rules with match = "literal" compare the paths as they are instead.
func fold(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return foldUnicode(s)
		}
	}
	return foldASCII(s)
}

func isSep(c rune) bool { return c == ' ' || c == '-' || c == '_' }

func foldASCII(s string) string {
	// Most names need no change at all: lower case, single dashes.
	clean := true
	for i := 0; i < len(s) && clean; i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z', c == ' ', c == '_':
			clean = false
		case c == '-' && i > 0 && isSep(rune(s[i-1])):
			clean = false
		}
	}
	if clean {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case isSep(rune(c)):
			if len(b) > 0 && b[len(b)-1] == '-' && i > 0 && isSep(rune(s[i-1])) {
				continue
			}
			c = '-'
		}
		b = append(b, c)
	}
	return string(b)
}

func foldUnicode(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	prevSep := false
	for _, c := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, c):
			continue // a combining accent
		case isSep(c) || c == '\u00a0' || c == '\u202f': // and the no-break spaces
			if prevSep {
				continue
			}
			prevSep = true
			b.WriteByte('-')
			continue
		case c == '\u2019' || c == '\u2018':
			c = '\''
		case c == '\u2013' || c == '\u2014': // dashes typed by a word processor
			if prevSep {
				continue
			}
			prevSep = true
			b.WriteByte('-')
			continue
		default:
			c = unicode.ToLower(c)
		}
		prevSep = false
		b.WriteRune(c)
	}
	return b.String()
}

// matcher is a compiled glob: the folded pattern and the literal folder it
// starts with, for a cheap first test.
type matcher struct {
	pattern string
	prefix  string
	must    string // a literal every match holds (the pack's key word), for a cheap first test
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
	return matcher{pattern: p, prefix: lit, must: mustHold(p[len(lit):])}
}

// mustHold returns the longest literal run of pattern p outside braces and
// classes: every path p matches holds it. "" when p has escapes.
func mustHold(p string) string {
	if strings.ContainsRune(p, '\\') {
		return ""
	}
	best, start, depth, class := "", -1, 0, false
	flush := func(end int) {
		if start >= 0 && end-start > len(best) {
			best = p[start:end]
		}
		start = -1
	}
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case class:
			if c == ']' {
				class = false
			}
			continue
		case c == '[':
			flush(i)
			class = true
		case c == '{':
			flush(i)
			depth++
		case c == '}':
			depth--
		case c == '*' || c == '?' || c == ',' && depth > 0:
			flush(i)
		case c == '/' && (strings.HasPrefix(p[i+1:], "**") || i >= 2 && p[i-2:i] == "**"):
			// **/ and /** may match no folder at all: their / is not literal.
			flush(i)
		case depth == 0 && start < 0:
			start = i
		}
	}
	flush(len(p))
	return best
}

func (m matcher) match(key string) bool {
	if !strings.HasPrefix(key, m.prefix) {
		return false
	}
	if m.must != "" && !strings.Contains(key[len(m.prefix):], m.must) {
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
// Links are followed once when they lead to a file or folder inside the
// tree; a link that leads out (refused by an os.Root file system), a
// broken link or a loop is reported, never followed. Pipes, sockets and
// devices are skipped.
func WalkTree(fsys fs.FS, ignore []string) (*Tree, error) {
	return walkTree(fsys, ignore, -1, walkers)
}

// WalkRoot is WalkTree on the evidence folder opened as root. On Linux the
// folders are read through descriptors, each opened from its parent's
// without following links (a 10k-file folder: 80 ms instead of 135 through
// root's paths, see BENCHMARKS.md); links are still followed through root.
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
	sort.Slice(t.Files, func(i, j int) bool { return t.Files[i].Path < t.Files[j].Path })
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

	mu       sync.Mutex
	t        *Tree
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
	var files []File
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
	w.t.Files = append(w.t.Files, files...)
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

// Refresh brings the tree up to date for the changed paths (relative to
// the root, with /) without walking it all again: qlint watch knows what
// changed. A changed folder is read again whole; a path that is gone takes
// what was below it along.
func (t *Tree) Refresh(fsys fs.FS, ignore []string, changed []string) error {
	if len(changed) == 0 {
		return nil
	}
	ign := compile(ignore)
	skip := func(key string) bool { return junk(base(key)) || matchAny(ign, key) }
	if t.refreshFiles(fsys, changed, skip) {
		return nil
	}
	files := make(map[string]File, len(t.Files))
	for _, f := range t.Files {
		files[f.Path] = f
	}
	dirs := make(map[string]string, len(t.Dirs))
	for i, d := range t.Dirs {
		dirs[d] = t.dirKeys[i]
	}
	for _, p := range changed {
		p = path.Clean(p)
		if p == "." || p == ".." || strings.HasPrefix(p, "../") {
			continue
		}
		// Drop what the tree knew at and below p; read it again below.
		delete(files, p)
		if _, wasDir := dirs[p]; wasDir {
			delete(dirs, p)
			for q := range files {
				if strings.HasPrefix(q, p+"/") {
					delete(files, q)
				}
			}
			for q := range dirs {
				if strings.HasPrefix(q, p+"/") {
					delete(dirs, q)
				}
			}
		}
		info, err := fs.Lstat(fsys, p)
		if err != nil {
			continue // gone
		}
		key := fold(p)
		if skip(key) {
			continue
		}
		if !info.IsDir() {
			if info.Mode()&fs.ModeSymlink != 0 {
				if info, err = fs.Stat(fsys, p); err != nil {
					continue
				}
			}
			if info.Mode().IsRegular() {
				files[p] = File{Path: p, ModTime: info.ModTime(), Size: info.Size(), key: key}
			}
			continue
		}
		sub, err := fs.Sub(fsys, p)
		if err != nil {
			return err
		}
		part, err := WalkTree(sub, nil)
		if err != nil {
			return err
		}
		dirs[p] = key
		for _, d := range part.Dirs {
			full := p + "/" + d
			if k := fold(full); !matchAny(ign, k) {
				dirs[full] = k
			}
		}
		for _, f := range part.Files {
			f.Path = p + "/" + f.Path
			if f.key = fold(f.Path); !matchAny(ign, f.key) {
				files[f.Path] = f
			}
		}
		for _, pr := range part.Problems {
			pr.Path = p + "/" + pr.Path
			t.Problems = append(t.Problems, pr)
		}
	}
	t.Files = t.Files[:0]
	for _, f := range files {
		t.Files = append(t.Files, f)
	}
	sort.Slice(t.Files, func(i, j int) bool { return t.Files[i].Path < t.Files[j].Path })
	names := make([]string, 0, len(dirs))
	for d := range dirs {
		names = append(names, d)
	}
	sort.Strings(names)
	t.Dirs, t.dirKeys = t.Dirs[:0], t.dirKeys[:0]
	for _, d := range names {
		t.Dirs = append(t.Dirs, d)
		t.dirKeys = append(t.dirKeys, dirs[d])
	}
	return nil
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
			ups = append(ups, upd{p, nil})
		case info.IsDir():
			return false
		case info.Mode()&fs.ModeSymlink != 0:
			if info, err = fs.Stat(fsys, p); err != nil || !info.Mode().IsRegular() {
				info = nil
			}
			ups = append(ups, upd{p, info})
		case info.Mode().IsRegular():
			ups = append(ups, upd{p, info})
		default:
			ups = append(ups, upd{p, nil})
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
			t.Files[i].ModTime, t.Files[i].Size = u.info.ModTime(), u.info.Size()
		default:
			t.Files = append(t.Files, File{})
			copy(t.Files[i+1:], t.Files[i:])
			t.Files[i] = File{Path: u.p, ModTime: u.info.ModTime(), Size: u.info.Size(), key: key}
		}
	}
	return true
}

// compileAs compiles patterns folded, or as written when literal (rules
// with match = "literal", matched against the paths as they are on disk).
func compileAs(patterns []string, literal bool) []matcher {
	if !literal {
		return compile(patterns)
	}
	out := make([]matcher, len(patterns))
	for i, p := range patterns {
		lit := p
		if k := strings.IndexAny(p, "*?[{\\"); k >= 0 {
			lit = p[:k]
		}
		if k := strings.LastIndexByte(lit, '/'); k >= 0 {
			lit = lit[:k+1]
		} else {
			lit = ""
		}
		out[i] = matcher{pattern: p, prefix: lit}
	}
	return out
}
