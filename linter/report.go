package linter

import (
	"fmt"
	"sort"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/lang"
	"github.com/qlint/qlint/rules"
)

// ReportSchema is the version of the JSON report's shape.
const ReportSchema = 1

// Report is the result of a run, shaped as the JSON report.
type Report struct {
	Schema     int               `json:"schema"`
	Tool       Tool              `json:"tool"`
	Root       string            `json:"root"`
	AsOf       string            `json:"as_of"`
	History    HistoryInfo       `json:"history"`
	Grid       GridInfo          `json:"referential"`
	Summary    Summary           `json:"summary"`
	Indicators []IndicatorResult `json:"indicators"`
	Findings   []Finding         `json:"findings"`

	// What the text printer shows besides.
	Lang         lang.Lang `json:"-"`
	Organization string    `json:"-"`
	Referential  string    `json:"-"`
	FileCount    int       `json:"-"`
	// Cycle is the audit calendar at the as-of day, when qlint.toml gives
	// an audit date.
	Cycle *rules.Cycle `json:"-"`
	// Matches lists, by rule id, the files each rule matched, with dates.
	Matches map[string][]Match `json:"-"`
	// ConfigPath is the rules file as given, for annotations.
	ConfigPath string `json:"-"`
	// RuleTitles gives each rule's title, for SARIF rule metadata.
	RuleTitles map[string]string `json:"-"`
	// WarnWithin is how long before an expiry a proof is due soon: the
	// calendar's reminders.
	WarnWithin rules.Duration `json:"-"`
	// Notes holds the approach note of each indicator, read from the
	// evidence tree (see NotePath), for the HTML binder.
	Notes map[int]string `json:"-"`
	// Baseline is set with --new-from-rev: the findings are then only
	// those the tree at that revision does not have.
	Baseline *Baseline `json:"baseline,omitempty"`
	// RepoPrefix is the evidence folder's path from the repository root
	// ("" at the root, or outside a repository), and ConfigFromRepo the
	// rules file's: the CI formats name files from there.
	RepoPrefix     string `json:"-"`
	ConfigFromRepo string `json:"-"`
	repoTop        string // the repository's root on disk, real path ("" when unknown)
	ruleDefs       map[string]*rules.Rule
	day            rules.Day
	today          rules.Day          // the real day the report was made
	ref            *rules.Referential // the grid judged on
	// gridNote says, when qlint.toml forces a grid out of its period, which
	// grid the auditor uses: the header shows it.
	gridNote i18n.Text
}

// Tool names the program that wrote the report.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// HistoryInfo says where the dates came from.
type HistoryInfo struct {
	Kind    string `json:"kind"`
	Head    string `json:"head"`
	Shallow bool   `json:"shallow"`
}

// Summary counts findings by severity and indicators by status.
type Summary struct {
	Errors     int          `json:"errors"`
	Warnings   int          `json:"warnings"`
	Infos      int          `json:"infos"`
	Indicators StatusCounts `json:"indicators"`
}

// count adds one finding of severity sev.
func (s *Summary) count(sev rules.Severity) {
	switch sev {
	case rules.SevError:
		s.Errors++
	case rules.SevWarning:
		s.Warnings++
	default:
		s.Infos++
	}
}

// StatusCounts counts indicators by status.
type StatusCounts struct {
	OK            int `json:"ok"`
	Missing       int `json:"missing"`
	Stale         int `json:"stale"`
	DueSoon       int `json:"due_soon"`
	Uncovered     int `json:"uncovered"`
	NotApplicable int `json:"not_applicable"`
	// Waived counts the indicators whose only problems are waived (status
	// "ok", Waived set): not counted in OK.
	Waived int `json:"waived,omitempty"`
}

// IndicatorResult is the status of one indicator.
type IndicatorResult struct {
	ID        int      `json:"id"`
	Criterion int      `json:"criterion"`
	Title     string   `json:"title"`
	Status    Status   `json:"status"`
	Rules     []string `json:"rules"`
	// Waived says the status is ok only because a waiver covers all its
	// problems: said « DÉROGATION », never conforme.
	Waived bool `json:"waived,omitempty"`

	reason i18n.Text // why it does or does not apply
}

// Reason says why the indicator applies or not, in language l.
func (r IndicatorResult) Reason(l lang.Lang) string { return r.reason.In(l) }

