//go:build unix

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/gitbuild"
)

// hostileRepo is the sample evidence folder, committed, with a list of
// commits to ignore; and a secret file outside it.
func hostileRepo(t *testing.T) (dir, secret string) {
	t.Helper()
	r, err := gitbuild.Init(t.TempDir())
	require.NoError(t, err)
	tree, err := gitbuild.ReadTree(filepath.Join("..", "..", "fixtures", "organisme-af"))
	require.NoError(t, err)
	h, err := r.Commit(tree, "dossier", gitbuild.MustDay("2026-06-15"))
	require.NoError(t, err)
	require.NoError(t, r.SetHead(h))
	require.NoError(t, r.Checkout())
	secret = filepath.Join(t.TempDir(), "jeton")
	require.NoError(t, os.WriteFile(secret, []byte("SECRET-TOKEN-4242\n"), 0o600))
	return r.Dir, secret
}

// TestHostileInputFiles is the robustness matrix for the files qlint reads:
// each is a named pipe, a link out of the folder, a link to a device or a
// huge file; qlint must neither wait, nor fill the memory, nor read (or
// quote) a file outside the folder.
func TestHostileInputFiles(t *testing.T) {
	wideMessages(t)
	withRevs := func(dir string) {
		cfg := filepath.Join(dir, "qlint.toml")
		data, err := os.ReadFile(cfg)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(cfg, append(data, "\n[history]\nignore_revs_file = \".qlint-ignore-revs\"\n"...), 0o644))
	}
	note := filepath.Join("approche", "indicateur-01.md")
	tests := []struct {
		name  string
		setup func(t *testing.T, dir, secret string) []string // the extra arguments
		code  int
		want  string // in the output, in English
	}{
		{"qlint.toml is a named pipe", func(t *testing.T, dir, _ string) []string {
			require.NoError(t, os.Remove(filepath.Join(dir, "qlint.toml")))
			require.NoError(t, syscall.Mkfifo(filepath.Join(dir, "qlint.toml"), 0o644))
			return nil
		}, 2, "not a regular file"},
		{"qlint.toml links to a secret outside", func(t *testing.T, dir, secret string) []string {
			require.NoError(t, os.Remove(filepath.Join(dir, "qlint.toml")))
			require.NoError(t, os.Symlink(secret, filepath.Join(dir, "qlint.toml")))
			return nil
		}, 2, "outside the evidence folder"},
		{"qlint.toml links to /dev/zero", func(t *testing.T, dir, _ string) []string {
			require.NoError(t, os.Remove(filepath.Join(dir, "qlint.toml")))
			require.NoError(t, os.Symlink("/dev/zero", filepath.Join(dir, "qlint.toml")))
			return nil
		}, 2, "outside the evidence folder"},
		{"-c is a named pipe", func(t *testing.T, dir, _ string) []string {
			p := filepath.Join(t.TempDir(), "regles.toml")
			require.NoError(t, syscall.Mkfifo(p, 0o644))
			return []string{"-c", p}
		}, 2, "not a regular file"},
		{"-c is /dev/zero", func(t *testing.T, dir, _ string) []string {
			return []string{"-c", "/dev/zero"}
		}, 2, "not a regular file"},
		{"qlint.toml of 2 MB", func(t *testing.T, dir, _ string) []string {
			require.NoError(t, os.WriteFile(filepath.Join(dir, "qlint.toml"), bytes.Repeat([]byte("# x\n"), 512<<10), 0o644))
			return nil
		}, 2, "larger than"},
		{"ignore_revs_file is a named pipe", func(t *testing.T, dir, _ string) []string {
			withRevs(dir)
			require.NoError(t, syscall.Mkfifo(filepath.Join(dir, ".qlint-ignore-revs"), 0o644))
			return nil
		}, 2, "not a regular file"},
		{"ignore_revs_file links to a secret outside", func(t *testing.T, dir, secret string) []string {
			withRevs(dir)
			require.NoError(t, os.Symlink(secret, filepath.Join(dir, ".qlint-ignore-revs")))
			return nil
		}, 2, "outside the evidence folder"},
		{"ignore_revs_file links to /dev/zero", func(t *testing.T, dir, _ string) []string {
			withRevs(dir)
			require.NoError(t, os.Symlink("/dev/zero", filepath.Join(dir, ".qlint-ignore-revs")))
			return nil
		}, 2, "outside the evidence folder"},
		{"approach note is a named pipe", func(t *testing.T, dir, _ string) []string {
			require.NoError(t, os.MkdirAll(filepath.Join(dir, "approche"), 0o755))
			require.NoError(t, syscall.Mkfifo(filepath.Join(dir, note), 0o644))
			return []string{"-f", "html"}
		}, 1, ""},
		{"approach note links to /dev/zero", func(t *testing.T, dir, _ string) []string {
			require.NoError(t, os.MkdirAll(filepath.Join(dir, "approche"), 0o755))
			require.NoError(t, os.Symlink("/dev/zero", filepath.Join(dir, note)))
			return []string{"-f", "json"}
		}, 1, "approche/indicateur-01.md"},
		{"approach note of 300 MB", func(t *testing.T, dir, _ string) []string {
			require.NoError(t, os.MkdirAll(filepath.Join(dir, "approche"), 0o755))
			f, err := os.Create(filepath.Join(dir, note))
			require.NoError(t, err)
			require.NoError(t, f.Truncate(300<<20)) // sparse: no disk used
			require.NoError(t, f.Close())
			return []string{"-f", "json"}
		}, 1, "larger than"},
		// The walk skips pipes: the folder's name gives its dates.
		{"session.toml is a named pipe", func(t *testing.T, dir, _ string) []string {
			require.NoError(t, syscall.Mkfifo(filepath.Join(dir, "sessions", "2026-10-05_acme_excel", "session.toml"), 0o644))
			return nil
		}, 1, ""},
		{"session.toml nested 100k deep", func(t *testing.T, dir, _ string) []string {
			p := filepath.Join(dir, "sessions", "2026-10-05_acme_excel", "session.toml")
			require.NoError(t, os.WriteFile(p, []byte("x = "+string(bytes.Repeat([]byte("["), 100000))), 0o644))
			return nil
		}, 2, "nested"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, secret := hostileRepo(t)
			args := append([]string{dir, "--lang", "en", "--as-of", "2026-11-22"}, tt.setup(t, dir, secret)...)
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			code, out := runBounded(t, args...)
			runtime.ReadMemStats(&after)
			assert.Equal(t, tt.code, code, "%s", out)
			assert.Contains(t, out, tt.want)
			assert.NotContains(t, out, "SECRET-TOKEN")
			assert.NotContains(t, out, "goroutine ", "a stack trace")
			assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(256<<20), "bytes allocated")
		})
	}
}

