package rules

import (
	"strconv"
	"strings"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/lang"
)

// Duration is a freshness limit or a delay in calendar units: years, months,
// weeks and days, and their sums such as "1y6mo" or "2w3d". Months and years
// are calendar arithmetic, not a fixed number of days.
type Duration struct {
	Years, Months, Weeks, Days int
}

var durationUnits = []struct {
	suffix string
	set    func(*Duration, int)
}{
	// "mo" before "m"-less units; no unit is a prefix of another after that.
	{"mo", func(d *Duration, n int) { d.Months += n }},
	{"y", func(d *Duration, n int) { d.Years += n }},
	{"w", func(d *Duration, n int) { d.Weeks += n }},
	{"d", func(d *Duration, n int) { d.Days += n }},
}

// ParseDuration reads a duration such as "30d", "3mo", "1y" or "1y6mo". Each
// part is a whole number followed by a unit: d (days), w (weeks), mo (months),
// y (years).
func ParseDuration(s string) (Duration, error) {
	var d Duration
	rest := strings.TrimSpace(s)
	if rest == "" {
		return d, durationError(s)
	}
	for rest != "" {
		i := 0
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		if i == 0 || i > 6 {
			return Duration{}, durationError(s)
		}
		n, _ := strconv.Atoi(rest[:i])
		rest = rest[i:]
		matched := false
		for _, u := range durationUnits {
			if strings.HasPrefix(rest, u.suffix) {
				u.set(&d, n)
				rest = rest[len(u.suffix):]
				matched = true
				break
			}
		}
		if !matched {
			return Duration{}, durationError(s)
		}
	}
	// A freshness limit of more than a century is a typo, and would make
	// dates overflow.
	if 12*d.Years+d.Months > 1200 || 7*d.Weeks+d.Days > 36525 {
		return Duration{}, &lang.Error{
			Msg: i18n.T("durée trop longue "+strconv.Quote(s)+" : plus de 100 ans",
				"duration too long "+strconv.Quote(s)+": more than 100 years"),
			Hint: i18n.T(`une limite de fraîcheur se compte en jours, mois ou années : "3mo", "1y"`,
				`a freshness limit counts in days, months or years: "3mo", "1y"`),
		}
	}
	return d, nil
}

func durationError(s string) error {
	return &lang.Error{
		Msg: i18n.T(
			"durée invalide "+strconv.Quote(s)+" : attendu un nombre suivi d'une unité d (jours), w (semaines), mo (mois) ou y (ans)",
			"invalid duration "+strconv.Quote(s)+": expected a number followed by a unit d (days), w (weeks), mo (months) or y (years)"),
		Hint: i18n.T(`par exemple "30d", "6mo", "1y" ou "1y6mo"`, `for example "30d", "6mo", "1y" or "1y6mo"`),
	}
}

// IsZero reports whether d is no time at all.
func (d Duration) IsZero() bool { return d == Duration{} }

// String writes d back in qlint's notation, largest unit first: "1y6mo".
func (d Duration) String() string {
	if d.IsZero() {
		return "0d"
	}
	var b strings.Builder
	for _, p := range []struct {
		n    int
		unit string
	}{{d.Years, "y"}, {d.Months, "mo"}, {d.Weeks, "w"}, {d.Days, "d"}} {
		if p.n != 0 {
			b.WriteString(strconv.Itoa(p.n))
			b.WriteString(p.unit)
		}
	}
	return b.String()
}

// After returns the day d after day: years and months first, clamped to the
// end of the month, then weeks and days.
func (d Duration) After(day Day) Day {
	// Only the parts the duration has: a run computes one expiry per
	// proof, and "1y" needs no day arithmetic.
	if n := 12*d.Years + d.Months; n != 0 {
		day = day.AddMonths(n)
	}
	if n := 7*d.Weeks + d.Days; n != 0 {
		day = day.AddDays(n)
	}
	return clampDay(day)
}

// Before returns the day d before day, the mirror of After.
func (d Duration) Before(day Day) Day {
	return day.AddMonths(-(12*d.Years + d.Months)).AddDays(-(7*d.Weeks + d.Days))
}

// UnmarshalText lets a Duration decode itself from a TOML string.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := ParseDuration(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// MarshalText writes the duration in qlint's notation.
func (d Duration) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// Offset is a day counted from the dates of an `each` directory, such as a
// training session: "start-15d", "start", "end", "end+7d".
type Offset struct {
	FromEnd bool     // counted from the end day, else from the start day
	Back    bool     // the delta is subtracted
	Delta   Duration // zero for the anchor day itself
}

