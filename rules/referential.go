package rules

import (
	"fmt"
	"maps"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/lang"
)

// Category is an activity an organization is certified for: AF (training),
// BC (skills assessment), VAE (accreditation of prior learning), CFA
// (apprenticeship).
type Category string

// The four activity categories of Qualiopi.
const (
	AF  Category = "AF"
	BC  Category = "BC"
	VAE Category = "VAE"
	CFA Category = "CFA"
)

// Categories lists the categories in the référentiel's order.
var Categories = []Category{AF, BC, VAE, CFA}

// Condition is a trait of the organization's activity that some indicators
// require.
type Condition string

// The conditions an indicator may require.
const (
	Certifying     Condition = "certifying"
	Subcontracting Condition = "subcontracting"
	WorkLinked     Condition = "work_linked"
)

// NC grades: the most serious non-conformity an indicator can carry.
const (
	NCMajor        = "major"
	NCMinorOrMajor = "minor_or_major"
)

// Criterion is one of the seven criteria that group the indicators.
type Criterion struct {
	ID    int
	Title lang.Text
}

// Indicator is one of the référentiel's indicators.
type Indicator struct {
	ID         int
	Criterion  int
	Title      lang.Text
	About      lang.Text // what the indicator asks, in plain words
	Note       lang.Text // a limit of scope the profile cannot express, if any
	Categories []Category
	Requires   Condition // "" when the categories alone decide
	NewEntrant bool      // formalisation only at a new entrant's initial audit
	LightAudit bool      // in the reduced initial audit's list
	NC         string    // NCMajor or NCMinorOrMajor
}

// Referential is one grid of the référentiel: criteria, indicators, the
// words for categories and conditions, when it is in force, what it changed
// from the grid before, and its rule pack. Grids are values: see Grids.
type Referential struct {
	Version    string // the grid's id: rnq-v9, rnq-2026
	Label      string // its title
	Decree     string // the décret that sets it
	InForce    Day    // the first audit day it applies to
	Sources    []string
	SourcesEN  []string // Sources in English, one for one
	Criteria   []Criterion
	Indicators []Indicator // sorted by ID, Indicators[i].ID == i+1
	// Changes says, by indicator, what this grid changed from its base
	// grid (empty for the first grid).
	Changes map[int]Change
	Base    string // the grid this one amends ("" for the first)

	categoryNames  map[Category]i18n.Text
	implies        map[Category][]Condition
	conditionNames map[Condition]i18n.Text
	packs          []string // the files of packs/ that make its rule pack, in order
	aliases        []string // what people call it besides its id (v10, 2026), for hints
	pack           packOnce
}

// Change kinds: what a grid did to an indicator of the grid before it.
const (
	ChangeNew       = "new"        // the indicator did not exist
	ChangeAmended   = "amended"    // same number and scope, with additions
	ChangeToConfirm = "to_confirm" // sources disagree: the reading guide will tell
)

// Change is what a grid changed in one indicator, in plain words, with
// where that comes from.
type Change struct {
	Kind   string
	Text   lang.Text
	Source lang.Text
}

type rawText struct {
	FR      string   `toml:"fr"`
	EN      string   `toml:"en"`
	Implies []string `toml:"implies"`
}

type rawReferential struct {
	Version     string             `toml:"version"`
	Label       string             `toml:"label"`
	Decree      string             `toml:"decree"`
	InForceFrom time.Time          `toml:"in_force_from"`
	Base        string             `toml:"base"`
	Packs       []string           `toml:"packs"`
	Sources     []string           `toml:"sources"`
	SourcesEN   []string           `toml:"sources_en"`
	Aliases     []string           `toml:"aliases"`
	Change      []rawChange        `toml:"change"`
	Category    map[string]rawText `toml:"category"`
	Condition   map[string]rawText `toml:"condition"`
	Criterion   []struct {
		ID int    `toml:"id"`
		FR string `toml:"fr"`
		EN string `toml:"en"`
	} `toml:"criterion"`
	Indicator []rawIndicator `toml:"indicator"`
}

type rawChange struct {
	Indicator int    `toml:"indicator"`
	Kind      string `toml:"kind"`
	FR        string `toml:"fr"`
	EN        string `toml:"en"`
	Source    string `toml:"source"`
	SourceEN  string `toml:"source_en"`
}

type rawIndicator struct {
	ID         int      `toml:"id"`
	Criterion  int      `toml:"criterion"`
	FR         string   `toml:"fr"`
	EN         string   `toml:"en"`
	AboutFR    string   `toml:"about_fr"`
	AboutEN    string   `toml:"about_en"`
	NoteFR     string   `toml:"note_fr"`
	NoteEN     string   `toml:"note_en"`
	Categories []string `toml:"categories"`
	Requires   string   `toml:"requires"`
	NewEntrant bool     `toml:"new_entrant"`
	LightAudit bool     `toml:"light_audit"`
	NC         string   `toml:"nc"`
}

