package rules

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/i18n"
)

const validConfig = `schema = 1
lang = "en"

[organization]
name = "Formations Dupont"
categories = ["AF", "bc"]
certifying = true

[audit]
initial = 2025-06-12
next = "2026-10-05"

[defaults]
warn_within = "2w"

[ignore]
paths = ["**/~$*", "archives/**"]

[[rule]]
id = "catalogue"
indicators = [2, 1]
title = "Catalogue des formations"
paths = ["information/catalogue/*.pdf"]
exclude = ["**/brouillon*"]
max_age = "1y"

[[rule]]
id = "session-convention"
indicators = [5]
each = "sessions/*"
paths = ["convention*.pdf"]
due = "start-15d"
date = "filename"
severity = "warning"
min = 2

[history]
ignore_revs_file = ".qlint-ignore-revs"

[[waiver]]
indicator = 14
reason = "Pas d'apprentis cette année"
until = 2026-12-31
`

func TestParseValid(t *testing.T) {
	c, err := Parse("qlint.toml", []byte(validConfig))
	require.NoError(t, err)
	assert.Equal(t, i18n.EN, c.Lang)
	assert.Equal(t, "Formations Dupont", c.Organization.Name)
	assert.Equal(t, []Category{AF, BC}, c.Organization.Categories)
	assert.True(t, c.Organization.Certifying)
	assert.Equal(t, "2025-06-12", c.Audit.Initial.String())
	assert.Equal(t, "2026-10-05", c.Audit.Next.String())
	assert.Equal(t, Duration{Weeks: 2}, c.WarnWithin)
	assert.Equal(t, []string{"**/~$*", "archives/**"}, c.Ignore)
	require.Len(t, c.Rules, 2)

	cat := c.Rules[0]
	assert.Equal(t, "catalogue", cat.ID)
	assert.Equal(t, []int{1, 2}, cat.Indicators)
	assert.Equal(t, 1, cat.Min)
	assert.Equal(t, Duration{Years: 1}, cat.MaxAge)
	assert.Equal(t, DateGit, cat.Date)
	assert.Equal(t, SevError, cat.Severity)
	assert.Equal(t, 19, cat.Line)

	conv := c.Rules[1]
	assert.Equal(t, "sessions/*", conv.Each)
	require.NotNil(t, conv.Due)
	assert.Equal(t, "start-15d", conv.Due.String())
	assert.Equal(t, DateFilename, conv.Date)
	assert.Equal(t, SevWarning, conv.Severity)
	assert.Equal(t, 2, conv.Min)

	assert.Equal(t, ".qlint-ignore-revs", c.History.IgnoreRevsFile)
	require.Len(t, c.Waivers, 1)
	assert.Equal(t, 14, c.Waivers[0].Indicator)
	assert.Equal(t, "2026-12-31", c.Waivers[0].Until.String())
}

func TestParseDefaults(t *testing.T) {
	c, err := Parse("qlint.toml", []byte("schema = 1\n"))
	require.NoError(t, err)
	assert.Equal(t, []Category{AF}, c.Organization.Categories, "a profile without categories is a training organization")
	assert.Equal(t, Duration{Days: 30}, c.WarnWithin)
	assert.Empty(t, c.Rules)
}

