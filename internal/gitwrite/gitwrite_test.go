package gitwrite

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/gittest"
)

func TestMain(m *testing.M) {
	gittest.Isolate()
	os.Exit(m.Run())
}

// A tree whose names sort differently as folders (b.c/ < b/ < b0) and
// with accents and spaces.
var sample = Tree{
	"b.txt": "1", "b/x": "2", "b.c/y": "3", "b0": "4", "é t é/ça.pdf": "5",
	"a/b/c/d.md": "6", "vide": "",
}

// What gitwrite writes, go-git reads back as the same commit and tree, and
// the commit's id is the one go-git's own encoding gives.
func TestCommitsReadAsGoGitWritesThem(t *testing.T) {
	dir := t.TempDir()
	r, err := Init(dir)
	require.NoError(t, err)
	when := time.Date(2026, 3, 4, 12, 0, 0, 0, time.FixedZone("CET", 3600))
	first, err := r.Commit(sample, "Premier dépôt\n", when)
	require.NoError(t, err)
	second, err := r.Commit(sample.Move("b", "bb").Without("b0"), "Réorganisation", when.AddDate(0, 1, 0), first)
	require.NoError(t, err)
	require.NoError(t, r.SetHead(second))

	repo, err := git.PlainOpen(dir)
	require.NoError(t, err)
	c, err := repo.CommitObject(second)
	require.NoError(t, err)
	assert.Equal(t, []plumbing.Hash{first}, c.ParentHashes)
	assert.Equal(t, Name, c.Author.Name)
	assert.True(t, when.AddDate(0, 1, 0).Equal(c.Author.When))
	files, err := c.Files()
	require.NoError(t, err)
	got := Tree{}
	require.NoError(t, files.ForEach(func(f *object.File) error {
		s, err := f.Contents()
		got[f.Name] = s
		return err
	}))
	assert.Equal(t, sample.Move("b", "bb").Without("b0"), got)

	assert.Equal(t, "Réorganisation\n", c.Message, "a message ends with a newline, as git commit writes it")
	again := &object.Commit{Author: c.Author, Committer: c.Committer, Message: c.Message, TreeHash: c.TreeHash, ParentHashes: c.ParentHashes}
	obj := repo.Storer.NewEncodedObject()
	require.NoError(t, again.Encode(obj))
	assert.Equal(t, second, obj.Hash(), "go-git encodes the same commit to the same id")
}

// The demo's repository is one git reads as a fresh clone: nothing to
// commit, nothing damaged.
func TestCheckoutLeavesACleanRepository(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	r, err := Init(dir)
	require.NoError(t, err)
	h, err := r.Commit(sample, "Premier dépôt", MustDay("2026-01-05"))
	require.NoError(t, err)
	require.NoError(t, r.SetHead(h))
	require.NoError(t, r.Checkout(sample))
	for p, content := range sample {
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		require.NoError(t, err)
		assert.Equal(t, content, string(b), p)
	}
	git := func(args ...string) string {
		out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).CombinedOutput()
		require.NoError(t, err, "git %v: %s", args, out)
		return strings.TrimSpace(string(out))
	}
	assert.Empty(t, git("status", "--porcelain"))
	git("fsck", "--strict", "--no-dangling")
	assert.Equal(t, h.String(), git("rev-parse", "main"))
	assert.Equal(t, "refs/heads/main", git("symbolic-ref", "HEAD"))
	assert.Equal(t, "false", git("config", "core.bare"))

	_, err = Init(dir)
	assert.Error(t, err, "a folder that holds a repository already")
}
