package rules

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/qlint/qlint/internal/i18n"
)

//go:embed referential.toml
var referentialTOML string

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
	Title i18n.Text
}

// Indicator is one of the référentiel's indicators.
type Indicator struct {
	ID         int
	Criterion  int
	Title      i18n.Text
	About      i18n.Text // what the indicator asks, in plain words
	Note       i18n.Text // a limit of scope the profile cannot express, if any
	Categories []Category
	Requires   Condition // "" when the categories alone decide
	NewEntrant bool      // formalisation only at a new entrant's initial audit
	LightAudit bool      // in the reduced initial audit's list
	NC         string    // NCMajor or NCMinorOrMajor
}

// Referential is the built-in référentiel: criteria, indicators, and the
// words for categories and conditions.
type Referential struct {
	Version    string
	Label      string
	Criteria   []Criterion
	Indicators []Indicator // sorted by ID, Indicators[i].ID == i+1

	categoryNames  map[Category]i18n.Text
	implies        map[Category][]Condition
	conditionNames map[Condition]i18n.Text
}

type rawText struct {
	FR      string   `toml:"fr"`
	EN      string   `toml:"en"`
	Implies []string `toml:"implies"`
}

type rawReferential struct {
	Version   string             `toml:"version"`
	Label     string             `toml:"label"`
	Category  map[string]rawText `toml:"category"`
	Condition map[string]rawText `toml:"condition"`
	Criterion []struct {
		ID int    `toml:"id"`
		FR string `toml:"fr"`
		EN string `toml:"en"`
	} `toml:"criterion"`
	Indicator []struct {
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
	} `toml:"indicator"`
}

// builtin is a package variable, not set in init, so that it is ready before
// any init function (the pack's) runs.
var builtin = mustParseReferential()

func mustParseReferential() *Referential {
	r, err := parseReferential(referentialTOML)
	if err != nil {
		// The file is embedded and checked by tests: failing here is a
		// build mistake, not a user's.
		panic("qlint: built-in referential: " + err.Error())
	}
	return r
}

// Builtin returns the référentiel qlint judges against.
func Builtin() *Referential { return builtin }

func parseReferential(src string) (*Referential, error) {
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
		categoryNames:  map[Category]i18n.Text{},
		implies:        map[Category][]Condition{},
		conditionNames: map[Condition]i18n.Text{},
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
		r.Criteria = append(r.Criteria, Criterion{ID: c.ID, Title: i18n.T(c.FR, c.EN)})
	}
	for i, in := range raw.Indicator {
		if in.ID != i+1 {
			return nil, fmt.Errorf("indicator %d out of order", in.ID)
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
				return nil, fmt.Errorf("indicator %d: unknown category %q", in.ID, c)
			}
			ind.Categories = append(ind.Categories, Category(c))
		}
		if ind.Requires != "" {
			if _, ok := r.conditionNames[ind.Requires]; !ok {
				return nil, fmt.Errorf("indicator %d: unknown condition %q", in.ID, ind.Requires)
			}
		}
		if ind.NC != NCMajor && ind.NC != NCMinorOrMajor {
			return nil, fmt.Errorf("indicator %d: nc %q", in.ID, ind.NC)
		}
		if ind.Criterion < 1 || ind.Criterion > len(raw.Criterion) {
			return nil, fmt.Errorf("indicator %d: criterion %d", in.ID, ind.Criterion)
		}
		r.Indicators = append(r.Indicators, ind)
	}
	return r, nil
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
func (r *Referential) CategoryName(c Category) i18n.Text { return r.categoryNames[c] }

// ConditionName returns the words for condition c.
func (r *Referential) ConditionName(c Condition) i18n.Text { return r.conditionNames[c] }

// Applicability says whether an indicator applies to an organization, and why.
type Applicability struct {
	Applies bool
	Reason  i18n.Text
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
				"s'applique : "+cond.FR+" ([organization] "+string(ind.Requires)+" = true)",
				"applies: "+cond.EN+" ([organization] "+string(ind.Requires)+" = true)")}
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
		"seulement pour : "+cond.FR+" (absent du profil : [organization] "+string(ind.Requires)+" = false)",
		"only for: "+cond.EN+" (not in the profile: [organization] "+string(ind.Requires)+" = false)")}
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
