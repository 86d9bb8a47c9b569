package rules

import (
	"errors"
	"fmt"
	"maps"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/internal/lazyre"
	"github.com/qlint/qlint/internal/safefile"
	"github.com/qlint/qlint/lang"
)

// SchemaVersion is the qlint.toml format this version reads.
const SchemaVersion = 1

// Config is a checked qlint.toml. Parse returns it with the file's own
// rules; Bind returns it for one grid, with that grid's built-in pack merged
// in when it extends one.
type Config struct {
	File         string // the path used in messages
	Schema       int
	Extends      string
	Referential  string       // auto (or "") | a grid id: which grid judges
	Ref          *Referential // the grid it is bound to; nil before Bind
	Lang         lang.Lang    // "" when the file does not choose
	Organization Organization
	Audit        Audit
	WarnWithin   Duration
	Ignore       []string
	Rules        []*Rule // the built-in pack's rules first (once bound), then the file's own
	Disable      []string
	History      History
	Waivers      []*Waiver

	own        []*Rule  // the file's own rules, before any pack is merged
	indicators []indRef // every indicator number the file writes, with its place
}

// indRef is an indicator number written in the file, where it stands.
type indRef struct {
	n   int
	pos Pos
}

// Organization is the profile that decides which indicators apply.
type Organization struct {
	Name           string
	Categories     []Category
	Certifying     bool
	Subcontracting bool
	WorkLinked     bool
	NewEntrant     bool
	LightAudit     bool
}

// Has reports whether the organization meets condition c by its flags.
func (o Organization) Has(c Condition) bool {
	switch c {
	case Certifying:
		return o.Certifying
	case Subcontracting:
		return o.Subcontracting
	case WorkLinked:
		return o.WorkLinked
	}
	return false
}

// Audit holds the audit dates the organization knows.
type Audit struct {
	Initial Day // the initial certification audit
	Next    Day // the next scheduled audit, if booked
}

// History tunes how dates are read from git.
type History struct {
	IgnoreRevsFile string // commits that never count as updates
}

// DateMode says where a rule takes a file's last update from.
type DateMode string

// Date modes of a rule.
const (
	DateGit      DateMode = "git"
	DateFilename DateMode = "filename"
	DateMtime    DateMode = "mtime"
)

// Severity is how serious a finding is.
type Severity string

// Severities, from the most serious.
const (
	SevError   Severity = "error"
	SevWarning Severity = "warning"
	SevInfo    Severity = "info"
)

// Rank orders severities: error 3, warning 2, info 1.
func (s Severity) Rank() int {
	switch s {
	case SevError:
		return 3
	case SevWarning:
		return 2
	case SevInfo:
		return 1
	}
	return 0
}

// ParseSeverity reads error, warning or info.
func ParseSeverity(s string) (Severity, bool) {
	switch Severity(s) {
	case SevError, SevWarning, SevInfo:
		return Severity(s), true
	}
	return "", false
}

// Rule binds indicators to the files that prove them.
type Rule struct {
	ID         string
	Indicators []int
	Title      string
	TitleEN    string   // the title in English (title_en), for --lang en; empty: Title
	Paths      []string // doublestar globs, relative to the root (to the `each` directory when set)
	Exclude    []string
	Min        int
	MaxAge     Duration // zero: no freshness limit
	Each       string   // glob of directories judged one by one
	Due        *Offset  // with Each: from when the proof is required
	Date       DateMode
	Severity   Severity
	Builtin    bool // from the built-in pack
	// Basis says whether the freshness or deadline is an official rhythm or
	// a common practice (built-in rules only; "" for the user's own).
	Basis string
	// Proves is "implementation" for proofs that an activity took place, as
	// opposed to a formalised procedure: a new entrant's initial audit checks
	// only procedures (built-in rules only).
	Proves string
	File   string
	Line   int // where the rule is defined, for annotations
	// Match is how paths are compared: MatchFolded (default: case, accents
	// and separators folded) or MatchLiteral (as they are on disk).
	Match string
	// When, with Each, judges the rule only in the folders whose
	// session.toml sets this key (certification = "RNCP35185").
	When string
}

// Rule bases and proof stages of built-in rules.
const (
	BasisOfficial        = "official"
	BasisPractice        = "practice"
	ProvesImplementation = "implementation"
	ProvesProcedure      = "procedure"
)

