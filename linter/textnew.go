package linter

import (
	"fmt"

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
		return i18n.T(fmt.Sprintf("Dépôt sans commit, comparé à un dossier vide : %d constat(s) de plus", newOnes),
			fmt.Sprintf("Repository without commits, compared with an empty folder: %d finding(s) more", newOnes))
	}
	if newOnes == 0 {
		return i18n.T("Rien de nouveau à corriger par rapport à "+revName(b)+".", "Nothing new to fix compared with "+revName(b)+".")
	}
	return i18n.T(fmt.Sprintf("Ce qui s'ajoute par rapport à %s : %d constat(s)", revName(b), newOnes),
		fmt.Sprintf("What this adds compared with %s: %d finding(s)", revName(b), newOnes))
}

// baselineLine counts, in one line, what was already to fix at the
// revision: it is not counted in the exit code.
func baselineLine(b *Baseline) i18n.Text {
	if b.Errors+b.Warnings+b.Infos == 0 {
		return i18n.T("Rien n'était déjà à corriger.", "Nothing was already to fix.")
	}
	return i18n.T(
		fmt.Sprintf("Déjà à corriger avant (non compté ici) : %d erreur(s), %d avertissement(s), %d info(s) ; la liste complète : qlint sans --new-from-rev.",
			b.Errors, b.Warnings, b.Infos),
		fmt.Sprintf("Already to fix before (not counted here): %d error(s), %d warning(s), %d info(s); the full list: qlint without --new-from-rev.",
			b.Errors, b.Warnings, b.Infos))
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
		p.printf("%s", wrap(f.Message, "    ", 96))
	}
	p.printf("\n%s\n", p.paint(ansiDim, baselineLine(b).In(p.l)))
	if r.Summary.Errors > 0 {
		p.printf("%s\n", i18n.T(
			fmt.Sprintf("%d erreur(s) de plus : corrigez-les avant d'enregistrer.", r.Summary.Errors),
			fmt.Sprintf("%d more error(s): fix them before committing.", r.Summary.Errors)).In(p.l))
	}
	return p.err
}
