package rules

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/lang"
)

// The kinds of value a key can expect, for type errors.
var (
	typeString   = i18n.T("un texte entre guillemets", "a quoted string")
	typeInt      = i18n.T("un nombre entier", "a whole number")
	typeBool     = i18n.T("true ou false", "true or false")
	typeDate     = i18n.T("une date comme 2025-06-12", "a date such as 2025-06-12")
	typeTable    = i18n.T("une table [section]", "a [section] table")
	typeStrList  = i18n.T(`une liste de textes, comme ["a", "b"]`, `a list of strings, such as ["a", "b"]`)
	typeIntList  = i18n.T("une liste de nombres, comme [1, 2]", "a list of numbers, such as [1, 2]")
	typeDuration = i18n.T(`une durée entre guillemets, comme "3mo"`, `a quoted duration, such as "3mo"`)
)

// describe names the kind of a decoded TOML value.
func describe(v any) i18n.Text {
	switch v.(type) {
	case string:
		return i18n.T("un texte", "a string")
	case int64:
		return i18n.T("un nombre entier", "a whole number")
	case float64:
		return i18n.T("un nombre décimal", "a decimal number")
	case bool:
		return i18n.T("un booléen", "a boolean")
	case time.Time:
		return i18n.T("une date", "a date")
	case []any:
		return i18n.T("une liste", "a list")
	case map[string]any:
		return i18n.T("une table", "a table")
	case []map[string]any:
		return i18n.T("un tableau de tables", "an array of tables")
	}
	return i18n.T("une valeur", "a value")
}

// keyName returns the last key of a path, or the element it is in.
func keyName(path string) string {
	parts := strings.Split(path, ".")
	for i := len(parts) - 1; i >= 0; i-- {
		if !isIndex(parts[i]) {
			return parts[i]
		}
	}
	return path
}

