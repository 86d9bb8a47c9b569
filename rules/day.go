package rules

import (
	"fmt"
	"time"
)

// Day is a calendar day with no time of day and no time zone, as a
// quality manager counts them: a proof updated on 10 January and valid 3
// months expires on 10 April.
type Day struct {
	t time.Time // midnight UTC
}

// NewDay returns the day y-m-d. Out-of-range values are normalized as
// time.Date does.
func NewDay(y int, m time.Month, d int) Day {
	return Day{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// DayOf returns the calendar day of t in t's own location: a commit made at
// 23:30 in Paris belongs to that Paris day, whatever the machine's zone.
func DayOf(t time.Time) Day {
	y, m, d := t.Date()
	return NewDay(y, m, d)
}

// ParseDay reads a date written 2025-06-12 or, as a French reader writes
// it, 12/06/2025 (the day first, never the month); DayProblem says why
// another text is no date.
func ParseDay(s string) (Day, error) {
	if d, ok, err := parseFrenchDay(s); ok {
		if err != nil {
			return Day{}, fmt.Errorf("%q is not a date: %w", s, err)
		}
		return d, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Day{}, fmt.Errorf("%q is not a date of the form 2025-06-12", s)
	}
	return Day{t}, nil
}

// IsZero reports whether d is the zero Day (no date).
func (d Day) IsZero() bool { return d.t.IsZero() }

// Time returns midnight UTC of the day.
func (d Day) Time() time.Time { return d.t }

// String returns the ISO form, 2025-06-12; the zero Day is "".
func (d Day) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format(time.DateOnly)
}

// French returns the day as a French reader writes it: 12/06/2025.
func (d Day) French() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format("02/01/2006")
}

// Before reports whether d is strictly before e.
func (d Day) Before(e Day) bool { return d.t.Before(e.t) }

// After reports whether d is strictly after e.
func (d Day) After(e Day) bool { return d.t.After(e.t) }

// Equal reports whether d and e are the same day.
func (d Day) Equal(e Day) bool { return d.t.Equal(e.t) }

// AddDays returns the day n days after d (before, for negative n).
func (d Day) AddDays(n int) Day { return clampDay(Day{d.t.AddDate(0, 0, n)}) }

// DaysUntil returns the number of days from d to e (negative when e is before d).
func (d Day) DaysUntil(e Day) int { return int(e.t.Sub(d.t).Hours() / 24) }

// AddMonths returns the same day n months later, clamped to the end of the
// target month: 31 January + 1 month is 28 (or 29) February, never 3 March.
func (d Day) AddMonths(n int) Day {
	y, m, day := d.t.Date()
	months := int(m) - 1 + n // from January of year y
	ty, tm := y+months/12, months%12
	if tm < 0 {
		ty, tm = ty-1, tm+12
	}
	month := time.Month(tm + 1)
	if last := daysIn(month, ty); day > last {
		day = last
	}
	return clampDay(NewDay(ty, month, day))
}

// daysIn is the number of days of month m of year y (proleptic Gregorian,
// as package time counts): computed, not asked of time.Date, since a run
// computes an expiry for every proof.
func daysIn(m time.Month, y int) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// The days qlint prints: ISO dates and iCalendar have four-digit years,
// and the zero Day (0001-01-01) means "no date". A day computed past them
// (an expiry a year after 9999-06-01) stays at the edge.
var (
	firstDay = NewDay(1, time.January, 2)
	lastDay  = NewDay(9999, time.December, 31)
)

func clampDay(d Day) Day {
	switch {
	case d.t.After(lastDay.t):
		return lastDay
	case d.t.Before(firstDay.t):
		return firstDay
	}
	return d
}

// MarshalText writes the ISO form.
func (d Day) MarshalText() ([]byte, error) { return []byte(d.String()), nil }
