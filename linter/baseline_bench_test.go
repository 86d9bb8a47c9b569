package linter

import (
	"fmt"
	"testing"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/rules"
)

// BenchmarkLintNewFromRev times what --new-from-rev adds to a whole run on
// the 10k-file, 10k-commit repository, history cache warm as on a
// developer's machine: nothing (the plain run), REV = HEAD (the pre-commit
// hook: the tree at HEAD is the one the walk dated, so it costs one more
// judgement and no history), and REV = an ancestor 20 and 1,000 commits
// back (a pull request's base: its files are dated in the same walk, a
// whole one, as a cold run without cache: "cold" is that reference).
func BenchmarkLintNewFromRev(b *testing.B) {
	cfg, cfgPath := benchRules(b, realisticRules)
	dir := historyClone(b, 10000, 10000)
	for _, reader := range []string{GitCLI, GitBuiltin} {
		for _, rev := range []string{"cold", "", "HEAD", "HEAD~20", "HEAD~1000"} {
			name := rev
			if name == "" {
				name = "none"
			}
			b.Run(fmt.Sprintf("%s/rev=%s", reader, name), func(b *testing.B) {
				opts := Options{Root: dir, Config: cfg, ConfigPath: cfgPath, AsOf: rules.NewDay(2026, 11, 22), Lang: i18n.FR,
					Git: reader, NewFromRev: rev, PreCommit: rev == "HEAD"}
				if rev == "cold" {
					opts.NewFromRev, opts.NoCache = "", true
				}
				if _, err := Run(opts); err != nil { // fills the cache
					b.Fatal(err)
				}
				for b.Loop() {
					if _, err := Run(opts); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
