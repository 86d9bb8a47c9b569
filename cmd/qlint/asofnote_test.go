package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/rules"
)

// TestNextAuditSaysTheDay checks that --as-of next-audit says which day it
// judged at and why, booked or not: never silently.
func TestNextAuditSaysTheDay(t *testing.T) {
	day := func(s string) rules.Day { d, err := rules.ParseDay(s); require.NoError(t, err); return d }
	cases := []struct {
		name, initial, next, today, want, note string
	}{
		{"booked", "2025-12-01", "2027-02-10", "2026-12-01", "2027-02-10",
			"qlint: jugé au 10/02/2027, date de l'audit prévu ([audit] next)\n"},
		{"before the window", "2026-03-31", "", "2026-12-01", "2027-05-31",
			"qlint: aucune date d'audit n'est fixée ([audit] next) : --as-of next-audit juge au 31/05/2027, l'ouverture de la fenêtre de l'audit de surveillance\n"},
		{"window open", "2025-09-01", "", "2026-12-01", "2026-12-01",
			"qlint: aucune date d'audit n'est fixée ([audit] next) : --as-of next-audit juge au 01/12/2026, aujourd'hui, la fenêtre de l'audit de surveillance étant ouverte jusqu'au 01/07/2027\n"},
		{"window closed", "2024-06-01", "", "2026-12-01", "2027-06-01",
			"qlint: aucune date d'audit n'est fixée ([audit] next) : --as-of next-audit juge au 01/06/2027, la date limite du renouvellement\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			notices, noticesLang, said = &buf, i18n.FR, map[string]bool{}
			cfg := &rules.Config{Audit: rules.Audit{Initial: day(c.initial)}}
			if c.next != "" {
				cfg.Audit.Next = day(c.next)
			}
			got, err := resolveAsOf("next-audit", cfg, day(c.today))
			require.NoError(t, err)
			assert.Equal(t, c.want, got.String())
			assert.Equal(t, c.note, buf.String())
		})
	}
}
