package report

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/qlint/qlint/lang"
	"github.com/qlint/qlint/linter"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/rules"
)

// changeWords heads what a grid did to an indicator.
func changeWords(kind string, g *rules.Referential) i18n.Text {
	switch kind {
	case rules.ChangeNew:
		return i18n.T("Nouvel indicateur du référentiel "+g.Version, "New indicator of the "+g.Version+" referential")
	case rules.ChangeToConfirm:
		return i18n.T("À confirmer par le guide de lecture V10 ("+g.Version+")", "To be confirmed by the reading guide V10 ("+g.Version+")")
	}
	return i18n.T("Ce que le référentiel "+g.Version+" ajoute", "What the "+g.Version+" referential adds")
}

// gridChanges prints what grid ref changed in indicator n, and, when a
// newer grid follows ref, what it will change and from when.
//
// asOf is the day judged (zero when unknown: no qlint.toml, the grid of
// today); forced says that qlint.toml forces ref. A next grid already in
// force on asOf is told in the past tense, with a word that the auditor
// uses it and not the grid qlint.toml forces.
func (p *textPrinter) gridChanges(ref *rules.Referential, n int, asOf rules.Day, forced bool) {
	t := func(fr, en string) string { return i18n.T(fr, en).In(p.l) }
	if c, ok := ref.Changes[n]; ok {
		p.printf("\n%s", wrap(changeWords(c.Kind, ref).In(p.l)+t(" : ", ": ")+c.Text.In(p.l), "", p.width()))
		if c.Source.FR != "" {
			p.printf("%s", wrap(t("Source : ", "Source: ")+c.Source.In(p.l)+".", "", p.width()))
		}
	}
	if next, ok := ref.Next(); ok {
		if c, ok := next.Changes[n]; ok {
			head := i18n.T(
				fmt.Sprintf("À partir du %s, le référentiel %s ajoute", next.InForce.French(), next.Version),
				fmt.Sprintf("From %s on, the %s referential adds", next.InForce, next.Version))
			inForce := !asOf.IsZero() && !asOf.Before(next.InForce)
			if inForce {
				head = i18n.T(
					fmt.Sprintf("Depuis le %s, le référentiel %s ajoute", next.InForce.French(), next.Version),
					fmt.Sprintf("Since %s, the %s referential adds", next.InForce, next.Version))
			}
			if c.Kind == rules.ChangeToConfirm {
				head = i18n.T(
					fmt.Sprintf("À partir du %s (référentiel %s), à confirmer par le guide de lecture V10", next.InForce.French(), next.Version),
					fmt.Sprintf("From %s on (%s referential), to be confirmed by the reading guide V10", next.InForce, next.Version))
			}
			p.printf("\n%s", wrap(head.In(p.l)+t(" : ", ": ")+c.Text.In(p.l), "", p.width()))
			if inForce && forced {
				p.printf("%s", wrap(fmt.Sprintf(t(
					"qlint.toml impose le référentiel %s, mais un audit tenu le %s se fait sur le référentiel %s : écrivez referential = \"auto\" dans qlint.toml pour juger comme l'auditeur.",
					"qlint.toml forces the %s referential, but an audit held on %s is judged on the %s referential: write referential = \"auto\" in qlint.toml to judge as the auditor will."),
					ref.Version, asOfWords(asOf, p.l), rules.GridFor(asOf).Version), "", p.width()))
			}
		}
	}
}

// asOfWords writes a day as a reader of language l does.
func asOfWords(d rules.Day, l i18n.Lang) string {
	if l == i18n.FR {
		return d.French()
	}
	return d.String()
}

// ChangedRules returns the ids of the rules of grid g's pack that its base
// grid's pack does not have, or has for other indicators: the proofs the
// grid asks for anew.
func ChangedRules(g *rules.Referential) map[string]bool {
	out := map[string]bool{}
	old := map[string][]int{}
	if base, ok := rules.Grid(g.Base); ok {
		for _, r := range base.Pack() {
			old[r.ID] = r.Indicators
		}
	}
	for _, r := range g.Pack() {
		if inds, ok := old[r.ID]; !ok || !slices.Equal(inds, r.Indicators) {
			out[r.ID] = true
		}
	}
	return out
}

