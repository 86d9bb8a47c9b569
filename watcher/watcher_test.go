package watcher

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// run starts a watch on root and returns the channel of its changes.
func run(t *testing.T, o Options) <-chan Change {
	t.Helper()
	if o.Debounce == 0 {
		o.Debounce = 150 * time.Millisecond
	}
	o.Skip = func(rel string, dir bool) bool {
		return strings.HasSuffix(rel, ".tmp") || strings.HasSuffix(rel, ".swp") || rel == "ignore" || strings.HasPrefix(rel, "ignore/")
	}
	ctx, cancel := context.WithCancel(context.Background())
	out := make(chan Change, 16)
	done := make(chan error, 1)
	go func() { done <- Watch(ctx, o, func(c Change) { out <- c }) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			assert.NoError(t, err, "Watch returns nil when cancelled")
		case <-time.After(5 * time.Second):
			t.Error("Watch did not stop on cancel")
		}
	})
	// The watch is set up when a first change is seen: poke until then.
	ready := filepath.Join(o.Root, "ready.tmp.probe")
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		write(t, ready, time.Now().String())
		select {
		case c := <-out:
			os.Remove(ready)
			// Drain the removal.
			next(t, out)
			_ = c
			return out
		case <-time.After(300 * time.Millisecond):
		}
	}
	t.Fatal("the watch never started")
	return nil
}

func next(t *testing.T, ch <-chan Change) Change {
	t.Helper()
	select {
	case c := <-ch:
		return c
	case <-time.After(10 * time.Second):
		t.Fatal("no change reported in 10 s")
	}
	return Change{}
}

func write(t *testing.T, p, content string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
	require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
}

func TestFileEvents(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "veille", "a.md"), "a")
	ch := run(t, Options{Root: root})

	write(t, filepath.Join(root, "veille", "b.md"), "b")
	assert.Equal(t, []string{"veille/b.md"}, next(t, ch).Paths, "create")

	write(t, filepath.Join(root, "veille", "a.md"), "a2")
	assert.Equal(t, []string{"veille/a.md"}, next(t, ch).Paths, "modify")

	require.NoError(t, os.Rename(filepath.Join(root, "veille", "b.md"), filepath.Join(root, "veille", "c.md")))
	assert.Equal(t, []string{"veille/b.md", "veille/c.md"}, next(t, ch).Paths, "rename")

	require.NoError(t, os.Remove(filepath.Join(root, "veille", "c.md")))
	assert.Equal(t, []string{"veille/c.md"}, next(t, ch).Paths, "delete")
}

func TestDeepNewFolders(t *testing.T) {
	root := t.TempDir()
	ch := run(t, Options{Root: root})
	// mkdir -p then a file at once: the watch on the new folders may come
	// after the file, which is found by walking the new folder.
	deep := filepath.Join(root, "sessions", "2026-12-01_acme", "emargements", "jour1")
	require.NoError(t, os.MkdirAll(deep, 0o755))
	write(t, filepath.Join(deep, "matin.pdf"), "x")
	c := next(t, ch)
	assert.Contains(t, c.Paths, "sessions/2026-12-01_acme/emargements/jour1/matin.pdf")

	// The new folders are watched from then on.
	write(t, filepath.Join(deep, "apres-midi.pdf"), "y")
	assert.Equal(t, []string{"sessions/2026-12-01_acme/emargements/jour1/apres-midi.pdf"}, next(t, ch).Paths)

	// A removed folder is dropped, and its files reported.
	require.NoError(t, os.RemoveAll(filepath.Join(root, "sessions")))
	c = next(t, ch)
	assert.Contains(t, c.Paths, "sessions")
}

