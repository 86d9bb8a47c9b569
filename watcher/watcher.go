// Package watcher tells when an evidence folder changes: it watches every
// folder of the tree with fsnotify (new folders as they appear, removed ones
// dropped), the few files of .git that change on a commit, a checkout or a
// reset, and any extra file such as a qlint.toml kept elsewhere. Bursts of
// events are coalesced: moving a folder of 500 files gives one change, once
// the tree is quiet. Where the system cannot watch (the inotify limit is
// reached) or should not (network drives, synced folders), it polls.
package watcher

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Options tune a watch.
type Options struct {
	Root string
	// Debounce is how long the tree must stay quiet before a change is
	// reported (default 300 ms).
	Debounce time.Duration
	// MaxWait caps how long a continuous stream of events delays a report
	// (default 3 s).
	MaxWait time.Duration
	// Poll, when set, polls at that interval instead of using fsnotify.
	Poll time.Duration
	// FallbackPoll is the polling interval used when the system cannot watch
	// the tree (default 2 s).
	FallbackPoll time.Duration
	// Skip reports paths (relative to Root, with /) whose changes do not
	// matter: junk, editor temporaries, ignored folders.
	Skip func(rel string, dir bool) bool
	// Extra lists files outside Root (or anywhere) whose changes matter too,
	// such as the rules file.
	Extra []string
	// Notice receives messages for the user (falling back to polling...).
	Notice func(Notice)
	// Ready, when set, is called once every watch is in place: a change
	// made after it is seen. qlint watch prints its first report then.
	Ready func()
}

// Notice is something the user should know about the watch itself.
type Notice struct {
	Kind string // "watch-limit", "overflow", "error", "root-gone", "root-back"
	Err  error
}

// Change is what one burst touched.
type Change struct {
	Paths    []string // changed paths relative to Root, sorted
	Git      bool     // the repository changed: a commit, checkout, reset...
	Extra    []string // the Extra files that changed
	Overflow bool     // events were lost: everything may have changed
}

func (o *Options) defaults() {
	if o.Debounce <= 0 {
		o.Debounce = 300 * time.Millisecond
	}
	if o.MaxWait <= 0 {
		o.MaxWait = 3 * time.Second
	}
	if o.Skip == nil {
		o.Skip = func(string, bool) bool { return false }
	}
	if o.Notice == nil {
		o.Notice = func(Notice) {}
	}
	if o.FallbackPoll <= 0 {
		o.FallbackPoll = 2 * time.Second
	}
	if o.Ready == nil {
		o.Ready = func() {}
	}
}

// addWatch adds one folder to the watcher; tests replace it to reach the
// system's limit on demand.
var addWatch = func(w *fsnotify.Watcher, dir string) error { return w.Add(dir) }

// ErrWatchLimit is the system's limit on watched folders being reached.
var ErrWatchLimit = errors.New("the system's limit of watched folders is reached")

// Watch calls fn after every burst of changes until ctx is done; fn runs
// in Watch's own goroutine, so changes that come while it runs are reported
// by the next call.
func Watch(ctx context.Context, o Options, fn func(Change)) error {
	o.defaults()
	if o.Poll > 0 {
		return poll(ctx, o, fn)
	}
	err := notify(ctx, o, fn)
	for errors.Is(err, errRootGone) {
		// The folder was deleted or renamed: wait for it to come back
		// (restored, recreated, renamed back), then watch it afresh and
		// check everything.
		o.Notice(Notice{Kind: "root-gone"})
		if !awaitRoot(ctx, o.Root, max(o.FallbackPoll, o.Debounce)) {
			return nil
		}
		o.Notice(Notice{Kind: "root-back"})
		// Everything is checked once the watches are in place again, so
		// that no change made meanwhile is missed.
		again := o
		again.Ready = func() { fn(Change{Overflow: true}) }
		err = notify(ctx, again, fn)
	}
	if errors.Is(err, ErrWatchLimit) {
		o.Notice(Notice{Kind: "watch-limit", Err: err})
		o.Poll = max(o.FallbackPoll, o.Debounce)
		return poll(ctx, o, fn)
	}
	return err
}

type burst struct {
	paths    map[string]bool
	extra    map[string]bool
	git      bool
	overflow bool
	first    time.Time
}

func (b *burst) empty() bool { return !b.git && !b.overflow && len(b.paths) == 0 && len(b.extra) == 0 }

func (b *burst) change() Change {
	c := Change{Git: b.git, Overflow: b.overflow}
	for p := range b.paths {
		c.Paths = append(c.Paths, p)
	}
	for p := range b.extra {
		c.Extra = append(c.Extra, p)
	}
	sort.Strings(c.Paths)
	sort.Strings(c.Extra)
	return c
}