// Builtin returns the V9 grid.
//
// Deprecated: the grid is chosen by the day judged (GridFor, Choose) and
// passed along; Builtin stays for callers written before the 2026 grid.
func Builtin() *Referential { return gridList()[0] }

// parseReferential reads one grid file; base is the grid it amends, looked
// up by id, when the file names one: its categories, conditions, criteria
// and indicators are the base's, replaced or extended by the file's.
func parseReferential(src string, lookup func(string) *Referential) (*Referential, error) {
	var raw rawReferential
	md, err := toml.Decode(src, &raw)
	if err != nil {
		return nil, err
	}
	if u := md.Undecoded(); len(u) > 0 {
		return nil, fmt.Errorf("unknown keys %v", u)
	}
	r := &Referential{
		Version:        raw.Version,
		Label:          raw.Label,
		Decree:         raw.Decree,
		InForce:        DayOf(raw.InForceFrom),
		Sources:        raw.Sources,
		SourcesEN:      raw.SourcesEN,
		Base:           raw.Base,
		Changes:        map[int]Change{},
		categoryNames:  map[Category]i18n.Text{},
		implies:        map[Category][]Condition{},
		conditionNames: map[Condition]i18n.Text{},
		packs:          raw.Packs,
		aliases:        raw.Aliases,
	}
	if raw.Version == "" || raw.Label == "" || raw.Decree == "" || raw.InForceFrom.IsZero() || len(raw.Packs) == 0 {
		return nil, fmt.Errorf("version, label, decree, in_force_from and packs are required")
	}
	if raw.Base != "" {
		base := lookup(raw.Base)
		if base == nil {
			return nil, fmt.Errorf("unknown base grid %q", raw.Base)
		}
		maps.Copy(r.categoryNames, base.categoryNames)
		maps.Copy(r.implies, base.implies)
		maps.Copy(r.conditionNames, base.conditionNames)
		r.Criteria = append(r.Criteria, base.Criteria...)
		r.Indicators = append(r.Indicators, base.Indicators...)
	}
	for name, t := range raw.Category {
		c := Category(name)
		r.categoryNames[c] = i18n.T(t.FR, t.EN)
		for _, imp := range t.Implies {
			r.implies[c] = append(r.implies[c], Condition(imp))
		}
	}
	for name, t := range raw.Condition {
		r.conditionNames[Condition(name)] = i18n.T(t.FR, t.EN)
	}
	for _, c := range raw.Criterion {
		if c.ID != len(r.Criteria)+1 {
			return nil, fmt.Errorf("criterion %d out of order", c.ID)
		}
		r.Criteria = append(r.Criteria, Criterion{ID: c.ID, Title: i18n.T(c.FR, c.EN)})
	}
	for _, in := range raw.Indicator {
		if err := r.addIndicator(in); err != nil {
			return nil, err
		}
	}
	for _, c := range raw.Change {
		if err := r.addChange(c); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// addIndicator checks one indicator of a grid file and adds it: a grid's
// own indicators replace its base's, or follow them.
func (r *Referential) addIndicator(in rawIndicator) error {
	if in.ID < 1 || in.ID > len(r.Indicators)+1 {
		return fmt.Errorf("indicator %d out of order", in.ID)
	}
	ind := Indicator{
		ID: in.ID, Criterion: in.Criterion,
		Title:      i18n.T(in.FR, in.EN),
		About:      i18n.T(in.AboutFR, in.AboutEN),
		Note:       i18n.T(in.NoteFR, in.NoteEN),
		Requires:   Condition(in.Requires),
		NewEntrant: in.NewEntrant, LightAudit: in.LightAudit, NC: in.NC,
	}
	for _, c := range in.Categories {
		if _, ok := r.categoryNames[Category(c)]; !ok {
			return fmt.Errorf("indicator %d: unknown category %q", in.ID, c)
		}
		ind.Categories = append(ind.Categories, Category(c))
	}
	if ind.Requires != "" {
		if _, ok := r.conditionNames[ind.Requires]; !ok {
			return fmt.Errorf("indicator %d: unknown condition %q", in.ID, ind.Requires)
		}
	}
	if ind.NC != NCMajor && ind.NC != NCMinorOrMajor {
		return fmt.Errorf("indicator %d: nc %q", in.ID, ind.NC)
	}
	if ind.Criterion < 1 || ind.Criterion > len(r.Criteria) {
		return fmt.Errorf("indicator %d: criterion %d", in.ID, ind.Criterion)
	}
	if in.ID <= len(r.Indicators) {
		r.Indicators[in.ID-1] = ind
	} else {
		r.Indicators = append(r.Indicators, ind)
	}
	return nil
}

// addChange checks what a grid file says changed in one indicator and
// keeps it.
func (r *Referential) addChange(c rawChange) error {
	switch {
	case c.Indicator < 1 || c.Indicator > len(r.Indicators):
		return fmt.Errorf("change for indicator %d, not in the grid", c.Indicator)
	case c.Kind != ChangeNew && c.Kind != ChangeAmended && c.Kind != ChangeToConfirm:
		return fmt.Errorf("change for indicator %d: kind %q", c.Indicator, c.Kind)
	case c.FR == "" || c.EN == "":
		return fmt.Errorf("change for indicator %d: both fr and en are needed", c.Indicator)
	}
	if _, dup := r.Changes[c.Indicator]; dup {
		return fmt.Errorf("two changes for indicator %d", c.Indicator)
	}
	r.Changes[c.Indicator] = Change{Kind: c.Kind, Text: i18n.T(c.FR, c.EN), Source: i18n.T(c.Source, c.SourceEN)}
	return nil
}

// Indicator returns indicator n, or false when the référentiel has none.
func (r *Referential) Indicator(n int) (Indicator, bool) {
	if n < 1 || n > len(r.Indicators) {
		return Indicator{}, false
	}
	return r.Indicators[n-1], true
}

// Criterion returns criterion n.
func (r *Referential) Criterion(n int) (Criterion, bool) {
	if n < 1 || n > len(r.Criteria) {
		return Criterion{}, false
	}
	return r.Criteria[n-1], true
}

// CategoryName returns the words for category c.
func (r *Referential) CategoryName(c Category) lang.Text { return r.categoryNames[c] }

// ConditionName returns the words for condition c.
func (r *Referential) ConditionName(c Condition) lang.Text { return r.conditionNames[c] }

// Applicability says whether an indicator applies to an organization, and why.
type Applicability struct {
	Applies bool
	Reason  lang.Text
}

// Applies decides whether indicator ind applies to the organization o: one of
// o's categories must be among the indicator's, and the indicator's condition
// must hold for that category (apprenticeship always meets the certifying and
// work-linked conditions).
func (r *Referential) Applies(ind Indicator, o Organization) Applicability {
	var shared []Category
	for _, c := range o.Categories {
		for _, ic := range ind.Categories {
			if c == ic {
				shared = append(shared, c)
			}
		}
	}
	if len(shared) == 0 {
		return Applicability{false, i18n.T(
			"seulement pour : "+r.categoryList(ind.Categories, i18n.FR),
			"only for: "+r.categoryList(ind.Categories, i18n.EN))}
	}
	if ind.Requires == "" {
		return Applicability{true, i18n.T(
			"s'applique à : "+r.categoryList(shared, i18n.FR),
			"applies to: "+r.categoryList(shared, i18n.EN))}
	}
	cond := r.conditionNames[ind.Requires]
	for _, c := range shared {
		if o.Has(ind.Requires) {
			return Applicability{true, i18n.T(
				"s'applique : "+cond.FR+", déclaré dans votre profil ["+string(ind.Requires)+" dans qlint.toml]",
				"applies: "+cond.EN+", declared in your profile ["+string(ind.Requires)+" in qlint.toml]")}
		}
		for _, imp := range r.implies[c] {
			if imp == ind.Requires {
				name := r.categoryNames[c]
				return Applicability{true, i18n.T(
					"s'applique : "+name.FR+", qui relève toujours de : "+cond.FR,
					"applies: "+name.EN+" always counts as "+cond.EN)}
			}
		}
	}
	return Applicability{false, i18n.T(
		"seulement pour : "+cond.FR+", et votre profil n'en déclare pas ["+string(ind.Requires)+" dans qlint.toml]",
		"only for: "+cond.EN+", and your profile declares none ["+string(ind.Requires)+" in qlint.toml]")}
}

func (r *Referential) categoryList(cs []Category, l i18n.Lang) string {
	names := make([]string, 0, len(cs))
	for _, c := range cs {
		names = append(names, string(c)+" ("+r.categoryNames[c].In(l)+")")
	}
	return strings.Join(names, ", ")
}

// KnownCategory reports whether s names a category, and returns it.
func KnownCategory(s string) (Category, bool) {
	c := Category(strings.ToUpper(strings.TrimSpace(s)))
	for _, k := range Categories {
		if c == k {
			return c, true
		}
	}
	return "", false
}

// sortedInts returns a sorted copy.
func sortedInts(in []int) []int {
	out := append([]int(nil), in...)
	sort.Ints(out)
	return out
}
