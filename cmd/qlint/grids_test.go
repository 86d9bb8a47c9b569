package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/rules"
)

// TestNextAuditAcrossTheSwitch: --as-of next-audit picks the audit day,
// and with referential = "auto" the grid of that day.
func TestNextAuditAcrossTheSwitch(t *testing.T) {
	today := rules.NewDay(2026, 10, 1)
	tests := []struct {
		name, audit, day, grid string
	}{
		{"booked before the switch", "initial = 2025-06-12\nnext = 2026-10-31", "2026-10-31", "rnq-v9"},
		{"booked on the switch day", "initial = 2025-06-12\nnext = 2026-11-01", "2026-11-01", "rnq-2026"},
		{"window opening after the switch", "initial = 2025-10-15", "2026-12-15", "rnq-2026"},
		{"window open before the switch", "initial = 2025-06-12", "2026-10-01", "rnq-v9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := rules.Parse("qlint.toml", []byte("schema = 1\n[audit]\n"+tt.audit+"\n"))
			require.NoError(t, err)
			day, err := resolveAsOf("next-audit", cfg, today)
			require.NoError(t, err)
			assert.Equal(t, tt.day, day.String())
			g, err := rules.Choose(cfg.Referential, day)
			require.NoError(t, err)
			assert.Equal(t, tt.grid, g.Version)
		})
	}
}