// WriteChanges prints the switch to grid g at a glance: indicator by
// indicator, what g changed from its base grid, whether the indicator
// applies to the organization, and, from rep (judged on g, nil without a
// qlint.toml), what g asks that the folder does not have yet.
func WriteChanges(w io.Writer, g *rules.Referential, rep *linter.Report, l lang.Lang, width int) error {
	lw := newLineWrapper(w, width)
	lw.french(l, rep)
	defer lw.Flush()
	p := &textPrinter{w: lw, l: l, opts: TextOptions{Width: width}}
	t := func(fr, en string) string { return i18n.T(fr, en).In(l) }
	base := g.Base
	words := g.Words()
	p.printf("%s\n", p.paint(ansiBold, fmt.Sprintf(t("Référentiel %s : ce qui change par rapport à %s", "The %s referential: what changes from %s"), words.In(l), base)))
	sources := g.Sources
	if l == i18n.EN && len(g.SourcesEN) == len(g.Sources) {
		sources = g.SourcesEN
	}
	for _, s := range sources {
		p.printf("%s", wrap(t("Source : ", "Source: ")+s, "  ", p.width()))
	}
	ids := make([]int, 0, len(g.Changes))
	for n := range g.Changes {
		ids = append(ids, n)
	}
	sort.Ints(ids)
	changed := ChangedRules(g)
	var results map[int]linter.IndicatorResult
	if rep != nil {
		results = map[int]linter.IndicatorResult{}
		for _, res := range rep.Indicators {
			results[res.ID] = res
		}
	}
	missing := 0
	for _, n := range ids {
		ind, _ := g.Indicator(n)
		c := g.Changes[n]
		kind := map[string]i18n.Text{
			rules.ChangeNew:       i18n.T("nouveau", "new"),
			rules.ChangeAmended:   i18n.T("complété", "amended"),
			rules.ChangeToConfirm: i18n.T("à confirmer (guide V10)", "to be confirmed (guide V10)"),
		}[c.Kind]
		p.printf("\n%s\n", p.paint(ansiBold, fmt.Sprintf("%2d · %s — %s", n, ind.Title.In(l), kind.In(l))))
		p.printf("%s", wrap(upperFirst(c.Text.In(l)), "     ", p.width()))
		if rep == nil {
			continue
		}
		res, ok := results[n]
		if !ok {
			continue
		}
		if res.Status == linter.StatusNotApplicable {
			p.printf("     %s\n", p.paint(statusColors[res.Status], t("Ne s'applique pas à l'organisme : ", "Does not apply to the organization: ")+res.Reason(l)))
			continue
		}
		var todo, waived []linter.Finding
		for _, f := range rep.Findings {
			if !slices.Contains(f.Indicators, n) {
				continue
			}
			// What is to do on the indicator: a gap, or a proof its
			// changed rules ask for; a waived proof is said apart.
			kind := f.Kind.Info()
			if f.Kind == linter.KindWaived {
				if changed[f.Rule] {
					waived = append(waived, f)
				}
				continue
			}
			if kind.Proof && !changed[f.Rule] || !kind.Proof && kind.Worsens == "" {
				continue
			}
			todo = append(todo, f)
		}
		// The new proofs are there only for the changed rules that matched a
		// file: a waived rule matched none.
		var newRules []string
		for _, id := range res.Rules {
			if changed[id] && len(rep.Matches[id]) > 0 {
				newRules = append(newRules, id)
			}
		}
		for _, f := range waived {
			p.printf("     - %s", strings.TrimLeft(wrap(Visible(f.Text(l)), "       ", p.width()), " "))
		}
		if len(todo) == 0 {
			status := IndicatorWord(res).In(l)
			if len(waived) > 0 {
				p.printf("%s", wrap(fmt.Sprintf(t("Statut de l'indicateur : %s.", "The indicator's status: %s."), status), "     ", p.width()))
				continue
			}
			if len(newRules) == 0 {
				p.printf("%s", wrap(fmt.Sprintf(t("qlint ne vérifie pas de nouvelle preuve pour ce changement : relisez vos documents à sa lumière (statut actuel : %s).",
					"qlint checks no new proof for this change: read your documents again in its light (current status: %s)."), status), "     ", p.width()))
				continue
			}
			p.printf("%s", p.paint(ansiGreen, wrap(fmt.Sprintf(t("Les nouvelles preuves sont là (%s). Statut de l'indicateur : %s.",
				"The new proofs are there (%s). The indicator's status: %s."), strings.Join(newRules, ", "), status), "     ", p.width())))
			continue
		}
		missing += len(todo)
		for _, f := range todo {
			p.printf("     - %s", strings.TrimLeft(wrap(f.Text(l), "       ", p.width()), " "))
		}
	}
	p.printf("\n")
	switch {
	case rep == nil:
		p.printf("%s\n", t("Pas de qlint.toml : impossible de dire ce qui manque au dossier (qlint init en crée un).",
			"No qlint.toml: qlint cannot tell what the folder lacks (qlint init makes one)."))
	case missing == 0:
		p.printf("%s\n", p.paint(ansiGreen, fmt.Sprintf(t("Rien ne manque au dossier pour ce que %s change.", "Nothing is missing from the folder for what %s changes."), g.Version)))
	default:
		p.printf("%s\n", p.paint(ansiRed, fmt.Sprintf(t("%s à traiter pour %s, au %s.", "%s to deal with for %s, as of %s."), i18n.N(missing, "point", "points", "point", "points").In(l), g.Version, asOfText(rep))))
	}
	return p.err
}
