package linter

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/qlint/qlint/internal/gengit"
	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/rules"
)

// Benchmark rules live in testdata. bench-rules.toml judges the generated
// layout as a kept evidence folder is judged: every file belongs to a rule,
// sessions are complete, a few living documents are stale
// (scripts/bench-history.sh uses it too). bench-worst-rules.toml applies the
// built-in pack to it: most generated sessions then lack most of their
// proofs, some 40,000 findings.
const (
	realisticRules = "testdata/bench-rules.toml"
	worstRules     = "testdata/bench-worst-rules.toml"
)

// benchRules loads a benchmark rules file; it returns the rules and their
// absolute path.
func benchRules(b *testing.B, name string) (*rules.Config, string) {
	b.Helper()
	cfgPath, err := filepath.Abs(name)
	if err != nil {
		b.Fatal(err)
	}
	cfg, err := rules.Load(cfgPath)
	if err != nil {
		b.Fatal(err)
	}
	return cfg, cfgPath
}

// benchTree returns a generated evidence repository of that size, made
// once (git fast-import).
func benchTree(b *testing.B, files, commits int) string {
	b.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		b.Skip("git is not installed")
	}
	dir, err := gengit.Cached(gengit.Params{Files: files, Commits: commits, Years: 5, Renames: 0.05, Moves: 4, Merges: commits / 100, Seed: 42})
	if err != nil {
		b.Fatal(err)
	}
	return dir
}

// BenchmarkRelintAfterOneChange is qlint watch's loop: one file changed,
// the kept tree refreshed with that path, the folder judged again with
// history kept in memory.
func BenchmarkRelintAfterOneChange(b *testing.B) {
	dir := benchTree(b, 10000, 10000)
	for _, bc := range []struct{ name, rules string }{{"realistic", realisticRules}, {"worst-case-40k-findings", worstRules}} {
		b.Run(bc.name, func(b *testing.B) {
			cfg, cfgPath := benchRules(b, bc.rules)
			fsys := os.DirFS(dir)
			tree, err := WalkTree(fsys, cfg.Ignore)
			if err != nil {
				b.Fatal(err)
			}
			opts := Options{Root: dir, Config: cfg, ConfigPath: cfgPath,
				AsOf: rules.NewDay(2026, 11, 22), Lang: i18n.FR, History: &HistoryCache{}, Tree: tree}
			if _, err := Run(opts); err != nil { // the cold run reads history once
				b.Fatal(err)
			}
			note := filepath.Join(dir, "notes-du-jour.md")
			defer os.Remove(note)
			i := 0
			for b.Loop() {
				i++
				if err := os.WriteFile(note, []byte(fmt.Sprint(i)), 0o644); err != nil {
					b.Fatal(err)
				}
				if err := tree.Refresh(fsys, cfg.Ignore, []string{"notes-du-jour.md"}); err != nil {
					b.Fatal(err)
				}
				rep, err := Run(opts)
				if err != nil {
					b.Fatal(err)
				}
				if rep.FileCount < 9000 {
					b.Fatalf("only %d files", rep.FileCount)
				}
			}
		})
	}
}

// BenchmarkFullLintWarm is a whole run with history in memory: walk, date,
// judge (qlint watch after lost events).
func BenchmarkFullLintWarm(b *testing.B) {
	dir := benchTree(b, 10000, 10000)
	cfg, cfgPath := benchRules(b, realisticRules)
	opts := Options{Root: dir, Config: cfg, ConfigPath: cfgPath, AsOf: rules.NewDay(2026, 11, 22), Lang: i18n.FR, History: &HistoryCache{}}
	if _, err := Run(opts); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Run(opts); err != nil {
			b.Fatal(err)
		}
	}
}

// historySizes are the repositories of the history benchmarks; 50k/50k only
// with QLINT_BENCH_LARGE=1 (generating it takes minutes).
func historySizes() [][2]int {
	sizes := [][2]int{{2000, 1000}, {10000, 10000}}
	if os.Getenv("QLINT_BENCH_LARGE") != "" {
		sizes = append(sizes, [2]int{50000, 50000})
	}
	return sizes
}