// Waiver accepts, for a reason and a time, the findings of a rule or an
// indicator.
type Waiver struct {
	Rule      string
	Indicator int
	Reason    string
	Owner     string
	Until     Day // zero: no end
	Line      int
}

var ruleID = lazyre.New(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Load reads and checks the qlint.toml at path. A mistake comes back as an
// ErrorList naming the file, line and column.
func Load(path string) (*Config, error) {
	src, err := safefile.ReadPath(path, MaxConfigSize)
	if err != nil {
		return nil, err
	}
	return Parse(path, src)
}

// Parse reads and checks a qlint.toml from its text; name is the file name
// used in messages.
func Parse(name string, src []byte) (*Config, error) {
	d, data, err := decodeTOML(name, src)
	if err != nil {
		return nil, err
	}
	c := d.config(data)
	c.own, c.indicators = c.Rules, d.refs
	if len(d.errs) == 0 {
		d.checkNames(c)
	}
	if g, forced := Grid(c.Referential); forced && len(d.errs) == 0 {
		// A grid named in the file is known now: bind at once, so that
		// every mistake comes in one list.
		b, err := c.Bind(g)
		if err != nil {
			return nil, err
		}
		return b, nil
	}
	if len(d.errs) > 0 {
		d.errs.sort()
		return nil, d.errs
	}
	return c, nil
}

// decodeTOML parses the syntax and locates every key.
func decodeTOML(name string, src []byte) (*decoder, map[string]any, error) {
	text := string(src)
	if strings.HasPrefix(text, "\uFEFF") { // a BOM left by a Windows editor
		text = text[len("\uFEFF"):]
	}
	if err := checkBounds(name, text); err != nil {
		return nil, nil, err
	}
	text = frenchDatesToTOML(text)
	var data map[string]any
	if _, err := toml.Decode(text, &data); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			msg, hint := syntaxMessage(pe.Message)
			return nil, nil, ErrorList{{
				File: name, Line: syntaxLine(pe), Col: max(pe.Position.Col, 1),
				Msg: msg, Hint: hint,
			}}
		}
		return nil, nil, ErrorList{{File: name, Msg: i18n.T("syntaxe TOML invalide", "invalid TOML syntax: "+err.Error()), Hint: hintLine}}
	}
	return &decoder{file: name, pos: scanPositions(text)}, data, nil
}

type decoder struct {
	file string
	pos  positions
	errs ErrorList
	refs []indRef // indicator numbers read, with their places
}

func (d *decoder) failAt(p Pos, msg, hint i18n.Text) {
	d.errs = append(d.errs, &lang.Error{File: d.file, Line: p.Line, Col: p.Col, Msg: msg, Hint: hint})
}

// fail reports a mistake in the value at path.
func (d *decoder) fail(path string, msg, hint i18n.Text) { d.failAt(d.pos.at(path), msg, hint) }

var topKeys = []string{"schema", "extends", "referential", "lang", "organization", "audit", "defaults", "ignore", "rule", "disable", "history", "waiver"}

func (d *decoder) config(data map[string]any) *Config {
	c := &Config{File: d.file, WarnWithin: Duration{Days: 30}}
	d.known("", data, topKeys)
	c.Schema = d.schema(data)
	if v, ok := data["extends"]; ok {
		if s, ok := d.str("extends", v); ok {
			if s != "qualiopi" && s != "" {
				d.fail("extends", i18n.T(
					fmt.Sprintf("pack de règles inconnu « %s »", s), fmt.Sprintf("unknown rule pack %q", s)),
					i18n.T(`le seul pack intégré est "qualiopi"`, `the only built-in pack is "qualiopi"`))
			}
			c.Extends = s
		}
	}
	if v, ok := data["referential"]; ok {
		c.Referential = d.referential(v)
	}
	if v, ok := data["lang"]; ok {
		if s, ok := d.str("lang", v); ok {
			l, known := i18n.Parse(s)
			if !known {
				d.fail("lang", i18n.T(fmt.Sprintf("langue inconnue « %s »", s), fmt.Sprintf("unknown language %q", s)),
					i18n.T(`écrivez "fr" ou "en"`, `write "fr" or "en"`))
			}
			c.Lang = l
		}
	}
	if v, ok := data["organization"]; ok {
		c.Organization = d.organization(v)
	}
	if len(c.Organization.Categories) == 0 {
		c.Organization.Categories = []Category{AF}
	}
	if v, ok := data["audit"]; ok {
		c.Audit = d.audit(v)
	}
	if v, ok := data["defaults"]; ok {
		if t, ok := d.table("defaults", v, []string{"warn_within"}); ok {
			if w, ok := t["warn_within"]; ok {
				if dur, ok := d.duration("defaults.warn_within", w); ok {
					c.WarnWithin = dur
				}
			}
		}
	}
	if v, ok := data["ignore"]; ok {
		if t, ok := d.table("ignore", v, []string{"paths"}); ok {
			if p, ok := t["paths"]; ok {
				c.Ignore = d.globs("ignore.paths", p)
			}
		}
	}
	if v, ok := data["disable"]; ok {
		c.Disable = d.strs("disable", v)
	}
	if v, ok := data["history"]; ok {
		c.History = d.history(v)
	}
	if v, ok := data["rule"]; ok {
		c.Rules = d.rules(v, false)
	}
	if v, ok := data["waiver"]; ok {
		c.Waivers = d.waivers(v)
	}
	return c
}

