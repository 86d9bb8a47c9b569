package report

import (
	"crypto/sha1"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/qlint/qlint/linter"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/rules"
)

// calEvent is one all-day event of the calendar.
type calEvent struct {
	uid, summary, description string
	start, end                rules.Day // end included
	cycle                     bool      // the audit calendar's, not a proof's
	overdue                   bool      // already late: its reminder rings on its day
}

// WriteICS prints the coming dates as an iCalendar file: an event on the
// coming expiry day of every proof with a freshness limit (the newest file of each
// rule, in each folder), on the due day of every pending session proof, and
// for the surveillance window, a booked audit and the renewal; each with a
// reminder warn_within before. A proof already late gets one event on the
// day judged. UIDs depend on what an event is about, not
// on its date, so importing a newer file moves events instead of doubling
// them.
func WriteICS(w io.Writer, r *linter.Report, version string) error {
	return writeICS(w, r, icsEvents(r), version)
}

// icsEvents lists the events of report r, coming or past.
func icsEvents(r *linter.Report) []calEvent {
	l := r.Lang
	t := func(fr, en string) string { return i18n.T(fr, en).In(l) }
	var events []calEvent
	day := func(d rules.Day) string {
		if l == i18n.FR {
			return d.French()
		}
		return d.String()
	}

	rulesIDs := make([]string, 0, len(r.Matches))
	for id := range r.Matches {
		rulesIDs = append(rulesIDs, id)
	}
	sort.Strings(rulesIDs)
	for _, id := range rulesIDs {
		newest := map[string]linter.Match{}
		for _, m := range r.Matches[id] {
			if m.Expires.IsZero() {
				continue
			}
			if cur, ok := newest[m.Dir]; !ok || m.LastUpdate.After(cur.LastUpdate) || (m.LastUpdate.Equal(cur.LastUpdate) && m.Path < cur.Path) {
				newest[m.Dir] = m
			}
		}
		for dir, m := range newest {
			title := r.RuleTitles[id]
			where := ""
			if dir != "" {
				where = " — " + dir
			}
			events = append(events, calEvent{
				uid:     uid("expiry", id, dir),
				summary: t("Qualiopi : à renouveler — ", "Qualiopi: renew — ") + title + where,
				description: fmt.Sprintf(t("« %s » : dernière mise à jour le %s (%s). Mettez le document à jour avant le %s.",
					"%q: last updated on %s (%s). Update the document by %s."), title, day(m.LastUpdate), m.Path, day(m.Expires)),
				start: m.Expires, end: m.Expires,
			})
		}
	}
	for _, f := range r.Findings {
		if f.Kind != linter.KindPending || f.Due.IsZero() {
			continue
		}
		events = append(events, calEvent{
			uid:         uid("due", f.Rule, f.Path),
			summary:     t("Qualiopi : à fournir — ", "Qualiopi: due — ") + r.RuleTitles[f.Rule] + " — " + f.Path,
			description: f.Message,
			start:       f.Due, end: f.Due,
		})
	}
	if c := r.Cycle; c != nil {
		if !c.WindowOpens.IsZero() {
			events = append(events, calEvent{
				uid:     uid("surveillance", c.Start.String()),
				summary: t("Qualiopi : fenêtre de l'audit de surveillance", "Qualiopi: surveillance audit window"),
				description: fmt.Sprintf(t("L'audit de surveillance doit avoir lieu entre le %s et le %s. Convenez d'une date avec le certificateur.",
					"The surveillance audit must take place between %s and %s. Agree on a date with the certifier."), day(c.WindowOpens), day(c.WindowCloses)) +
					icsGrid(c.WindowOpens, c.WindowCloses, l),
				start: c.WindowOpens, end: c.WindowCloses, cycle: true,
			})
			events = append(events, calEvent{
				uid:     uid("renewal", c.Start.String()),
				summary: t("Qualiopi : renouvellement de la certification (au plus tard)", "Qualiopi: certification renewal (at the latest)"),
				description: fmt.Sprintf(t("Le certificat arrive à échéance le %s : l'audit de renouvellement doit avoir lieu avant.",
					"The certificate expires on %s: the renewal audit must take place before."), day(c.Renewal)) +
					icsGrid(c.Renewal, c.Renewal, l),
				start: c.Renewal, end: c.Renewal, cycle: true,
			})
		}
		if c.Booked {
			events = append(events, calEvent{
				uid:         uid("audit", c.Start.String()),
				summary:     t("Qualiopi : audit", "Qualiopi: audit"),
				description: t("Audit Qualiopi prévu ce jour.", "Qualiopi audit booked on this day.") + icsGrid(c.Next, c.Next, l),
				start:       c.Next, end: c.Next, cycle: true,
			})
		}
	}
	return events
}

