package report

import (
	"encoding/json"
	"io"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/linter"
	"github.com/qlint/qlint/rules"
)

func init() {
	Register(Format{Name: "sarif", Rank: 60,
		New: func(o Options) Printer {
			return inLang(o.Lang, WriteSARIF)
		}})
}

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

var sarifLevels = map[rules.Severity]string{rules.SevError: "error", rules.SevWarning: "warning", rules.SevInfo: "note"}

// WriteSARIF prints the report as SARIF 2.1.0: one result per finding, one
// rule per qlint rule (and one per kind of finding that has no rule).
func WriteSARIF(w io.Writer, r *linter.Report) error {
	l := r.Lang
	driver := sarifDriver{Name: "qlint", Version: r.Tool.Version, InformationURI: "https://github.com/qlint/qlint", Rules: []sarifRule{}}
	index := map[string]int{}
	ruleOf := func(f linter.Finding) int {
		id := f.Rule
		if id == "" {
			id = "qlint/" + string(f.Kind)
		}
		if i, ok := index[id]; ok {
			return i
		}
		title := r.RuleTitles[f.Rule]
		if title == "" {
			title = f.Kind.Words().In(l)
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
		res := sarifResult{RuleID: driver.Rules[i].ID, RuleIndex: i, Level: sarifLevels[f.Severity], Message: sarifText{Visible(f.Message)},
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
