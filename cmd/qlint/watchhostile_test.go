//go:build unix

package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/gitbuild"
)

// TestWatchEndsPromptlyAfterHostileSwaps: qlint.toml swapped for a named
// pipe, then for a link to /dev/zero, is told and never read; SIGINT and
// SIGTERM still end watch at once.
func TestWatchEndsPromptlyAfterHostileSwaps(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			r, err := gitbuild.Init(dir)
			require.NoError(t, err)
			cfg := filepath.Join(dir, "qlint.toml")
			require.NoError(t, os.WriteFile(cfg, []byte(watchRules), 0o644))
			_, err = r.CommitWorktree("début", gitbuild.MustDay("2025-01-10"))
			require.NoError(t, err)

			cmd := exec.Command("qlint", "watch", dir, "-f", "json", "--debounce", "50ms", "--lang", "en")
			stdout, err := cmd.StdoutPipe()
			require.NoError(t, err)
			stderr := &syncBuffer{}
			cmd.Stderr = stderr
			require.NoError(t, cmd.Start())
			t.Cleanup(func() { _ = cmd.Process.Kill() })
			first := make(chan bool, 1)
			go func() {
				sc := bufio.NewScanner(stdout)
				sc.Buffer(make([]byte, 1<<20), 1<<24)
				first <- sc.Scan()
				for sc.Scan() {
				}
			}()
			select {
			case ok := <-first:
				require.True(t, ok, "stderr: %s", stderr.String())
			case <-time.After(20 * time.Second):
				t.Fatal("no first report")
			}
			waitFor := func(what string) {
				t.Helper()
				deadline := time.Now().Add(20 * time.Second)
				for !strings.Contains(stderr.String(), what) {
					require.True(t, time.Now().Before(deadline), "no %q on stderr: %s", what, stderr.String())
					time.Sleep(20 * time.Millisecond)
				}
			}
			require.NoError(t, os.Remove(cfg))
			require.NoError(t, syscall.Mkfifo(cfg, 0o644))
			waitFor("not a regular file")
			require.NoError(t, os.Remove(cfg))
			require.NoError(t, os.Symlink("/dev/zero", cfg))
			waitFor("outside the evidence folder")

			require.NoError(t, cmd.Process.Signal(sig))
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				t.Fatalf("qlint watch did not end within 10 s of %v", sig)
			}
		})
	}
}

// TestWatchFollowsALinkedRulesFile: qlint.toml is a link to a file of the
// folder; editing that file reloads the rules.
func TestWatchFollowsALinkedRulesFile(t *testing.T) {
	need(t, "git")
	dir := t.TempDir()
	gitAt(t, dir, "2025-01-10", "init", "-q", "-b", "main")
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "config"), 0o755))
	target := filepath.Join(dir, "config", "regles.toml")
	require.NoError(t, os.WriteFile(target, []byte(watchRules), 0o644))
	require.NoError(t, os.Symlink(filepath.Join("config", "regles.toml"), filepath.Join(dir, "qlint.toml")))
	gitAt(t, dir, "2025-01-10", "add", ".")
	gitAt(t, dir, "2025-01-10", "commit", "-q", "-m", "début")

	cmd := exec.Command("qlint", "watch", dir, "--debounce", "50ms", "--lang", "en")
	stdout := &syncBuffer{}
	stderr := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	require.Eventually(t, func() bool { return strings.Contains(stdout.String(), "Watching") },
		20*time.Second, 20*time.Millisecond, "stdout: %s\nstderr: %s", stdout.String(), stderr.String())
	broken := strings.Replace(watchRules, `max_age = "1mo"`, `max_age = "bientôt"`, 1)
	require.NoError(t, os.WriteFile(target, []byte(broken), 0o644))
	require.Eventually(t, func() bool { return strings.Contains(stderr.String(), `invalid duration "bientôt"`) },
		20*time.Second, 20*time.Millisecond, "stderr: %s\nstdout: %s", stderr.String(), stdout.String())
	require.NoError(t, cmd.Process.Signal(syscall.SIGINT))
}

// TestWatchDefaultFolderDeletedAndRecreated: watch started in the
// evidence folder without DIR (".") follows the folder when it is deleted
// and made again, as it does for an absolute DIR: the folder is resolved
// once at start, not looked up again from the deleted working directory.
func TestWatchDefaultFolderDeletedAndRecreated(t *testing.T) {
	need(t, "git")
	dir := filepath.Join(t.TempDir(), "preuves")
	recreate := func() {
		require.NoError(t, os.MkdirAll(dir, 0o755))
		gitAt(t, dir, "2025-01-10", "init", "-q", "-b", "main")
		require.NoError(t, os.WriteFile(filepath.Join(dir, "qlint.toml"), []byte(watchRules), 0o644))
		gitAt(t, dir, "2025-01-10", "add", ".")
		gitAt(t, dir, "2025-01-10", "commit", "-q", "-m", "début")
	}
	recreate()
	cmd := exec.Command("qlint", "watch", "--debounce", "50ms", "--lang", "en")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "COLUMNS=1000") // whole sentences
	stdout, stderr := &syncBuffer{}, &syncBuffer{}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	require.Eventually(t, func() bool { return strings.Contains(stdout.String(), "Watching") },
		20*time.Second, 20*time.Millisecond, "stdout: %s\nstderr: %s", stdout.String(), stderr.String())
	require.NoError(t, os.RemoveAll(dir))
	require.Eventually(t, func() bool { return strings.Contains(stderr.String(), "was deleted or renamed") },
		20*time.Second, 20*time.Millisecond, "stderr: %s", stderr.String())
	recreate()
	require.Eventually(t, func() bool { return strings.Contains(stderr.String(), "is back: everything is checked again") },
		20*time.Second, 20*time.Millisecond, "stderr: %s\nstdout: %s", stderr.String(), stdout.String())
	require.NotContains(t, stderr.String(), "no rules file")
	require.NoError(t, cmd.Process.Signal(syscall.SIGINT))
}