// historyClone returns a clone of the generated repository of that size,
// so that the one-new-commit cases can commit.
func historyClone(b *testing.B, files, commits int) string {
	b.Helper()
	src := benchTree(b, files, commits)
	dir := filepath.Join(b.TempDir(), "repo")
	if out, err := exec.Command("git", "clone", "-q", "--no-hardlinks", src, dir).CombinedOutput(); err != nil {
		b.Fatalf("git clone: %v: %s", err, out)
	}
	return dir
}

// commitOne makes an empty commit, the timer stopped.
func commitOne(b *testing.B, dir string, i int) {
	b.StopTimer()
	defer b.StartTimer()
	cmd := exec.Command("git", "-C", dir, "-c", "user.name=bench", "-c", "user.email=bench@example.org",
		"commit", "-q", "--allow-empty", "-m", fmt.Sprint("bench ", i))
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("git commit: %v: %s", err, out)
	}
}

// historyCases runs fn cold (no cache), warm (cache, nothing changed) and
// after one new commit (cache), on both readers and every size.
func historyCases(b *testing.B, fn func(b *testing.B, dir, reader string, noCache bool)) {
	for _, size := range historySizes() {
		dir := historyClone(b, size[0], size[1])
		for _, reader := range []string{GitCLI, GitBuiltin} {
			name := fmt.Sprintf("%s-%dfiles-%dcommits", reader, size[0], size[1])
			b.Run("cold/"+name, func(b *testing.B) {
				for b.Loop() {
					fn(b, dir, reader, true)
				}
			})
			b.Run("warm/"+name, func(b *testing.B) {
				fn(b, dir, reader, false) // fills the cache
				for b.Loop() {
					fn(b, dir, reader, false)
				}
			})
			b.Run("one-new-commit/"+name, func(b *testing.B) {
				fn(b, dir, reader, false)
				for i := 0; i < b.N; i++ {
					commitOne(b, dir, i)
					fn(b, dir, reader, false)
				}
			})
		}
	}
}

// BenchmarkLintHistory times whole runs on both history readers: cold (no
// cache), warm (cache, nothing changed) and after one new commit (cache).
// BenchmarkGitLogFloor in internal/gitdates times git log on the same
// repositories.
func BenchmarkLintHistory(b *testing.B) {
	cfg, cfgPath := benchRules(b, realisticRules)
	historyCases(b, func(b *testing.B, dir, reader string, noCache bool) {
		opts := Options{Root: dir, Config: cfg, ConfigPath: cfgPath, AsOf: rules.NewDay(2026, 11, 22), Lang: i18n.FR, Git: reader, NoCache: noCache}
		if _, err := Run(opts); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkReadHistory times what the history cache saves: dating the files
// of an already walked tree (open the repository, read or reuse the dates,
// compare the working copies with the index), without walking the folder or
// judging it.
func BenchmarkReadHistory(b *testing.B) {
	trees := map[string]*Tree{}
	historyCases(b, func(b *testing.B, dir, reader string, noCache bool) {
		tree := trees[dir]
		if tree == nil {
			b.StopTimer()
			var err error
			if tree, err = WalkTree(os.DirFS(dir), nil); err != nil {
				b.Fatal(err)
			}
			trees[dir] = tree
			b.StartTimer()
		}
		if _, err := ReadHistory(dir, tree, HistoryOptions{Git: reader, NoCache: noCache}); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkWalkTree lists the generated 10k-file evidence folder (9,761
// files, 5,055 folders) as a run does (WalkRoot: descriptors on Linux) and
// through the root's paths (WalkTree, as on other systems).
func BenchmarkWalkTree(b *testing.B) {
	dir := benchTree(b, 10000, 10000)
	root, err := os.OpenRoot(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer root.Close()
	b.Run("root", func(b *testing.B) {
		for b.Loop() {
			if _, err := WalkRoot(root, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("paths", func(b *testing.B) {
		for b.Loop() {
			if _, err := WalkTree(root.FS(), nil); err != nil {
				b.Fatal(err)
			}
		}
	})
}
