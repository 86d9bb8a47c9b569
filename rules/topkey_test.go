package rules

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/i18n"
)

// TestTopKeyInASection: referential (or another top-level key) written at
// the end of the file lands in the last section; the hint says to move it
// to the top, not which keys the section takes.
func TestTopKeyInASection(t *testing.T) {
	tests := []struct{ src, where, hint string }{
		{"schema = 1\n[ignore]\npaths = [\"x\"]\nreferential = \"auto\"\n", `qlint.toml:4:1: unknown key "referential" in [ignore]`,
			"referential is a top-level key, at the top of the file: move the referential line above the first [section] header (written after [ignore], it is part of it)"},
		{"schema = 1\n[organization]\nname = \"A\"\nreferential = \"rnq-2026\"\n", `qlint.toml:4:1: unknown key "referential" in [organization]`,
			"move the referential line above the first [section] header"},
		{"schema = 1\n[audit]\ninitial = 2025-06-12\nlang = \"fr\"\n", `qlint.toml:4:1: unknown key "lang" in [audit]`,
			"move the lang line above the first [section] header"},
		{"schema = 1\n[[rule]]\nid = \"a\"\nindicators = [1]\npaths = [\"a\"]\nreferential = \"auto\"\n", "qlint.toml:6:1: referential is a top-level key, but here it belongs to the rule above it",
			"move the referential line above the first [section] header of the file"},
	}
	for _, tt := range tests {
		_, err := Parse("qlint.toml", []byte(tt.src))
		var list ErrorList
		require.True(t, errors.As(err, &list), "%v", err)
		en := list.Localize(i18n.EN)
		assert.Contains(t, en, tt.where)
		assert.Contains(t, en, tt.hint)
		assert.NotContains(t, en, "possible keys")
		assert.Contains(t, list.Localize(i18n.FR), "clé de premier niveau")
	}
}
