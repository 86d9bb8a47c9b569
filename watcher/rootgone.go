package watcher

import (
	"context"
	"errors"
	"os"
	"time"
)

// errRootGone is the watched folder itself deleted or renamed away.
var errRootGone = errors.New("the watched folder is gone")

// rootGone reports whether root is no longer a folder at its path.
func rootGone(root string) bool {
	info, err := os.Stat(root)
	return err != nil || !info.IsDir()
}

// awaitRoot waits until root is a folder again, looking every interval;
// it returns false when ctx ends first.
func awaitRoot(ctx context.Context, root string, every time.Duration) bool {
	t := time.NewTicker(every)
	defer t.Stop()
	for rootGone(root) {
		select {
		case <-ctx.Done():
			return false
		case <-t.C:
		}
	}
	return true
}
