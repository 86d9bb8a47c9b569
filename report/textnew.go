package report

import (
	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/linter"
)

// comparedWith says « par rapport à REV » / « compared with REV »; the
// hook's comparison (the staged tree with HEAD) is said in her words: the
// last commit, « le dernier enregistrement ».
func comparedWith(b *linter.Baseline) i18n.Text {
	if b.InCommit && b.Commit != "" {
		return i18n.T("par rapport au dernier enregistrement ("+short(b.Commit)+")", "compared with the last commit ("+short(b.Commit)+")")
	}
	return i18n.T("par rapport à "+linter.BaselineName(b), "compared with "+linter.BaselineName(b))
}

// baselineTitle heads the list of what changed since the revision.
func baselineTitle(b *linter.Baseline, newOnes int) i18n.Text {
	if b.Commit == "" {
		if newOnes == 0 {
			return i18n.T("Dépôt sans commit, comparé à un dossier vide : rien de nouveau à corriger.", "Repository without commits, compared with an empty folder: nothing new to fix.")
		}
		more := i18n.N(newOnes, "constat de plus", "constats de plus", "more finding", "more findings")
		return i18n.T("Dépôt sans commit, comparé à un dossier vide : "+more.FR, "Repository without commits, compared with an empty folder: "+more.EN)
	}
	if newOnes == 0 {
		return i18n.T("Rien de nouveau à corriger "+comparedWith(b).FR+".", "Nothing new to fix "+comparedWith(b).EN+".")
	}
	n := i18n.N(newOnes, "constat", "constats", "finding", "findings")
	return i18n.T("Ce qui s'ajoute "+comparedWith(b).FR+" : "+n.FR,
		"What this adds "+comparedWith(b).EN+": "+n.EN)
}

// baselineLine counts, in one line, what was already to fix at the
// revision: it is not counted in the exit code. It says how to see the
// full list: run qlint (the hook), whole-folder: true (a CI format, the
// Action's), or qlint without --new-from-rev.
func baselineLine(b *linter.Baseline, ci bool) i18n.Text {
	if b.Errors+b.Warnings+b.Infos == 0 {
		return i18n.T("Rien n'était déjà à corriger.", "Nothing was already to fix.")
	}
	counts := findingCounts(b.Errors, b.Warnings, b.Infos)
	full := i18n.T("qlint sans --new-from-rev", "qlint without --new-from-rev")
	switch {
	case b.InCommit:
		full = i18n.T("lancez qlint", "run qlint")
	case ci:
		full = i18n.T("whole-folder: true dans l'Action, ou qlint sans --new-from-rev", "whole-folder: true in the Action, or qlint without --new-from-rev")
	}
	return i18n.T(
		"Déjà à corriger avant (non compté ici) : "+counts.FR+" ; la liste complète : "+full.FR+".",
		"Already to fix before (not counted here): "+counts.EN+"; the full list: "+full.EN+".")
}

// writeTextNew prints a --new-from-rev report: what the change broke
// first, each with its indicators and place, then one line counting what
// was already to fix. This is what a pre-commit hook shows.
func writeTextNew(p *textPrinter, r *linter.Report) error {
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
			where = f.Kind.Words().In(p.l)
		}
		if f.Path != "" {
			where += " · " + f.Path
		}
		p.printf("  %s\n", p.paint(severityColors[f.Severity], f.Severity.Words().In(p.l)+" · "+where))
		p.printf("%s", wrap(Visible(f.Message), "    ", p.width()))
	}
	p.printf("\n%s\n", p.paint(ansiDim, baselineLine(b, false).In(p.l)))
	if n := r.Summary.Errors; n > 0 {
		more := i18n.N(n, "erreur de plus", "erreurs de plus", "more error", "more errors")
		what := i18n.T(more.FR+" "+comparedWith(b).FR+".", more.EN+" "+comparedWith(b).EN+".")
		if b.InCommit {
			what = i18n.T(more.FR+" : corrigez-les avant d'enregistrer.", more.EN+": fix them before committing.")
			if n == 1 {
				what = i18n.T(more.FR+" : corrigez-la avant d'enregistrer.", more.EN+": fix it before committing.")
			}
		}
		p.printf("%s\n", what.In(p.l))
	}
	return p.err
}
