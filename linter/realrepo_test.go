package linter

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestRealRepositoriesAgreeWithGitLog dates the files of real repositories
// (work trees named by QLINT_REAL_REPOS, separated as in PATH) with every
// reader and checks each date against a reference built on git log alone:
// `git log -1 -- PATH` (default history simplification: a merge shows only
// when the file differs from every parent), the author's day; a commit that
// changed the file's mode alone is passed over (the contract dates content);
// when that commit added the file, an exact rename in it (`git diff-tree
// -M100%`, against each parent in turn) is followed to its source, or else
// a path the same content left in that commit (git gives a source to one
// destination only; the contract follows every move). A file reached
// through a folder link is checked at its real path.
//
// QLINT_REAL_SAMPLE (default 300) files are checked, spread over the tree,
// plus every file of HEAD that some commit renamed into place. A commit-graph
// with changed-path filters (git commit-graph write --reachable
// --changed-paths) makes the reference much faster on long histories.
func TestRealRepositoriesAgreeWithGitLog(t *testing.T) {
	list := os.Getenv("QLINT_REAL_REPOS")
	if list == "" {
		t.Skip("QLINT_REAL_REPOS is not set")
	}
	sample := 300
	if s := os.Getenv("QLINT_REAL_SAMPLE"); s != "" {
		var err error
		sample, err = strconv.Atoi(s)
		require.NoError(t, err)
	}
	for _, root := range filepath.SplitList(list) {
		t.Run(filepath.Base(root), func(t *testing.T) {
			tree, err := WalkTree(os.DirFS(root), nil)
			require.NoError(t, err)
			byPath := map[string]File{}
			for _, f := range tree.Files {
				byPath[f.Path] = f
			}
			renamed := renamedIntoPlace(t, root, byPath)
			var check []string
			step := max(1, len(tree.Files)/max(sample, 1))
			for i, f := range tree.Files {
				if i%step == 0 || renamed[f.Path] {
					check = append(check, f.Path)
				}
			}
			realRoot, err := filepath.EvalSymlinks(root)
			require.NoError(t, err)
			want := make([]string, len(check))
			var wg sync.WaitGroup
			next := make(chan int)
			for range 2 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := range next {
						p := check[i]
						// A file reached through a folder link is the file it is.
						if real, err := filepath.EvalSymlinks(filepath.Join(root, filepath.FromSlash(path0(p)))); err == nil {
							if rel, err := filepath.Rel(realRoot, real); err == nil {
								p = filepath.ToSlash(filepath.Join(rel, filepath.Base(p)))
							}
						}
						want[i] = referenceDate(t, root, p)
					}
				}()
			}
			for i := range check {
				next <- i
			}
			close(next)
			wg.Wait()
			for _, reader := range readers(t) {
				h, err := ReadHistory(root, tree, HistoryOptions{Git: reader, NoCache: true})
				require.NoError(t, err)
				wrong := 0
				for i, p := range check {
					d, src := h.Date(byPath[p])
					if got := d.String() + " " + string(src); got != want[i]+" git" {
						if wrong++; wrong <= 20 {
							t.Errorf("%s: %s: qlint %s, git log %s", reader, p, got, want[i])
						}
					}
				}
				t.Logf("%s, %s: %d files of %d checked (%d renamed into place), %d disagreements", root, reader, len(check), len(tree.Files), len(renamed), wrong)
			}
		})
	}
}

// path0 is the folder of p ("." at the root).
func path0(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return "."
}

// renamedIntoPlace lists the files of HEAD that a commit renamed into place
// (an exact rename, the same content leaving another path).
func renamedIntoPlace(t *testing.T, root string, files map[string]File) map[string]bool {
	out, err := exec.Command("git", "-C", root, "-c", "core.quotePath=false", "log", "--format=", "-z", "--raw", "--no-abbrev", "-M100%", "--diff-filter=R", "HEAD").Output()
	require.NoError(t, err)
	renamed := map[string]bool{}
	fields := bytes.Split(out, []byte{0})
	for i := 0; i+2 < len(fields); i++ {
		if f := bytes.TrimLeft(fields[i], "\n"); len(f) > 0 && f[0] == ':' {
			if dst := string(fields[i+2]); files[dst].Path != "" {
				renamed[dst] = true
			}
			i += 2
		}
	}
	return renamed
}

