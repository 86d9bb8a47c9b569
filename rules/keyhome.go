package rules

import (
	"fmt"
	"strings"

	"github.com/qlint/qlint/internal/i18n"
)

// keyHomes lists each section of qlint.toml with its keys, in the order of
// the file, so that a key written under the wrong header ("next-audit" in
// a [[rule]], "certifying" at the top) is told where it goes.
var keyHomes = []struct {
	section string // as written in the file: [audit], [[rule]]
	name    string // the section's own name, a key may repeat it: next_audit
	keys    []string
}{
	{"[organization]", "organization", orgKeys},
	{"[audit]", "audit", []string{"initial", "next"}},
	{"[defaults]", "defaults", []string{"warn_within"}},
	{"[ignore]", "ignore", []string{"paths"}},
	{"[history]", "history", []string{"ignore_revs_file"}},
	{"[[rule]]", "rule", ruleKeys},
	{"[[waiver]]", "waiver", []string{"rule", "indicator", "reason", "owner", "until"}},
}

// keyHome returns the sections (other than the one the key stands in, here)
// that have the key k, and the key's name there: "next-audit" and
// "next_audit" are [audit]'s next; "work-linked" is [organization]'s
// work_linked. Nothing when k belongs to no section.
func keyHome(k, here string) (sections []string, key string) {
	n := strings.ReplaceAll(strings.ToLower(k), "-", "_")
	for _, h := range keyHomes {
		if h.section == here {
			continue
		}
		for _, hk := range h.keys {
			if n == hk || n == hk+"_"+h.name || n == h.name+"_"+hk {
				sections, key = append(sections, h.section), hk
			}
		}
	}
	return sections, key
}

// misplacedKey says, for an unknown key k of the section here ("" at the top
// level) that is the key of another section, where it goes: the message and
// the hint; ok is false when k is no key of any section.
func misplacedKey(k, here string) (msg, hint i18n.Text, ok bool) {
	sections, key := keyHome(k, here)
	if len(sections) == 0 {
		return msg, hint, false
	}
	where := i18n.T(sectionOf(here).FR, sectionOf(here).EN)
	homes := i18n.T(strings.Join(sections, " ou "), strings.Join(sections, " or "))
	msg = i18n.T(
		fmt.Sprintf("clé « %s » mal placée %s : elle va dans %s", k, where.FR, homes.FR),
		fmt.Sprintf("key %q misplaced %s: it belongs in %s", k, where.EN, homes.EN))
	line := key + " = …"
	hint = i18n.T(
		fmt.Sprintf("déplacez la ligne sous l'en-tête %s et écrivez-la « %s »", sections[0], line),
		fmt.Sprintf("move the line under the %s header and write it \"%s\"", sections[0], line))
	if key == k {
		hint = i18n.T(fmt.Sprintf("déplacez la ligne sous l'en-tête %s", sections[0]),
			fmt.Sprintf("move the line under the %s header", sections[0]))
	}
	return msg, hint, true
}

// sectionOf is sectionName for the section as written in the file.
func sectionOf(here string) i18n.Text {
	if here == "" {
		return i18n.T("au premier niveau", "at the top level")
	}
	return i18n.T("dans "+here, "in "+here)
}

// nearKey reports whether k is one letter away from a key of its own
// section (indicator for indicators): a typo there, not a misplaced key.
func nearKey(k string, allowed []string) bool {
	for _, a := range allowed {
		if EditDistance(k, a) <= 1 {
			return true
		}
	}
	return false
}

// sectionHeader is the header of the section a decoder path stands in, as
// written in the file: "" at the top level, [audit], [[rule]].
func sectionHeader(base string) string {
	if base == "" {
		return ""
	}
	name := keyName(base)
	if name != base {
		return "[[" + name + "]]"
	}
	return "[" + name + "]"
}