// schema reads the format version, which every file must state.
func (d *decoder) schema(data map[string]any) int {
	v, ok := data["schema"]
	if !ok {
		d.failAt(Pos{1, 1}, i18n.T("la clé schema manque", "the schema key is missing"),
			i18n.T("ajoutez schema = 1 en tête du fichier", "add schema = 1 at the top of the file"))
		return 0
	}
	n, ok := d.integer("schema", v)
	if ok && n != SchemaVersion {
		d.fail("schema", i18n.T(
			fmt.Sprintf("schema = %d : cette version de qlint lit le format %d", n, SchemaVersion),
			fmt.Sprintf("schema = %d: this version of qlint reads format %d", n, SchemaVersion)),
			i18n.T("écrivez schema = 1, ou mettez qlint à jour", "write schema = 1, or update qlint"))
		return 0
	}
	return n
}

// history reads [history]: the file of commits that never count as
// updates, a path inside the evidence folder.
func (d *decoder) history(v any) History {
	var h History
	t, ok := d.table("history", v, []string{"ignore_revs_file"})
	if !ok {
		return h
	}
	if p, ok := t["ignore_revs_file"]; ok {
		if s, ok := d.str("history.ignore_revs_file", p); ok {
			if msg, ok := checkRelative(s); !ok {
				d.fail("history.ignore_revs_file", msg, i18n.T(
					"donnez un chemin relatif au dossier de preuves, par exemple \".qlint-ignore-revs\"",
					"give a path relative to the evidence folder, for example \".qlint-ignore-revs\""))
			}
			h.IgnoreRevsFile = s
		}
	}
	return h
}

var orgKeys = []string{"name", "categories", "certifying", "subcontracting", "work_linked", "new_entrant", "light_audit"}

func (d *decoder) organization(v any) Organization {
	var o Organization
	t, ok := d.table("organization", v, orgKeys)
	if !ok {
		return o
	}
	if x, ok := t["name"]; ok {
		o.Name, _ = d.str("organization.name", x)
	}
	if x, ok := t["categories"]; ok {
		for i, s := range d.strs("organization.categories", x) {
			c, known := KnownCategory(s)
			if !known {
				d.fail(fmt.Sprintf("organization.categories.%d", i),
					i18n.T(fmt.Sprintf("catégorie inconnue « %s »", s), fmt.Sprintf("unknown category %q", s)),
					i18n.T("catégories possibles : AF (formation), BC (bilan de compétences), VAE, CFA (apprentissage)",
						"possible categories: AF (training), BC (skills assessment), VAE, CFA (apprenticeship)"))
				continue
			}
			o.Categories = append(o.Categories, c)
		}
	}
	flags := []struct {
		key string
		dst *bool
	}{
		{"certifying", &o.Certifying}, {"subcontracting", &o.Subcontracting}, {"work_linked", &o.WorkLinked},
		{"new_entrant", &o.NewEntrant}, {"light_audit", &o.LightAudit},
	}
	for _, f := range flags {
		if x, ok := t[f.key]; ok {
			*f.dst, _ = d.boolean("organization."+f.key, x)
		}
	}
	return o
}

