package linter

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/gitbuild"
	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/rules"
)

func walkRoot(t *testing.T, dir string) *Tree {
	t.Helper()
	root, err := os.OpenRoot(dir)
	require.NoError(t, err)
	t.Cleanup(func() { root.Close() })
	tree, err := WalkRoot(root, nil)
	require.NoError(t, err)
	// The Linux reader (descriptors) and the portable one (paths through
	// the root) must find the same.
	portable, err := WalkTree(root.FS(), nil)
	require.NoError(t, err)
	assert.Equal(t, treeSummary(portable), treeSummary(tree), "the two folder readers disagree")
	return tree
}

// treeSummary is what a walk found, in comparable form.
func treeSummary(tr *Tree) []string {
	var out []string
	for _, f := range tr.Files {
		out = append(out, fmt.Sprintf("file %q %d %s", f.Path, f.Size, f.ModTime.UTC().Format(time.RFC3339Nano)))
	}
	for i, d := range tr.Dirs {
		out = append(out, fmt.Sprintf("dir %q %q", d, tr.dirKeys[i]))
	}
	for _, p := range tr.Problems {
		out = append(out, fmt.Sprintf("problem %q %s", p.Path, p.Reason))
	}
	return out
}

func problems(tr *Tree) map[string]string {
	out := map[string]string{}
	for _, p := range tr.Problems {
		out[p.Path] = p.Reason
	}
	return out
}

func filePaths(tr *Tree) []string {
	var out []string
	for _, f := range tr.Files {
		out = append(out, f.Path)
	}
	return out
}

// TestLinksAreFollowedOnceAndNeverOut: links to files and folders inside
// the root are followed; loops, broken links and links out of the root
// (directly, or through a chain of links) are reported and not followed.
func TestLinksAreFollowedOnceAndNeverOut(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	outside := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(outside, "secret.pdf"), []byte("x"), 0o644))
	dir := t.TempDir()
	write := func(p string) {
		require.NoError(t, os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, p), []byte("x"), 0o644))
	}
	link := func(target, name string) { require.NoError(t, os.Symlink(target, filepath.Join(dir, name))) }
	write("a.md")
	write("docs/x.md")
	link("a.md", "lien-fichier.md")
	link("docs", "lien-dossier")
	link("docs", "autre-lien-dossier")
	link(".", "boucle")
	link("..", "docs/parent")
	link(outside, "dehors-absolu")
	link("../"+filepath.Base(outside)+"/secret.pdf", "dehors-relatif.pdf")
	link(filepath.Join(outside, "secret.pdf"), "docs/cible-dehors.pdf")
	link("docs/cible-dehors.pdf", "chaine-dehors.pdf")
	link("nulle-part", "casse.md")

	tree := walkRoot(t, dir)
	assert.Equal(t, []string{"a.md", "autre-lien-dossier/x.md", "docs/x.md", "lien-fichier.md"}, filePaths(tree))
	// The linked folder is read whole, so its own problems show under the
	// link's path too.
	assert.Equal(t, map[string]string{
		"boucle":                              ProblemLinkLoop,
		"docs/parent":                         ProblemLinkLoop,
		"autre-lien-dossier/parent":           ProblemLinkLoop,
		"autre-lien-dossier/cible-dehors.pdf": ProblemLinkOut,
		"lien-dossier":                        ProblemLinkAgain,
		"dehors-absolu":                       ProblemLinkOut,
		"dehors-relatif.pdf":                  ProblemLinkOut,
		"docs/cible-dehors.pdf":               ProblemLinkOut,
		"chaine-dehors.pdf":                   ProblemLinkOut,
		"casse.md":                            ProblemLinkBroken,
	}, problems(tree))
}

// faultyFS fails on purpose: a folder that cannot be read, a file that
// vanishes between the listing of its folder and its own reading.
type faultyFS struct{ fstest.MapFS }

type ghost struct{ fs.DirEntry }

func (g ghost) Info() (fs.FileInfo, error) { return nil, fs.ErrNotExist }

func (f faultyFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if name == "ferme" {
		return nil, fs.ErrPermission
	}
	entries, err := f.MapFS.ReadDir(name)
	for i, e := range entries {
		if e.Name() == "fantome.pdf" {
			entries[i] = ghost{e}
		}
	}
	return entries, err
}

