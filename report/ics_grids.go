package report

import (
	"io"

	"github.com/qlint/qlint/linter"

	"github.com/qlint/qlint/rules"
)

// WriteICSAcross prints the calendar of a folder judged on the same day on
// several grids: reps[0] on the grid of the day judged, the others on the
// grids that come into force after it. An event falls on the grid of its
// own day, as the audit held that day would: an expiry on 2026-11-15 is a
// proof the 2026 grid asks for, judged before the switch or not. So each
// proof's event comes from the report judged on the grid of its day, and
// the audit calendar (the same on every grid) from reps[0]. A day on a
// grid no report was judged on keeps reps[0]'s events.
func WriteICSAcross(w io.Writer, reps []*linter.Report, version string) error {
	base := reps[0]
	on := map[*rules.Referential]*linter.Report{}
	for _, r := range reps {
		on[r.Ref()] = r
	}
	var events []calEvent
	for _, r := range reps {
		for _, e := range icsEvents(r) {
			owner, ok := on[rules.GridFor(e.start)]
			if !ok || e.cycle {
				owner = base
			}
			if owner == r {
				events = append(events, e)
			}
		}
	}
	// A rule of both grids whose limits differ could give two dates for
	// one proof: keep the earlier, the day it must be renewed by.
	first := map[string]int{}
	kept := events[:0]
	for _, e := range events {
		if i, ok := first[e.uid]; ok {
			if e.start.Before(kept[i].start) {
				kept[i] = e
			}
			continue
		}
		first[e.uid] = len(kept)
		kept = append(kept, e)
	}
	events = kept
	return writeICS(w, base, events, version)
}
