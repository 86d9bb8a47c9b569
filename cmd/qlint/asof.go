package main

import (
	"fmt"
	"time"

	"github.com/qlint/qlint/rules"
)

// checkAsOfRange refuses an --as-of day too far from any audit: before
// 1900 (0001-01-01 is also the "no date" of the report) or after 9899,
// where expiries a hundred years later would need five-digit years.
func checkAsOfRange(s string, d rules.Day) error {
	if d.Before(rules.NewDay(1900, time.January, 1)) || d.After(rules.NewDay(9899, time.December, 31)) {
		return usageError(fmt.Sprintf("--as-of %s : date hors de la plage 1900-01-01 à 9899-12-31", s),
			fmt.Sprintf("--as-of %s: date outside the range 1900-01-01 to 9899-12-31", s),
			"donnez le jour de l'audit, par exemple --as-of 2026-10-05", "give the day of the audit, for example --as-of 2026-10-05")
	}
	return nil
}