func newBurst() *burst { return &burst{paths: map[string]bool{}, extra: map[string]bool{}} }

// newWatcher makes the system watcher; tests replace it.
var newWatcher = func() (*fsnotify.Watcher, error) { return fsnotify.NewBufferedWatcher(4096) }

// notify watches with fsnotify and calls fn after every burst until ctx
// is done, the root goes (errRootGone) or the system runs out of watches
// (ErrWatchLimit).
func notify(ctx context.Context, o Options, fn func(Change)) error {
	w, err := newWatcher()
	if err != nil {
		// Every inotify instance of the user is taken (128 by default,
		// fs.inotify.max_user_instances): poll, as when watches run out.
		if errors.Is(err, syscall.EMFILE) || errors.Is(err, syscall.ENFILE) || errors.Is(err, syscall.ENOSPC) {
			return fmt.Errorf("%w (%v)", ErrWatchLimit, err)
		}
		return err
	}
	defer w.Close()
	root, err := filepath.Abs(o.Root)
	if err != nil {
		return err
	}
	n := &notifier{w: w, o: o, root: root, extra: map[string]string{}}
	if err := n.watchAll(); err != nil {
		return err
	}

	o.Ready()
	n.b = newBurst()
	n.timer = time.NewTimer(time.Hour)
	n.timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			n.watchError(err)
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if err := n.event(ev); err != nil {
				return err
			}
		case <-n.timer.C:
			if n.b.empty() {
				continue
			}
			fn(n.b.change())
			n.b = newBurst()
		}
	}
}

// notifier is one fsnotify watch of the tree, the repository and the extra
// files, and the burst it is gathering.
type notifier struct {
	w     *fsnotify.Watcher
	o     Options
	root  string            // absolute
	repo  repoDirs          // the repository's folders that change on a commit
	extra map[string]string // cleaned absolute path → as given
	b     *burst
	timer *time.Timer // fires when the burst is quiet or has waited long enough
}

// add watches one folder.
func (n *notifier) add(dir string) error {
	if err := addWatch(n.w, dir); err != nil {
		if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE) {
			return fmt.Errorf("%w (%v)", ErrWatchLimit, err)
		}
		if errors.Is(err, fs.ErrNotExist) {
			return nil // gone already
		}
		return err
	}
	return nil
}

// addTree watches dir and every folder below it, and returns the files
// found there (a folder that appears with files already in it).
func (n *notifier) addTree(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // unreadable or vanished: the linter will say so
		}
		rel := relTo(n.root, p)
		if d.IsDir() {
			if rel == ".git" || (rel != "." && n.o.Skip(rel, true)) {
				return filepath.SkipDir
			}
			return n.add(p)
		}
		if !n.o.Skip(rel, false) {
			files = append(files, rel)
		}
		return nil
	})
	return files, err
}

// watchAll puts every watch in place: the tree, the repository and the
// folders of the extra files.
func (n *notifier) watchAll() error {
	if _, err := n.addTree(n.root); err != nil {
		return err
	}
	// The repository, wherever it lives (the root may be a subfolder of the
	// work tree, a worktree, or use a separate git folder): the folders
	// whose files change on a commit, a checkout, a reset (not recursive:
	// objects are of no interest).
	n.repo = findRepo(n.root)
	for _, d := range n.repo.folders() {
		if err := n.add(d); err != nil {
			return err
		}
	}
	for _, e := range n.o.Extra {
		abs, err := filepath.Abs(e)
		if err != nil {
			continue
		}
		n.extra[abs] = e
		if err := n.add(filepath.Dir(abs)); err != nil {
			return err
		}
	}
	return nil
}

// arm sets the timer for the burst: the debounce after the last event, but
// no later than MaxWait after the first.
func (n *notifier) arm() {
	if n.b.first.IsZero() {
		n.b.first = time.Now()
	}
	wait := n.o.Debounce
	if left := n.o.MaxWait - time.Since(n.b.first); left < wait {
		wait = max(left, 0)
	}
	n.timer.Reset(wait)
}

// watchError tells the user of an error of the watch; lost events make the
// burst an overflow, so that everything is checked.
func (n *notifier) watchError(err error) {
	if errors.Is(err, fsnotify.ErrEventOverflow) {
		n.o.Notice(Notice{Kind: "overflow", Err: err})
		n.b.overflow = true
		n.arm()
		return
	}
	n.o.Notice(Notice{Kind: "error", Err: err})
}

