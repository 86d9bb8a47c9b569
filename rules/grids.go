package rules

import (
	"embed"
	"fmt"
	"sync"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/lang"
)

// The grids qlint knows, oldest first: each a data file of its criteria,
// indicators and changes, with the packs/ files of its rule pack. Adding a
// grid is a data file and one line here.
var gridFiles = []string{
	"referential.toml",    // rnq-v9: décret of 2019, guide de lecture V9
	"grids/rnq-2026.toml", // rnq-2026: décret n° 2026-728, audits from 2026-11-01
}

//go:embed referential.toml grids/*.toml
var gridFS embed.FS

//go:embed packs/*.toml
var packFS embed.FS

// gridList returns the grids, built on first use from grids_gen.go: the
// grid files as Go values, written by TestGridsGenerated, which checks
// they are exactly what mustParseGrids reads. Parsing the files took 3 to
// 4 ms of every process's start, a third of it; a run that stops before
// reading its rules (--help, a usage error) does not even build them.
// After a change of a grid file: QLINT_UPDATE=1 go test ./rules -run
// GridsGenerated (after a change of the types it holds, give
// builtinGrids the body "return nil" first, so that the package compiles).
var gridList = sync.OnceValue(builtinGrids)

// mustParseGrids reads the grid files (gridFiles, in order): the source
// of grids_gen.go.
func mustParseGrids() []*Referential {
	var out []*Referential
	lookup := func(id string) *Referential {
		for _, g := range out {
			if g.Version == id {
				return g
			}
		}
		return nil
	}
	for _, f := range gridFiles {
		src, err := gridFS.ReadFile(f)
		if err == nil {
			var g *Referential
			g, err = parseReferential(string(src), lookup)
			if err == nil && len(out) > 0 && !out[len(out)-1].InForce.Before(g.InForce) {
				err = fmt.Errorf("grids must be listed in the order they came into force")
			}
			if err == nil && lookup(g.Version) != nil {
				err = fmt.Errorf("two grids called %q", g.Version)
			}
			if err == nil {
				out = append(out, g)
			}
		}
		if err != nil {
			// Embedded and checked by tests: a build mistake, not a user's.
			panic("qlint: built-in grid " + f + ": " + err.Error())
		}
	}
	return out
}

// Grids returns the grids qlint knows, oldest first.
func Grids() []*Referential { return append([]*Referential(nil), gridList()...) }

// Grid returns the grid called id (rnq-v9, rnq-2026).
func Grid(id string) (*Referential, bool) {
	for _, g := range gridList() {
		if g.Version == id {
			return g, true
		}
	}
	return nil, false
}

// GridFor returns the grid an audit held on day d is judged on: the newest
// one in force on that day (the oldest one before any).
func GridFor(d Day) *Referential {
	g := gridList()[0]
	for _, n := range gridList()[1:] {
		if !d.Before(n.InForce) {
			g = n
		}
	}
	return g
}

// InForceOn reports whether an audit held on day d is judged on this grid.
func (r *Referential) InForceOn(d Day) bool { return GridFor(d) == r }

// Next returns the grid that replaces this one, if any.
func (r *Referential) Next() (*Referential, bool) {
	for i, g := range gridList() {
		if g == r && i+1 < len(gridList()) {
			return gridList()[i+1], true
		}
	}
	return nil, false
}

// ReferentialAuto is the default of the referential key: the grid in force
// on the day judged.
const ReferentialAuto = "auto"

// Choose returns the grid to judge on: the one the setting names, or with
// "auto" (or nothing) the one in force on day d.
func Choose(setting string, d Day) (*Referential, error) {
	if setting == "" || setting == ReferentialAuto {
		return GridFor(d), nil
	}
	if g, ok := Grid(setting); ok {
		return g, nil
	}
	return nil, fmt.Errorf("unknown referential %q", setting)
}

// widest returns the grid with the most indicators: the numbers a
// qlint.toml may use before the day judged picks its grid.
func widest() *Referential {
	w := gridList()[0]
	for _, g := range gridList() {
		if len(g.Indicators) > len(w.Indicators) {
			w = g
		}
	}
	return w
}

// gridIDs lists the grid ids for messages: "auto", "rnq-v9" or "rnq-2026".
func gridIDs() []string {
	out := []string{ReferentialAuto}
	for _, g := range gridList() {
		out = append(out, g.Version)
	}
	return out
}

// packOnce decodes a grid's rule pack the first time it is asked for.
type packOnce struct {
	once  sync.Once
	rules []*Rule
}

// Pack returns the grid's built-in rules ("qualiopi" pack), fresh copies
// that the caller may change. A later file of the pack replaces an earlier
// file's rule with the same id.
func (r *Referential) Pack() []*Rule {
	r.pack.once.Do(func() {
		var list []*Rule
		for _, name := range r.packs {
			src, err := packFS.ReadFile("packs/" + name + ".toml")
			if err == nil {
				var rs []*Rule
				rs, err = decodePack(name, src)
				for _, x := range rs {
					if err == nil {
						list = replaceOrAppend(list, x)
					}
				}
			}
			if err != nil {
				// Embedded and checked by tests: a build mistake, not a user's.
				panic("qlint: built-in pack " + name + " of " + r.Version + ": " + err.Error())
			}
		}
		r.pack.rules = list
	})
	out := make([]*Rule, len(r.pack.rules))
	for i, x := range r.pack.rules {
		c := *x
		out[i] = &c
	}
	return out
}

func replaceOrAppend(list []*Rule, r *Rule) []*Rule {
	for i, x := range list {
		if x.ID == r.ID {
			list[i] = r
			return list
		}
	}
	return append(list, r)
}

// Title returns the grid's title for reports.
func (r *Referential) Title() string { return r.Label }

// Words names the grid for people: "rnq-2026 (décret n° 2026-728 du 1er
// août 2026, audits à partir du 01/11/2026)".
func (r *Referential) Words() lang.Text {
	return i18n.T(
		fmt.Sprintf("%s (décret %s, audits à partir du %s)", r.Version, r.Decree, r.InForce.French()),
		fmt.Sprintf("%s (décret %s, audits from %s)", r.Version, r.Decree, r.InForce))
}
