package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/gitbuild"
	"github.com/qlint/qlint/linter"
)

const watchRules = `schema = 1
[[rule]]
id = "catalogue"
indicators = [1]
paths = ["catalogue/*.pdf"]

[[rule]]
id = "veille"
indicators = [23]
paths = ["veille/*.md"]
max_age = "1mo"
`

// syncBuffer is a stderr that the test reads while the process writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestWatchProcess runs `qlint watch -f json` as a process and reads its
// NDJSON: one report per run, nothing else on stdout.
func TestWatchProcess(t *testing.T) {
	wideMessages(t)
	dir := t.TempDir()
	r, err := gitbuild.Init(dir)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "qlint.toml"), []byte(watchRules), 0o644))
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "veille"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "veille", "a.md"), []byte("v1"), 0o644))
	_, err = r.CommitWorktree("début", gitbuild.MustDay("2025-01-10"))
	require.NoError(t, err)

	cmd := exec.Command("qlint", "watch", dir, "-f", "json", "--as-of", "2026-11-22", "--debounce", "100ms", "--lang", "en")
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	stderr := &syncBuffer{}
	cmd.Stderr = stderr
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill() })

	reports := make(chan linter.Report, 32)
	bad := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		for sc.Scan() {
			var rep linter.Report
			if err := json.Unmarshal(sc.Bytes(), &rep); err != nil {
				bad <- sc.Text()
				return
			}
			reports <- rep
		}
		close(reports)
	}()
	// await reads reports until one satisfies ok.
	await := func(what string, ok func(linter.Report) bool) linter.Report {
		t.Helper()
		deadline := time.After(15 * time.Second)
		for {
			select {
			case rep, open := <-reports:
				require.True(t, open, "qlint watch stopped before %s; stderr:\n%s", what, stderr.String())
				if ok(rep) {
					return rep
				}
			case line := <-bad:
				t.Fatalf("stdout holds a line that is not a JSON report: %q", line)
			case <-deadline:
				t.Fatalf("no report with %s in 15 s; stderr:\n%s", what, stderr.String())
			}
		}
	}
	finding := func(rep linter.Report, rule string) *linter.Finding {
		for i, f := range rep.Findings {
			if f.Rule == rule {
				return &rep.Findings[i]
			}
		}
		return nil
	}

	first := await("the first report", func(linter.Report) bool { return true })
	assert.EqualValues(t, "missing", first.Indicators[0].Status)
	assert.EqualValues(t, "stale", first.Indicators[22].Status)

	// A proof appears: indicator 1 is satisfied.
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "catalogue"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "catalogue", "2026.pdf"), []byte("c"), 0o644))
	await("indicator 1 ok", func(rep linter.Report) bool { return rep.Indicators[0].Status == "ok" })

	// An invalid edit of qlint.toml: the error is shown, the watch goes on
	// with the last good rules.
	broken := strings.Replace(watchRules, `max_age = "1mo"`, `max_age = "bientôt"`, 1)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "qlint.toml"), []byte(broken), 0o644))
	// Both lines are waited for: the second is written after the first, and
	// reading stderr once the first shows up can miss it.
	require.Eventually(t, func() bool {
		s := stderr.String()
		return strings.Contains(s, "qlint.toml:11:11: invalid duration \"bientôt\"") &&
			strings.Contains(s, "watching goes on with the last valid rules")
	},
		15*time.Second, 50*time.Millisecond, "stderr: %s", stderr.String())
	// Fixed: the new rules apply (the catalogue rule now wants two files).
	fixed := strings.Replace(watchRules, `paths = ["catalogue/*.pdf"]`, "paths = [\"catalogue/*.pdf\"]\nmin = 2", 1)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "qlint.toml"), []byte(fixed), 0o644))
	await("the fixed rules", func(rep linter.Report) bool { return rep.Indicators[0].Status == "missing" })

	// An uncommitted edit dates the note by its modification time...
	note := filepath.Join(dir, "veille", "a.md")
	require.NoError(t, os.WriteFile(note, []byte("v2"), 0o644))
	mtime := time.Date(2026, 10, 25, 12, 0, 0, 0, time.Local)
	require.NoError(t, os.Chtimes(note, mtime, mtime))
	await("the uncommitted date", func(rep linter.Report) bool {
		f := finding(rep, "veille")
		return f != nil && f.DateSource == "uncommitted" && f.LastUpdate == "2026-10-25"
	})
	// ...and a commit changes it to the commit's date.
	_, err = r.CommitWorktree("veille de novembre", gitbuild.MustDay("2026-11-01"))
	require.NoError(t, err)
	rep := await("the commit's date", func(rep linter.Report) bool {
		f := finding(rep, "veille")
		return f != nil && f.DateSource == "git" && f.LastUpdate == "2026-11-01"
	})
	assert.EqualValues(t, "due_soon", finding(rep, "veille").Kind)

	// Ctrl-C: a clean exit 0.
	require.NoError(t, cmd.Process.Signal(syscall.SIGINT))
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		assert.NoError(t, err, "exit 0 on SIGINT; stderr:\n%s", stderr.String())
	case <-time.After(10 * time.Second):
		t.Fatal("qlint watch did not stop on SIGINT")
	}
}
