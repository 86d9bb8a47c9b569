package report

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/qlint/qlint/linter"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/rules"
)

// TestCalendarAcrossTheSwitch: judged before the switch, the calendar has
// the expiries of the 2026 grid's proofs that fall after it, and the V9
// ones that fall before; each event on the grid of its day.
func TestCalendarAcrossTheSwitch(t *testing.T) {
	fsys := fstest.MapFS{
		"07-amelioration/Analyse des risques 2026.pdf": file("2025-12-01"), // 2026 only, 1y: 2026-12-01
		"06-environnement/veille/legale/2026-08.md":    file("2026-07-15"), // both grids, 3mo: 2026-10-15
		"cfa/evaluation-enseignements/bts.pdf":         file("2025-11-20"), // 2026 only, CFA
	}
	cfg := "extends = \"qualiopi\"\n[organization]\ncategories = [\"CFA\"]\n"
	v9 := judgeAuto(t, fsys, cfg, "2026-10-01")
	require.Equal(t, "rnq-v9", v9.Grid.ID)

	c, err := rules.Parse("qlint.toml", []byte("schema = 1\n"+cfg))
	require.NoError(t, err)
	tree, err := linter.WalkTree(fsys, c.Ignore)
	require.NoError(t, err)
	g, _ := rules.Grid("rnq-2026")
	next, err := linter.Judge(linter.Input{Config: c, Ref: g, Tree: tree, FS: fsys, Dates: &linter.History{Kind: "none"},
		AsOf: rules.NewDay(2026, 10, 1), Lang: i18n.EN, Own: []string{"qlint.toml"}})
	require.NoError(t, err)

	var b bytes.Buffer
	require.NoError(t, WriteICSAcross(&b, []*linter.Report{v9, next}, "test"))
	ics := strings.ReplaceAll(b.String(), "\r\n ", "")
	assert.Contains(t, ics, "DTSTART;VALUE=DATE:20261201\r\nDTEND;VALUE=DATE:20261202\r\nSUMMARY:Qualiopi: renew — Risk analysis")
	assert.Contains(t, ics, "DTSTART;VALUE=DATE:20261120\r\nDTEND;VALUE=DATE:20261121\r\nSUMMARY:Qualiopi: renew — Apprentices' evaluation of the teaching")
	assert.Contains(t, ics, "DTSTART;VALUE=DATE:20261015\r\nDTEND;VALUE=DATE:20261016\r\nSUMMARY:Qualiopi: renew — Legal and regulatory watch")
	assert.Equal(t, 1, strings.Count(ics, "SUMMARY:Qualiopi: renew — Legal and regulatory watch"), "one event per proof")

	// The V9 report alone, as before the fix, has none of the 2026 proofs.
	b.Reset()
	require.NoError(t, WriteICS(&b, v9, "test"))
	assert.NotContains(t, strings.ReplaceAll(b.String(), "\r\n ", ""), "SUMMARY:Qualiopi: renew — Analyse des risques")
}