// TestParseErrors checks the exact English message of each mistake, with its
// line and column.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"no schema", `lang = "fr"`,
			"qlint.toml:1:1: the schema key is missing\n  hint: add schema = 1 at the top of the file"},
		{"future schema", "schema = 2",
			"qlint.toml:1:10: schema = 2: this version of qlint reads format 1\n  hint: write schema = 1, or update qlint"},
		{"syntax", "schema = 1\nlang = \"fr\nx = 1",
			"qlint.toml:2:11: a quoted string runs onto the next line: the closing quote is missing\n  hint: a string is written between quotes, on one line"},
		{"unknown top-level key", "schema = 1\nlangue = \"fr\"",
			"qlint.toml:2:1: unknown key \"langue\" at the top level\n  hint: did you mean \"lang\"?"},
		{"unknown language", "schema = 1\nlang = \"de\"",
			"qlint.toml:2:8: unknown language \"de\"\n  hint: write \"fr\" or \"en\""},
		{"unknown pack", "schema = 1\nextends = \"iso9001\"",
			"qlint.toml:2:11: unknown rule pack \"iso9001\"\n  hint: the only built-in pack is \"qualiopi\""},
		{"unknown organization key", "schema = 1\n[organization]\ncertifyng = true",
			"qlint.toml:3:1: unknown key \"certifyng\" in [organization]\n  hint: did you mean \"certifying\"?"},
		{"wrong type for a flag", "schema = 1\n[organization]\ncertifying = \"yes\"",
			"qlint.toml:3:14: certifying: expected true or false, found a string"},
		{"unknown category", "schema = 1\n[organization]\ncategories = [\"AF\", \"XYZ\"]",
			"qlint.toml:3:21: unknown category \"XYZ\""},
		{"bad date", "schema = 1\n[audit]\ninitial = \"31/06/2025\"",
			"qlint.toml:3:11: initial: \"31/06/2025\" does not exist: June 2025 has 30 days\n  hint: write the date as dd/mm/yyyy (for example 12/06/2025) or yyyy-mm-dd"},
		{"french date", "schema = 1\n[audit]\ninitial = \"12/06/2025\"\nnext = 12/06/2026 # oui\n[audit.x]", "qlint.toml:5:"},
		{"key written twice", "schema = 1\n[[rule]]\nid = \"a\"\nid = \"b\"",
			"qlint.toml:4:10: key \"id\" is already written above in this section\n  hint: a key is written once per section or [[rule]]: remove one of the two lines"},
		{"invalid TOML date", "schema = 1\n[audit]\ninitial = 2025-13-01",
			"qlint.toml:3:11: \"2025-13-01\" is not a date: there is no month 13 (the day comes first: 22/11/2026)\n  hint: write the date as dd/mm/yyyy, in quotes (for example \"12/06/2025\"), or yyyy-mm-dd"},
		{"no such day, TOML date", "schema = 1\n[audit]\ninitial = 2025-02-30",
			"qlint.toml:3:11: \"2025-02-30\" does not exist: February 2025 has 28 days"},
		{"unclosed section", "schema = 1\n[ignore\npaths = []",
			"qlint.toml:2:8: the ] that closes the section's name is missing at the end of the line\n  hint: a section is written between brackets: [ignore], [organization], [[rule]]"},
		{"unclosed section at the end", "schema = 1\n[ignore",
			"qlint.toml:2:7: the ] that closes the section's name is missing at the end of the line"},
		{"unclosed rule", "schema = 1\n[[rule\nid = \"x\"",
			"qlint.toml:2:7: the ] that closes the section's name is missing"},
		{"next before initial", "schema = 1\n[audit]\ninitial = 2025-06-12\nnext = 2024-01-01",
			"qlint.toml:4:8: the next audit (2024-01-01) comes before the initial audit (2025-06-12)"},
		{"bad warn_within", "schema = 1\n[defaults]\nwarn_within = 30",
			"qlint.toml:3:15: warn_within: expected a quoted duration, such as \"3mo\", found a whole number"},
		{"zero duration", "schema = 1\n[defaults]\nwarn_within = \"0d\"",
			"qlint.toml:3:15: warn_within: a zero duration makes no sense"},
		{"rule without id", "schema = 1\n[[rule]]\nindicators = [1]\npaths = [\"a\"]",
			"qlint.toml:2:1: rule without an id"},
		{"bad rule id", "schema = 1\n[[rule]]\nid = \"Veille Légale\"\nindicators = [1]\npaths = [\"a\"]",
			"qlint.toml:3:6: invalid rule id \"Veille Légale\""},
		{"duplicate rule id", "schema = 1\n[[rule]]\nid = \"a\"\nindicators = [1]\npaths = [\"a\"]\n[[rule]]\nid = \"a\"\nindicators = [1]\npaths = [\"b\"]",
			"qlint.toml:7:6: duplicate rule id \"a\" (already used on line 3)"},
		{"indicator out of range", "schema = 1\n[[rule]]\nid = \"a\"\nindicators = [1, 34]\npaths = [\"a\"]",
			"qlint.toml:4:18: unknown indicator 34: the référentiel runs from 1 to 33"},
		{"indicator of the 2026 grid on a forced V9", "schema = 1\nreferential = \"rnq-v9\"\n[[rule]]\nid = \"a\"\nindicators = [1, 33]\npaths = [\"a\"]",
			"qlint.toml:5:18: indicator 33 does not exist in the rnq-v9 referential (indicators 1 to 32)\n  hint: indicator 33 belongs to referential rnq-2026 (décret n° 2026-728 du 1er août 2026, audits from 2026-11-01): write referential = \"rnq-2026\""},
		{"unknown referential", "schema = 1\nreferential = \"rnq-v10\"",
			"qlint.toml:2:15: unknown referential \"rnq-v10\""},
		{"indicator zero", "schema = 1\n[[rule]]\nid = \"a\"\nindicators = [0]\npaths = [\"a\"]",
			"qlint.toml:4:15: unknown indicator 0"},
		{"indicators not a list", "schema = 1\n[[rule]]\nid = \"a\"\nindicators = 3\npaths = [\"a\"]",
			"qlint.toml:4:14: indicators: expected a list of numbers, such as [1, 2], found a whole number"},
		{"no paths", "schema = 1\n[[rule]]\nid = \"a\"\nindicators = [1]",
			"qlint.toml:2:1: rule \"a\" has no paths"},
		{"invalid glob", "schema = 1\n[[rule]]\nid = \"a\"\nindicators = [1]\npaths = [\"ok/*.pdf\", \"bad/[x.pdf\"]",
			"qlint.toml:5:22: invalid file pattern \"bad/[x.pdf\""},
		{"glob out of the root", "schema = 1\n[[rule]]\nid = \"a\"\nindicators = [1]\npaths = [\"../secret/*\"]",
			"qlint.toml:5:10: path \"../secret/*\" leaves the evidence folder"},
		{"absolute glob", "schema = 1\n[[rule]]\nid = \"a\"\nindicators = [1]\npaths = [\"/etc/*\"]",
			"qlint.toml:5:10: absolute path \"/etc/*\" refused"},
		{"bad max_age", "schema = 1\n[[rule]]\nid = \"a\"\nindicators = [1]\npaths = [\"a\"]\nmax_age = \"3 mois\"",
			"qlint.toml:6:11: invalid duration \"3 mois\""},
		{"min zero", "schema = 1\n[[rule]]\nid = \"a\"\nindicators = [1]\npaths = [\"a\"]\nmin = 0",
			"qlint.toml:6:7: min = 0: at least 1 file is needed"},
		{"due without each", "schema = 1\n[[rule]]\nid = \"a\"\nindicators = [1]\npaths = [\"a\"]\ndue = \"end\"",
			"qlint.toml:6:7: due only makes sense with each"},
		{"bad due", "schema = 1\n[[rule]]\nid = \"a\"\nindicators = [1]\npaths = [\"a\"]\neach = \"s/*\"\ndue = \"fin+7j\"",
			"qlint.toml:7:7: invalid due offset \"fin+7j\""},
		{"bad date source", "schema = 1\n[[rule]]\nid = \"a\"\nindicators = [1]\npaths = [\"a\"]\ndate = \"exif\"",
			"qlint.toml:6:8: unknown date source \"exif\""},
		{"bad severity", "schema = 1\n[[rule]]\nid = \"a\"\nindicators = [1]\npaths = [\"a\"]\nseverity = \"fatal\"",
			"qlint.toml:6:12: unknown severity \"fatal\""},
		{"unknown rule key", "schema = 1\n[[rule]]\nid = \"a\"\nindicators = [1]\npaths = [\"a\"]\nmaxage = \"1y\"",
			"qlint.toml:6:1: unknown key \"maxage\" in [[rule]]\n  hint: did you mean \"max_age\"?"},
		{"disable inside a rule", "schema = 1\n[[rule]]\nid = \"a\"\nindicators = [1]\npaths = [\"a\"]\ndisable = [\"cgv\"]",
			"qlint.toml:6:1: disable is a top-level key, but here it belongs to the rule above it"},
		{"disable unknown built-in", "schema = 1\nextends = \"qualiopi\"\ndisable = [\"veile-legale\"]",
			"qlint.toml:3:12: no built-in rule is called \"veile-legale\"\n  hint: did you mean \"veille-legale\"?"},
		{"waiver without reason", "schema = 1\n[[waiver]]\nindicator = 3",
			"qlint.toml:2:1: waiver without a reason"},
		{"waiver for an unknown rule", "schema = 1\n[[waiver]]\nrule = \"nope\"\nreason = \"x\"",
			"qlint.toml:3:8: the waiver names an unknown rule \"nope\""},
		{"ignore revs out of the root", "schema = 1\n[history]\nignore_revs_file = \"../revs\"",
			"qlint.toml:3:20: path \"../revs\" leaves the evidence folder"},
		{"second rule points at itself", "schema = 1\n[[rule]]\nid = \"a\"\nindicators = [1]\npaths = [\"a\"]\n\n[[rule]]\nid = \"b\"\nindicators = [1]\npaths = [\"b\"]\nmax_age = \"x\"",
			"qlint.toml:11:11: invalid duration \"x\""},
		{"inline table value", "schema = 1\norganization = { name = \"x\", categories = [\"ZZ\"] }",
			"qlint.toml:2:44: unknown category \"ZZ\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("qlint.toml", []byte(tt.src))
			var list ErrorList
			require.True(t, errors.As(err, &list), "want an ErrorList, got %v", err)
			assert.Contains(t, list.Localize(i18n.EN), tt.want)
		})
	}
}

