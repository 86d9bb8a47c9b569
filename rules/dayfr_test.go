package rules

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/i18n"
)

// TestFrenchDays: 22/11/2026 is read day first, always; a date that does
// not exist says why, in both languages.
func TestFrenchDays(t *testing.T) {
	tests := []struct {
		in, want, fr, en string
	}{
		{in: "22/11/2026", want: "2026-11-22"},
		{in: "2026-11-22", want: "2026-11-22"},
		{in: "01/02/2026", want: "2026-02-01"},
		{in: "1/2/2026", want: "2026-02-01"},
		{in: "29/02/2028", want: "2028-02-29"},
		{in: "31/02/2026", fr: "le 31/02/2026 n'existe pas : février 2026 a 28 jours", en: `"31/02/2026" does not exist: February 2026 has 28 days`},
		{in: "11/22/2026", fr: "il n'y a pas de mois 22", en: "there is no month 22"},
		{in: "2026-02-30", fr: "février 2026 a 28 jours", en: "February 2026 has 28 days"},
		{in: "22.11.2026", fr: "« 22.11.2026 » n'est pas une date", en: `"22.11.2026" is not a date`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, err := ParseDay(tt.in)
			if tt.want != "" {
				require.NoError(t, err)
				assert.Equal(t, tt.want, d.String())
				return
			}
			require.Error(t, err)
			p := DayProblem(tt.in)
			assert.Contains(t, p.In(i18n.FR), tt.fr)
			assert.Contains(t, p.In(i18n.EN), tt.en)
		})
	}
}

// TestFrenchDaysInConfig: qlint.toml's dates written 12/06/2025, bare (TOML
// alone cannot read them) or quoted, are the same days; lines and columns
// of later mistakes do not move.
func TestFrenchDaysInConfig(t *testing.T) {
	c, err := Parse("qlint.toml", []byte("schema = 1\n[audit]\ninitial = 12/06/2025 # premier audit\nnext = \"05/10/2026\"\n"))
	require.NoError(t, err)
	assert.Equal(t, "2025-06-12", c.Audit.Initial.String())
	assert.Equal(t, "2026-10-05", c.Audit.Next.String())

	_, err = Parse("qlint.toml", []byte("schema = 1\n[audit]\ninitial = 12/06/2025\nnxt = 1\n"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "qlint.toml:4:1:")
}

// TestFrenchDaysSkipOnlyWhatHoldsNone: the quick look that spares the
// expression never skips a text it would rewrite.
func TestFrenchDaysSkipOnlyWhatHoldsNone(t *testing.T) {
	for _, text := range []string{
		"",
		"schema = 1\n",
		"paths = [\"Sessions/**\", \"2024/*\"]\n",
		"initial = 12/06/2025\n",
		"initial = 1/6/2025 # premier audit\r\n",
		"x = 99/99/9999\n",
		"a = \"Sessions/2024/11/\"\n",
		"/1/",
	} {
		want := bareFrenchDay.ReplaceAllStringFunc(text, func(string) string { return "changed" })
		if want != text {
			assert.True(t, digitSlashDigit(text), "%q holds a date", text)
		}
		if !digitSlashDigit(text) {
			assert.Equal(t, text, frenchDatesToTOML(text))
		}
	}
	assert.Equal(t, "initial = 2025-06-12\n", frenchDatesToTOML("initial = 12/06/2025\n"))
}