func (d *decoder) audit(v any) Audit {
	var a Audit
	t, ok := d.table("audit", v, []string{"initial", "next"})
	if !ok {
		return a
	}
	if x, ok := t["initial"]; ok {
		a.Initial, _ = d.day("audit.initial", x)
	}
	if x, ok := t["next"]; ok {
		a.Next, _ = d.day("audit.next", x)
	}
	if !a.Initial.IsZero() && !a.Next.IsZero() && a.Next.Before(a.Initial) {
		d.fail("audit.next", i18n.T(
			fmt.Sprintf("le prochain audit (%s) précède l'audit initial (%s)", a.Next, a.Initial),
			fmt.Sprintf("the next audit (%s) comes before the initial audit (%s)", a.Next, a.Initial)),
			i18n.T("vérifiez les deux dates de [audit]", "check both dates in [audit]"))
	}
	return a
}

var ruleKeys = []string{"id", "indicators", "title", "title_en", "paths", "exclude", "min", "max_age", "each", "due", "date", "severity", "match", "when"}

func (d *decoder) rules(v any, builtin bool) []*Rule {
	list, ok := v.([]map[string]any)
	if !ok {
		d.fail("rule", i18n.T("rule doit être un tableau de tables [[rule]]", "rule must be an array of tables [[rule]]"),
			i18n.T("écrivez chaque règle sous un en-tête [[rule]]", "write each rule under a [[rule]] header"))
		return nil
	}
	var out []*Rule
	seen := map[string]string{}
	for i, t := range list {
		base := fmt.Sprintf("rule.%d", i)
		var basis, proves string
		if builtin {
			basis, proves = d.packMarks(base, t)
		}
		r := d.rule(base, t)
		r.Builtin, r.Basis, r.Proves = builtin, basis, proves
		if r.ID != "" {
			if prev, dup := seen[r.ID]; dup {
				d.fail(base+".id", i18n.T(
					fmt.Sprintf("identifiant de règle « %s » en double (déjà utilisé ligne %s)", r.ID, prev),
					fmt.Sprintf("duplicate rule id %q (already used on line %s)", r.ID, prev)),
					i18n.T("chaque règle doit avoir un id unique", "every rule needs a unique id"))
			}
			seen[r.ID] = fmt.Sprint(d.pos.at(base + ".id").Line)
		}
		out = append(out, r)
	}
	return out
}

func (d *decoder) rule(base string, t map[string]any) *Rule {
	r := &Rule{Min: 1, Date: DateGit, Severity: SevError, File: d.file, Line: d.pos.key(base).Line}
	d.knownRule(base, t)
	d.ruleID(base, t, r)
	d.ruleProofs(base, t, r)
	d.ruleFreshness(base, t, r)
	d.ruleDate(base, t, r)
	d.matchKeys(base, t, r)
	d.ruleSeverity(base, t, r)
	return r
}

// ruleID reads the rule's id, which every rule needs.
func (d *decoder) ruleID(base string, t map[string]any, r *Rule) {
	if x, ok := t["id"]; ok {
		if s, ok := d.str(base+".id", x); ok {
			if !ruleID.MatchString(s) {
				d.fail(base+".id", i18n.T(fmt.Sprintf("identifiant de règle invalide « %s »", s), fmt.Sprintf("invalid rule id %q", s)),
					i18n.T(`des mots en minuscules reliés par des tirets, par exemple "veille-legale"`,
						`lower-case words joined by dashes, for example "veille-legale"`))
			}
			r.ID = s
		}
	} else {
		d.failAt(d.pos.key(base), i18n.T("règle sans id", "rule without an id"),
			i18n.T(`ajoutez id = "un-nom-court" à la règle`, `add id = "a-short-name" to the rule`))
	}
}

