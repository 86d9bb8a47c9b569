package rules

import (
	_ "embed"
)

//go:embed packs/qualiopi.toml
var qualiopiPack []byte

var packRules []*Rule

func init() {
	d, data, err := decodeTOML("qualiopi (intégré)", qualiopiPack)
	if err == nil {
		d.known("", data, []string{"rule"})
		packRules = d.rules(data["rule"], true)
		if len(d.errs) > 0 {
			err = d.errs
		}
	}
	if err != nil {
		// Embedded and checked by tests: a build mistake, not a user's.
		panic("qlint: built-in pack: " + err.Error())
	}
}

// Pack returns the rules of the built-in "qualiopi" pack, fresh copies that
// the caller may change.
func Pack() []*Rule {
	out := make([]*Rule, len(packRules))
	for i, r := range packRules {
		c := *r
		out[i] = &c
	}
	return out
}