// referenceDate is the day git log gives path p: the author day of the
// last commit that changed it, following exact renames back.
func referenceDate(t *testing.T, root, p string) string {
	start := "HEAD"
	for hop := 0; hop < 100; hop++ {
		out, err := exec.Command("git", "-C", root, "log", "-1", "--format=%H%x00%P%x00%ad", "--date=short", start, "--", ":(literal)"+p).Output()
		if err != nil {
			t.Errorf("git log -- %s: %v", p, err)
			return ""
		}
		f := strings.Split(strings.TrimSpace(string(out)), "\x00")
		if len(f) != 3 {
			return fmt.Sprintf("(no commit for %s)", p)
		}
		commit, parents, day := f[0], strings.Fields(f[1]), f[2]
		// git log counts a change of mode alone (chmod +x); the contract
		// dates content: a parent with the same content is followed.
		blob := blobAt(root, commit, p)
		same := ""
		for _, par := range parents {
			if blob != "" && blobAt(root, par, p) == blob {
				same = par
				break
			}
		}
		if same != "" {
			start = same
			continue
		}
		from, parent := "", ""
		for _, par := range parents {
			if blobAt(root, par, p) != "" {
				continue // not added against this parent: no rename from it
			}
			if src := renameSource(t, root, par, commit, p); src != "" {
				from, parent = src, par
				break
			}
			// git pairs a source with one destination only; the contract
			// follows any path the same content left (a subtree merge
			// that puts a repository's po/ both in gitk-git/ and git-gui/).
			if src := leftSource(t, root, par, commit, p, blob); src != "" {
				from, parent = src, par
				break
			}
		}
		if from == "" {
			return day
		}
		start, p = parent, from
	}
	return "(too many renames)"
}

// blobAt is the id of the file at path p in commit c, "" when there is none.
func blobAt(root, c, p string) string {
	out, err := exec.Command("git", "-C", root, "rev-parse", "-q", "--verify", c+":"+p).Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// leftSource is the path that blob left between commits a and b (deleted
// in b), the one ending most like p when several did, or "".
func leftSource(t *testing.T, root, a, b, p, blob string) string {
	out, err := exec.Command("git", "-C", root, "-c", "core.quotePath=false", "diff-tree", "-r", "-z", "--no-commit-id", "--no-renames", "--no-abbrev", "--diff-filter=D", a, b).Output()
	if err != nil {
		t.Errorf("git diff-tree %s %s: %v", a, b, err)
		return ""
	}
	fields := bytes.Split(out, []byte{0})
	best, bestLen := "", -1
	for i := 0; i+1 < len(fields); i++ {
		f := strings.Fields(string(bytes.TrimLeft(fields[i], "\n")))
		if len(f) == 5 && strings.HasPrefix(f[0], ":") {
			if q := string(fields[i+1]); f[2] == blob {
				n := 0
				for n < len(p) && n < len(q) && p[len(p)-1-n] == q[len(q)-1-n] {
					n++
				}
				if n > bestLen || n == bestLen && q < best {
					best, bestLen = q, n
				}
			}
			i++
		}
	}
	return best
}

// renameSource is the path p was renamed from between commits a and b
// (exact renames only), or "".
func renameSource(t *testing.T, root, a, b, p string) string {
	out, err := exec.Command("git", "-C", root, "-c", "core.quotePath=false", "diff-tree", "-r", "-z", "--no-commit-id", "-M100%", "--diff-filter=R", a, b).Output()
	if err != nil {
		t.Errorf("git diff-tree %s %s: %v", a, b, err)
		return ""
	}
	fields := bytes.Split(out, []byte{0})
	var sources []string
	for i := 0; i+2 < len(fields); i++ {
		if f := bytes.TrimLeft(fields[i], "\n"); len(f) > 0 && f[0] == ':' {
			if string(fields[i+2]) == p {
				sources = append(sources, string(fields[i+1]))
			}
			i += 2
		}
	}
	sort.Strings(sources)
	if len(sources) == 0 {
		return ""
	}
	return sources[0]
}