// ruleProofs reads what the rule asks for: the indicators it serves, its
// title and the patterns of its proofs.
func (d *decoder) ruleProofs(base string, t map[string]any, r *Rule) {
	if x, ok := t["indicators"]; ok {
		r.Indicators = d.indicators(base+".indicators", x)
	} else {
		d.failAt(d.pos.key(base), i18n.T(fmt.Sprintf("la règle « %s » n'indique aucun indicateur", r.ID),
			fmt.Sprintf("rule %q names no indicator", r.ID)),
			i18n.T("ajoutez indicators = [numéros des indicateurs Qualiopi que cette preuve sert]",
				"add indicators = [the numbers of the Qualiopi indicators this proof serves]"))
	}
	if x, ok := t["title"]; ok {
		r.Title, _ = d.str(base+".title", x)
	}
	if x, ok := t["title_en"]; ok {
		r.TitleEN, _ = d.str(base+".title_en", x)
	}
	if x, ok := t["paths"]; ok {
		before := len(d.errs)
		r.Paths = d.globs(base+".paths", x)
		// Patterns refused one by one are said as such: the rule has
		// patterns, only wrong ones.
		if len(r.Paths) == 0 && len(d.errs) == before {
			d.fail(base+".paths", i18n.T(fmt.Sprintf("la règle « %s » n'a aucun motif de fichier", r.ID),
				fmt.Sprintf("rule %q has no file pattern", r.ID)),
				i18n.T(`par exemple paths = ["veille/legale/*.md"]`, `for example paths = ["veille/legale/*.md"]`))
		}
	} else {
		d.failAt(d.pos.key(base), i18n.T(fmt.Sprintf("la règle « %s » n'a pas de paths", r.ID), fmt.Sprintf("rule %q has no paths", r.ID)),
			i18n.T(`ajoutez paths = ["dossier/*.pdf"], les fichiers qui prouvent l'indicateur`,
				`add paths = ["folder/*.pdf"], the files that prove the indicator`))
	}
	if x, ok := t["exclude"]; ok {
		r.Exclude = d.globs(base+".exclude", x)
	}
}

// ruleFreshness reads how many proofs the rule needs and how fresh: min,
// max_age, and each with its due date.
func (d *decoder) ruleFreshness(base string, t map[string]any, r *Rule) {
	if x, ok := t["min"]; ok {
		if n, ok := d.integer(base+".min", x); ok {
			if n < 1 {
				d.fail(base+".min", i18n.T(fmt.Sprintf("min = %d : il faut au moins 1 fichier", n), fmt.Sprintf("min = %d: at least 1 file is needed", n)),
					i18n.T("pour ne plus vérifier une règle intégrée, mettez son id dans disable",
						"to stop checking a built-in rule, list its id in disable"))
			}
			r.Min = n
		}
	}
	if x, ok := t["max_age"]; ok {
		if dur, ok := d.duration(base+".max_age", x); ok {
			r.MaxAge = dur
		}
	}
	if x, ok := t["each"]; ok {
		if s, ok := d.str(base+".each", x); ok {
			r.Each = d.glob(base+".each", s)
		}
	}
	if x, ok := t["due"]; ok {
		if s, ok := d.str(base+".due", x); ok {
			o, err := ParseOffset(s)
			if err != nil {
				d.valueError(base+".due", err)
			} else {
				r.Due = &o
			}
			if _, hasEach := t["each"]; !hasEach {
				d.fail(base+".due", i18n.T("due n'a de sens qu'avec each : l'échéance se compte depuis les dates de chaque dossier",
					"due only makes sense with each: it counts from each directory's dates"),
					i18n.T(`ajoutez each = "sessions/*" (par exemple), ou retirez due`, `add each = "sessions/*" (for example), or remove due`))
			}
		}
	}
}

// ruleDate reads where the rule's proofs are dated from.
func (d *decoder) ruleDate(base string, t map[string]any, r *Rule) {
	if x, ok := t["date"]; ok {
		if s, ok := d.str(base+".date", x); ok {
			switch DateMode(s) {
			case DateGit, DateFilename, DateMtime:
				r.Date = DateMode(s)
			default:
				d.fail(base+".date", i18n.T(fmt.Sprintf("source de date inconnue « %s »", s), fmt.Sprintf("unknown date source %q", s)),
					i18n.T(`écrivez "git" (historique), "filename" (date dans le nom) ou "mtime" (date du fichier)`,
						`write "git" (history), "filename" (date in the name) or "mtime" (file time)`))
			}
		}
	}
}

// ruleSeverity reads how much a finding of the rule weighs.
func (d *decoder) ruleSeverity(base string, t map[string]any, r *Rule) {
	if x, ok := t["severity"]; ok {
		if s, ok := d.str(base+".severity", x); ok {
			sev, known := ParseSeverity(s)
			if !known {
				d.fail(base+".severity", i18n.T(fmt.Sprintf("sévérité inconnue « %s »", s), fmt.Sprintf("unknown severity %q", s)),
					i18n.T(`écrivez "error", "warning" ou "info"`, `write "error", "warning" or "info"`))
			}
			r.Severity = sev
		}
	}
}

