package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The action at a release tag runs scripts/action-install.sh against the
// release's download URL. These tests serve a release folder on the
// loopback instead and check what the script installs, and what it refuses.

// installScript is this checkout's action-install.sh.
func installScript(t *testing.T) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("..", "..", "scripts", "action-install.sh"))
	require.NoError(t, err)
	return p
}

// serveDir serves dir on 127.0.0.1 for the test's duration.
func serveDir(t *testing.T, dir string) string {
	t.Helper()
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	t.Cleanup(srv.Close)
	return srv.URL
}

// runInstall runs the script with env added to the test's environment
// (RUNNER_OS and RUNNER_ARCH cleared unless given) and returns its exit
// error and its stderr.
func runInstall(t *testing.T, env []string, args ...string) (error, string) {
	t.Helper()
	cmd := exec.Command("bash", append([]string{installScript(t)}, args...)...)
	cmd.Env = append(os.Environ(), "RUNNER_OS=", "RUNNER_ARCH=")
	cmd.Env = append(cmd.Env, env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	return err, stderr.String()
}

func sha256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func tarGz(t *testing.T, name string, content []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for _, f := range []struct {
		name string
		data []byte
		mode int64
	}{{"README.md", []byte("# qlint\n"), 0o644}, {name, content, 0o755}} {
		require.NoError(t, tw.WriteHeader(&tar.Header{Name: f.name, Mode: f.mode, Size: int64(len(f.data)), Typeflag: tar.TypeReg}))
		_, err := tw.Write(f.data)
		require.NoError(t, err)
	}
	require.NoError(t, tw.Close())
	require.NoError(t, gz.Close())
	return buf.Bytes()
}

func zipOf(t *testing.T, name string, content []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range []struct {
		name string
		data []byte
	}{{"README.md", []byte("# qlint\n")}, {name, content}} {
		w, err := zw.Create(f.name)
		require.NoError(t, err)
		_, err = w.Write(f.data)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

// fakeRelease writes a release folder as GoReleaser lays it out, each
// archive holding a small program that names its system, and returns the
// folder and the programs by archive.
func fakeRelease(t *testing.T, version string) (string, map[string][]byte) {
	t.Helper()
	dir := t.TempDir()
	programs := map[string][]byte{}
	var sums strings.Builder
	for _, goos := range []string{"linux", "darwin", "windows"} {
		for _, arch := range []string{"amd64", "arm64"} {
			prog := []byte(fmt.Sprintf("#!/bin/sh\necho 'qlint %s %s/%s'\n", version, goos, arch))
			name := fmt.Sprintf("qlint_%s_%s_%s.tar.gz", version, goos, arch)
			data := tarGz(t, "qlint", prog)
			if goos == "windows" {
				name = fmt.Sprintf("qlint_%s_%s_%s.zip", version, goos, arch)
				data = zipOf(t, "qlint.exe", prog)
			}
			require.NoError(t, os.WriteFile(filepath.Join(dir, name), data, 0o644))
			fmt.Fprintf(&sums, "%s  %s\n", sha256Hex(data), name)
			programs[name] = prog
		}
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "checksums.txt"), []byte(sums.String()), 0o644))
	return dir, programs
}

// TestActionInstall checks the download path for every runner GitHub has,
// and that a release file that does not match checksums.txt is refused.
func TestActionInstall(t *testing.T) {
	need(t, "bash", "curl", "tar", "unzip")
	dir, programs := fakeRelease(t, "1.4.0")
	base := serveDir(t, dir)

	for _, c := range []struct {
		os, arch, archive, dest string
	}{
		{"Linux", "X64", "qlint_1.4.0_linux_amd64.tar.gz", "qlint"},
		{"Linux", "ARM64", "qlint_1.4.0_linux_arm64.tar.gz", "qlint"},
		{"macOS", "ARM64", "qlint_1.4.0_darwin_arm64.tar.gz", "qlint"},
		{"macOS", "X64", "qlint_1.4.0_darwin_amd64.tar.gz", "qlint"},
		{"Windows", "X64", "qlint_1.4.0_windows_amd64.zip", "qlint.exe"},
		{"Windows", "ARM64", "qlint_1.4.0_windows_arm64.zip", "qlint.exe"},
	} {
		t.Run(c.os+"-"+c.arch, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "bin")
			err, stderr := runInstall(t, []string{"RUNNER_OS=" + c.os, "RUNNER_ARCH=" + c.arch}, base, "v1.4.0", filepath.Join(out, "qlint"))
			require.NoError(t, err, stderr)
			got, err := os.ReadFile(filepath.Join(out, c.dest))
			require.NoError(t, err)
			assert.Equal(t, programs[c.archive], got, "the program of %s", c.archive)
			if runtime.GOOS != "windows" {
				info, err := os.Stat(filepath.Join(out, c.dest))
				require.NoError(t, err)
				assert.NotZero(t, info.Mode()&0o111, "the binary is executable")
			}
		})
	}

	host := []string{"RUNNER_OS=Linux", "RUNNER_ARCH=X64"}
	refused := func(t *testing.T, base, version, want string) {
		t.Helper()
		dest := filepath.Join(t.TempDir(), "qlint")
		err, stderr := runInstall(t, host, base, version, dest)
		require.Error(t, err, "the script installed qlint: %s", stderr)
		assert.Contains(t, stderr, want)
		_, statErr := os.Stat(dest)
		assert.True(t, os.IsNotExist(statErr), "nothing is written at %s", dest)
	}

	t.Run("tampered archive", func(t *testing.T) {
		bad := t.TempDir()
		copyDir(t, dir, bad)
		name := "qlint_1.4.0_linux_amd64.tar.gz"
		require.NoError(t, os.WriteFile(filepath.Join(bad, name),
			tarGz(t, "qlint", []byte("#!/bin/sh\necho pwned\n")), 0o644))
		refused(t, serveDir(t, bad), "v1.4.0", name+" does not match checksums.txt")
	})
	t.Run("archive not in checksums.txt", func(t *testing.T) {
		bad := t.TempDir()
		copyDir(t, dir, bad)
		sums, err := os.ReadFile(filepath.Join(bad, "checksums.txt"))
		require.NoError(t, err)
		var kept []string
		for _, l := range strings.Split(strings.TrimSpace(string(sums)), "\n") {
			if !strings.HasSuffix(l, "_linux_amd64.tar.gz") {
				kept = append(kept, l)
			}
		}
		require.NoError(t, os.WriteFile(filepath.Join(bad, "checksums.txt"), []byte(strings.Join(kept, "\n")+"\n"), 0o644))
		refused(t, serveDir(t, bad), "v1.4.0", "checksums.txt of release 1.4.0 does not list qlint_1.4.0_linux_amd64.tar.gz")
	})
	t.Run("no such release", func(t *testing.T) {
		refused(t, base, "v9.9.9", "cannot download "+base+"/qlint_9.9.9_linux_amd64.tar.gz (is there a release 9.9.9 with its archives?)")
	})
	t.Run("unknown processor", func(t *testing.T) {
		dest := filepath.Join(t.TempDir(), "qlint")
		err, stderr := runInstall(t, []string{"RUNNER_OS=Linux", "RUNNER_ARCH=ARM"}, base, "v1.4.0", dest)
		require.Error(t, err)
		assert.Contains(t, stderr, "no release archive for the processor ARM")
	})
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	entries, err := os.ReadDir(from)
	require.NoError(t, err)
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(from, e.Name()))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(to, e.Name()), data, 0o644))
	}
}

