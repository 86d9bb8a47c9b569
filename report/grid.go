package report

import (
	"fmt"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/linter"
	"github.com/qlint/qlint/rules"
)

// auditGrid says on which grid the next audit will be judged, when that is
// not the grid the report judged on (judged): before a switch, the audit
// after it is held on the new grid; with a grid qlint.toml forces, the
// audit is still held on the grid of its day.
func auditGrid(c rules.Cycle, asOf rules.Day, judged *rules.Referential) i18n.Text {
	var day rules.Day
	switch {
	case c.Booked:
		day = c.Next
	case c.WindowOpens.IsZero():
		return i18n.Text{}
	case asOf.Before(c.WindowOpens):
		day = c.WindowOpens
	case !asOf.After(c.WindowCloses):
		day = c.WindowCloses // an audit anywhere in the open window
	default:
		day = c.Renewal
	}
	g := rules.GridFor(day)
	if g == judged {
		return i18n.Text{}
	}
	if !c.Booked && !asOf.Before(c.WindowOpens) && !asOf.After(c.WindowCloses) && asOf.Before(g.InForce) {
		return i18n.T(
			fmt.Sprintf(" ; à partir du %s, l'audit se fait sur le référentiel %s", g.InForce.French(), g.Version),
			fmt.Sprintf("; from %s on, the audit is judged on the %s referential", g.InForce, g.Version))
	}
	return i18n.T(" ; sur le référentiel "+g.Version, "; on the "+g.Version+" referential")
}

// auditLine says when the next audit comes, from the audit calendar, and on
// which grid when that is not the grid the report judged on.
func auditLine(c rules.Cycle, asOf, today rules.Day, judged *rules.Referential) i18n.Text {
	t := auditLineBase(c, asOf, today)
	if t.IsZero() {
		return t
	}
	g := auditGrid(c, asOf, judged)
	return i18n.T(t.FR+g.FR, t.EN+g.EN)
}

// mdGrid names the grid in the Markdown header, as the text header does.
func mdGrid(r *linter.Report) string {
	return " · " + i18n.T("référentiel ", "referential ").In(r.Lang) + r.Ref().Version
}

// icsGrid says, for an audit event from day from to day to, on which grid
// the audit is judged, when that is a grid after the first one.
func icsGrid(from, to rules.Day, l i18n.Lang) string {
	a, b := rules.GridFor(from), rules.GridFor(to)
	switch {
	case b == rules.Grids()[0]:
		return ""
	case a != b:
		return " " + i18n.T(
			fmt.Sprintf("À partir du %s, l'audit se fait sur le référentiel %s.", b.InForce.French(), b.Words().FR),
			fmt.Sprintf("From %s on, the audit is judged on referential %s.", b.InForce, b.Words().EN)).In(l)
	}
	return " " + i18n.T("L'audit se fait sur le référentiel "+b.Words().FR+".", "The audit is judged on referential "+b.Words().EN+".").In(l)
}