// packMarks reads, checks and takes out of t the keys only the built-in
// pack may use: basis (official or practice, by default practice) and proves
// (procedure or implementation, by default procedure).
func (d *decoder) packMarks(base string, t map[string]any) (basis, proves string) {
	take := func(key, def string, allowed ...string) string {
		v, ok := t[key]
		if !ok {
			return def
		}
		delete(t, key)
		s, _ := v.(string)
		for _, a := range allowed {
			if s == a {
				return s
			}
		}
		d.fail(base+"."+key, i18n.T(fmt.Sprintf("%s invalide %q", key, s), fmt.Sprintf("invalid %s %q", key, s)), i18n.Text{})
		return def
	}
	return take("basis", BasisPractice, BasisOfficial, BasisPractice),
		take("proves", ProvesProcedure, ProvesProcedure, ProvesImplementation)
}

// knownRule is known() for a rule, with a pointed hint for a top-level key
// written after a [[rule]] header, where TOML makes it part of the rule.
func (d *decoder) knownRule(base string, t map[string]any) {
	for k := range t {
		switch k {
		case "disable", "extends", "schema", "lang", "referential":
			d.failAt(d.pos.key(base+"."+k), i18n.T(
				fmt.Sprintf("%s est une clé de premier niveau, mais ici elle fait partie de la règle au-dessus", k),
				fmt.Sprintf("%s is a top-level key, but here it belongs to the rule above it", k)),
				i18n.T(fmt.Sprintf("déplacez la ligne %s avant le premier en-tête [section] du fichier", k),
					fmt.Sprintf("move the %s line above the first [section] header of the file", k)))
			delete(t, k)
		}
	}
	d.known(base, t, ruleKeys)
}

func (d *decoder) waivers(v any) []*Waiver {
	list, ok := v.([]map[string]any)
	if !ok {
		d.fail("waiver", i18n.T("waiver doit être un tableau de tables [[waiver]]", "waiver must be an array of tables [[waiver]]"),
			i18n.T("écrivez chaque dérogation sous un en-tête [[waiver]]", "write each waiver under a [[waiver]] header"))
		return nil
	}
	var out []*Waiver
	for i, t := range list {
		base := fmt.Sprintf("waiver.%d", i)
		w := &Waiver{Line: d.pos.key(base).Line}
		d.known(base, t, []string{"rule", "indicator", "reason", "owner", "until"})
		if x, ok := t["rule"]; ok {
			w.Rule, _ = d.str(base+".rule", x)
		}
		if x, ok := t["indicator"]; ok {
			if n, ok := d.integer(base+".indicator", x); ok {
				if _, known := widest().Indicator(n); !known {
					d.fail(base+".indicator", indicatorRange(n), indicatorHint())
				} else {
					d.refs = append(d.refs, indRef{n, d.pos.at(base + ".indicator")})
				}
				w.Indicator = n
			}
		}
		switch {
		case w.Rule == "" && w.Indicator == 0:
			d.failAt(d.pos.key(base), i18n.T("dérogation sans rule ni indicator", "waiver with neither rule nor indicator"),
				i18n.T(`indiquez rule = "id-de-la-regle" ou indicator = 12`, `give rule = "rule-id" or indicator = 12`))
		case w.Rule != "" && w.Indicator != 0:
			d.fail(base+".indicator", i18n.T("une dérogation vise une règle ou un indicateur, pas les deux",
				"a waiver names a rule or an indicator, not both"),
				i18n.T("écrivez deux [[waiver]] si les deux sont voulus", "write two [[waiver]] if both are meant"))
		}
		if x, ok := t["reason"]; ok {
			w.Reason, _ = d.str(base+".reason", x)
		}
		if strings.TrimSpace(w.Reason) == "" {
			d.failAt(d.pos.key(base), i18n.T("dérogation sans raison (reason)", "waiver without a reason"),
				i18n.T(`ajoutez reason = "pourquoi, et avec qui c'est convenu" : l'auditeur le demandera`,
					`add reason = "why, and who agreed": the auditor will ask`))
		}
		if x, ok := t["owner"]; ok {
			w.Owner, _ = d.str(base+".owner", x)
		}
		if x, ok := t["until"]; ok {
			w.Until, _ = d.day(base+".until", x)
		}
		out = append(out, w)
	}
	return out
}

func indicatorRange(n int) i18n.Text {
	w := len(widest().Indicators)
	return i18n.T(
		fmt.Sprintf("indicateur %d inconnu : le référentiel va de 1 à %d", n, w),
		fmt.Sprintf("unknown indicator %d: the référentiel runs from 1 to %d", n, w))
}

