package linter

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/gitbuild"
	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/rules"
)

// TestBuiltinPackOnTheDefaultLayout commits fixtures/organisme-af (the
// default evidence tree, complete) on 2026-10-15 and judges it with the
// built-in pack: every applicable indicator is covered and satisfied but
// the session still running, whose end-of-session proofs are pending.
func TestBuiltinPackOnTheDefaultLayout(t *testing.T) {
	r, err := gitbuild.Init(t.TempDir())
	require.NoError(t, err)
	src := filepath.Join("..", "fixtures", "organisme-af")
	tree, err := gitbuild.ReadTree(src)
	require.NoError(t, err)
	h, err := r.Commit(tree, "dossier", gitbuild.MustDay("2026-10-15"))
	require.NoError(t, err)
	require.NoError(t, r.SetHead(h))
	require.NoError(t, r.Checkout())

	cfg, err := rules.Load(filepath.Join(r.Dir, "qlint.toml"))
	require.NoError(t, err)
	rep, err := Run(Options{Root: r.Dir, Config: cfg, ConfigPath: filepath.Join(r.Dir, "qlint.toml"),
		AsOf: rules.NewDay(2026, 11, 19), Lang: i18n.FR})
	require.NoError(t, err)

	// On the 2026 grid (from 2026-11-01): 33 indicators, 33 is for
	// apprenticeship only.
	assert.Equal(t, "rnq-2026", rep.Grid.ID)
	assert.Equal(t, StatusCounts{OK: 23, NotApplicable: 10}, rep.Summary.Indicators)
	assert.Zero(t, rep.Summary.Errors)
	assert.Zero(t, rep.Summary.Warnings)
	var pending []string
	for _, f := range rep.Findings {
		assert.NotEqual(t, KindUnmapped, f.Kind, "every fixture file is a proof of some rule: %s", f.Path)
		if f.Kind == KindPending {
			pending = append(pending, f.Rule)
		}
	}
	assert.ElementsMatch(t, []string{
		"session-evaluation", "session-suivi", "session-attestation",
		"session-satisfaction-chaud", "session-satisfaction-froid",
		// the October session's cold survey is due 90 days after its end
		"session-satisfaction-froid",
	}, pending)

	// The day before the switch, the same folder on the V9 grid: 32
	// indicators, and the proofs only 2026 asks for are files no rule uses.
	rep, err = Run(Options{Root: r.Dir, Config: cfg, ConfigPath: filepath.Join(r.Dir, "qlint.toml"),
		AsOf: rules.NewDay(2026, 10, 31), Lang: i18n.FR})
	require.NoError(t, err)
	assert.Equal(t, "rnq-v9", rep.Grid.ID)
	assert.Equal(t, 32, len(rep.Indicators))
	assert.Equal(t, 23, rep.Summary.Indicators.OK)
	assert.Zero(t, rep.Summary.Errors)

	// A year later, without updates, the living documents are stale but the
	// sessions are not: old sessions are judged on completeness only.
	rep, err = Run(Options{Root: r.Dir, Config: cfg, ConfigPath: filepath.Join(r.Dir, "qlint.toml"),
		AsOf: rules.NewDay(2027, 11, 19), Lang: i18n.FR})
	require.NoError(t, err)
	for _, f := range rep.Findings {
		if f.Kind == KindStale {
			assert.NotContains(t, f.Path, "sessions/", "a session folder never goes stale")
		}
	}
	assert.Greater(t, rep.Summary.Indicators.Stale, 10)
}
