package report

import (
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/internal/ruletest"
	"github.com/qlint/qlint/linter"
	"github.com/qlint/qlint/rules"
)

// The rule bodies the printers' tests judge, shared with linter's tests.
const (
	veille      = ruletest.Veille
	sessions    = ruletest.Sessions
	packProfile = ruletest.PackProfile
)

// file is a proof last changed at noon on date.
func file(date string) *fstest.MapFile {
	t, err := time.ParseInLocation(time.DateOnly, date, time.Local)
	if err != nil {
		panic(err)
	}
	return &fstest.MapFile{Data: []byte("x"), ModTime: t.Add(12 * time.Hour)}
}

// judgeTree judges fsys on the built-in grid with the rules in cfg (a
// qlint.toml body after the schema line) at day asOf, dating files by their
// modification time: a report for the printers to print.
func judgeTree(t *testing.T, fsys fstest.MapFS, cfg, asOf string) *linter.Report {
	t.Helper()
	return judgeOn(t, rules.Builtin(), fsys, cfg, asOf)
}

// judgeAuto is judgeTree on the grid the configuration chooses for day
// asOf (Input.Ref left nil, as linter.Run does).
func judgeAuto(t *testing.T, fsys fstest.MapFS, cfg, asOf string) *linter.Report {
	t.Helper()
	return judgeOn(t, nil, fsys, cfg, asOf)
}

func judgeOn(t *testing.T, ref *rules.Referential, fsys fstest.MapFS, cfg, asOf string) *linter.Report {
	t.Helper()
	c, err := rules.Parse("qlint.toml", []byte("schema = 1\n"+cfg))
	require.NoError(t, err)
	day, err := rules.ParseDay(asOf)
	require.NoError(t, err)
	in := linter.Input{Config: c, Ref: ref, FS: fsys, Dates: &linter.History{Kind: "none"}, AsOf: day, Lang: i18n.EN, Own: []string{"qlint.toml"}}
	if in.Tree, err = linter.WalkTree(fsys, c.Ignore); err != nil {
		t.Fatal(err)
	}
	rep, err := linter.Judge(in)
	require.NoError(t, err)
	return rep
}
