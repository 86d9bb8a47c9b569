package rules

import "github.com/qlint/qlint/lang"

// severityWords names each severity in reports (a test checks that every
// severity has words in both languages).
var severityWords = map[Severity]lang.Text{
	SevError:   lang.T("erreur", "error"),
	SevWarning: lang.T("attention", "warning"),
	SevInfo:    lang.T("info", "info"),
}

// Severities lists the severities, from the most serious.
func Severities() []Severity { return []Severity{SevError, SevWarning, SevInfo} }

// Words names the severity in reports ("attention" / "warning").
func (s Severity) Words() lang.Text { return severityWords[s] }
