package linter

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/qlint/qlint/internal/gitdates"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func readers(t *testing.T) []string {
	if _, err := exec.LookPath("git"); err != nil {
		return []string{GitBuiltin}
	}
	return []string{GitBuiltin, GitCLI, GitAuto}
}

func history(t *testing.T, root string, opts HistoryOptions) *History {
	t.Helper()
	tree, err := WalkTree(os.DirFS(root), nil)
	require.NoError(t, err)
	h, err := ReadHistory(root, tree, opts)
	require.NoError(t, err)
	return h
}

func dateOf(t *testing.T, h *History, root, p string) string {
	t.Helper()
	info, err := os.Stat(filepath.Join(root, p))
	require.NoError(t, err)
	d, src := h.Date(File{Path: p, ModTime: info.ModTime(), Size: info.Size()})
	return d.String() + " " + src
}

func gitIn(t *testing.T, dir string, args ...string) {
	t.Helper()
	out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).CombinedOutput()
	require.NoError(t, err, "git %v: %s", args, out)
}

// A reorganization not yet committed keeps its dates: a file whose content
// is a file's at HEAD keeps that file's git date, with either history
// reader.
func TestMovedFilesKeepTheirDates(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	for _, reader := range []string{GitCLI, GitBuiltin} {
		t.Run(reader, func(t *testing.T) {
			root, _, _ := repo(t, "")
			recent := time.Date(2026, 11, 20, 10, 0, 0, 0, time.Local)
			touch := func(name string) {
				require.NoError(t, os.Chtimes(filepath.Join(root, name), recent, recent))
			}
			// git mv, staged: a.md (2026-03-05) → veille/a.md.
			require.NoError(t, os.Mkdir(filepath.Join(root, "veille"), 0o755))
			gitIn(t, root, "mv", "a.md", "veille/a.md")
			// A folder moved with a plain mv, not staged: classé/ (b.md, 2025-01-10) → archives 2025/.
			require.NoError(t, os.Rename(filepath.Join(root, "classé"), filepath.Join(root, "archives 2025")))
			touch("archives 2025/b.md")
			// Moved and edited: not the same content any more.
			gitIn(t, root, "mv", "veille/a.md", "veille/a-copie.md")
			require.NoError(t, os.WriteFile(filepath.Join(root, "veille/a-copie.md"), []byte("a2 edited"), 0o644))
			touch("veille/a-copie.md")
			require.NoError(t, os.WriteFile(filepath.Join(root, "veille/nouveau.md"), []byte("a2"), 0o644)) // a copy of a.md's content
			touch("veille/nouveau.md")

			rep, err := runOn(t, root, Options{Git: reader, NoCache: true,
				Config: perFile(t, "archives 2025/b.md", "veille/a-copie.md", "veille/nouveau.md")})
			require.NoError(t, err)
			assert.Equal(t, map[string]string{
				"archives 2025/b.md": "2025-01-10 moved",
				"veille/a-copie.md":  "2026-11-20 uncommitted",
				"veille/nouveau.md":  "2026-03-05 moved",
			}, datesOf(t, rep))

			// The whole reorganization staged.
			gitIn(t, root, "add", "-A")
			rep, err = runOn(t, root, Options{Git: reader, NoCache: true,
				Config: perFile(t, "archives 2025/b.md", "veille/a-copie.md", "veille/nouveau.md")})
			require.NoError(t, err)
			assert.Equal(t, map[string]string{
				"archives 2025/b.md": "2025-01-10 moved",
				"veille/a-copie.md":  "2026-11-20 uncommitted",
				"veille/nouveau.md":  "2026-03-05 moved",
			}, datesOf(t, rep))
		})
	}
}

// core.autocrlf = true: a file checked out with CRLF line endings and
// touched is still the committed one.
func TestAutoCRLFTouchedFileKeepsItsDate(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	for _, reader := range []string{GitCLI, GitBuiltin} {
		t.Run(reader, func(t *testing.T) {
			root, _, _ := repo(t, "")
			require.NoError(t, os.WriteFile(filepath.Join(root, "lignes.md"), []byte("un\ndeux\n"), 0o644))
			gitIn(t, root, "add", "lignes.md")
			gitIn(t, root, "-c", "user.name=Q", "-c", "user.email=q@example.org", "commit", "-q", "-m", "lignes",
				"--date", "2025-06-01T10:00:00")
			gitIn(t, root, "config", "core.autocrlf", "true")
			// What a Windows checkout writes, then the file is touched.
			p := filepath.Join(root, "lignes.md")
			require.NoError(t, os.WriteFile(p, []byte(strings.ReplaceAll("un\ndeux\n", "\n", "\r\n")), 0o644))
			recent := time.Date(2026, 11, 20, 10, 0, 0, 0, time.Local)
			require.NoError(t, os.Chtimes(p, recent, recent))

			rep, err := runOn(t, root, Options{Git: reader, NoCache: true, Config: perFile(t, "lignes.md")})
			require.NoError(t, err)
			assert.Equal(t, map[string]string{"lignes.md": "2025-06-01 git"}, datesOf(t, rep))
		})
	}
}

// The commit being made renames a proof: as a pre-commit hook judges it, the
// renamed proof keeps its date (a move is not an update), an edited one is
// dated today.
func TestPreCommitKeepsTheDateOfAStagedMove(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	root, _, _ := repo(t, "")
	gitIn(t, root, "mv", "a.md", "a-renomme.md")
	gitIn(t, root, "mv", "classé/b.md", "b-edite.md")
	require.NoError(t, os.WriteFile(filepath.Join(root, "b-edite.md"), []byte("b2"), 0o644))
	gitIn(t, root, "add", "b-edite.md")
	rep, err := runOn(t, root, Options{Config: perFile(t, "a-renomme.md", "b-edite.md"), PreCommit: true})
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"a-renomme.md": "2026-03-05 moved", "b-edite.md": "2026-11-22 uncommitted"}, datesOf(t, rep))
}

// A clean filter set by .gitattributes: with the git command, the working
// copy is compared as git add would store it.
func TestCleanFilterKeepsTheDate(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	root, _, _ := repo(t, "")
	gitIn(t, root, "config", "filter.maj.clean", "tr a-z A-Z")
	gitIn(t, root, "config", "filter.maj.smudge", "tr A-Z a-z")
	require.NoError(t, os.WriteFile(filepath.Join(root, ".gitattributes"), []byte("*.txt filter=maj\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(root, "note.txt"), []byte("abc\n"), 0o644))
	gitIn(t, root, "add", ".gitattributes", "note.txt")
	gitIn(t, root, "-c", "user.name=Q", "-c", "user.email=q@example.org", "commit", "-q", "-m", "note", "--date", "2025-06-01T10:00:00")
	recent := time.Date(2026, 11, 20, 10, 0, 0, 0, time.Local)
	require.NoError(t, os.Chtimes(filepath.Join(root, "note.txt"), recent, recent))
	rep, err := runOn(t, root, Options{Git: GitCLI, NoCache: true, Config: perFile(t, "note.txt")})
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"note.txt": "2025-06-01 git"}, datesOf(t, rep))
}

// TestGitReadersAreGitdatesOnes: --git's words reach gitdates.Open as they
// are.
func TestGitReadersAreGitdatesOnes(t *testing.T) {
	assert.Equal(t, []string{gitdates.ReaderAuto, gitdates.ReaderCLI, gitdates.ReaderBuiltin}, []string{GitAuto, GitCLI, GitBuiltin})
}