func TestMovingAFolderOf500FilesIsOneChange(t *testing.T) {
	if testing.Short() {
		t.Skip("waits out four 2 s quiet times: TestAtomicSaveIsOneChangeOfTheFile folds a burst")
	}
	root := t.TempDir()
	for i := 0; i < 500; i++ {
		write(t, filepath.Join(root, "vrac", fmt.Sprintf("scan%03d.pdf", i)), "x")
	}
	require.NoError(t, os.MkdirAll(filepath.Join(root, "classé"), 0o755))
	// A quiet time well above any pause between two renames, even on a
	// loaded machine: with the tests' 150 ms, a busy CI split the burst.
	ch := run(t, Options{Root: root, Debounce: 2 * time.Second})

	// File by file, as a file manager moving a selection does.
	for i := 0; i < 500; i++ {
		name := fmt.Sprintf("scan%03d.pdf", i)
		require.NoError(t, os.Rename(filepath.Join(root, "vrac", name), filepath.Join(root, "classé", name)))
	}
	c := next(t, ch)
	assert.Len(t, c.Paths, 1000, "every old and new path, in one change")

	// Then a sentinel: the next change is its own, so the burst gave
	// exactly one report.
	write(t, filepath.Join(root, "sentinelle.md"), "s")
	assert.Equal(t, []string{"sentinelle.md"}, next(t, ch).Paths)

	// A whole folder moved at once, then a file changed inside it.
	require.NoError(t, os.Rename(filepath.Join(root, "classé"), filepath.Join(root, "06-environnement")))
	c = next(t, ch)
	assert.Contains(t, c.Paths, "06-environnement")
	write(t, filepath.Join(root, "06-environnement", "scan000.pdf"), "changed")
	assert.Contains(t, next(t, ch).Paths, "06-environnement/scan000.pdf")
}

func TestAtomicSaveIsOneChangeOfTheFile(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "plan.md"), "v1")
	ch := run(t, Options{Root: root})
	// An editor writes a temporary file, then renames it over the original.
	tmp := filepath.Join(root, ".plan.md.tmp")
	write(t, tmp, "v2")
	require.NoError(t, os.Rename(tmp, filepath.Join(root, "plan.md")))
	assert.Equal(t, []string{"plan.md"}, next(t, ch).Paths)
}

func TestSkippedPathsAreNotReported(t *testing.T) {
	root := t.TempDir()
	ch := run(t, Options{Root: root})
	write(t, filepath.Join(root, "ignore", "x.md"), "x")
	write(t, filepath.Join(root, "notes.swp"), "x")
	write(t, filepath.Join(root, "vrai.md"), "x")
	assert.Equal(t, []string{"vrai.md"}, next(t, ch).Paths)
}

func TestRepositoryChanges(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, ".git", "HEAD"), "ref: refs/heads/main\n")
	require.NoError(t, os.MkdirAll(filepath.Join(root, ".git", "refs", "heads"), 0o755))
	require.NoError(t, os.MkdirAll(filepath.Join(root, ".git", "objects"), 0o755))
	ch := run(t, Options{Root: root})

	// Objects written by a commit are of no interest...
	write(t, filepath.Join(root, ".git", "objects", "ab"), "x")
	// ...the moved branch is.
	write(t, filepath.Join(root, ".git", "refs", "heads", "main"), "0123\n")
	c := next(t, ch)
	assert.True(t, c.Git)
	assert.Empty(t, c.Paths)

	write(t, filepath.Join(root, ".git", "index"), "idx")
	assert.True(t, next(t, ch).Git, "a reset or an add rewrites the index")
}

func TestExtraFiles(t *testing.T) {
	root, elsewhere := t.TempDir(), t.TempDir()
	cfg := filepath.Join(elsewhere, "qlint.toml")
	write(t, cfg, "schema = 1")
	ch := run(t, Options{Root: root, Extra: []string{cfg}})
	write(t, filepath.Join(elsewhere, "other.txt"), "not watched")
	write(t, cfg, "schema = 1\n")
	c := next(t, ch)
	assert.Equal(t, []string{cfg}, c.Extra)
	assert.Empty(t, c.Paths)
}

func TestPolling(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "a.md"), "a")
	ch := run(t, Options{Root: root, Poll: 100 * time.Millisecond})
	write(t, filepath.Join(root, "sous", "b.md"), "b")
	assert.Equal(t, []string{"sous/b.md"}, next(t, ch).Paths)
	require.NoError(t, os.Remove(filepath.Join(root, "a.md")))
	assert.Equal(t, []string{"a.md"}, next(t, ch).Paths)
}