func TestUnreadableFoldersAndVanishedFilesBecomeFindings(t *testing.T) {
	fsys := faultyFS{fstest.MapFS{
		"veille/a.md":      file("2026-11-01"),
		"ferme/secret.pdf": file("2026-11-01"),
		"fantome.pdf":      file("2026-11-01"),
	}}
	c, err := rules.Parse("qlint.toml", []byte("schema = 1\n"+veille))
	require.NoError(t, err)
	tree, err := WalkTree(fsys, nil)
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"ferme": ProblemUnreadable, "fantome.pdf": ProblemVanished}, problems(tree))
	rep, err := Judge(Input{Config: c, Ref: rules.Builtin(), Tree: tree, FS: fsys, Dates: &History{Kind: "none"},
		AsOf: rules.NewDay(2026, 11, 22), Lang: i18n.EN})
	require.NoError(t, err)
	var msgs []string
	for _, f := range rep.Findings {
		if f.Kind == KindUnreadable {
			assert.EqualValues(t, "warning", f.Severity)
			msgs = append(msgs, f.Message)
		}
	}
	require.Len(t, msgs, 2)
	assert.Contains(t, strings.Join(msgs, "\n"), "ferme could not be read")
	assert.Contains(t, strings.Join(msgs, "\n"), "fantome.pdf vanished while the folder was read")
}

func TestNonUTF8NamesAreReportedNotFatal(t *testing.T) {
	dir := t.TempDir()
	latin1 := "\xe9margement.pdf" // "émargement" from an old Windows, in Latin-1
	if err := os.WriteFile(filepath.Join(dir, latin1), []byte("x"), 0o644); err != nil {
		t.Skipf("this file system refuses non-UTF-8 names: %v", err)
	}
	tree := walkRoot(t, dir)
	assert.Equal(t, []string{latin1}, filePaths(tree), "the file is still judged")
	assert.Equal(t, map[string]string{latin1: ProblemName}, problems(tree))
	c, err := rules.Parse("qlint.toml", []byte("schema = 1\n"))
	require.NoError(t, err)
	rep, err := Judge(Input{Config: c, Ref: rules.Builtin(), Tree: tree, FS: os.DirFS(dir), Dates: &History{Kind: "none"},
		AsOf: rules.NewDay(2026, 11, 22), Lang: i18n.EN})
	require.NoError(t, err)
	var b strings.Builder
	require.NoError(t, json.NewEncoder(&b).Encode(rep))
	assert.True(t, strings.Contains(b.String(), "is not UTF-8"))
}

// TestOddNamesAreMatchedAndDated: spaces, quotes, brackets, a newline and
// glob characters in names, dated from git by both readers.
func TestOddNamesAreMatchedAndDated(t *testing.T) {
	names := []string{
		"preuves/plan d'amélioration 2026.md",
		"preuves/\"citation\".md",
		"preuves/[brouillon] {v2} *plan?*.md",
		"preuves/#dièse & percent%.md",
	}
	r, err := gitbuild.Init(t.TempDir())
	require.NoError(t, err)
	tree := gitbuild.Tree{"qlint.toml": "schema = 1\n"}
	for _, n := range names {
		tree[n] = n
	}
	h, err := r.Commit(tree, "noms", gitbuild.MustDay("2026-01-15"))
	require.NoError(t, err)
	require.NoError(t, r.SetHead(h))
	require.NoError(t, r.Checkout())
	// A newline in a name: git allows it (go-git's checkout does not), the
	// walk and the matching take it.
	require.NoError(t, os.WriteFile(filepath.Join(r.Dir, "preuves", "ligne\nnouvelle.md"), []byte("x"), 0o644))
	walked := walkRoot(t, r.Dir)
	assert.Len(t, walked.Files, len(names)+2)
	assert.True(t, newMatcher("preuves/*.md").match(fold("preuves/ligne\nnouvelle.md")))
	assert.True(t, newMatcher(`preuves/\[brouillon\]*`).match(fold("preuves/[brouillon] {v2} *plan?*.md")), "escaped metacharacters match literally")
	for _, reader := range readers(t) {
		hist, err := ReadHistory(r.Dir, walked, HistoryOptions{Git: reader, NoCache: true})
		require.NoError(t, err, reader)
		for _, f := range walked.Files {
			if strings.Contains(f.Path, "\n") {
				continue // not committed
			}
			d, src := hist.Date(f)
			assert.Equal(t, "2026-01-15 git", d.String()+" "+string(src), "%s: %q", reader, f.Path)
		}
	}
}