// Finding is one thing to fix or to know.
type Finding struct {
	Kind       Kind           `json:"kind"`
	Severity   rules.Severity `json:"severity"`
	Indicators []int          `json:"indicators"`
	Rule       string         `json:"rule,omitempty"`
	Path       string         `json:"path,omitempty"`
	LastUpdate string         `json:"last_update,omitempty"`
	DateSource DateSource     `json:"date_source,omitempty"`
	MaxAge     string         `json:"max_age,omitempty"`
	Expires    string         `json:"expires,omitempty"`
	NC         string         `json:"nc,omitempty"`
	Message    string         `json:"message"`

	// RuleFile and RuleLine locate the rule, for annotations on a missing
	// proof ("" and 0 for a built-in rule or no rule).
	RuleFile string `json:"-"`
	RuleLine int    `json:"-"`

	// Deferred says the finding is information until the surveillance
	// audit; Due is a pending or missing session proof's due day; Label is
	// the proof's name (its rule's title, else its id): the to-do and the
	// calendar read them.
	Deferred bool      `json:"-"`
	Due      rules.Day `json:"-"`
	Label    string    `json:"-"`
	// NoItem says an each rule has no item folder yet: its missing
	// finding is not late (see noitem.go).
	NoItem bool `json:"-"`

	text i18n.Text
	item string // the each folder a rule's finding is about, "" at the root (see key)
}

// Text returns the finding's message in language l.
func (f Finding) Text(l lang.Lang) string { return f.text.In(l) }

// sortFindings orders findings: most serious first, then by indicator, rule
// and path, so that reports are stable from run to run.
func sortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if ra, rb := a.Severity.Rank(), b.Severity.Rank(); ra != rb {
			return ra > rb
		}
		if ia, ib := firstOr(a.Indicators, 99), firstOr(b.Indicators, 99); ia != ib {
			return ia < ib
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		return a.Kind < b.Kind
	})
}

func firstOr(xs []int, d int) int {
	if len(xs) == 0 {
		return d
	}
	return xs[0]
}

// Failed reports whether the report has a finding at or above severity
// threshold ("never" never fails).
func (r *Report) Failed(threshold rules.Severity) bool {
	limit := threshold.Rank()
	if limit == 0 {
		return false
	}
	for _, f := range r.Findings {
		if f.Severity.Rank() >= limit {
			return true
		}
	}
	return false
}

// NotePath is where the approach note of indicator n lives in the evidence
// tree: the binder's own words for that indicator.
func NotePath(n int) string { return fmt.Sprintf("approche/indicateur-%02d.md", n) }

// BaselineName is how a report names the revision it was compared with.
func BaselineName(b *Baseline) string {
	if b.Commit == "" {
		return b.Rev
	}
	if b.Rev == b.Commit || b.Rev == short(b.Commit) {
		return short(b.Commit)
	}
	return b.Rev + " (" + short(b.Commit) + ")"
}

func short(h string) string {
	if len(h) > 7 {
		return h[:7]
	}
	return h
}

// Day is the day the report judges on (the as-of day).
func (r *Report) Day() rules.Day { return r.day }

// Today is the real day the report was made on: the as-of day when the
// caller did not say.
func (r *Report) Today() rules.Day {
	if r.today.IsZero() {
		return r.day
	}
	return r.today
}

// RepoTop is the repository's root on disk, real path ("" when unknown).
func (r *Report) RepoTop() string { return r.repoTop }

// GridNote says, when qlint.toml forces a grid out of its period, which
// grid the auditor uses (zero otherwise).
func (r *Report) GridNote() lang.Text { return r.gridNote }

// RuleDef is the rule of that id the report was judged with (nil for a
// built-in check or an unknown id).
func (r *Report) RuleDef(id string) *rules.Rule { return r.ruleDefs[id] }

// Key is what makes two findings the same one from a revision to the next
// (see findingKey).
func (f Finding) Key() string { return findingKey(f) }

// RuleLabel names a rule for people: its title, else its id.
func RuleLabel(r *rules.Rule) string { return label(r) }

// RuleLabelIn names a rule for people in language l: in English its
// title_en when it has one.
func RuleLabelIn(r *rules.Rule, l lang.Lang) string { return labelIn(r, l) }

// RulePatterns lists a rule's patterns as the messages quote them.
func RulePatterns(r *rules.Rule) string { return patterns(r) }

// In returns the report with its messages and indicator titles in language
// l: the report itself when it already speaks l, else a copy (the findings
// keep both languages until printed).
func (r *Report) In(l lang.Lang) *Report {
	if r.Lang == l {
		return r
	}
	c := *r
	c.Lang = l
	c.Findings = make([]Finding, len(r.Findings))
	for i, f := range r.Findings {
		if !f.text.IsZero() {
			f.Message = f.text.In(l)
		}
		c.Findings[i] = f
	}
	c.Indicators = make([]IndicatorResult, len(r.Indicators))
	for i, res := range r.Indicators {
		if ind, ok := r.Ref().Indicator(res.ID); ok {
			res.Title = ind.Title.In(l)
		}
		c.Indicators[i] = res
	}
	return &c
}
