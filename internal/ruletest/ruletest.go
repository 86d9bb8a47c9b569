// Package ruletest holds the qlint.toml bodies (after the schema line) that
// the tests of linter and report both judge, so that each lives once.
package ruletest

// Veille is a freshness rule: the monitoring notes, renewed every three months.
const Veille = `
[[rule]]
id = "veille"
indicators = [23]
paths = ["veille/**/*.md"]
exclude = ["**/brouillon*"]
max_age = "3mo"
`

// Sessions are two rules on each training session: the attendance sheet
// by its end, the follow-up survey 90 days after.
const Sessions = `
[[rule]]
id = "emargement"
indicators = [11]
each = "sessions/*"
paths = ["emargement*"]
due = "end"

[[rule]]
id = "froid"
indicators = [30]
each = "sessions/*"
paths = ["satisfaction-froid*"]
due = "end+90d"
severity = "warning"
`

// PackProfile extends the built-in pack for an organization of every category.
const PackProfile = `extends = "qualiopi"
[organization]
name = "Formations Dupont"
categories = ["AF", "CFA"]
certifying = true
subcontracting = true
work_linked = true
`