func TestDeepAndLongPaths(t *testing.T) {
	dir := t.TempDir()
	var parts []string
	for i := 0; i < 50; i++ {
		parts = append(parts, fmt.Sprintf("niveau-%02d", i))
	}
	deep := filepath.Join(append([]string{dir}, parts...)...)
	require.NoError(t, os.MkdirAll(deep, 0o755))
	long := strings.Repeat("compte-rendu-de-reunion-pedagogique-", 6) + ".pdf" // 220 characters
	require.NoError(t, os.WriteFile(filepath.Join(deep, long), []byte("x"), 0o644))
	tree := walkRoot(t, dir)
	require.Len(t, tree.Files, 1)
	assert.Len(t, tree.Dirs, 50)
	assert.True(t, newMatcher("**/compte-rendu*.pdf").match(tree.Files[0].key))
}

// The walk lists the files sorted by going down the folders in order, not
// by sorting them all: the order must hold where a folder's files and its
// subfolders' interleave (b.txt < b/ < b0, b.c/ < b/), on both readers.
func TestFoldersListTheirFilesInOrder(t *testing.T) {
	dir := t.TempDir()
	names := []string{
		"b.txt", "b0", "B", "b-c", "b c", "é.txt", "e.txt", "z",
		"b/x", "b/b0", "b/b.txt", "b/b/y", "b.c/z", "b.c/a", "b d/1",
		"a/b/c/d/e", "a/b/c.txt", "a/b.c/d", "a/b-c", "a/b0/x", "ab/x",
	}
	for _, n := range names {
		p := filepath.Join(dir, filepath.FromSlash(n))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(n), 0o644))
	}
	root, err := os.OpenRoot(dir)
	require.NoError(t, err)
	defer root.Close()
	for _, fd := range []int{openRootFolder(root), -1} {
		w := &treeWalker{fsys: root.FS(), t: &Tree{}, followed: map[string]bool{}, slots: make(chan struct{}, walkers-1)}
		top := &folder{}
		require.NoError(t, w.walk(".", "", "", 0, fd, 1, top))
		w.wg.Wait()
		listed := top.list(nil)
		var paths []string
		for _, f := range listed {
			paths = append(paths, f.Path)
			assert.Equal(t, fold(f.Path), f.key, "the key is the path folded")
		}
		assert.Len(t, paths, len(names))
		assert.IsIncreasing(t, paths, "listed in order without sorting (descriptors: %v)", fd >= 0)
	}
}

// The walk notes the folders holding a .git (submodules, nested
// repositories) so that dating them costs no look at every folder; a tree
// Refresh changed is no longer sure of them.
func TestWalkNotesFoldersHoldingAGitFolder(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"offre/.git/HEAD", "a/b/.GIT/x", "plain/x.txt", ".git/HEAD"} {
		require.NoError(t, os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, p), nil, 0o644))
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "plain", ".git"), []byte("gitdir: ../x"), 0o644))
	tree := walkRoot(t, dir)
	assert.True(t, tree.withGitKnown)
	assert.ElementsMatch(t, []string{"offre", "a/b", "plain"}, tree.withGit, "the root's own .git is not a submodule")
	require.NoError(t, tree.Refresh(os.DirFS(dir), nil, []string{"plain/x.txt"}))
	assert.False(t, tree.withGitKnown, "after Refresh every folder is looked at again")
}

// Files reached through links (to folders, to a file) are merged in their
// place among the others.
func TestLinkedFilesComeInOrder(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("links need privileges on Windows")
	}
	dir := t.TempDir()
	for _, p := range []string{"a/x.md", "b/y.md", "m.md", "z/w.md", "sub/deep/k.md"} {
		require.NoError(t, os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, p), []byte(p), 0o644))
	}
	require.NoError(t, os.Symlink("sub/deep", filepath.Join(dir, "c-lien")))
	require.NoError(t, os.Symlink("m.md", filepath.Join(dir, "b-fichier.md")))
	require.NoError(t, os.Symlink("../a", filepath.Join(dir, "z", "a2")))
	tree := walkRoot(t, dir)
	var paths []string
	for _, f := range tree.Files {
		paths = append(paths, f.Path)
	}
	assert.Equal(t, []string{"a/x.md", "b-fichier.md", "b/y.md", "c-lien/k.md", "m.md", "sub/deep/k.md", "z/a2/x.md", "z/w.md"}, paths)
}

