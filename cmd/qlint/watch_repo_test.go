package main

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/gitbuild"
	"github.com/qlint/qlint/linter"
)

// qlint watch started inside an evidence folder that is a subfolder of its
// repository finds its qlint.toml above, and sees a commit: the dates follow.
func TestWatchSubfolderRootSeesACommit(t *testing.T) {
	dir := t.TempDir()
	r, err := gitbuild.Init(dir)
	require.NoError(t, err)
	root := filepath.Join(dir, "preuves")
	require.NoError(t, os.MkdirAll(filepath.Join(root, "veille"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(root, "qlint.toml"), []byte(watchRules), 0o644))
	note := filepath.Join(root, "veille", "a.md")
	require.NoError(t, os.WriteFile(note, []byte("v1"), 0o644))
	_, err = r.CommitWorktree("début", gitbuild.MustDay("2025-01-10"))
	require.NoError(t, err)
	// An edit not committed yet.
	require.NoError(t, os.WriteFile(note, []byte("v2"), 0o644))
	mtime := time.Date(2026, 10, 25, 12, 0, 0, 0, time.Local)
	require.NoError(t, os.Chtimes(note, mtime, mtime))

	cmd := exec.Command("qlint", "watch", "-f", "json", "--as-of", "2026-11-22", "--debounce", "100ms", "--lang", "en")
	cmd.Dir = filepath.Join(root, "veille")
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	stderr := &syncBuffer{}
	cmd.Stderr = stderr
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	reports := make(chan linter.Report, 32)
	go func() {
		sc := bufio.NewScanner(stdout)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		for sc.Scan() {
			var rep linter.Report
			if json.Unmarshal(sc.Bytes(), &rep) == nil {
				reports <- rep
			}
		}
		close(reports)
	}()
	await := func(what, date, source string) {
		t.Helper()
		deadline := time.After(15 * time.Second)
		for {
			select {
			case rep, open := <-reports:
				require.True(t, open, "qlint watch stopped before %s; stderr:\n%s", what, stderr.String())
				for _, f := range rep.Findings {
					if f.Rule == "veille" && f.LastUpdate == date && string(f.DateSource) == source {
						return
					}
				}
			case <-deadline:
				t.Fatalf("no report with %s in 15 s; stderr:\n%s", what, stderr.String())
			}
		}
	}
	await("the uncommitted date", "2026-10-25", "uncommitted")
	// The commit changes nothing in the evidence folder's files, only the
	// repository's: the watch must see it.
	_, err = r.CommitWorktree("veille de novembre", gitbuild.MustDay("2026-11-01"))
	require.NoError(t, err)
	await("the commit's date", "2026-11-01", "git")
}
