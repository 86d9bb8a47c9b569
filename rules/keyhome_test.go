package rules

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/i18n"
)

// TestMisplacedKey: a key of another section is told where it goes, in
// both languages, with its line and column; a typo of the section's own
// key still gets the suggestion.
func TestMisplacedKey(t *testing.T) {
	rule := "schema = 1\n[[rule]]\nid = \"a\"\nindicators = [1]\npaths = [\"a\"]\n"
	tests := []struct {
		name, src, fr, en, hintFR, hintEN string
	}{
		{"next-audit in a rule", rule + "next-audit = 2026-10-05\n",
			`qlint.toml:6:1: clé « next-audit » mal placée dans [[rule]] : elle va dans [audit]`,
			`qlint.toml:6:1: key "next-audit" misplaced in [[rule]]: it belongs in [audit]`,
			"déplacez la ligne sous l'en-tête [audit] et écrivez-la « next = … »", `move the line under the [audit] header and write it "next = …"`},
		{"certifying at the top", "schema = 1\ncertifying = true\n[organization]\nname = \"X\"\n",
			`qlint.toml:2:1: clé « certifying » mal placée au premier niveau : elle va dans [organization]`,
			`qlint.toml:2:1: key "certifying" misplaced at the top level: it belongs in [organization]`,
			"déplacez la ligne sous l'en-tête [organization]", "move the line under the [organization] header"},
		{"initial in organization", "schema = 1\n[organization]\nname = \"X\"\ninitial = 2025-06-12\n",
			`clé « initial » mal placée dans [organization] : elle va dans [audit]`, `key "initial" misplaced in [organization]: it belongs in [audit]`,
			"[audit]", "[audit]"},
		{"until in a rule", rule + "until = 2026-12-31\n",
			`elle va dans [[waiver]]`, `it belongs in [[waiver]]`, "[[waiver]]", "[[waiver]]"},
		{"typo stays a typo", rule + "indicator = 3\n",
			`clé inconnue « indicator » dans [[rule]]`, `unknown key "indicator" in [[rule]]`,
			`vouliez-vous dire "indicators" ?`, `did you mean "indicators"?`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("qlint.toml", []byte(tt.src))
			var list ErrorList
			require.True(t, errors.As(err, &list), "%v", err)
			fr, en := list.Localize(i18n.FR), list.Localize(i18n.EN)
			assert.Contains(t, fr, tt.fr)
			assert.Contains(t, en, tt.en)
			assert.Contains(t, fr, tt.hintFR)
			assert.Contains(t, en, tt.hintEN)
		})
	}
}
