package rules

import (
	"fmt"
	"strconv"
	"time"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/internal/lazyre"
	"github.com/qlint/qlint/lang"
)

// frenchDay is a date as a French reader writes it: 22/11/2026, the day
// first, always (never the American month first).
var frenchDay = lazyre.New(`^(\d{1,2})/(\d{1,2})/(\d{4})$`)

// parseFrenchDay reads 22/11/2026; ok is false when s does not have that
// shape, err says why a date of that shape does not exist.
func parseFrenchDay(s string) (day Day, ok bool, err error) {
	m := frenchDay.FindStringSubmatch(s)
	if m == nil {
		return Day{}, false, nil
	}
	d, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	y, _ := strconv.Atoi(m[3])
	t, perr := time.Parse(time.DateOnly, fmt.Sprintf("%04d-%02d-%02d", y, mo, d))
	if perr != nil {
		return Day{}, true, perr
	}
	return Day{t}, true, nil
}

// DayProblem says, in both languages, why s is not a date qlint reads
// (2026-11-22 or 22/11/2026): a month past 12, a day the month does not
// have (31/02/2026), or a shape that is no date at all.
func DayProblem(s string) lang.Text {
	y, mo, d, ok := dayParts(s)
	switch {
	case !ok:
		return i18n.T(fmt.Sprintf("« %s » n'est pas une date : écrivez-la 22/11/2026 (jour/mois/année) ou 2026-11-22", s),
			fmt.Sprintf("%q is not a date: write it 22/11/2026 (day/month/year) or 2026-11-22", s))
	case mo < 1 || mo > 12:
		return i18n.T(fmt.Sprintf("« %s » n'est pas une date : il n'y a pas de mois %d (le jour vient d'abord : 22/11/2026)", s, mo),
			fmt.Sprintf("%q is not a date: there is no month %d (the day comes first: 22/11/2026)", s, mo))
	}
	last := time.Date(y, time.Month(mo)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	if d < 1 || d > last {
		return i18n.T(fmt.Sprintf("le %s n'existe pas : %s %d a %d jours", s, monthsFR[mo-1], y, last),
			fmt.Sprintf("%q does not exist: %s %d has %d days", s, time.Month(mo), y, last))
	}
	return i18n.T(fmt.Sprintf("« %s » n'est pas une date lisible", s), fmt.Sprintf("%q is not a readable date", s))
}

var isoParts = lazyre.New(`^(\d{4})-(\d{1,2})-(\d{1,2})$`)

// dayParts splits a date of either shape into year, month and day.
func dayParts(s string) (y, mo, d int, ok bool) {
	if m := frenchDay.FindStringSubmatch(s); m != nil {
		d, _ = strconv.Atoi(m[1])
		mo, _ = strconv.Atoi(m[2])
		y, _ = strconv.Atoi(m[3])
		return y, mo, d, true
	}
	if m := isoParts.FindStringSubmatch(s); m != nil {
		y, _ = strconv.Atoi(m[1])
		mo, _ = strconv.Atoi(m[2])
		d, _ = strconv.Atoi(m[3])
		return y, mo, d, true
	}
	return 0, 0, 0, false
}

var monthsFR = []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}

// bareFrenchDay is a TOML value written 22/11/2026 without quotes, which
// TOML cannot read (it sees 22 then "/").
var bareFrenchDay = lazyre.New(`(?m)^(\s*[A-Za-z0-9_."-]+\s*=\s*)(\d{1,2}/\d{1,2}/\d{4})([ \t]*(?:#.*)?\r?)$`)

// frenchDatesToTOML rewrites the dates written 22/11/2026 as values of
// qlint.toml: a valid one to 2026-11-22 (the same length, so every line and
// column stays where it was), another in quotes, so that the decoder says
// what is wrong with that date instead of a syntax error.
func frenchDatesToTOML(text string) string {
	if !digitSlashDigit(text) {
		// Most files hold none: the expression's first use, compiling
		// it included, was a quarter of reading a small qlint.toml.
		return text
	}
	return bareFrenchDay.ReplaceAllStringFunc(text, func(line string) string {
		m := bareFrenchDay.FindStringSubmatch(line)
		day, _, err := parseFrenchDay(m[2])
		if err == nil && len(day.String()) == len(m[2]) {
			return m[1] + day.String() + m[3]
		}
		return m[1] + `"` + m[2] + `"` + m[3]
	})
}

// digitSlashDigit reports whether text has a slash between two digits, as
// any date written 22/11/2026 has.
func digitSlashDigit(text string) bool {
	for i := 1; i+1 < len(text); i++ {
		if text[i] == '/' && isDigit(text[i-1]) && isDigit(text[i+1]) {
			return true
		}
	}
	return false
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
