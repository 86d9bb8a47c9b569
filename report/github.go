package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/linter"
	"github.com/qlint/qlint/rules"
)

func init() {
	Register(Format{Name: "github", Rank: 30,
		Note: i18n.T("annotations et résumé de GitHub Actions", "GitHub Actions annotations and summary"),
		New: func(o Options) Printer {
			return inLang(o.Lang, WriteGitHub)
		},
		StepSummary: "markdown"})
}

// GitHub's limits on annotations: 10 of each level per step (50 per job).
const annotationsPerLevel = 10

var annotationLevels = map[rules.Severity]string{
	rules.SevError: "error", rules.SevWarning: "warning", rules.SevInfo: "notice",
}

// escapeData and escapeProperty follow GitHub's workflow command encoding.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// WriteGitHub prints GitHub Actions annotations, the most serious first and
// at most ten of each level, then one line that counts what was left out.
func WriteGitHub(w io.Writer, r *linter.Report) error {
	shown := map[string]int{}
	total := map[string]int{}
	for _, f := range r.Findings {
		level := annotationLevels[f.Severity]
		total[level]++
		if shown[level] == annotationsPerLevel {
			continue
		}
		shown[level]++
		var props []string
		if file, line := location(r, f); file != "" {
			props = append(props, "file="+escapeProperty(Visible(file)))
			if line > 0 {
				props = append(props, fmt.Sprintf("line=%d", line))
			}
		}
		props = append(props, "title="+escapeProperty(Visible(findingTitle(f, r.Lang))))
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", level, strings.Join(props, ","), escapeData(Visible(f.Message))); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintln(w, summaryLine(r, shown, total))
	return err
}

func summaryLine(r *linter.Report, shown, total map[string]int) string {
	s := r.Summary
	counts, ind := findingCounts(s.Errors, s.Warnings, s.Infos), indicatorCounts(s.Indicators, false)
	line := i18n.T(
		"qlint: "+counts.FR+" ; indicateurs : "+ind.FR+".",
		"qlint: "+counts.EN+"; indicators: "+ind.EN+".").In(r.Lang)
	if r.Baseline != nil {
		line += " " + strings.TrimSuffix(baselineTitle(r.Baseline, len(r.Findings)).In(r.Lang), ".") + ". " + baselineLine(r.Baseline, true).In(r.Lang)
	}
	left := 0
	for level, n := range total {
		left += n - shown[level]
	}
	if left > 0 {
		line += " " + i18n.T(
			i18n.N(left, "constat", "constats", "finding", "findings").FR+" sans annotation (limite de GitHub) : voir le résumé de la tâche.",
			i18n.N(left, "constat", "constats", "finding", "findings").EN+" not annotated (GitHub's limit): see the job summary.").In(r.Lang)
	}
	return line
}