func TestMergeFilesInPlace(t *testing.T) {
	files := func(paths ...string) []File {
		out := make([]File, len(paths))
		for i, p := range paths {
			out[i] = File{Path: p}
		}
		return out
	}
	for _, tc := range []struct{ a, b, want []string }{
		{nil, nil, []string{}},
		{[]string{"a", "c"}, nil, []string{"a", "c"}},
		{nil, []string{"b"}, []string{"b"}},
		{[]string{"a", "c", "e"}, []string{"b", "d", "f"}, []string{"a", "b", "c", "d", "e", "f"}},
		{[]string{"d", "e"}, []string{"a", "b"}, []string{"a", "b", "d", "e"}},
		{[]string{"a", "b"}, []string{"d", "e"}, []string{"a", "b", "d", "e"}},
	} {
		for _, room := range []bool{false, true} {
			a := files(tc.a...)
			if room {
				a = append(make([]File, 0, len(tc.a)+len(tc.b)), a...)
			}
			got := mergeFiles(a, files(tc.b...))
			paths := []string{}
			for _, f := range got {
				paths = append(paths, f.Path)
			}
			assert.Equal(t, tc.want, paths, "%v + %v, room %v", tc.a, tc.b, room)
		}
	}
	// The same path on both sides: a's file first.
	a := append(make([]File, 0, 3), File{Path: "x", Size: 1}, File{Path: "z"})
	got := mergeFiles(a, []File{{Path: "x", Size: 2}})
	assert.Equal(t, []int64{1, 2, 0}, []int64{got[0].Size, got[1].Size, got[2].Size})
}

// TestFileReachedTwiceIsBoundOnce: a folder of the evidence folder and a
// link to it (her drive's folder, linked where the layout wants it) hold
// the same files. Bound to a rule under either path, a file is not also
// listed as bound to no rule under the other.
func TestFileReachedTwiceIsBoundOnce(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("links need rights on Windows")
	}
	for _, pattern := range []string{"06-environnement/veille/legale/*", "drive/**"} {
		t.Run(pattern, func(t *testing.T) {
			root := t.TempDir()
			real := filepath.Join(root, "Drive", "Veille Légale")
			require.NoError(t, os.MkdirAll(real, 0o755))
			require.NoError(t, os.WriteFile(filepath.Join(real, "veille-2026-11.md"), []byte("veille"), 0o644))
			require.NoError(t, os.MkdirAll(filepath.Join(root, "06-environnement", "veille"), 0o755))
			require.NoError(t, os.Symlink(filepath.Join("..", "..", "Drive", "Veille Légale"), filepath.Join(root, "06-environnement", "veille", "legale")))
			// And a link to the file itself, and one through a link to
			// the drive.
			require.NoError(t, os.Symlink(filepath.Join("Drive", "Veille Légale", "veille-2026-11.md"), filepath.Join(root, "derniere-veille.md")))
			require.NoError(t, os.Symlink("Drive", filepath.Join(root, "dl")))
			require.NoError(t, os.Symlink(filepath.Join("dl", "Veille Légale", "veille-2026-11.md"), filepath.Join(root, "par-le-lien.md")))
			cfg, err := rules.Parse("qlint.toml", []byte("schema = 1\n[[rule]]\nid = \"veille\"\nindicators = [23]\npaths = [\""+pattern+"\"]\nmax_age = \"1y\"\n"))
			require.NoError(t, err)

			tr := walkRoot(t, root)
			real0 := map[string]string{}
			for i := range tr.Files {
				real0[tr.Files[i].Path] = tr.Files[i].RealPath()
			}
			assert.Equal(t, map[string]string{
				"06-environnement/veille/legale/veille-2026-11.md": "Drive/Veille Légale/veille-2026-11.md",
				"Drive/Veille Légale/veille-2026-11.md":            "Drive/Veille Légale/veille-2026-11.md",
				"derniere-veille.md":                               "Drive/Veille Légale/veille-2026-11.md",
				"par-le-lien.md":                                   "Drive/Veille Légale/veille-2026-11.md",
				"dl/Veille Légale/veille-2026-11.md":               "Drive/Veille Légale/veille-2026-11.md",
			}, real0)

			// A link made while qlint watch runs is the same file too.
			require.NoError(t, os.Symlink(filepath.Join("dl", "Veille Légale", "veille-2026-11.md"), filepath.Join(root, "copie.md")))
			require.NoError(t, tr.Refresh(os.DirFS(root), nil, []string{"copie.md"}))
			for i := range tr.Files {
				if tr.Files[i].Path == "copie.md" {
					assert.Equal(t, "Drive/Veille Légale/veille-2026-11.md", tr.Files[i].RealPath())
				}
			}

			rep, err := runOn(t, root, Options{Config: cfg})
			require.NoError(t, err)
			for _, f := range rep.Findings {
				assert.NotEqual(t, KindUnmapped, f.Kind, "%s: %s", f.Path, f.Message)
			}
		})
	}
}

