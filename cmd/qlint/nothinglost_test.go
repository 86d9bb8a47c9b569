package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/gitbuild"
)

// snapshot records every file and folder of the tree but .git: path, mode,
// and a hash of the content.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var lines []string
	require.NoError(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.Name() == ".git" {
			return filepath.SkipDir
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		line := fmt.Sprintf("%s %v", rel, info.Mode())
		if info.Mode().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			line += fmt.Sprintf(" %x", sha256.Sum256(data))
		}
		lines = append(lines, line)
		return nil
	}))
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func gitStatus(t *testing.T, dir string) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		return ""
	}
	cmd := exec.Command("git", "status", "--porcelain=v1", "--untracked-files=all")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	return string(out)
}

// TestNothingInTheEvidenceTreeChanges runs every command on a repository
// and checks that the tree (contents and modes) and git status are the
// same afterwards.
func TestNothingInTheEvidenceTreeChanges(t *testing.T) {
	r, err := gitbuild.Init(t.TempDir())
	require.NoError(t, err)
	src := filepath.Join("..", "..", "fixtures", "organisme-af")
	tree, err := gitbuild.ReadTree(src)
	require.NoError(t, err)
	h, err := r.Commit(tree, "dossier", gitbuild.MustDay("2026-06-15"))
	require.NoError(t, err)
	require.NoError(t, r.SetHead(h))
	require.NoError(t, r.Checkout())
	dir := r.Dir
	// An uncommitted edit, an untracked file, an executable script.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "07-amelioration", "plan-amelioration.xlsx"), []byte("edited"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a-classer.pdf"), []byte("untracked"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "outils.sh"), []byte("#!/bin/sh\n"), 0o755))
	// Links to a file outside the folder, and a folder link out of it:
	// -o never writes through them.
	outside := t.TempDir()
	victim := filepath.Join(outside, "victime.txt")
	require.NoError(t, os.WriteFile(victim, []byte("KEEP"), 0o644))
	require.NoError(t, os.Symlink(victim, filepath.Join(dir, "gl-code-quality-report.json")))
	require.NoError(t, os.Symlink(outside, filepath.Join(dir, "rapports")))

	before, status := snapshot(t, dir), gitStatus(t, dir)
	t.Setenv("GITHUB_STEP_SUMMARY", filepath.Join(outside, "summary.md"))
	commands := [][]string{
		{dir, "--as-of", "2026-11-22"},
		{"lint", dir, "-f", "json"},
		{dir, "-f", "github", "--lang", "en"},
		{dir, "-f", "markdown"},
		{dir, "-f", "sarif", "-o", filepath.Join(outside, "out.sarif")},
		{dir, "-f", "html", "-o", filepath.Join(outside, "classeur.html")},
		{"calendar", dir, "-o", filepath.Join(outside, "qualiopi.ics")},
		// -o onto the rules, a proof or git's own files is refused.
		{dir, "-o", filepath.Join(dir, "qlint.toml")},
		{dir, "-f", "json", "-o", filepath.Join(dir, "00-organisme", "organigramme.pdf")},
		{dir, "-f", "sarif", "-o", filepath.Join(dir, ".git", "HEAD")},
		{"calendar", dir, "-o", filepath.Join(dir, "07-amelioration", "plan-amelioration.xlsx")},
		// -o through a link inside the folder, to a file or a folder outside.
		{dir, "-f", "gitlab", "-o", filepath.Join(dir, "gl-code-quality-report.json"), "--fail-on", "never"},
		{dir, "-f", "json", "-o", filepath.Join(dir, "rapports", "victime.txt"), "--fail-on", "never"},
		{dir, "-f", "json", "-o", filepath.Join(dir, "rapports", "nouveau.json"), "--fail-on", "never"},
		{dir, "--git", "builtin", "--no-cache"},
		{dir, "--git", "cli"},
		{dir, "--pre-commit"},
		{dir, "--as-of", "next-audit"},
		{"explain", "23", dir},
		{"explain", "11", dir, "--lang", "en"},
		// Bare init on a folder with its qlint.toml adds the missing folders
		// (init.txtar); with profile options it stops and touches nothing.
		{"init", dir, "--name", "Autre"},
		{"init", dir, "--categories", "CFA"},
		// init never scaffolds into git's own folder.
		{"init", filepath.Join(dir, ".git")},
		{"hook", "install", dir},
		{"hook", "uninstall", dir},
		{"version"},
	}
	for _, args := range commands {
		name := strings.ReplaceAll(strings.ReplaceAll(strings.Join(args, " "), outside, "OUT"), dir, "DIR")
		t.Run(name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(args, &stdout, &stderr)
			assert.Contains(t, []int{0, 1, 2}, code)
			assert.Equal(t, before, snapshot(t, dir), "qlint %v changed the evidence tree", args)
			assert.Equal(t, status, gitStatus(t, dir), "qlint %v changed git status", args)
			kept, err := os.ReadFile(victim)
			require.NoError(t, err)
			assert.Equal(t, "KEEP", string(kept), "qlint %v wrote through a link", args)
			assert.NoFileExists(t, filepath.Join(outside, "nouveau.json"), "qlint %v wrote through a folder link", args)
		})
	}

	// watch, as a process, until its first report and Ctrl-C.
	cmd := exec.Command("qlint", "watch", dir, "-f", "json")
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	first := make(chan bool, 1)
	go func() { first <- bufio.NewScanner(out).Scan() }()
	select {
	case ok := <-first:
		require.True(t, ok)
	case <-time.After(20 * time.Second):
		t.Fatal("no first report from watch")
	}
	require.NoError(t, cmd.Process.Signal(syscall.SIGINT))
	require.NoError(t, cmd.Wait())
	assert.Equal(t, before, snapshot(t, dir), "qlint watch changed the evidence tree")
	assert.Equal(t, status, gitStatus(t, dir), "qlint watch changed git status")
}
