package report

import (
	"encoding/json"
	"io"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/linter"

	"github.com/qlint/qlint/rules"
)

func init() {
	Register(Format{Name: "gitlab", Rank: 40,
		Note: i18n.T("Code Quality de GitLab", "GitLab Code Quality"),
		New: func(o Options) Printer {
			return inLang(o.Lang, WriteGitLab)
		}})
}

// A GitLab Code Quality report: a JSON array of issues, as GitLab's
// codequality report artifact reads it.
type gitlabIssue struct {
	Description string         `json:"description"`
	CheckName   string         `json:"check_name"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"`
	Location    gitlabLocation `json:"location"`
}

type gitlabLocation struct {
	Path  string      `json:"path"`
	Lines gitlabLines `json:"lines"`
}

type gitlabLines struct {
	Begin int `json:"begin"`
}

// gitlabLevel is a finding's severity on GitLab's scale: an error that can
// carry a major non-conformity is critical.
func gitlabLevel(f linter.Finding) string {
	if f.Severity == rules.SevError && f.NC == rules.NCMajor {
		return "critical"
	}
	return gitlabSeverity[f.Severity]
}

// WriteGitLab prints the report as a GitLab Code Quality report: one issue
// per finding, located from the repository root (the rule's line in
// qlint.toml for a missing proof, else the file, line 1), with a
// fingerprint that stays the same from one pipeline to the next.
func WriteGitLab(w io.Writer, r *linter.Report) error {
	issues := make([]gitlabIssue, 0, len(r.Findings))
	prints := fingerprints(r.Findings)
	for i, f := range r.Findings {
		check := f.Rule
		if check == "" {
			check = "qlint/" + string(f.Kind)
		}
		file, line := location(r, f)
		if file == "" {
			file, line = r.FromRepo(r.ConfigPath), 1
		}
		if line < 1 {
			line = 1
		}
		issues = append(issues, gitlabIssue{
			Description: Visible(findingTitle(f, r.Lang) + " — " + f.Message),
			CheckName:   check,
			Fingerprint: prints[i],
			Severity:    gitlabLevel(f),
			Location:    gitlabLocation{Path: file, Lines: gitlabLines{Begin: line}},
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(issues)
}