// TestMessagesNameHerFolders: a folder of the rules she named her way is
// named as she sees it, whole or its leading part.
func TestMessagesNameHerFolders(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{"04 Moyens/Locaux", "05_Compétences"} {
		require.NoError(t, os.MkdirAll(filepath.Join(root, filepath.FromSlash(d)), 0o755))
	}
	tr := walkRoot(t, root)
	assert.Equal(t, "04 Moyens/Locaux", tr.onDisk("04-moyens/locaux"))
	assert.Equal(t, "05_Compétences/intervenants", tr.onDisk("05-competences/intervenants"))
	assert.Equal(t, "07-amelioration", tr.onDisk("07-amelioration"))
	assert.Equal(t, "", tr.onDisk(""))
}

// TestMissingProofInAnUnreadableFolderSaysSo: a proof said missing where a
// folder could not be read may only be out of reach; the finding says
// which folder, and the reading problem is in plain words.
func TestMissingProofInAnUnreadableFolderSaysSo(t *testing.T) {
	fsys := faultyFS{fstest.MapFS{
		"ferme/registre-reclamations.xlsx": file("2026-11-01"),
		"veille/a.md":                      file("2026-11-01"),
	}}
	c, err := rules.Parse("qlint.toml", []byte(`schema = 1
[[rule]]
id = "reclamations"
indicators = [31]
title = "Registre des réclamations"
paths = ["ferme/*reclamation*"]

[[rule]]
id = "plan"
indicators = [32]
title = "Plan d'amélioration"
paths = ["amelioration/*plan*"]
`))
	require.NoError(t, err)
	tree, err := WalkTree(fsys, nil)
	require.NoError(t, err)
	rep, err := Judge(Input{Config: c, Ref: rules.Builtin(), Tree: tree, FS: fsys, Dates: &History{Kind: "none"},
		AsOf: rules.NewDay(2026, 11, 22), Lang: i18n.FR})
	require.NoError(t, err)
	seen := 0
	for _, f := range rep.Findings {
		switch {
		case f.Kind == KindMissing && f.Rule == "reclamations":
			seen++
			assert.Contains(t, f.text.FR, "Le dossier « ferme » n'a pas pu être lu : la preuve s'y trouve peut-être.")
		case f.Kind == KindMissing && f.Rule == "plan":
			seen++
			assert.NotContains(t, f.text.FR, "n'a pas pu être lu", "nothing unread where it goes")
		case f.Kind == KindUnreadable:
			seen++
			assert.Equal(t, "ferme n'a pas pu être lu (accès refusé) : ses preuves ne sont pas comptées. Vérifiez les droits d'accès.", f.text.FR)
		}
	}
	assert.Equal(t, 3, seen)
}

// TestUnreadableNoteIsNoFolderForProofs: only a folder that could not be
// read may hold a missing proof, and only where the rule's pattern goes.
func TestUnreadableNoteIsNoFolderForProofs(t *testing.T) {
	j := &judge{Input: Input{Tree: &Tree{
		Dirs:    []string{"approche", "ferme"},
		dirKeys: []string{"approche", "ferme"},
		Problems: []WalkProblem{
			{Path: "approche/indicateur-02.md", Reason: ProblemUnreadable},
			{Path: "ferme", Reason: ProblemUnreadable},
		},
	}}}
	rule := func(p string) *rules.Rule { return &rules.Rule{ID: "r", Paths: []string{p}} }
	for pattern, want := range map[string]string{
		"**/cgv*":            "ferme", // anywhere: the unreadable folder too
		"cgv*":               "",      // at the top only
		"approche/*":         "",      // the note is a file, no folder
		"ferme/registre*":    "ferme",
		"ferme/sous/**/r*":   "ferme", // inside the unreadable folder
		"autre/**/registre*": "",
	} {
		got, _ := j.unreadFor(rule(pattern), "")
		assert.Equal(t, want, got, pattern)
	}
}
