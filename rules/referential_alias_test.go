package rules

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/i18n"
)

// TestReferentialOtherNames: what people write for a grid besides its id
// gets that id back as a suggestion; v10 is the 2026 grid (its reading
// guide is the V10), and an unquoted year is told to be quoted.
func TestReferentialOtherNames(t *testing.T) {
	tests := []struct{ value, msg, hint string }{
		{`"rnq-v10"`, `unknown referential "rnq-v10"`, `did you mean "rnq-2026"?`},
		{`"v10"`, `unknown referential "v10"`, `did you mean "rnq-2026"?`},
		{`"2026"`, `unknown referential "2026"`, `did you mean "rnq-2026"?`},
		{`"RNQ 2026"`, `unknown referential "RNQ 2026"`, `did you mean "rnq-2026"?`},
		{`"v9"`, `unknown referential "v9"`, `did you mean "rnq-v9"?`},
		{`"rnq_v9"`, `unknown referential "rnq_v9"`, `did you mean "rnq-v9"?`},
		{`"autp"`, `unknown referential "autp"`, `did you mean "auto"?`},
		{`2026`, `referential: expected a quoted string, found a whole number`, `write referential = "rnq-2026", in quotes`},
		{`9`, `referential: expected a quoted string, found a whole number`, `write referential = "rnq-v9", in quotes`},
		{`1.5`, `referential: expected a quoted string, found a decimal number`, `write the id in quotes: "auto", "rnq-v9", "rnq-2026"`},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			_, err := Parse("qlint.toml", []byte("schema = 1\nreferential = "+tt.value+"\n"))
			var list ErrorList
			require.True(t, errors.As(err, &list), "%v", err)
			en := list.Localize(i18n.EN)
			assert.Contains(t, en, "qlint.toml:2:15: "+tt.msg)
			assert.Contains(t, en, tt.hint)
			assert.NotEmpty(t, list.Localize(i18n.FR))
		})
	}
}
