package rules

import (
	"fmt"
	"strings"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/lang"
)

// referential reads the referential key: auto or the id of a grid.
func (d *decoder) referential(v any) string {
	switch n := v.(type) {
	case int64, float64: // referential = 2026: the grid meant, unquoted
		s := fmt.Sprint(n)
		ids := gridIDs()
		for i, id := range ids {
			ids[i] = fmt.Sprintf("%q", id)
		}
		hint := i18n.T("écrivez l'identifiant entre guillemets : "+strings.Join(ids, ", "), "write the id in quotes: "+strings.Join(ids, ", "))
		if g := gridByAlias(s); g != nil {
			hint = i18n.T(fmt.Sprintf("écrivez referential = %q, entre guillemets", g.Version), fmt.Sprintf("write referential = %q, in quotes", g.Version))
		}
		found := describe(v)
		d.fail("referential", i18n.T(
			fmt.Sprintf("referential : %s attendu, trouvé %s", typeString.FR, found.FR),
			fmt.Sprintf("referential: expected %s, found %s", typeString.EN, found.EN)), hint)
		return ""
	}
	s, ok := d.str("referential", v)
	if !ok {
		return ""
	}
	if s == ReferentialAuto {
		return s
	}
	if _, known := Grid(s); known {
		return s
	}
	ids := gridIDs()
	quoted := make([]string, len(ids))
	for i, id := range ids {
		quoted[i] = fmt.Sprintf("%q", id)
	}
	hint := i18n.T(
		"écrivez "+strings.Join(quoted, ", ")+` ; "auto" (par défaut) prend la grille en vigueur le jour jugé`,
		"write "+strings.Join(quoted, ", ")+`; "auto" (the default) takes the grid in force on the day judged`)
	if g := gridByAlias(s); g != nil {
		hint = i18n.T(fmt.Sprintf("vouliez-vous dire %q ? ", g.Version)+hint.FR, fmt.Sprintf("did you mean %q? ", g.Version)+hint.EN)
	} else if sug := Closest(s, ids, false); sug != "" {
		hint = i18n.T(fmt.Sprintf("vouliez-vous dire %q ? ", sug)+hint.FR, fmt.Sprintf("did you mean %q? ", sug)+hint.EN)
	}
	d.fail("referential", i18n.T(fmt.Sprintf("référentiel inconnu « %s »", s), fmt.Sprintf("unknown referential %q", s)), hint)
	return ""
}

// Bind returns the configuration for grid g: every indicator number of the
// file checked against g (a mistake is placed at its line and column, and
// names the grid that has the number), and, with extends = "qualiopi", g's
// built-in pack merged under the file's own rules. c itself is unchanged.
func (c *Config) Bind(g *Referential) (*Config, error) {
	if c.Ref == g {
		return c, nil
	}
	var errs ErrorList
	for _, ref := range c.indicators {
		if _, ok := g.Indicator(ref.n); ok {
			continue
		}
		errs = append(errs, &lang.Error{File: c.File, Line: ref.pos.Line, Col: ref.pos.Col,
			Msg: i18n.T(
				fmt.Sprintf("l'indicateur %d n'existe pas dans le référentiel %s (indicateurs 1 à %d)", ref.n, g.Version, len(g.Indicators)),
				fmt.Sprintf("indicator %d does not exist in the %s referential (indicators 1 to %d)", ref.n, g.Version, len(g.Indicators))),
			Hint: gridHint(ref.n, g, c.Referential)})
	}
	if len(errs) > 0 {
		errs.sort()
		return nil, errs
	}
	b := *c
	b.Ref = g
	b.Rules = append([]*Rule(nil), c.own...)
	if c.Extends == "qualiopi" {
		b.Rules = mergePack(c, g.Pack())
	}
	return &b, nil
}

// gridHint names the grids that have indicator n, and how to judge on one.
func gridHint(n int, judged *Referential, setting string) i18n.Text {
	for _, g := range gridList() {
		if _, ok := g.Indicator(n); !ok || g == judged {
			continue
		}
		w := g.Words()
		if setting == "" || setting == ReferentialAuto {
			return i18n.T(
				fmt.Sprintf("l'indicateur %d appartient au référentiel %s : le jour jugé, c'est %s qui s'applique ; jugez à partir du %s (--as-of), ou écrivez referential = %q",
					n, w.FR, judged.Version, g.InForce.French(), g.Version),
				fmt.Sprintf("indicator %d belongs to referential %s: on the day judged, %s applies; judge from %s on (--as-of), or write referential = %q",
					n, w.EN, judged.Version, g.InForce, g.Version))
		}
		return i18n.T(
			fmt.Sprintf("l'indicateur %d appartient au référentiel %s : écrivez referential = %q (ou \"auto\")", n, w.FR, g.Version),
			fmt.Sprintf("indicator %d belongs to referential %s: write referential = %q (or \"auto\")", n, w.EN, g.Version))
	}
	return indicatorHint()
}

// gridByAlias returns the grid that s names in another way than its id:
// "v10", "RNQ 2026", "rnq-v10" (the 2026 grid's reading guide is the V10),
// "v9". Case, spaces, dashes and a leading "rnq" do not count.
func gridByAlias(s string) *Referential {
	key := aliasKey(s)
	if key == "" {
		return nil
	}
	for _, g := range gridList() {
		if aliasKey(g.Version) == key {
			return g
		}
		for _, a := range g.aliases {
			if aliasKey(a) == key {
				return g
			}
		}
	}
	return nil
}

func aliasKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	return strings.TrimPrefix(b.String(), "rnq")
}
