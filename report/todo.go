package report

import (
	"fmt"
	"io"
	"sort"

	"github.com/qlint/qlint/linter"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/rules"
)

// maxTodo is how many lines the to-do holds: short enough to act on.
const maxTodo = 12

// todoItem is one proof to file or renew, with its date.
type todoItem struct {
	overdue bool
	day     rules.Day // overdue since, or deadline; zero: overdue, no date
	text    i18n.Text
	noItem  bool // no item folder yet: neither late nor dated
}

// todo lists the proofs to file or renew: the dated ones first, overdue
// (the oldest first) then by deadline, so that the cut-off never hides a
// real deadline behind a proof without a date; then the undated ones,
// overdue before the folders still to make. Waived and deferred findings
// are left out: nothing is to be done about them now.
func todo(r *linter.Report) []todoItem {
	var items []todoItem
	for _, f := range r.Findings {
		if f.Deferred {
			continue
		}
		what := Visible(f.Label)
		where := Visible(f.Path)
		kind := f.Kind.Info()
		if !kind.Proof {
			continue
		}
		it := todoItem{overdue: kind.Late, day: f.Due,
			text: i18n.T("déposer « "+what+" » ("+where+")", "file "+enQuote(what)+" ("+where+")")}
		switch {
		case f.NoItem: // an each rule with no item folder yet
			it = noItemTodo(f)
		case kind.Renew:
			d, err := rules.ParseDay(f.Expires)
			if err != nil {
				continue
			}
			if kind.Late {
				// Valid through Expires: overdue from the day after.
				d = d.AddDays(1)
			}
			it.day, it.text = d, i18n.T("renouveler « "+what+" » ("+where+")", "renew "+enQuote(what)+" ("+where+")")
		}
		items = append(items, it)
	}
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if a.day.IsZero() != b.day.IsZero() {
			return !a.day.IsZero()
		}
		if a.overdue != b.overdue {
			return a.overdue
		}
		return a.day.Before(b.day)
	})
	return items
}

func enQuote(s string) string { return fmt.Sprintf("%q", s) }

// writeTodo prints the to-do after the report, one line per proof.
func (p *textPrinter) writeTodo(r *linter.Report) {
	items := todo(r)
	if len(items) == 0 {
		return
	}
	day := func(d rules.Day) string {
		if p.l == i18n.FR {
			return d.French()
		}
		return d.String()
	}
	p.printf("\n%s\n", p.paint(ansiBold, i18n.T("À faire, par date", "To do, by date").In(p.l)))
	for i, it := range items {
		if i == maxTodo {
			p.printf("  %s\n", i18n.T(fmt.Sprintf("… et %d de plus (le rapport complet les détaille)", len(items)-i),
				fmt.Sprintf("… and %d more (the whole report details them)", len(items)-i)).In(p.l))
			break
		}
		var when i18n.Text
		switch {
		case it.noItem:
			when = i18n.T("pas encore de dossier", "no folder yet")
		case it.overdue && it.day.IsZero():
			when = i18n.T("en retard", "overdue")
		case it.overdue:
			when = i18n.T("en retard depuis le "+day(it.day), "overdue since "+day(it.day))
		default:
			when = i18n.T("au plus tard le "+day(it.day), "by "+day(it.day))
		}
		color := ansiYellow
		if it.overdue {
			color = ansiRed
		}
		p.printf("  - %s%s%s\n", p.paint(color, when.In(p.l)), i18n.T(" : ", ": ").In(p.l), it.text.In(p.l))
	}
}

// WriteTodo prints only the to-do (qlint watch, after each change).
func WriteTodo(w io.Writer, r *linter.Report, opts TextOptions) error {
	lw := newLineWrapper(w, opts.Width)
	lw.french(r.Lang, r)
	defer lw.Flush()
	p := &textPrinter{w: lw, l: r.Lang, opts: opts}
	p.writeTodo(r)
	if len(todo(r)) == 0 {
		p.printf("%s\n", i18n.T("Rien à déposer ni à renouveler.", "Nothing to file or renew.").In(p.l))
	}
	return p.err
}
