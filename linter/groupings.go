package linter

import (
	"strings"

	"github.com/qlint/qlint/rules"
)

// How an undated folder that only holds folders is read. A folder such as
// sessions/2023/ or alternance/apprentis/Promo 2026/ holds the items of a
// year or a promotion, each in its own subfolder: judged as one item, the
// proofs of one session would hide the missing proofs of the next (a false
// conforme). A session folder with thematic subfolders (émargements/,
// évaluations/) is one item all the same. So an undated folder that holds
// no proof file directly, but two or more subfolders with files, only
// groups items when
//   - its name is a year, a period or a promotion ("2023", "2023-2024",
//     "Promo 2026", "Année 2024", "Sessions 2025"), or
//   - every one of those subfolders looks like an item: it is dated, or its
//     name is not one a rule of that each pattern looks for (not
//     émargements/) and it holds a file that such a rule takes.
// In doubt, each subfolder is judged on its own: a false alarm is better
// than a false conforme.

// periodWords are the words that, with a year, name a period or a
// promotion rather than a session (folded).
var periodWords = map[string]bool{
	"promo": true, "promos": true, "promotion": true, "promotions": true, "annee": true, "annees": true,
	"year": true, "cohorte": true, "cohort": true, "rentree": true, "exercice": true, "millesime": true,
	"saison": true, "sessions": true, "formations": true, "classe": true, "class": true, "batch": true,
	"scolaire": true, "civile": true, "universitaire": true, "academique": true, "de": true, "du": true,
	"des": true, "et": true, "a": true, "au": true, "s1": true, "s2": true, "semestre": true,
}

// periodName reports whether a folder's name (folded) is a year, a period
// or a promotion: a year, alone or with period words and other years.
func periodName(name string) bool {
	years := 0
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return !('a' <= r && r <= 'z' || '0' <= r && r <= '9') }) {
		switch {
		case len(w) == 4 && (strings.HasPrefix(w, "19") || strings.HasPrefix(w, "20")) && allDigits(w):
			years++
		case len(w) == 2 && allDigits(w) && years > 0: // 2023-24
		case periodWords[w]:
		default:
			return false
		}
	}
	return years > 0
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// groupPatterns are the patterns of the rules that share an each pattern:
// what is looked for in each item.
func (j *judge) groupPatterns(each string) []matcher {
	if ms, ok := j.groupPats[each]; ok {
		return ms
	}
	var ms []matcher
	for _, r := range j.Config.Rules {
		if r.Each == each {
			ms = append(ms, compileAs(r.Paths, r.Match == rules.MatchLiteral)...)
		}
	}
	if j.groupPats == nil {
		j.groupPats = map[string][]matcher{}
	}
	j.groupPats[each] = ms
	return ms
}

// groups reports whether the undated folder key (folded) only groups items
// in its subfolders.
func (j *judge) groups(key string, pats []matcher) bool {
	ff := j.facts()
	if ff.direct[key] {
		return false
	}
	var full []int
	for _, c := range ff.children[key] {
		if ff.hasFiles[j.Tree.dirKeys[c]] {
			full = append(full, c)
		}
	}
	if len(full) < 2 {
		return false
	}
	if periodName(base(key)) {
		return true
	}
	for _, c := range full {
		if !j.itemLike(j.Tree.dirKeys[c], pats) {
			return false
		}
	}
	return true
}

// itemLike reports whether folder key (folded) looks like an item of its
// own rather than a part of one.
func (j *judge) itemLike(key string, pats []matcher) bool {
	ff := j.facts()
	if ff.dated[key] || ff.datedBelow[key] {
		return true
	}
	name := base(key)
	for _, m := range pats {
		// A pattern that takes any file says nothing of folder names.
		if m.match(name+"/qlint-probe") && !m.match("qlint-probe") {
			return false // a thematic folder: émargements/
		}
	}
	var holds func(k string) bool
	holds = func(k string) bool {
		for _, i := range ff.files[k] {
			if !j.describes[i] && matchAny(pats, j.Tree.Files[i].key[len(key)+1:]) {
				return true
			}
		}
		for _, c := range ff.children[k] {
			if holds(j.Tree.dirKeys[c]) {
				return true
			}
		}
		return false
	}
	return holds(key)
}