// TestDiskFullDuringOutput: a full disk (here /dev/full, where every write
// fails with "no space left") is said plainly, exit 2.
func TestDiskFullDuringOutput(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full")
	}
	dir, _ := hostileRepo(t)
	code, out := runBounded(t, dir, "--lang", "en", "-f", "json", "-o", "/dev/full")
	assert.Equal(t, exitError, code)
	assert.Contains(t, out, "the disk is full: /dev/full is not written")
}

// listTree lists every path under dir, links not followed.
func listTree(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	require.NoError(t, filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out = append(out, rel)
		return nil
	}))
	return out
}

// TestInitWritesOnlyInsideTheFolder is the robustness matrix for qlint
// init: never through a link out, never into git's own folders.
func TestInitWritesOnlyInsideTheFolder(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, dir, outside string) string // the folder to init
		want  string
	}{
		{"a folder to fill is a link out", func(t *testing.T, dir, outside string) string {
			require.NoError(t, os.Symlink(outside, filepath.Join(dir, "04-moyens")))
			return dir
		}, "is a link out of the evidence folder"},
		{"the notes folder is a link out", func(t *testing.T, dir, outside string) string {
			require.NoError(t, os.Symlink(outside, filepath.Join(dir, "approche")))
			return dir
		}, "is a link out of the evidence folder"},
		{"qlint.toml is a dangling link, with --force", func(t *testing.T, dir, outside string) string {
			require.NoError(t, os.Symlink(filepath.Join(outside, "regles.toml"), filepath.Join(dir, "qlint.toml")))
			return dir
		}, "not a regular file"},
		{"a bare repository", func(t *testing.T, dir, _ string) string {
			require.NoError(t, os.WriteFile(filepath.Join(dir, "HEAD"), []byte("ref: refs/heads/main\n"), 0o644))
			require.NoError(t, os.Mkdir(filepath.Join(dir, "objects"), 0o755))
			require.NoError(t, os.Mkdir(filepath.Join(dir, "refs"), 0o755))
			return dir
		}, "one of git's own folders"},
		{"a .git folder", func(t *testing.T, dir, _ string) string {
			require.NoError(t, os.Mkdir(filepath.Join(dir, ".git"), 0o755))
			return filepath.Join(dir, ".git")
		}, "one of git's own folders"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, outside := t.TempDir(), t.TempDir()
			target := tt.setup(t, dir, outside)
			before := listTree(t, dir)
			code, out := runBounded(t, "init", target, "--lang", "en", "--force")
			assert.Equal(t, exitError, code, "%s", out)
			assert.Contains(t, out, tt.want)
			assert.Equal(t, before, listTree(t, dir), "init left something behind")
			assert.Equal(t, []string{"."}, listTree(t, outside), "init wrote outside the folder")
		})
	}
}