func TestWatchLimitFallsBackToPolling(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "a", "b", "c.md"), "x")
	old := addWatch
	t.Cleanup(func() { addWatch = old })
	n := 0
	addWatch = func(w *fsnotify.Watcher, dir string) error {
		if n++; n > 2 {
			return fmt.Errorf("inotify_add_watch: %w", syscall.ENOSPC)
		}
		return w.Add(dir)
	}
	var mu sync.Mutex
	var notices []Notice
	ch := run(t, Options{Root: root, FallbackPoll: 100 * time.Millisecond, Debounce: 50 * time.Millisecond, Notice: func(n Notice) {
		mu.Lock()
		defer mu.Unlock()
		notices = append(notices, n)
	}})
	mu.Lock()
	require.NotEmpty(t, notices)
	assert.Equal(t, "watch-limit", notices[0].Kind)
	assert.ErrorIs(t, notices[0].Err, ErrWatchLimit)
	mu.Unlock()
	// Polling still sees changes deep in the tree.
	write(t, filepath.Join(root, "a", "b", "d.md"), "y")
	assert.Equal(t, []string{"a/b/d.md"}, next(t, ch).Paths)
}

// TestNoInotifyInstanceLeftFallsBackToPolling: when every inotify instance
// of the user is taken (EMFILE from inotify_init1), qlint polls.
func TestNoInotifyInstanceLeftFallsBackToPolling(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "a", "c.md"), "x")
	old := newWatcher
	t.Cleanup(func() { newWatcher = old })
	newWatcher = func() (*fsnotify.Watcher, error) { return nil, syscall.EMFILE }
	var mu sync.Mutex
	var notices []Notice
	ch := run(t, Options{Root: root, FallbackPoll: 100 * time.Millisecond, Debounce: 50 * time.Millisecond, Notice: func(n Notice) {
		mu.Lock()
		defer mu.Unlock()
		notices = append(notices, n)
	}})
	mu.Lock()
	require.NotEmpty(t, notices)
	assert.Equal(t, "watch-limit", notices[0].Kind)
	assert.ErrorIs(t, notices[0].Err, ErrWatchLimit)
	mu.Unlock()
	write(t, filepath.Join(root, "a", "d.md"), "y")
	assert.Equal(t, []string{"a/d.md"}, next(t, ch).Paths)
}

// TestRootDeletedAndRecreated: the watched folder deleted (or renamed
// away) is told once; when it is back, it is watched afresh and checked
// whole.
func TestRootDeletedAndRecreated(t *testing.T) {
	parent := t.TempDir()
	root := filepath.Join(parent, "preuves")
	write(t, filepath.Join(root, "a.md"), "a")
	var mu sync.Mutex
	var kinds []string
	ch := run(t, Options{Root: root, FallbackPoll: 50 * time.Millisecond, Debounce: 50 * time.Millisecond, Notice: func(n Notice) {
		mu.Lock()
		defer mu.Unlock()
		kinds = append(kinds, n.Kind)
	}})
	noticed := func(kind string) bool {
		mu.Lock()
		defer mu.Unlock()
		for _, k := range kinds {
			if k == kind {
				return true
			}
		}
		return false
	}
	// Renamed away, then back.
	require.NoError(t, os.Rename(root, root+"-ancien"))
	require.Eventually(t, func() bool { return noticed("root-gone") }, 10*time.Second, 10*time.Millisecond)
	require.NoError(t, os.Rename(root+"-ancien", root))
	for c := next(t, ch); !c.Overflow; c = next(t, ch) {
	}
	assert.True(t, noticed("root-back"))
	// Watched again: a new file is seen.
	write(t, filepath.Join(root, "b.md"), "b")
	for c := next(t, ch); !contains(c.Paths, "b.md"); c = next(t, ch) {
	}
	// Deleted, then recreated.
	mu.Lock()
	kinds = nil
	mu.Unlock()
	require.NoError(t, os.RemoveAll(root))
	require.Eventually(t, func() bool { return noticed("root-gone") }, 10*time.Second, 10*time.Millisecond)
	write(t, filepath.Join(root, "c.md"), "c")
	for c := next(t, ch); !c.Overflow; c = next(t, ch) {
	}
	write(t, filepath.Join(root, "d.md"), "d")
	for c := next(t, ch); !contains(c.Paths, "d.md"); c = next(t, ch) {
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
