package watcher

import (
	"os"
	"testing"

	"github.com/qlint/qlint/internal/gittest"
)

// TestMain keeps the git commands the tests run inside the repositories
// they build, even when go test itself runs under git (a hook, rebase -x).
func TestMain(m *testing.M) {
	gittest.Isolate()
	os.Exit(m.Run())
}
