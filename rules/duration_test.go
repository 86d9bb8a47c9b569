package rules

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/lang"
)

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in   string
		want Duration
		ok   bool
	}{
		{"30d", Duration{Days: 30}, true},
		{"2w", Duration{Weeks: 2}, true},
		{"3mo", Duration{Months: 3}, true},
		{"1y", Duration{Years: 1}, true},
		{"1y6mo", Duration{Years: 1, Months: 6}, true},
		{"2w3d", Duration{Weeks: 2, Days: 3}, true},
		{"1y1y", Duration{Years: 2}, true},
		{" 6mo ", Duration{Months: 6}, true},
		{"", Duration{}, false},
		{"3", Duration{}, false},
		{"mo", Duration{}, false},
		{"3m", Duration{}, false},
		{"3 mois", Duration{}, false},
		{"-3d", Duration{}, false},
		{"1.5y", Duration{}, false},
		{"9999999d", Duration{}, false},
		{"1y999999y", Duration{}, false},
		{"101y", Duration{}, false},
		{"36526d", Duration{}, false},
		{"100y", Duration{Years: 100}, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDuration(tt.in)
			if !tt.ok {
				var ve *lang.Error // said to people, in both languages
				require.ErrorAs(t, err, &ve)
				assert.Regexp(t, "invalid duration|duration too long", ve.Localize(lang.EN))
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestDurationString(t *testing.T) {
	for _, s := range []string{"30d", "3mo", "1y6mo", "2w3d", "1y"} {
		d, err := ParseDuration(s)
		require.NoError(t, err)
		assert.Equal(t, s, d.String())
	}
}

func TestCalendarArithmetic(t *testing.T) {
	day := func(s string) Day {
		d, err := ParseDay(s)
		require.NoError(t, err)
		return d
	}
	tests := []struct {
		name, from, dur, after, before string
	}{
		{"plain months", "2025-01-10", "3mo", "2025-04-10", "2024-10-10"},
		{"31 January plus one month", "2025-01-31", "1mo", "2025-02-28", "2024-12-31"},
		{"31 January in a leap year", "2024-01-31", "1mo", "2024-02-29", "2023-12-31"},
		{"29 February plus a year", "2024-02-29", "1y", "2025-02-28", "2023-02-28"},
		{"31 March minus one month", "2025-03-31", "1mo", "2025-04-30", "2025-02-28"},
		{"year and months", "2025-06-12", "1y6mo", "2026-12-12", "2023-12-12"},
		{"days over a month end", "2025-01-25", "10d", "2025-02-04", "2025-01-15"},
		{"weeks", "2025-12-29", "1w", "2026-01-05", "2025-12-22"},
		{"months then days", "2025-01-31", "1mo1d", "2025-03-01", "2024-12-30"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := ParseDuration(tt.dur)
			require.NoError(t, err)
			assert.Equal(t, tt.after, d.After(day(tt.from)).String())
			assert.Equal(t, tt.before, d.Before(day(tt.from)).String())
		})
	}
}

func TestParseOffset(t *testing.T) {
	start, end := NewDay(2025, 3, 12), NewDay(2025, 3, 14)
	tests := []struct {
		in, due string
	}{
		{"start", "2025-03-12"},
		{"end", "2025-03-14"},
		{"start-15d", "2025-02-25"},
		{"end+7d", "2025-03-21"},
		{"end + 90d", "2025-06-12"},
		{"end+1mo", "2025-04-14"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			o, err := ParseOffset(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.due, o.From(start, end).String())
		})
	}
	for _, bad := range []string{"", "begin", "end*2", "start-", "end+x", "fin+7d"} {
		t.Run("bad "+bad, func(t *testing.T) {
			_, err := ParseOffset(bad)
			var ve *lang.Error
			require.ErrorAs(t, err, &ve)
			assert.Contains(t, ve.Localize(lang.EN), "invalid due offset")
		})
	}
}

func TestDayOfKeepsTheAuthorsLocalDay(t *testing.T) {
	// 23:30 in Paris on 31 December is still 31 December, though it is
	// already 1 January nowhere near; and 00:30 in Tokyo is the Tokyo day.
	paris := time.FixedZone("CET", 3600)
	tokyo := time.FixedZone("JST", 9*3600)
	assert.Equal(t, "2025-12-31", DayOf(time.Date(2025, 12, 31, 23, 30, 0, 0, paris)).String())
	assert.Equal(t, "2026-01-01", DayOf(time.Date(2026, 1, 1, 0, 30, 0, 0, tokyo)).String())
}

func TestDurationWords(t *testing.T) {
	for in, want := range map[string][2]string{
		"3mo":     {"3 mois", "3 months"},
		"1y":      {"1 an", "1 year"},
		"1y6mo":   {"1 an et 6 mois", "1 year and 6 months"},
		"2w3d":    {"2 semaines et 3 jours", "2 weeks and 3 days"},
		"1y1mo1d": {"1 an, 1 mois et 1 jour", "1 year, 1 month and 1 day"},
	} {
		d, err := ParseDuration(in)
		require.NoError(t, err)
		assert.Equal(t, want[0], d.Words().FR, in)
		assert.Equal(t, want[1], d.Words().EN, in)
	}
}

func TestAuditCycle(t *testing.T) {
	day := func(s string) Day {
		d, err := ParseDay(s)
		require.NoError(t, err)
		return d
	}
	tests := []struct {
		name                         string
		audit                        Audit
		today                        string
		opens, closes, renewal, next string
		booked                       bool
	}{
		{"before the window", Audit{Initial: day("2025-06-12")}, "2026-01-01", "2026-08-12", "2027-04-12", "2028-06-12", "2026-08-12", false},
		{"window open", Audit{Initial: day("2025-06-12")}, "2026-10-01", "2026-08-12", "2027-04-12", "2028-06-12", "2026-10-01", false},
		{"after the window", Audit{Initial: day("2025-06-12")}, "2027-06-01", "2026-08-12", "2027-04-12", "2028-06-12", "2028-06-12", false},
		{"31 January plus 14 months", Audit{Initial: day("2025-01-31")}, "2025-06-01", "2026-03-31", "2026-11-30", "2028-01-31", "2026-03-31", false},
		{"31 December plus 14 months", Audit{Initial: day("2024-12-31")}, "2025-06-01", "2026-02-28", "2026-10-31", "2027-12-31", "2026-02-28", false},
		{"next cycle after renewal", Audit{Initial: day("2022-03-15")}, "2026-01-10", "2026-05-15", "2027-01-15", "2028-03-15", "2026-05-15", false},
		{"booked date wins", Audit{Initial: day("2025-06-12"), Next: day("2026-10-05")}, "2026-01-01", "2026-08-12", "2027-04-12", "2028-06-12", "2026-10-05", true},
		{"booked date in the past is ignored", Audit{Initial: day("2025-06-12"), Next: day("2025-12-05")}, "2026-01-01", "2026-08-12", "2027-04-12", "2028-06-12", "2026-08-12", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, ok := tt.audit.CycleAt(day(tt.today))
			require.True(t, ok)
			assert.Equal(t, tt.opens, c.WindowOpens.String())
			assert.Equal(t, tt.closes, c.WindowCloses.String())
			assert.Equal(t, tt.renewal, c.Renewal.String())
			assert.Equal(t, tt.next, c.Next.String())
			assert.Equal(t, tt.booked, c.Booked)
		})
	}
	_, ok := Audit{}.CycleAt(day("2026-01-01"))
	assert.False(t, ok, "no audit date, no calendar")
	c, ok := Audit{Next: day("2026-03-01")}.CycleAt(day("2026-01-01"))
	require.True(t, ok, "a booked date alone is enough")
	assert.Equal(t, "2026-03-01", c.Next.String())
}
