package main

import (
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/rules"
)

// notices is where qlint says, on the side of the report, how it read what
// it was asked (stderr; tests replace it).
var (
	notices     io.Writer = os.Stderr
	noticesLang           = i18n.FR
	said                  = map[string]bool{}
	saidMu      sync.Mutex
)

// sayOnce writes a notice once per run of qlint (qlint watch judges again
// and again: the notice is said the first time).
func sayOnce(t i18n.Text) {
	saidMu.Lock()
	defer saidMu.Unlock()
	if said[t.FR] {
		return
	}
	said[t.FR] = true
	fmt.Fprintln(notices, "qlint: "+t.In(noticesLang))
}

// asOfNote says which day --as-of next-audit judged at, and why: the audit
// booked, or when none is, the day qlint took instead (never silently
// today).
func asOfNote(c rules.Cycle, today rules.Day) i18n.Text {
	if c.Booked {
		return i18n.T(
			fmt.Sprintf("jugé au %s, date de l'audit prévu ([audit] next)", c.Next.French()),
			fmt.Sprintf("judged at %s, the date of the booked audit ([audit] next)", c.Next))
	}
	var why i18n.Text
	switch {
	case c.Next == today:
		why = i18n.T(
			fmt.Sprintf("aujourd'hui, la fenêtre de l'audit de surveillance étant ouverte jusqu'au %s", c.WindowCloses.French()),
			fmt.Sprintf("today, the surveillance audit window being open until %s", c.WindowCloses))
	case c.Next == c.WindowOpens:
		why = i18n.T("l'ouverture de la fenêtre de l'audit de surveillance", "the day the surveillance audit window opens")
	default:
		why = i18n.T("la date limite du renouvellement", "the renewal deadline")
	}
	return i18n.T(
		fmt.Sprintf("aucune date d'audit n'est fixée ([audit] next) : --as-of next-audit juge au %s, %s", c.Next.French(), why.FR),
		fmt.Sprintf("no audit date is booked ([audit] next): --as-of next-audit judges at %s, %s", c.Next, why.EN))
}
