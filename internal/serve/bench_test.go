package serve

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/qlint/qlint/internal/gengit"
	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/linter"
	"github.com/qlint/qlint/rules"
)

// BenchmarkLiveUpdate is what follows the watcher's debounce in qlint
// watch --serve, on the generated 10,000-file repository: one file
// changed, the kept tree refreshed, the folder judged again with history in
// memory, the binder rendered and cut, and the update read by a page's
// event stream over the loopback.
func BenchmarkLiveUpdate(b *testing.B) {
	if _, err := exec.LookPath("git"); err != nil {
		b.Skip("git is not installed")
	}
	dir, err := gengit.Cached(gengit.Params{Files: 10000, Commits: 10000, Years: 5, Renames: 0.05, Moves: 4, Merges: 100, Seed: 42})
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct{ name, rules string }{
		{"realistic", "../../linter/testdata/bench-rules.toml"},
		{"worst-case-40k-findings", "../../linter/testdata/bench-worst-rules.toml"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			cfgPath, err := filepath.Abs(bc.rules)
			if err != nil {
				b.Fatal(err)
			}
			cfg, err := rules.Load(cfgPath)
			if err != nil {
				b.Fatal(err)
			}
			fsys := os.DirFS(dir)
			tree, err := linter.WalkTree(fsys, cfg.Ignore)
			if err != nil {
				b.Fatal(err)
			}
			opts := linter.Options{Root: dir, Config: cfg, ConfigPath: cfgPath, AsOf: rules.NewDay(2026, 11, 22),
				Lang: i18n.FR, History: &linter.HistoryCache{}, Tree: tree}
			rep, err := linter.Run(opts) // the cold run reads history once
			if err != nil {
				b.Fatal(err)
			}
			s, err := Listen(Options{Root: dir})
			if err != nil {
				b.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			go func() { _ = s.Serve(ctx) }()
			if err := s.Publish(rep, Change{}, ""); err != nil {
				b.Fatal(err)
			}
			seq := s.live.seq // the page is at the first report
			res, err := http.Get(s.URL() + fmt.Sprint("events?seq=", seq))
			if err != nil {
				b.Fatal(err)
			}
			defer res.Body.Close()
			ids := make(chan string, 1)
			go func() {
				r := bufio.NewReaderSize(res.Body, 1<<20)
				for {
					line, err := r.ReadString('\n')
					if err != nil {
						close(ids)
						return
					}
					if strings.HasPrefix(line, "id: ") {
						ids <- strings.TrimSpace(strings.TrimPrefix(line, "id: "))
					}
				}
			}()
			note := filepath.Join(dir, "notes-page-en-direct.md")
			defer os.Remove(note)
			await := func() {
				select {
				case id := <-ids:
					if id != fmt.Sprint(seq) {
						b.Fatalf("event %s, want %d", id, seq)
					}
				case <-time.After(10 * time.Second):
					b.Fatal("no event in 10 s")
				}
			}
			// The page's part alone: render, cut, compare and send a report.
			b.Run("publish", func(b *testing.B) {
				defer reportCPU(b, cpuTime())
				for b.Loop() {
					seq++
					if err := s.Publish(rep, Change{Paths: []string{"notes-page-en-direct.md"}}, ""); err != nil {
						b.Fatal(err)
					}
					await()
				}
			})
			// The whole: re-read, judge, publish, received.
			b.Run("relint-and-publish", func(b *testing.B) {
				defer reportCPU(b, cpuTime())
				for b.Loop() {
					seq++
					if err := os.WriteFile(note, []byte(fmt.Sprint(seq)), 0o644); err != nil {
						b.Fatal(err)
					}
					if err := tree.Refresh(fsys, cfg.Ignore, []string{"notes-page-en-direct.md"}); err != nil {
						b.Fatal(err)
					}
					rep, err := linter.Run(opts)
					if err != nil {
						b.Fatal(err)
					}
					if err := s.Publish(rep, Change{Paths: []string{"notes-page-en-direct.md"}}, ""); err != nil {
						b.Fatal(err)
					}
					await()
				}
			})
		})
	}
}

// reportCPU adds the processor time per operation (all goroutines: the
// judge's, the server's and the reading page's) to a benchmark's figures.
func reportCPU(b *testing.B, start time.Duration) {
	if used := cpuTime() - start; used > 0 && b.N > 0 {
		b.ReportMetric(float64(used.Microseconds())/1000/float64(b.N), "cpu-ms/op")
	}
}
