package report

import (
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/linter"
	"github.com/qlint/qlint/rules"
)

func init() {
	Register(Format{Name: "markdown", Rank: 50,
		New: func(o Options) Printer {
			return inLang(o.Lang, WriteMarkdown)
		}})
}

// MaxSummaryBytes is the most a GitHub job summary may hold.
const MaxSummaryBytes = 1 << 20

// WriteMarkdown prints the report as a Markdown summary (a GitHub job
// summary, a merge request comment), within GitHub's 1 MiB limit.
func WriteMarkdown(w io.Writer, r *linter.Report) error {
	l := r.Lang
	t := func(fr, en string) string { return i18n.T(fr, en).In(l) }
	var b strings.Builder
	fmt.Fprintf(&b, "## qlint · %s · %s %s%s\n\n", mdEscape(orgName(r)), t("état au", "as of"), asOfText(r), mdGrid(r))
	s := r.Summary
	fmt.Fprintf(&b, "**%s** · %s\n\n",
		findingCounts(s.Errors, s.Warnings, s.Infos).In(l),
		t("indicateurs : ", "indicators: ")+indicatorCounts(s.Indicators, true).In(l))
	if r.Cycle != nil {
		if line := auditLine(*r.Cycle, r.Day(), r.Today(), r.Ref()); !line.IsZero() {
			fmt.Fprintf(&b, "_%s_\n\n", mdEscape(line.In(l)))
		}
	}
	if r.Baseline != nil {
		fmt.Fprintf(&b, "**%s** %s\n\n", mdEscape(baselineTitle(r.Baseline, len(r.Findings)).In(l)), mdEscape(baselineLine(r.Baseline, true).In(l)))
	}
	var problems, infos []linter.Finding
	for _, f := range r.Findings {
		if f.Severity == rules.SevInfo {
			infos = append(infos, f)
		} else {
			problems = append(problems, f)
		}
	}
	header := fmt.Sprintf("| %s | %s | %s | %s | %s |\n|---|---|---|---|---|\n",
		t("Gravité", "Severity"), t("Indicateurs", "Indicators"), t("Constat", "Finding"), t("Emplacement", "Location"), t("À faire", "What to do"))
	row := func(f linter.Finding) string {
		nums := make([]string, len(f.Indicators))
		for i, n := range f.Indicators {
			nums[i] = fmt.Sprint(n)
		}
		where := f.Path
		if where != "" && r.RepoTop() != "" {
			where = path.Join(r.RepoPrefix, where)
		}
		if where != "" {
			where = "`" + strings.ReplaceAll(where, "`", "'") + "`"
		}
		return fmt.Sprintf("| %s | %s | %s | %s | %s |\n", severityMark(f.Severity, l), strings.Join(nums, ", "),
			f.Kind.Words().In(l), mdEscape(where), mdEscape(f.Message))
	}
	// Rows are added while they fit in GitHub's limit, with room for the end.
	budget := MaxSummaryBytes - 4096
	left := 0
	add := func(rows []linter.Finding) {
		for _, f := range rows {
			line := row(f)
			if b.Len()+len(line) > budget {
				left++
				continue
			}
			b.WriteString(line)
		}
	}
	if len(problems) > 0 {
		fmt.Fprintf(&b, "### %s\n\n%s", t("À corriger", "To fix"), header)
		add(problems)
		b.WriteString("\n")
	} else {
		fmt.Fprintf(&b, "%s\n\n", t("Rien à corriger.", "Nothing to fix."))
	}
	if len(infos) > 0 {
		fmt.Fprintf(&b, "<details><summary>%s (%d)</summary>\n\n%s", t("Informations", "Information"), len(infos), header)
		add(infos)
		b.WriteString("\n</details>\n\n")
	}
	if left > 0 {
		rows := i18n.N(left, "ligne omise", "lignes omises", "row left out", "rows left out").In(l)
		fmt.Fprintf(&b, "%s\n", fmt.Sprintf(t("… %s pour rester sous la limite de 1 Mo ; la liste complète : qlint -f json.",
			"… %s to stay under the 1 MiB limit; the full list: qlint -f json."), rows))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func severityMark(sev rules.Severity, l i18n.Lang) string {
	mark := map[rules.Severity]string{rules.SevError: "❌", rules.SevWarning: "⚠️", rules.SevInfo: "ℹ️"}[sev]
	return mark + " " + sev.Words().In(l)
}

// mdEscape keeps a table cell on one line and its pipes literal.
func mdEscape(s string) string {
	return strings.NewReplacer("|", `\|`, "<", "&lt;", ">", "&gt;").Replace(Visible(s))
}

// SARIF 2.1.0, the subset code scanning reads.
