package report

import (
	"encoding/json"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/qlint/qlint/linter"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/rules"
)

// GitHub's limits on annotations: 10 of each level per step (50 per job).
const annotationsPerLevel = 10

// MaxSummaryBytes is the most a GitHub job summary may hold.
const MaxSummaryBytes = 1 << 20

var annotationLevels = map[string]string{
	string(rules.SevError): "error", string(rules.SevWarning): "warning", string(rules.SevInfo): "notice",
}

// location says where a finding points in the repository: the rule's line
// in qlint.toml for a missing proof, else the file.
func location(r *linter.Report, f linter.Finding) (file string, line int) {
	switch f.Kind {
	case linter.KindMissing, linter.KindPending, linter.KindUncovered:
		file, line = r.ConfigPath, f.RuleLine
		if f.RuleFile != "" {
			file = f.RuleFile
		}
		if line == 0 {
			line = 1
		}
		return r.FromRepo(file), line
	case linter.KindAudit:
		return r.FromRepo(r.ConfigPath), 1
	}
	if f.Path == "" {
		return "", 0
	}
	if r.RepoTop() != "" {
		return path.Join(r.RepoPrefix, f.Path), 0
	}
	return path.Join(strings.ReplaceAll(r.Root, `\`, "/"), f.Path), 0
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
			props = append(props, "file="+escapeProperty(file))
			if line > 0 {
				props = append(props, fmt.Sprintf("line=%d", line))
			}
		}
		props = append(props, "title="+escapeProperty(findingTitle(f, r.Lang)))
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", level, strings.Join(props, ","), escapeData(f.Message)); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintln(w, summaryLine(r, shown, total))
	return err
}

func findingTitle(f linter.Finding, l i18n.Lang) string {
	kind := kindWords[f.Kind].In(l)
	if len(f.Indicators) == 0 {
		return "qlint · " + kind
	}
	nums := make([]string, len(f.Indicators))
	for i, n := range f.Indicators {
		nums[i] = fmt.Sprint(n)
	}
	word := i18n.T("indicateur", "indicator")
	if len(nums) > 1 {
		word = i18n.T("indicateurs", "indicators")
	}
	return fmt.Sprintf("qlint · %s %s · %s", word.In(l), strings.Join(nums, ", "), kind)
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
		if line := auditLine(*r.Cycle, r.Day(), r.Ref()); !line.IsZero() {
			fmt.Fprintf(&b, "_%s_\n\n", mdEscape(line.In(l)))
		}
	}
	if r.Baseline != nil {
		fmt.Fprintf(&b, "**%s** %s\n\n", mdEscape(baselineTitle(r.Baseline, len(r.Findings)).In(l)), mdEscape(baselineLine(r.Baseline, true).In(l)))
	}
	var problems, infos []linter.Finding
	for _, f := range r.Findings {
		if f.Severity == string(rules.SevInfo) {
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
			kindWords[f.Kind].In(l), mdEscape(where), mdEscape(f.Message))
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

func severityMark(sev string, l i18n.Lang) string {
	mark := map[string]string{string(rules.SevError): "❌", string(rules.SevWarning): "⚠️", string(rules.SevInfo): "ℹ️"}[sev]
	return mark + " " + severityWords[sev].In(l)
}

// mdEscape keeps a table cell on one line and its pipes literal.
func mdEscape(s string) string {
	return strings.NewReplacer("|", `\|`, "<", "&lt;", ">", "&gt;").Replace(Visible(s))
}

// SARIF 2.1.0, the subset code scanning reads.
type sarifLog struct {
	Version string     `json:"version"`
	Schema  string     `json:"$schema"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID               string         `json:"id"`
	Name             string         `json:"name,omitempty"`
	ShortDescription sarifText      `json:"shortDescription"`
	FullDescription  sarifText      `json:"fullDescription"`
	Help             sarifHelp      `json:"help"`
	Properties       map[string]any `json:"properties,omitempty"`
}

type sarifHelp struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Kind      string          `json:"kind,omitempty"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
	// PartialFingerprints tell code scanning which results are the same
	// finding from one run to the next, and which are different ones.
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Properties          map[string]any    `json:"properties,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId"`
}

type sarifRegion struct {
	StartLine int `json:"startLine"`
}

var sarifLevels = map[string]string{string(rules.SevError): "error", string(rules.SevWarning): "warning", string(rules.SevInfo): "note"}

// WriteSARIF prints the report as SARIF 2.1.0: one result per finding, one
// rule per qlint rule (and one per kind of finding that has no rule).
func WriteSARIF(w io.Writer, r *linter.Report) error {
	l := r.Lang
	driver := sarifDriver{Name: "qlint", Version: r.Tool.Version, InformationURI: "https://github.com/qlint/qlint", Rules: []sarifRule{}}
	index := map[string]int{}
	ruleOf := func(f linter.Finding) int {
		id := f.Rule
		if id == "" {
			id = "qlint/" + f.Kind
		}
		if i, ok := index[id]; ok {
			return i
		}
		title := r.RuleTitles[f.Rule]
		if title == "" {
			title = kindWords[f.Kind].In(l)
		}
		help := ruleHelp(r, f).In(l)
		rule := sarifRule{ID: id, Name: id, ShortDescription: sarifText{title}, FullDescription: sarifText{title}, Help: sarifHelp{Text: help, Markdown: mdEscape(help)}}
		if f.Rule != "" {
			rule.FullDescription = sarifText{title + " — " + i18n.T("preuve Qualiopi vérifiée par qlint", "Qualiopi proof checked by qlint").In(l)}
			rule.Properties = map[string]any{"indicators": f.Indicators}
		}
		index[id] = len(driver.Rules)
		driver.Rules = append(driver.Rules, rule)
		return index[id]
	}
	results := make([]sarifResult, 0, len(r.Findings))
	prints := fingerprints(r.Findings)
	for fi, f := range r.Findings {
		i := ruleOf(f)
		res := sarifResult{RuleID: driver.Rules[i].ID, RuleIndex: i, Level: sarifLevels[f.Severity], Message: sarifText{f.Message},
			PartialFingerprints: map[string]string{"qlintFinding/v1": prints[fi]},
			Properties:          map[string]any{"kind": f.Kind, "indicators": f.Indicators}}
		if f.NC != "" {
			res.Properties["nc"] = f.NC
		}
		if f.LastUpdate != "" {
			res.Properties["last_update"] = f.LastUpdate
		}
		if f.Kind == linter.KindWaived {
			res.Kind = "informational"
		}
		if file, line := location(r, f); file != "" {
			loc := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: uriPath(file), URIBaseID: "%SRCROOT%"}}}
			if line > 0 {
				loc.PhysicalLocation.Region = &sarifRegion{StartLine: line}
			}
			res.Locations = []sarifLocation{loc}
		}
		results = append(results, res)
	}
	log := sarifLog{Version: "2.1.0", Schema: "https://json.schemastore.org/sarif-2.1.0.json",
		Runs: []sarifRun{{Tool: sarifTool{Driver: driver}, Results: results}}}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(log)
}