// ParseOffset reads a due offset: start or end, optionally followed by + or -
// and a duration.
func ParseOffset(s string) (Offset, error) {
	var o Offset
	rest := strings.TrimSpace(s)
	switch {
	case strings.HasPrefix(rest, "start"):
		rest = rest[len("start"):]
	case strings.HasPrefix(rest, "end"):
		o.FromEnd = true
		rest = rest[len("end"):]
	default:
		return Offset{}, offsetError(s)
	}
	rest = strings.TrimSpace(rest)
	if rest == "" {
		return o, nil
	}
	switch rest[0] {
	case '+':
	case '-':
		o.Back = true
	default:
		return Offset{}, offsetError(s)
	}
	d, err := ParseDuration(strings.TrimSpace(rest[1:]))
	if err != nil {
		return Offset{}, offsetError(s)
	}
	// A zero delta has no direction: "end-0d" is "end", and prints so.
	o.Delta, o.Back = d, o.Back && !d.IsZero()
	return o, nil
}

func offsetError(s string) error {
	return &lang.Error{
		Msg: i18n.T(
			"échéance invalide "+strconv.Quote(s)+" : attendu start ou end, éventuellement suivi de + ou - et d'une durée",
			"invalid due offset "+strconv.Quote(s)+": expected start or end, optionally followed by + or - and a duration"),
		Hint: i18n.T(`par exemple "start-15d" (15 jours avant le début), "end" ou "end+7d"`,
			`for example "start-15d" (15 days before the start), "end" or "end+7d"`),
	}
}

// From returns the due day for a directory that runs from start to end.
func (o Offset) From(start, end Day) Day {
	base := start
	if o.FromEnd {
		base = end
	}
	if o.Back {
		return o.Delta.Before(base)
	}
	return o.Delta.After(base)
}

// String writes the offset back: "end+7d".
func (o Offset) String() string {
	s := "start"
	if o.FromEnd {
		s = "end"
	}
	if o.Delta.IsZero() {
		return s
	}
	if o.Back {
		return s + "-" + o.Delta.String()
	}
	return s + "+" + o.Delta.String()
}

// Words writes the duration for people: "3 mois", "1 an et 6 mois".
func (d Duration) Words() lang.Text {
	var fr, en []string
	part := func(n int, frOne, frMany, enOne, enMany string) {
		switch {
		case n == 1:
			fr, en = append(fr, "1 "+frOne), append(en, "1 "+enOne)
		case n > 1:
			fr, en = append(fr, strconv.Itoa(n)+" "+frMany), append(en, strconv.Itoa(n)+" "+enMany)
		}
	}
	part(d.Years, "an", "ans", "year", "years")
	part(d.Months, "mois", "mois", "month", "months")
	part(d.Weeks, "semaine", "semaines", "week", "weeks")
	part(d.Days, "jour", "jours", "day", "days")
	join := func(parts []string, and string) string {
		if len(parts) <= 1 {
			return strings.Join(parts, "")
		}
		return strings.Join(parts[:len(parts)-1], ", ") + and + parts[len(parts)-1]
	}
	return i18n.T(join(fr, " et "), join(en, " and "))
}

// Every says how often a proof with this freshness limit is renewed, as
// people say it: "tous les ans", "tous les 6 mois", "toutes les semaines",
// "every year", "every 6 months".
func (d Duration) Every() lang.Text {
	single := func(n int, frOne, frMany, enOne, enMany, fem string) (i18n.Text, bool) {
		switch {
		case n == 1:
			return i18n.T(fem+frOne, "every "+enOne), true
		case n > 1:
			return i18n.T(fem+strconv.Itoa(n)+" "+frMany, "every "+strconv.Itoa(n)+" "+enMany), true
		}
		return i18n.Text{}, false
	}
	parts := 0
	for _, n := range []int{d.Years, d.Months, d.Weeks, d.Days} {
		if n > 0 {
			parts++
		}
	}
	if parts == 1 {
		for _, c := range []struct {
			n                                 int
			frOne, frMany, enOne, enMany, fem string
		}{
			{d.Years, "ans", "ans", "year", "years", "tous les "},
			{d.Months, "mois", "mois", "month", "months", "tous les "},
			{d.Weeks, "semaines", "semaines", "week", "weeks", "toutes les "},
			{d.Days, "jours", "jours", "day", "days", "tous les "},
		} {
			if t, ok := single(c.n, c.frOne, c.frMany, c.enOne, c.enMany, c.fem); ok {
				return t
			}
		}
	}
	w := d.Words()
	return i18n.T("tous les "+w.FR, "every "+w.EN)
}
