package rules

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// TestDaysStayPrintable: arithmetic never leaves four-digit years, nor
// reaches the zero day.
func TestDaysStayPrintable(t *testing.T) {
	late := NewDay(9999, time.June, 1)
	assert.Equal(t, "9999-12-31", late.AddMonths(12).String())
	assert.Equal(t, "9999-12-31", late.AddDays(400).String())
	early := NewDay(1, time.March, 1)
	assert.Equal(t, "0001-01-02", early.AddMonths(-5).String())
	assert.False(t, early.AddDays(-100).IsZero())
	d, err := ParseDuration("100y")
	assert.NoError(t, err)
	assert.Equal(t, "9999-12-31", d.After(NewDay(9950, time.January, 1)).String())
}

// AddMonths computes what time.Date's normalization gives, clamped to the
// end of the month, over four centuries of days and both signs.
func TestAddMonthsAgreesWithTime(t *testing.T) {
	reference := func(d Day, n int) Day {
		y, m, day := d.t.Date()
		first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
		last := first.AddDate(0, 1, -1).Day()
		if day > last {
			day = last
		}
		return clampDay(NewDay(first.Year(), first.Month(), day))
	}
	for d := NewDay(1899, time.December, 1); d.Before(NewDay(2301, time.March, 1)); d = d.AddDays(13) {
		for _, n := range []int{0, 1, -1, 2, 11, 12, -12, 13, -13, 36, -37, 1200, -2400} {
			if got, want := d.AddMonths(n), reference(d, n); !got.Equal(want) {
				t.Fatalf("%s + %d months = %s, want %s", d, n, got, want)
			}
		}
	}
	assert.Equal(t, lastDay, NewDay(9999, time.June, 1).AddMonths(12), "clamped at the edge")
	assert.Equal(t, firstDay, NewDay(1, time.June, 1).AddMonths(-12), "clamped at the edge")
}