// TestActionInstallRelease installs from a real GoReleaser dist/ folder
// (QLINT_RELEASE_DIST, which .ci/run sets after its snapshot build) for
// this machine, runs the binary, and refuses a tampered copy of the archive.
func TestActionInstallRelease(t *testing.T) {
	dist := os.Getenv("QLINT_RELEASE_DIST")
	if dist == "" {
		t.Skip("QLINT_RELEASE_DIST is not set: .ci/run sets it to the snapshot that goreleaser builds")
	}
	need(t, "bash", "curl", "tar")
	if runtime.GOOS == "windows" {
		t.Skip("runs the unpacked binary with a Unix shell")
	}
	meta, err := os.ReadFile(filepath.Join(dist, "metadata.json"))
	require.NoError(t, err)
	var m struct {
		Version string `json:"version"`
		Commit  string `json:"commit"`
	}
	require.NoError(t, json.Unmarshal(meta, &m))
	require.NotEmpty(t, m.Version)
	require.Regexp(t, `^[0-9a-f]{40}$`, m.Commit, "GoReleaser read no commit (does git name a remote?)")

	dest := filepath.Join(t.TempDir(), "qlint")
	err, stderr := runInstall(t, nil, serveDir(t, dist), "v"+m.Version, dest)
	require.NoError(t, err, stderr)
	out, err := exec.Command(dest, "version").Output()
	require.NoError(t, err)
	assert.Regexp(t, "^qlint "+regexp.QuoteMeta(m.Version)+` \(commit `+regexp.QuoteMeta(m.Commit)+
		`, 20\d\d-\d\d-\d\dT[0-9:]+(Z|[+-]\d\d:\d\d), go1\.[0-9.]+, référentiels? [^)]+\)\n$`, string(out))
	t.Logf("%s", out)

	// The same release with one archive changed after checksums.txt.
	bad := t.TempDir()
	archive := fmt.Sprintf("qlint_%s_%s_%s.tar.gz", m.Version, runtime.GOOS, runtime.GOARCH)
	for _, f := range []string{"checksums.txt", archive} {
		data, err := os.ReadFile(filepath.Join(dist, f))
		require.NoError(t, err)
		if f == archive {
			data[len(data)/2] ^= 1
		}
		require.NoError(t, os.WriteFile(filepath.Join(bad, f), data, 0o644))
	}
	dest2 := filepath.Join(t.TempDir(), "qlint")
	err, stderr = runInstall(t, nil, serveDir(t, bad), m.Version, dest2)
	require.Error(t, err, "a tampered archive was installed: %s", stderr)
	assert.Contains(t, stderr, archive+" does not match checksums.txt")
	_, statErr := os.Stat(dest2)
	assert.True(t, os.IsNotExist(statErr), "nothing is written for a tampered archive")
}
