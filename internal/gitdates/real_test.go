package gitdates

import (
	"os"
	"os/exec"
	"testing"

	"github.com/go-git/go-git/v5"
)

// BenchmarkRealRepo walks a repository named by QLINT_BENCH_REPO (a work
// tree, a real public one: see scripts/bench-real.sh), with the reader
// named by QLINT_BENCH_READER (builtin, the default, or git). For profiles:
//
//	QLINT_BENCH_REPO=/path/git QLINT_BENCH_READER=git go test ./internal/gitdates \
//	  -run XXX -bench RealRepo -benchtime 1x -cpuprofile cpu.out -memprofile mem.out
func BenchmarkRealRepo(b *testing.B) {
	dir := os.Getenv("QLINT_BENCH_REPO")
	if dir == "" {
		b.Skip("QLINT_BENCH_REPO is not set")
	}
	opts := Options{}
	if os.Getenv("QLINT_BENCH_READER") == "git" {
		p, err := exec.LookPath("git")
		if err != nil {
			b.Skip("git is not installed")
		}
		opts.Git, opts.Dir = p, dir
	}
	for b.Loop() {
		repo, err := git.PlainOpen(dir)
		if err != nil {
			b.Fatal(err)
		}
		res, err := Walk(wrap(repo), "", opts)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(res.Commits), "commits")
		b.ReportMetric(float64(len(res.Files)), "files")
	}
}