// writeICS prints events, the coming ones, as the calendar of report r.
func writeICS(w io.Writer, r *linter.Report, events []calEvent, version string) error {
	l := r.Lang
	t := func(fr, en string) string { return i18n.T(fr, en).In(l) }
	day := func(d rules.Day) string {
		if l == i18n.FR {
			return d.French()
		}
		return d.String()
	}
	// An expiry already passed is not an appointment in the past: the
	// proof is overdue, and gets one event on the day judged, below.
	coming := events[:0]
	for _, e := range events {
		if !e.end.Before(r.Day()) {
			coming = append(coming, e)
		}
	}
	events = append(coming, overdueEvents(r, day)...)
	sort.Slice(events, func(i, j int) bool {
		if !events[i].start.Equal(events[j].start) {
			return events[i].start.Before(events[j].start)
		}
		return events[i].uid < events[j].uid
	})

	var b strings.Builder
	line := func(s string) { b.WriteString(foldLine(s)) }
	org := r.Organization
	if org == "" {
		org = t("organisme", "organization")
	}
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:-//qlint//qlint " + version + "//" + strings.ToUpper(string(l)))
	line("CALSCALE:GREGORIAN")
	line("METHOD:PUBLISH")
	line("X-WR-CALNAME:" + escapeText("Qualiopi — "+org))
	stamp := r.Day().Time().Format("20060102") + "T000000Z"
	warnDays := 0
	if !r.WarnWithin.IsZero() && len(events) > 0 {
		warnDays = r.WarnWithin.Before(events[0].start).DaysUntil(events[0].start)
	}
	for _, e := range events {
		line("BEGIN:VEVENT")
		line("UID:" + e.uid)
		line("DTSTAMP:" + stamp)
		line("DTSTART;VALUE=DATE:" + e.start.Time().Format("20060102"))
		line("DTEND;VALUE=DATE:" + e.end.AddDays(1).Time().Format("20060102"))
		line("SUMMARY:" + escapeText(e.summary))
		line("DESCRIPTION:" + escapeText(e.description))
		line("CATEGORIES:Qualiopi")
		line("TRANSP:TRANSPARENT")
		// A late proof's event is on the day judged: a reminder warn_within
		// before it would ring in the past, so it rings on the day itself.
		if warnDays > 0 || e.overdue {
			line("BEGIN:VALARM")
			line("ACTION:DISPLAY")
			line("DESCRIPTION:" + escapeText(e.summary))
			if e.overdue {
				line("TRIGGER:PT9H")
			} else {
				line(fmt.Sprintf("TRIGGER:-P%dD", warnDays))
			}
			line("END:VALARM")
		}
		line("END:VEVENT")
	}
	line("END:VCALENDAR")
	_, err := io.WriteString(w, b.String())
	return err
}

func uid(parts ...string) string {
	return fmt.Sprintf("%x@qlint", sha1.Sum([]byte(strings.Join(parts, "\x00"))))
}

// escapeText escapes an iCalendar TEXT value.
func escapeText(s string) string {
	return strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`).Replace(Visible(s))
}

// foldLine ends a content line with CRLF, folding it at 75 octets without
// cutting a character.
func foldLine(s string) string {
	var b strings.Builder
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	b.WriteString(s)
	b.WriteString("\r\n")
	return b.String()
}

// overdueEvents are the proofs already late, stale or missing: a reminder
// is most needed for them. Each gets one event on the day judged, "en
// retard depuis le …"; its UID depends on the proof only, so that importing
// a later calendar moves it to that day.
func overdueEvents(r *linter.Report, day func(rules.Day) string) []calEvent {
	t := func(fr, en string) string { return i18n.T(fr, en).In(r.Lang) }
	var events []calEvent
	for _, f := range r.Findings {
		if f.Deferred {
			continue
		}
		kind := f.Kind.Info()
		if !kind.Proof || !kind.Late || f.NoItem { // no item yet: nothing is late
			continue
		}
		since := f.Due
		if kind.Renew {
			d, err := rules.ParseDay(f.Expires)
			if err != nil {
				continue
			}
			since = d.AddDays(1) // valid through Expires: overdue from the day after
		}
		title := r.RuleTitles[f.Rule]
		if title == "" {
			title = f.Label
		}
		late := t("en retard", "overdue")
		if !since.IsZero() {
			late = t("en retard depuis le ", "overdue since ") + day(since)
		}
		events = append(events, calEvent{
			uid:         uid("overdue", f.Rule, f.Path),
			summary:     t("Qualiopi : ", "Qualiopi: ") + late + " — " + title + " — " + f.Path,
			description: f.Message,
			start:       r.Day(), end: r.Day(),
			overdue: true,
		})
	}
	return events
}
