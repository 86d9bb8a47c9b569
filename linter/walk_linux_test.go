package linter

import (
	"encoding/binary"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// TestFolderReaderReadsBigFolders: a folder whose listing needs several
// getdents calls (1,500 long names, far beyond one 16 KiB buffer), beside
// the fixture's evidence tree, read alike by both readers.
func TestFolderReaderReadsBigFolders(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "sessions", "2026-03-02_grande-session")
	require.NoError(t, os.MkdirAll(big, 0o755))
	for i := 0; i < 1500; i++ {
		name := fmt.Sprintf("emargement-%04d-%s.pdf", i, strings.Repeat("x", 40))
		require.NoError(t, os.WriteFile(filepath.Join(big, name), []byte(strings.Repeat("p", i%7)), 0o644))
	}
	tree := walkRoot(t, dir)
	assert.Len(t, tree.Files, 1500)
	assert.Equal(t, []string{"sessions", "sessions/2026-03-02_grande-session"}, tree.Dirs)

	walkRoot(t, filepath.Join("..", "fixtures", "organisme-af"))
}

// TestFolderReaderHoldsFewDescriptors: a deep tree is listed whole within
// maxHeld descriptors per walker, never reported unreadable. With one
// walker every folder is read inline, holding its parent open: unbounded,
// the chain of 150 folders would take 150 descriptors.
func TestFolderReaderHoldsFewDescriptors(t *testing.T) {
	dir := t.TempDir()
	for c := 0; c < 3; c++ {
		p := filepath.Join(dir, fmt.Sprintf("chaine-%d", c))
		for i := 0; i < 150; i++ {
			p = filepath.Join(p, fmt.Sprintf("n%03d", i))
		}
		require.NoError(t, os.MkdirAll(p, 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(p, "fond.pdf"), []byte("x"), 0o644))
	}
	root, err := os.OpenRoot(dir)
	require.NoError(t, err)
	defer root.Close()
	open, err := os.ReadDir("/proc/self/fd")
	require.NoError(t, err)

	var lim syscall.Rlimit
	require.NoError(t, syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim))
	low := lim
	low.Cur = uint64(len(open) + maxHeld + 8)
	require.NoError(t, syscall.Setrlimit(syscall.RLIMIT_NOFILE, &low))
	tree, err := walkTree(root.FS(), nil, openRootFolder(root), 1)
	require.NoError(t, syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim))

	require.NoError(t, err)
	assert.Empty(t, tree.Problems)
	assert.Len(t, tree.Dirs, 3*151)
	assert.Len(t, tree.Files, 3)
}

// TestFolderReaderNeverOpensALink: a link to a folder, even inside, is not
// opened as a folder by the descriptor reader (O_NOFOLLOW); the walk follows
// links through the root, where it checks they stay inside.
func TestFolderReaderNeverOpensALink(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.Mkdir(filepath.Join(dir, "docs"), 0o755))
	require.NoError(t, os.Symlink("docs", filepath.Join(dir, "lien")))
	require.NoError(t, os.Symlink(t.TempDir(), filepath.Join(dir, "dehors")))
	fd, err := openat(unix.AT_FDCWD, dir, 0)
	require.NoError(t, err)
	defer closeFolder(fd)
	for _, name := range []string{"lien", "dehors"} {
		sub, err := openFolder(fd, name)
		if err == nil {
			closeFolder(sub)
		}
		assert.Error(t, err, name)
	}
	sub, err := openFolder(fd, "docs")
	require.NoError(t, err)
	closeFolder(sub)
}

// TestParseDirentsOnBadBuffers: a listing buffer cut short or with a bad
// record length ends the parse; it never loops or reads past the buffer.
func TestParseDirentsOnBadBuffers(t *testing.T) {
	rec := func(name string, typ byte, reclen int) []byte {
		if reclen == 0 {
			reclen = (19 + len(name) + 1 + 7) &^ 7
		}
		b := make([]byte, max(reclen, 19+len(name)+1))
		binary.NativeEndian.PutUint16(b[16:], uint16(reclen))
		b[18] = typ
		copy(b[19:], name)
		return b
	}
	good := append(append(rec(".", unix.DT_DIR, 0), rec("a.pdf", unix.DT_REG, 0)...), rec("docs", unix.DT_DIR, 0)...)
	got := parseDirents(good, nil)
	require.Len(t, got, 2)
	assert.Equal(t, entry{name: "a.pdf", kind: kindFile}, got[0])
	assert.Equal(t, entry{name: "docs", kind: kindDir}, got[1])

	for _, b := range [][]byte{
		nil,
		good[:10],
		rec("x", unix.DT_REG, 3),    // record shorter than its header
		rec("x", unix.DT_REG, 4000), // record longer than the buffer
		append(rec("a", unix.DT_REG, 0), rec("b", unix.DT_REG, 1)...),
	} {
		assert.NotPanics(t, func() { parseDirents(b, nil) })
	}
	fifo := rec("tube", unix.DT_FIFO, 0)
	assert.Empty(t, parseDirents(fifo, nil), "pipes are not proofs")
	unknown := parseDirents(rec("?", unix.DT_UNKNOWN, 0), nil)
	assert.Equal(t, []entry{{name: "?", kind: kindOther}}, unknown, "fstatat tells the type")
}

// TestStatEntriesTellsUnknownTypes: where the file system gives no type in
// its listing (DT_UNKNOWN: some XFS, FUSE), fstatat tells folders, links,
// files (with their size) and pipes apart; a name gone meanwhile is a
// vanished file.
func TestStatEntriesTellsUnknownTypes(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.Mkdir(filepath.Join(dir, "docs"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.pdf"), []byte("12345"), 0o644))
	require.NoError(t, os.Symlink("docs", filepath.Join(dir, "lien")))
	require.NoError(t, syscall.Mkfifo(filepath.Join(dir, "tube"), 0o644))
	fd, err := openat(unix.AT_FDCWD, dir, 0)
	require.NoError(t, err)
	defer closeFolder(fd)

	entries := []entry{{name: "docs"}, {name: "a.pdf"}, {name: "lien"}, {name: "tube"}, {name: "parti.pdf"}}
	statEntries(fd, entries)
	kinds := map[string]entryKind{}
	for _, e := range entries {
		kinds[e.name] = e.kind
	}
	assert.Equal(t, map[string]entryKind{"docs": kindDir, "a.pdf": kindFile, "lien": kindLink, "tube": kindOther, "parti.pdf": kindFile}, kinds)
	assert.Equal(t, int64(5), entries[1].size)
	assert.False(t, entries[1].modTime.IsZero())
	assert.NoError(t, entries[1].err)
	assert.ErrorIs(t, entries[4].err, fs.ErrNotExist, "a name gone since the listing")
}
