// Command qlint-gen writes a synthetic evidence repository for benchmarks:
//
//	go run ./internal/gengit/cmd/qlint-gen -files 10000 -commits 10000 -out /tmp/repo
//
// and, with -expected FILE, the date each file of HEAD must get.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/qlint/qlint/internal/gengit"
)

func main() {
	var p gengit.Params
	var out, expected string
	flag.IntVar(&p.Files, "files", 10000, "files at HEAD, about")
	flag.IntVar(&p.Commits, "commits", 10000, "commits, about")
	flag.IntVar(&p.Years, "years", 5, "years of history")
	flag.Float64Var(&p.Renames, "renames", 0.05, "share of commits that rename a file")
	flag.IntVar(&p.Moves, "moves", 4, "whole-folder moves")
	flag.IntVar(&p.Merges, "merges", -1, "branches merged back (default commits/100)")
	flag.Uint64Var(&p.Seed, "seed", 42, "random seed")
	flag.StringVar(&out, "out", "", "the new repository's folder (required)")
	flag.StringVar(&expected, "expected", "", "write the expected dates to this file")
	flag.Parse()
	if out == "" {
		fmt.Fprintln(os.Stderr, "qlint-gen: -out is required")
		os.Exit(2)
	}
	if p.Merges < 0 {
		p.Merges = p.Commits / 100
	}
	exp, err := gengit.Generate(out, p)
	if err == nil && expected != "" {
		var f *os.File
		if f, err = os.Create(expected); err == nil {
			err = gengit.WriteExpected(f, exp)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "qlint-gen:", err)
		os.Exit(1)
	}
}
