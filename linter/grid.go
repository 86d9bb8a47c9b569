package linter

import (
	"fmt"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/rules"
)

// GridInfo names, in the JSON report, the grid of the référentiel the
// report was judged on.
type GridInfo struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Decree      string `json:"decree"`
	InForceFrom string `json:"in_force_from"`
	Indicators  int    `json:"indicators"`
}

func gridInfo(g *rules.Referential) GridInfo {
	return GridInfo{ID: g.Version, Title: g.Title(), Decree: g.Decree, InForceFrom: g.InForce.String(), Indicators: len(g.Indicators)}
}

// Ref returns the grid the report was judged on.
func (r *Report) Ref() *rules.Referential {
	if r.ref == nil {
		if g, ok := rules.Grid(r.Referential); ok {
			return g
		}
		return rules.GridFor(r.day)
	}
	return r.ref
}

// gridPeriod warns when qlint.toml forces a grid that the audit the report
// prepares will not be judged on. That audit is the booked one; without a
// booked date it can be held any day from the day judged on, within the
// surveillance window when one is known (before the renewal once the
// window has passed). The warning comes only when the forced grid is in
// force on none of those days: preparing on the 2026 grid on 31 October,
// for an audit that can only come after the switch, is sound; keeping V9
// for an audit held after it is not.
func (j *judge) gridPeriod() {
	// Only the grid the file names: a caller's choice (explain --changes
	// judges on the newest grid on purpose) is not the file's.
	if j.Config.Referential != j.Ref.Version {
		return
	}
	from, to := preparedAudit(j.cycle, j.hasCycle, j.AsOf)
	if inForceWithin(j.Ref, from, to) {
		return
	}
	day := from // the audit day to name
	if !(j.hasCycle && j.cycle.Booked) && !j.Ref.InForceOn(j.AsOf) {
		day = j.AsOf
	}
	g := rules.GridFor(day)
	j.add(Finding{Kind: KindAudit, Indicators: []int{},
		text: msgGridOutOfPeriod(j.Ref, g, day, j.AsOf)})
	if day.Equal(j.AsOf) {
		j.gridNote = i18n.T(
			fmt.Sprintf("référentiel imposé par qlint.toml : à cette date, l'auditeur utilise %s", g.Version),
			fmt.Sprintf("referential forced by qlint.toml: on this day, the auditor uses %s", g.Version))
		return
	}
	j.gridNote = i18n.T(
		fmt.Sprintf("référentiel imposé par qlint.toml : l'audit du %s se fait sur %s", day.French(), g.Version),
		fmt.Sprintf("referential forced by qlint.toml: the audit of %s is judged on %s", day, g.Version))
}

// preparedAudit returns the days the next audit can be held on, as known
// on day asOf: the booked day; else from the day judged (or the window's
// opening) to the window's closing, or to the renewal once the window has
// passed; to is zero when nothing bounds it (no audit dates).
func preparedAudit(c rules.Cycle, known bool, asOf rules.Day) (from, to rules.Day) {
	switch {
	case !known:
		return asOf, rules.Day{}
	case c.Booked:
		return c.Next, c.Next
	case c.WindowOpens.IsZero():
		return asOf, rules.Day{}
	case asOf.Before(c.WindowOpens):
		return c.WindowOpens, c.WindowCloses
	case !asOf.After(c.WindowCloses):
		return asOf, c.WindowCloses
	}
	return asOf, c.Renewal
}

// inForceWithin reports whether an audit held on some day from from to to
// (to zero: no end) is judged on grid g.
func inForceWithin(g *rules.Referential, from, to rules.Day) bool {
	if !to.IsZero() && to.Before(g.InForce) && g != rules.Grids()[0] {
		return false
	}
	next, ok := g.Next()
	return !ok || from.Before(next.InForce)
}

func msgGridOutOfPeriod(forced, inForce *rules.Referential, day, asOf rules.Day) i18n.Text {
	w := inForce.Words()
	// "auto" judges on the grid of the day judged: the way out only when
	// that is the audit's grid.
	fixFR, fixEN := `écrivez referential = "auto" dans qlint.toml`, `write referential = "auto" in qlint.toml`
	if rules.GridFor(asOf) != inForce {
		fixFR = fmt.Sprintf(`écrivez referential = %q dans qlint.toml (ou "auto" et --as-of next-audit)`, inForce.Version)
		fixEN = fmt.Sprintf(`write referential = %q in qlint.toml (or "auto" and --as-of next-audit)`, inForce.Version)
	}
	return i18n.T(
		fmt.Sprintf("qlint.toml impose le référentiel %s, mais un audit tenu le %s se fait sur le référentiel %s : c'est cette grille que l'auditeur utilisera. Ce rapport juge quand même sur %s ; pour juger comme l'auditeur, %s.",
			forced.Version, day.French(), w.FR, forced.Version, fixFR),
		fmt.Sprintf("qlint.toml forces the %s referential, but an audit held on %s is judged on referential %s: that is the grid the auditor will use. This report still judges on %s; to judge as the auditor will, %s.",
			forced.Version, day, w.EN, forced.Version, fixEN))
}