func TestErrorsAreBilingual(t *testing.T) {
	_, err := Parse("qlint.toml", []byte("schema = 1\n[[rule]]\nid = \"a\"\nindicators = [40]\npaths = [\"a\"]\nmax_age = \"3 mois\"\n"))
	var list ErrorList
	require.ErrorAs(t, err, &list)
	fr := list.Localize(i18n.FR)
	assert.Contains(t, fr, "qlint.toml:4:15: indicateur 40 inconnu : le référentiel va de 1 à 33")
	assert.Contains(t, fr, "durée invalide \"3 mois\"")
	assert.Contains(t, fr, "conseil : ")
	for _, e := range list {
		assert.True(t, e.Msg.Complete(), "message missing a language: %+v", e.Msg)
	}
}

func TestManyErrorsAreCapped(t *testing.T) {
	src := "schema = 1\n"
	for i := 0; i < 15; i++ {
		src += "[[rule]]\nid = \"a\"\nindicators = [99]\npaths = [\"a\"]\n"
	}
	_, err := Parse("qlint.toml", []byte(src))
	var list ErrorList
	require.ErrorAs(t, err, &list)
	assert.Contains(t, list.Localize(i18n.EN), "more error(s)")
}

func TestExtendsMergesThePack(t *testing.T) {
	src := `schema = 1
extends = "qualiopi"
disable = ["cgv"]

[[rule]]
id = "veille-legale"
indicators = [23]
paths = ["veille/*.md"]
max_age = "1mo"

[[rule]]
id = "mon-registre"
indicators = [31]
paths = ["registre.xlsx"]
`
	parsed, err := Parse("qlint.toml", []byte(src))
	require.NoError(t, err)
	v9, _ := Grid("rnq-v9")
	c, err := parsed.Bind(v9)
	require.NoError(t, err)
	byID := map[string]*Rule{}
	for _, r := range c.Rules {
		_, dup := byID[r.ID]
		require.False(t, dup, "rule %s twice", r.ID)
		byID[r.ID] = r
	}
	assert.NotContains(t, byID, "cgv", "disabled")
	require.Contains(t, byID, "veille-legale")
	assert.False(t, byID["veille-legale"].Builtin, "the user's rule replaces the built-in one")
	assert.Equal(t, []string{"veille/*.md"}, byID["veille-legale"].Paths)
	assert.Contains(t, byID, "mon-registre")
	assert.True(t, byID["catalogue"].Builtin)
	assert.Equal(t, len(Pack())-1+1, len(c.Rules))
}

