package main

import (
	"flag"
	"path/filepath"

	"github.com/qlint/qlint/internal/scaffold"
	"github.com/qlint/qlint/rules"
)

// keepProfile starts init --force from the profile the existing qlint.toml
// of dir declares: a flag changes what it names and nothing else, so that
// `init --force --work-linked` does not turn her certifying courses off, nor
// `init --force` alone reset every key to false. A qlint.toml that does not
// read leaves p as the flags made it (init then keeps the old file aside).
func keepProfile(dir string, fs *flag.FlagSet, p *scaffold.Profile) {
	cfg, err := rules.Load(filepath.Join(dir, "qlint.toml"))
	if err != nil {
		return
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	old := cfg.Organization
	keep := func(flagName string, dst *bool, v bool) {
		if !given[flagName] {
			*dst = v
		}
	}
	keep("certifying", &p.Org.Certifying, old.Certifying)
	keep("subcontracting", &p.Org.Subcontracting, old.Subcontracting)
	keep("work-linked", &p.Org.WorkLinked, old.WorkLinked)
	keep("new-entrant", &p.Org.NewEntrant, old.NewEntrant)
	keep("light-audit", &p.Org.LightAudit, old.LightAudit)
	if !given["categories"] && len(old.Categories) > 0 {
		p.Org.Categories = append([]rules.Category(nil), old.Categories...)
	}
	if !given["lang"] && cfg.Lang != "" {
		p.Lang = cfg.Lang
	}
}