// event adds what one event touched to the burst: an extra file, the
// repository, or a path of the tree (a new folder is watched at once).
func (n *notifier) event(ev fsnotify.Event) error {
	if e, isExtra := n.extra[ev.Name]; isExtra {
		n.b.extra[e] = true
		n.arm()
		return nil
	}
	if n.repo.holds(ev.Name) {
		n.gitEvent(ev)
		return nil
	}
	rel := relTo(n.root, ev.Name)
	if rel == "." && rootGone(n.root) {
		return errRootGone
	}
	if rel == ".." || strings.HasPrefix(rel, "../") {
		return nil // a sibling of an extra file
	}
	if rel == ".git" || strings.HasPrefix(rel, ".git/") {
		return nil
	}
	isDir := false
	if ev.Has(fsnotify.Create) {
		if info, err := os.Lstat(ev.Name); err == nil && info.IsDir() {
			isDir = true
		}
	}
	if n.o.Skip(rel, isDir) {
		return nil
	}
	if isDir {
		// A new folder, maybe with files already in it (mkdir -p
		// then files at once, or a folder moved in).
		files, err := n.addTree(ev.Name)
		if err != nil {
			return err
		}
		for _, f := range files {
			n.b.paths[f] = true
		}
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		_ = n.w.Remove(ev.Name) // a watched folder that went away
	}
	n.b.paths[rel] = true
	n.arm()
	return nil
}

// gitEvent marks the burst as a change of the repository when the event's
// file matters (a commit, a checkout, a reset).
func (n *notifier) gitEvent(ev fsnotify.Event) {
	if ev.Has(fsnotify.Create) && n.repo.refsFolder(ev.Name) {
		if info, err := os.Lstat(ev.Name); err == nil && info.IsDir() {
			// A new branch prefix (feature/): watch it, and
			// what it already holds.
			_ = filepath.WalkDir(ev.Name, func(p string, d fs.DirEntry, err error) error {
				if err == nil && d.IsDir() {
					_ = n.add(p)
				}
				return nil
			})
			n.b.git = true
			n.arm()
			return
		}
	}
	if n.repo.matters(ev.Name) {
		n.b.git = true
		n.arm()
	}
}

// relTo is p relative to root, with / on every system (Windows events name
// paths with \). A path that cannot be made relative to root, such as one
// on another Windows drive, is outside it: "..".
func relTo(root, p string) string {
	rel, err := filepath.Rel(root, p)
	if err != nil {
		return ".."
	}
	return filepath.ToSlash(rel)
}

// stamp is what polling compares.
type stamp struct {
	size int64
	mod  time.Time
}

// snapshot lists the files of the tree, the repository files and the extra
// files, with sizes and times.
func snapshot(o Options, root string) map[string]stamp {
	snap := map[string]stamp{}
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		rel := relTo(root, p)
		if d.IsDir() {
			if rel == ".git" {
				return filepath.SkipDir
			}
			if rel != "." && o.Skip(rel, true) {
				return filepath.SkipDir
			}
			return nil
		}
		if o.Skip(rel, false) {
			return nil
		}
		if info, err := d.Info(); err == nil {
			snap[rel] = stamp{info.Size(), info.ModTime()}
		}
		return nil
	})
	findRepo(root).stamps(snap)
	for _, e := range o.Extra {
		if info, err := os.Stat(e); err == nil {
			snap["\x00extra/"+e] = stamp{info.Size(), info.ModTime()}
		}
	}
	return snap
}

// poll compares snapshots every interval, and reports a change once the
// tree has stayed the same for one interval after it (so that a long move
// gives one report, with its final state).
func poll(ctx context.Context, o Options, fn func(Change)) error {
	root, err := filepath.Abs(o.Root)
	if err != nil {
		return err
	}
	last := snapshot(o, root)
	o.Ready()
	b := newBurst()
	t := time.NewTicker(o.Poll)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
		cur := snapshot(o, root)
		moved := false
		note := func(k string) {
			moved = true
			switch {
			case strings.HasPrefix(k, "\x00git/"):
				b.git = true
			case strings.HasPrefix(k, "\x00extra/"):
				b.extra[strings.TrimPrefix(k, "\x00extra/")] = true
			default:
				b.paths[k] = true
			}
		}
		for k, s := range cur {
			if old, ok := last[k]; !ok || old != s {
				note(k)
			}
		}
		for k := range last {
			if _, ok := cur[k]; !ok {
				note(k)
			}
		}
		last = cur
		if !moved && !b.empty() {
			fn(b.change())
			b = newBurst()
		}
	}
}