func TestReadablePattern(t *testing.T) {
	for in, want := range map[string]string{
		"**/{,*[!a-z]}emargement*{,/**}":                            "*emargement*",
		"**/{,*[!a-z]}cv{,[!a-z]*}":                                 "*cv*",
		"01-information-public/{,*[!a-z]}catalogue*":                "01-information-public/*catalogue*",
		"02-conception/certifications/**/{,*[!a-z]}tableau*croise*": "02-conception/certifications/**/*tableau*croise*",
		"**/*.md":   "**/*.md",
		"veille/**": "veille/**",
	} {
		if got := ReadablePattern(in); got != want {
			t.Errorf("ReadablePattern(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMatchAndWhenKeys(t *testing.T) {
	rule := "schema = 1\n[[rule]]\nid = \"r\"\nindicators = [23]\npaths = [\"a/*\"]\n"
	c, err := Parse("qlint.toml", []byte(rule+"match = \"literal\"\neach = \"s/*\"\nwhen = \"certification\"\n"))
	require.NoError(t, err)
	assert.Equal(t, MatchLiteral, c.Rules[0].Match)
	assert.Equal(t, "certification", c.Rules[0].When)
	for src, want := range map[string]string{
		rule + "match = \"exact\"\n":              "qlint.toml:6:9: unknown comparison \"exact\"",
		rule + "when = \"certification\"\n":       "qlint.toml:6:8: when only makes sense with each",
		rule + "each = \"s/*\"\nwhen = \"a b\"\n": "qlint.toml:7:8: invalid session.toml key \"a b\"",
	} {
		_, err := Parse("qlint.toml", []byte(src))
		var list ErrorList
		require.ErrorAs(t, err, &list, src)
		assert.Contains(t, list.Localize(i18n.EN), want, src)
		for _, e := range list {
			assert.True(t, e.Msg.Complete(), "message missing a language: %+v", e.Msg)
		}
	}
}
