package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/qlint/qlint/lang"
	"github.com/qlint/qlint/linter"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/rules"
)

// maxExplainFiles is how many matched files explain lists per rule.
const maxExplainFiles = 10

// WriteExplain prints what indicator n of grid ref asks, what that grid
// changed in it, whether it applies to the organization and why, the rules
// that check it with the files they found, and what to do next. rep and cfg
// may be nil when there is no qlint.toml: then only the référentiel is
// described. rep, when given, was judged on ref.
func WriteExplain(w io.Writer, ref *rules.Referential, n int, rep *linter.Report, cfg *rules.Config, l lang.Lang, width int) error {
	lw := newLineWrapper(w, width)
	lw.french(l, rep)
	defer lw.Flush()
	p := &textPrinter{w: lw, l: l, opts: TextOptions{Width: width}}
	ind, ok := ref.Indicator(n)
	if !ok {
		return fmt.Errorf("no indicator %d", n)
	}
	crit, _ := ref.Criterion(ind.Criterion)
	t := func(fr, en string) string { return i18n.T(fr, en).In(l) }

	p.printf("%s %d · %s\n", t("Indicateur", "Indicator"), ind.ID, ind.Title.In(l))
	p.printf("%s %d · %s\n\n", t("Critère", "Criterion"), crit.ID, crit.Title.In(l))
	p.printf("%s", wrap(ind.About.In(l), "", p.width()))
	if !ind.Note.IsZero() {
		p.printf("%s", wrap(t("Limite : ", "Scope: ")+ind.Note.In(l)+".", "", p.width()))
	}
	var judgedOn rules.Day
	forced := false
	if rep != nil && cfg != nil {
		judgedOn, forced = rep.Day(), cfg.Referential == ref.Version
	}
	p.gridChanges(ref, n, judgedOn, forced)
	p.printf("\n")
	nc := t("mineure ou majeure", "minor or major")
	if ind.NC == rules.NCMajor {
		nc = t("majeure uniquement", "major only")
	}
	p.printf("%s %s\n", t("Non-conformité possible :", "Possible non-conformity:"), nc)
	if ind.NewEntrant {
		p.printf("%s\n", t("Nouvel entrant : la procédure est exigée dès l'audit initial, sa mise en œuvre est vérifiée à l'audit de surveillance.",
			"New entrant: the procedure is required from the initial audit, its implementation is checked at the surveillance audit."))
	}
	if ind.LightAudit {
		p.printf("%s\n", t("Audit allégé : l'indicateur fait partie de la liste vérifiée à l'audit initial.",
			"Light audit: the indicator is in the list checked at the initial audit."))
	}
	if rep == nil || cfg == nil {
		p.printf("\n%s\n", t("Pas de qlint.toml : impossible de dire si l'indicateur s'applique à l'organisme ni de vérifier ses preuves (qlint init en crée un).",
			"No qlint.toml: qlint cannot tell whether the indicator applies to the organization nor check its proofs (qlint init makes one)."))
		return p.err
	}
	if b, err := cfg.Bind(ref); err == nil { // the rules of the grid judged, pack included
		cfg = b
	}
	res := rep.Indicators[n-1]
	applies := res.Status != linter.StatusNotApplicable
	yes := t("oui", "yes")
	if !applies {
		yes = t("non", "no")
	}
	p.printf("%s %s — %s\n", t("S'applique à l'organisme :", "Applies to the organization:"), yes, res.Reason(l))
	p.printf(t("Statut au %s : %s\n", "Status on %s: %s\n"), asOfText(rep), IndicatorWord(res).In(l))

	var covering []*rules.Rule
	for _, r := range cfg.Rules {
		for _, m := range r.Indicators {
			if m == n {
				covering = append(covering, r)
				break
			}
		}
	}
	p.printf("\n%s\n", t("Règles", "Rules"))
	if len(covering) == 0 {
		p.printf("  %s\n", t("Aucune règle ne vérifie cet indicateur.", "No rule checks this indicator."))
	}
	for _, r := range covering {
		p.explainRule(r, rep, l)
	}

	var todo, waived []linter.Finding
	for _, f := range rep.Findings {
		for _, m := range f.Indicators {
			if m != n {
				continue
			}
			if f.Kind == linter.KindWaived {
				waived = append(waived, f)
			} else {
				todo = append(todo, f)
			}
			break
		}
	}
	p.printf("\n%s\n", t("À faire", "What to do"))
	if len(todo) == 0 {
		switch {
		case !applies:
			p.printf("  %s\n", t("Rien : l'indicateur ne s'applique pas. Si l'auditeur le demande, justifiez-le par une dérogation [[waiver]].",
				"Nothing: the indicator does not apply. If the auditor asks, justify it with a [[waiver]]."))
		case len(waived) > 0:
			// The proofs are not there: a waiver covers them, until its end.
			p.printf("%s", wrap(t("Rien tant que la dérogation court, mais ce qu'elle couvre reste à faire : préparez-le avant sa fin (ci-dessous).",
				"Nothing while the waiver runs, but what it covers is still to do: prepare it before it ends (below)."), "  ", p.width()))
		default:
			p.printf("  %s\n", t("Rien : les preuves sont là et à jour.", "Nothing: the proofs are there and up to date."))
		}
	}
	for _, f := range todo {
		p.printf("  - %s", strings.TrimLeft(wrap(Visible(f.Text(l)), "    ", p.width()), " "))
	}
	if len(waived) > 0 {
		p.printf("\n%s\n", t("Dérogations", "Waivers"))
		for _, f := range waived {
			p.printf("  - %s", strings.TrimLeft(wrap(Visible(f.Text(l)), "    ", p.width()), " "))
		}
	}
	return p.err
}

