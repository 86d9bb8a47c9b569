package linter

import (
	"github.com/qlint/qlint/internal/i18n"
)

// revName is how a report names the revision it was compared with.
func revName(b *Baseline) string {
	if b.Commit == "" {
		return b.Rev
	}
	if b.Rev == b.Commit || b.Rev == short(b.Commit) {
		return short(b.Commit)
	}
	return b.Rev + " (" + short(b.Commit) + ")"
}

// baselineTitle heads the list of what changed since the revision.
func baselineTitle(b *Baseline, newOnes int) i18n.Text {
	if b.Commit == "" {
		if newOnes == 0 {
			return i18n.T("Dépôt sans commit, comparé à un dossier vide : rien de plus à corriger.", "Repository without commits, compared with an empty folder: nothing more to fix.")
		}
		n := i18n.N(newOnes, "constat", "constats", "finding", "findings")
		return i18n.T("Dépôt sans commit, comparé à un dossier vide : "+n.FR+" de plus",
			"Repository without commits, compared with an empty folder: "+n.EN+" more")
	}
	if newOnes == 0 {
		return i18n.T("Rien de nouveau à corriger par rapport à "+revName(b)+".", "Nothing new to fix compared with "+revName(b)+".")
	}
	n := i18n.N(newOnes, "constat", "constats", "finding", "findings")
	return i18n.T("Ce qui s'ajoute par rapport à "+revName(b)+" : "+n.FR,
		"What this adds compared with "+revName(b)+": "+n.EN)
}

// baselineLine counts, in one line, what was already to fix at the
// revision: it is not counted in the exit code.
func baselineLine(b *Baseline) i18n.Text {
	if b.Errors+b.Warnings+b.Infos == 0 {
		return i18n.T("Rien n'était déjà à corriger.", "Nothing was already to fix.")
	}
	counts := findingCounts(b.Errors, b.Warnings, b.Infos)
	return i18n.T(
		"Déjà à corriger avant (non compté ici) : "+counts.FR+" ; la liste complète : qlint sans --new-from-rev.",
		"Already to fix before (not counted here): "+counts.EN+"; the full list: qlint without --new-from-rev.")
}

// writeTextNew prints a --new-from-rev report: what the change broke
// first, each with its indicators and place, then one line counting what
// was already to fix. This is what a pre-commit hook shows.
func writeTextNew(p *textPrinter, r *Report) error {
	p.header(r)
	b := r.Baseline
	color := ansiGreen
	switch {
	case r.Summary.Errors > 0:
		color = ansiRed
	case r.Summary.Warnings > 0:
		color = ansiYellow
	}
	p.printf("\n%s\n", p.paint(ansiBold+color, baselineTitle(b, len(r.Findings)).In(p.l)))
	for _, f := range r.Findings {
		where := ""
		if len(f.Indicators) > 0 {
			where = findingTitle(f, p.l)[len("qlint · "):]
		} else {
			where = kindWords[f.Kind].In(p.l)
		}
		if f.Path != "" {
			where += " · " + f.Path
		}
		p.printf("  %s\n", p.paint(severityColors[f.Severity], severityWords[f.Severity].In(p.l)+" · "+where))
		p.printf("%s", wrap(Visible(f.Message), "    ", p.width()))
	}
	p.printf("\n%s\n", p.paint(ansiDim, baselineLine(b).In(p.l)))
	if r.Summary.Errors > 0 {
		p.printf("%s\n", i18n.T(
			i18n.N(r.Summary.Errors, "erreur de plus : corrigez-la", "erreurs de plus : corrigez-les", "", "").FR+" avant d'enregistrer.",
			i18n.N(r.Summary.Errors, "", "", "more error: fix it", "more errors: fix them").EN+" before committing.").In(p.l))
	}
	return p.err
}