func isIndex(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func (d *decoder) typeError(path string, v any, want i18n.Text) {
	k := keyName(path)
	found := describe(v)
	d.fail(path, i18n.T(
		fmt.Sprintf("%s : %s attendu, trouvé %s", k, want.FR, found.FR),
		fmt.Sprintf("%s: expected %s, found %s", k, want.EN, found.EN)), i18n.Text{})
}

// valueError places a value's error (a lang.Error, or any error) at path.
func (d *decoder) valueError(path string, err error) {
	var ve *lang.Error
	if errors.As(err, &ve) {
		d.fail(path, ve.Msg, ve.Hint)
		return
	}
	d.fail(path, i18n.T(err.Error(), err.Error()), i18n.Text{})
}

// known reports the keys of a table that qlint does not know, suggesting the
// closest known one.
func (d *decoder) known(base string, t map[string]any, allowed []string) {
	var unknown []string
	for k := range t {
		found := false
		for _, a := range allowed {
			if k == a {
				found = true
				break
			}
		}
		if !found {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	for _, k := range unknown {
		path := join(base, k)
		hint := i18n.T("clés possibles : "+strings.Join(allowed, ", "), "possible keys: "+strings.Join(allowed, ", "))
		if s := Closest(k, allowed, false); s != "" {
			hint = i18n.T(fmt.Sprintf("vouliez-vous dire %q ?", s), fmt.Sprintf("did you mean %q?", s))
		}
		section := sectionName(base)
		if base != "" && isTopKey(k) {
			// referential = "…" written at the end of the file lands in
			// the last [section]: TOML has no way back to the top level.
			hint = i18n.T(
				fmt.Sprintf("%s est une clé de premier niveau, en haut du fichier : déplacez la ligne %s avant le premier en-tête [section] (écrite après %s, elle en fait partie)", k, k, strings.TrimPrefix(section.FR, "dans ")),
				fmt.Sprintf("%s is a top-level key, at the top of the file: move the %s line above the first [section] header (written after %s, it is part of it)", k, k, strings.TrimPrefix(section.EN, "in ")))
		}
		msg := i18n.T(fmt.Sprintf("clé inconnue « %s » %s", k, section.FR), fmt.Sprintf("unknown key %q %s", k, section.EN))
		if m, h, ok := misplacedKey(k, sectionHeader(base)); ok && !(base != "" && isTopKey(k)) && !nearKey(k, allowed) {
			msg, hint = m, h
		}
		d.failAt(d.pos.key(path), msg, hint)
	}
}

func sectionName(base string) i18n.Text {
	if base == "" {
		return i18n.T("au premier niveau", "at the top level")
	}
	name := keyName(base)
	if name != base {
		return i18n.T(fmt.Sprintf("dans [[%s]]", name), fmt.Sprintf("in [[%s]]", name))
	}
	return i18n.T(fmt.Sprintf("dans [%s]", name), fmt.Sprintf("in [%s]", name))
}

func (d *decoder) table(path string, v any, allowed []string) (map[string]any, bool) {
	t, ok := v.(map[string]any)
	if !ok {
		d.typeError(path, v, typeTable)
		return nil, false
	}
	d.known(path, t, allowed)
	return t, true
}

func (d *decoder) str(path string, v any) (string, bool) {
	s, ok := v.(string)
	if !ok {
		d.typeError(path, v, typeString)
	}
	return s, ok
}

func (d *decoder) integer(path string, v any) (int, bool) {
	n, ok := v.(int64)
	if !ok {
		d.typeError(path, v, typeInt)
		return 0, false
	}
	if n > math.MaxInt32 || n < math.MinInt32 {
		d.fail(path, i18n.T(fmt.Sprintf("%s : nombre trop grand", keyName(path)), fmt.Sprintf("%s: number too large", keyName(path))), i18n.Text{})
		return 0, false
	}
	return int(n), true
}

func (d *decoder) boolean(path string, v any) (bool, bool) {
	b, ok := v.(bool)
	if !ok {
		d.typeError(path, v, typeBool)
	}
	return b, ok
}

func (d *decoder) strs(path string, v any) []string {
	arr, ok := v.([]any)
	if !ok {
		d.typeError(path, v, typeStrList)
		return nil
	}
	out := make([]string, 0, len(arr))
	for i, x := range arr {
		if s, ok := d.str(fmt.Sprintf("%s.%d", path, i), x); ok {
			out = append(out, s)
		}
	}
	return out
}

func (d *decoder) day(path string, v any) (Day, bool) {
	switch x := v.(type) {
	case time.Time:
		return DayOf(x), true
	case string:
		day, err := ParseDay(x)
		if err != nil {
			p := DayProblem(x)
			d.fail(path, i18n.T(fmt.Sprintf("%s : %s", keyName(path), p.FR), fmt.Sprintf("%s: %s", keyName(path), p.EN)),
				i18n.T("écrivez la date sous la forme jj/mm/aaaa (par exemple 12/06/2025) ou aaaa-mm-jj", "write the date as dd/mm/yyyy (for example 12/06/2025) or yyyy-mm-dd"))
			return Day{}, false
		}
		return day, true
	}
	d.typeError(path, v, typeDate)
	return Day{}, false
}

func (d *decoder) duration(path string, v any) (Duration, bool) {
	s, ok := v.(string)
	if !ok {
		d.typeError(path, v, typeDuration)
		return Duration{}, false
	}
	dur, err := ParseDuration(s)
	if err != nil {
		d.valueError(path, err)
		return Duration{}, false
	}
	if dur.IsZero() {
		d.fail(path, i18n.T(fmt.Sprintf("%s : une durée nulle n'a pas de sens", keyName(path)), fmt.Sprintf("%s: a zero duration makes no sense", keyName(path))),
			i18n.T(`donnez une durée positive, comme "30d"`, `give a positive duration, such as "30d"`))
		return Duration{}, false
	}
	return dur, true
}

// globs reads a list of patterns and checks each.
func (d *decoder) globs(path string, v any) []string {
	arr, ok := v.([]any)
	if !ok {
		d.typeError(path, v, typeStrList)
		return nil
	}
	var out []string
	for i, x := range arr {
		el := fmt.Sprintf("%s.%d", path, i)
		if s, ok := d.str(el, x); ok {
			if g := d.glob(el, s); g != "" {
				out = append(out, g)
			}
		}
	}
	return out
}

// glob checks one pattern: valid doublestar syntax, relative, inside the root.
func (d *decoder) glob(path, s string) string {
	if msg, ok := checkRelative(s); !ok {
		d.fail(path, msg, i18n.T(
			`les motifs sont relatifs au dossier de preuves, avec des / : "sessions/*/emargement*.pdf"`,
			`patterns are relative to the evidence folder, with / separators: "sessions/*/emargement*.pdf"`))
		return ""
	}
	if msg, ok := checkGlobBounds(s); !ok {
		d.fail(path, msg, i18n.T("un motif a d'ordinaire un ou deux groupes {a,b} de quelques variantes : écrivez plutôt plusieurs motifs dans la liste",
			"a pattern usually has one or two {a,b} groups of a few variants: write several patterns in the list instead"))
		return ""
	}
	if !doublestar.ValidatePattern(s) {
		d.fail(path, i18n.T(fmt.Sprintf("motif de fichier invalide « %s »", s), fmt.Sprintf("invalid file pattern %q", s)),
			i18n.T("vérifiez que chaque [ a son ] et chaque { son } ; * et ** remplacent des noms, {a,b} des variantes",
				"check that every [ has its ] and every { its }; * and ** stand for names, {a,b} for variants"))
		return ""
	}
	return strings.TrimPrefix(s, "./")
}

// checkRelative refuses a path that is empty, absolute, written with
// backslashes, or that climbs out of the evidence folder.
func checkRelative(s string) (i18n.Text, bool) {
	switch {
	case strings.TrimSpace(s) == "":
		return i18n.T("chemin vide", "empty path"), false
	case strings.HasPrefix(s, "/") || (len(s) > 1 && s[1] == ':'):
		return i18n.T(fmt.Sprintf("chemin absolu « %s » refusé", s), fmt.Sprintf("absolute path %q refused", s)), false
	case strings.Contains(s, `\`) && !strings.ContainsAny(s, "[]{}*?"):
		return i18n.T(fmt.Sprintf("chemin « %s » écrit avec des \\", s), fmt.Sprintf("path %q written with \\", s)), false
	}
	for _, part := range strings.Split(s, "/") {
		if part == ".." {
			return i18n.T(fmt.Sprintf("le chemin « %s » sort du dossier de preuves", s), fmt.Sprintf("path %q leaves the evidence folder", s)), false
		}
	}
	return i18n.Text{}, true
}

// isTopKey reports whether k is a key of the top level of qlint.toml that
// is not a table: one written too low in the file lands in a section.
func isTopKey(k string) bool {
	switch k {
	case "organization", "audit", "defaults", "ignore", "rule", "history", "waiver":
		return false
	}
	for _, t := range topKeys {
		if t == k {
			return true
		}
	}
	return false
}