// indicatorHint says which numbers each grid has.
func indicatorHint() i18n.Text {
	var fr, en []string
	for _, g := range gridList() {
		fr = append(fr, fmt.Sprintf("1 à %d sur %s", len(g.Indicators), g.Version))
		en = append(en, fmt.Sprintf("1 to %d on %s", len(g.Indicators), g.Version))
	}
	return i18n.T("les numéros sont ceux du référentiel national qualité : "+strings.Join(fr, ", "),
		"numbers follow the national quality référentiel: "+strings.Join(en, ", "))
}

func (d *decoder) indicators(path string, v any) []int {
	arr, ok := v.([]any)
	if !ok {
		d.typeError(path, v, typeIntList)
		return nil
	}
	if len(arr) == 0 {
		d.fail(path, i18n.T("liste d'indicateurs vide", "empty list of indicators"),
			i18n.T("indiquez au moins un numéro d'indicateur, par exemple [23]", "give at least one indicator number, for example [23]"))
	}
	var out []int
	for i, x := range arr {
		el := fmt.Sprintf("%s.%d", path, i)
		n, ok := d.integer(el, x)
		if !ok {
			continue
		}
		if _, known := widest().Indicator(n); !known {
			d.fail(el, indicatorRange(n), indicatorHint())
			continue
		}
		d.refs = append(d.refs, indRef{n, d.pos.at(el)})
		out = append(out, n)
	}
	return sortedInts(out)
}

// checkNames checks what names rules: disable names a rule of the built-in
// pack of some grid, a waiver an existing rule. A name that only one grid's
// pack has is accepted: with referential = "auto" the same file serves on
// both sides of a switch.
func (d *decoder) checkNames(c *Config) {
	builtinIDs := map[string]bool{}
	if c.Extends == "qualiopi" {
		for _, g := range gridList() {
			for _, r := range g.Pack() {
				builtinIDs[r.ID] = true
			}
		}
	}
	for i, id := range c.Disable {
		if !builtinIDs[id] {
			hint := i18n.T("disable ne retire que des règles du pack intégré (extends = \"qualiopi\")",
				"disable only drops rules of the built-in pack (extends = \"qualiopi\")")
			if s := Closest(id, keys(builtinIDs), false); s != "" {
				hint = i18n.T(fmt.Sprintf("vouliez-vous dire %q ?", s), fmt.Sprintf("did you mean %q?", s))
			}
			d.fail(fmt.Sprintf("disable.%d", i), i18n.T(fmt.Sprintf("aucune règle intégrée ne s'appelle « %s »", id),
				fmt.Sprintf("no built-in rule is called %q", id)), hint)
		}
	}
	all := maps.Clone(builtinIDs)
	for _, r := range c.Rules {
		all[r.ID] = true
	}
	for i, w := range c.Waivers {
		if w.Rule == "" {
			continue
		}
		if !all[w.Rule] {
			hint := i18n.T("une dérogation doit nommer l'id d'une règle existante", "a waiver must name the id of an existing rule")
			if s := Closest(w.Rule, keys(all), false); s != "" {
				hint = i18n.T(fmt.Sprintf("vouliez-vous dire %q ?", s), fmt.Sprintf("did you mean %q?", s))
			}
			d.fail(fmt.Sprintf("waiver.%d.rule", i), i18n.T(fmt.Sprintf("la dérogation vise une règle inconnue « %s »", w.Rule),
				fmt.Sprintf("the waiver names an unknown rule %q", w.Rule)), hint)
		}
	}
}

// mergePack brings in a grid's built-in pack, replaces its rules by the
// file's own with the same id, and drops the disabled ones.
func mergePack(c *Config, pack []*Rule) []*Rule {
	byID := map[string]*Rule{}
	var merged []*Rule
	for _, r := range pack {
		byID[r.ID] = r
		merged = append(merged, r)
	}
	for _, id := range c.Disable {
		delete(byID, id)
	}
	for _, r := range c.own {
		if old, ok := byID[r.ID]; ok && old.Builtin {
			for i, m := range merged {
				if m == old {
					merged[i] = r
				}
			}
		} else {
			merged = append(merged, r)
		}
		byID[r.ID] = r
	}
	out := make([]*Rule, 0, len(merged))
	for _, r := range merged {
		if byID[r.ID] == r {
			out = append(out, r)
		}
	}
	return out
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