func (p *textPrinter) explainRule(r *rules.Rule, rep *linter.Report, l i18n.Lang) {
	t := func(fr, en string) string { return i18n.T(fr, en).In(l) }
	origin := t("règle de qlint.toml", "rule from qlint.toml")
	if r.Builtin {
		origin = t("règle intégrée", "built-in rule")
		switch r.Basis {
		case rules.BasisOfficial:
			origin += t(", rythme officiel", ", official rhythm")
		default:
			origin += t(", pratique courante", ", common practice")
		}
		if r.Proves == rules.ProvesImplementation {
			origin += t(", preuve de mise en œuvre", ", implementation proof")
		}
	}
	title := linter.RuleLabelIn(r, l)
	p.printf("  %s · %s (%s)\n", Visible(r.ID), Visible(title), origin)
	where := linter.RulePatterns(r)
	if r.Each != "" {
		where = t("dans chaque dossier "+r.Each+" : ", "in every folder "+r.Each+": ") + where
	}
	p.printf("    %s %s\n", t("fichiers :", "files:"), where)
	var limits []string
	if r.Min > 1 {
		limits = append(limits, fmt.Sprintf(t("au moins %d", "at least %d"), r.Min))
	}
	if !r.MaxAge.IsZero() {
		limits = append(limits, t("à renouveler ", "to renew ")+r.MaxAge.Every().In(l))
	}
	if r.Due != nil {
		limits = append(limits, t("à fournir ", "due ")+r.Due.Words(sessionDays).In(l))
	}
	if len(limits) > 0 {
		p.printf("    %s\n", strings.Join(limits, " · "))
	}
	ms := append([]linter.Match(nil), rep.Matches[r.ID]...)
	if len(ms) == 0 {
		p.printf("    %s\n", t("aucun fichier trouvé", "no file found"))
		return
	}
	sort.SliceStable(ms, func(i, j int) bool {
		if !ms[i].LastUpdate.Equal(ms[j].LastUpdate) {
			return ms[i].LastUpdate.After(ms[j].LastUpdate)
		}
		return ms[i].Path < ms[j].Path
	})
	p.printf("    %s\n", i18n.N(len(ms), "fichier", "fichiers", "file", "files").In(l)+t(", le plus récent d'abord :", ", newest first:"))
	judged := map[string]bool{} // the rule judges the newest file of each folder
	for i, m := range ms {
		if i == maxExplainFiles {
			p.printf("      %s\n", fmt.Sprintf(t("… et %d autres", "… and %d more"), len(ms)-i))
			break
		}
		day := m.LastUpdate.String()
		if l == i18n.FR {
			day = m.LastUpdate.French()
		}
		state := ""
		if !r.MaxAge.IsZero() && !judged[m.Dir] {
			judged[m.Dir] = true
			expires := r.MaxAge.After(m.LastUpdate)
			if rep.Day().After(expires) {
				state = "  " + t("← le plus récent : périmé", "← newest: stale")
			} else {
				until := expires.String()
				if l == i18n.FR {
					until = expires.French()
				}
				state = "  " + t("← le plus récent : à jour jusqu'au ", "← newest: fresh until ") + until
			}
		}
		p.printf("      %s  %s  %s%s\n", day, Visible(m.Path), "("+m.SourceWords().In(l)+")", state)
	}
}

// sessionDays names the days a due offset counts from, in explain's
// sentences: "7 jours après la fin de la session".
var sessionDays = rules.OffsetWords{
	Start: i18n.T("le début de la session", "the start of the session"), End: i18n.T("la fin de la session", "the end of the session"),
	AtStart: i18n.T("au début de la session", "at the start of the session"), AtEnd: i18n.T("à la fin de la session", "at the end of the session"),
}
