package linter

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/rules"
)

// nearMiss is a missing proof whose folder may hold it under another name.
type nearMiss struct {
	finding int    // index in j.findings
	folder  string // folded folder whose unmapped files are the suspects ("" for the root's own files)
	deep    bool   // files at any depth of folder, or only those right in it
	rule    *rules.Rule
	// into is the folder the rule takes whole (its pattern is "DIR/**"),
	// as written: a suspect belongs there, and no name would make it a
	// proof where it lies.
	into string
	// item is a proof filed in each item's folder (a session's); and
	// folderAsWritten the rule's folder as its pattern writes it.
	item            bool
	folderAsWritten string
	// stale is a proof out of date, last updated on last: only a newer
	// file elsewhere is pointed to.
	stale bool
	last  rules.Day
}

// noteMissing records a missing finding just added, for the near misses.
func (j *judge) noteMissing(r *rules.Rule, dir string) {
	if p, ok := j.unreadFor(r, dir); ok {
		f := &j.findings[len(j.findings)-1]
		f.text = i18n.T(f.text.FR+fmt.Sprintf(" Le dossier « %s » n'a pas pu être lu : la preuve s'y trouve peut-être.", p),
			f.text.EN+fmt.Sprintf(" The folder %q could not be read: the proof may be there.", p))
	}
	j.nearMisses = append(j.nearMisses, j.nearMissOf(r, dir))
}

// noteStale records a stale finding just added (a rule outside item
// folders, last updated on last): a newer version may lie elsewhere.
func (j *judge) noteStale(r *rules.Rule, last rules.Day) {
	n := j.nearMissOf(r, "")
	n.stale, n.last = true, last
	j.nearMisses = append(j.nearMisses, n)
}

// nearMissOf is the near miss of the finding just added for rule r (in
// the item folder dir, "" for none).
func (j *judge) nearMissOf(r *rules.Rule, dir string) nearMiss {
	n := nearMiss{finding: len(j.findings) - 1, rule: r, deep: true}
	switch {
	case dir != "":
		n.folder, n.item = fold(dir), true
	case len(r.Paths) > 0:
		p := r.Paths[0]
		if r.Match != rules.MatchLiteral {
			p = fold(p)
		}
		dir, _ := patternFolder(p)
		rest := strings.TrimPrefix(p, dir)
		switch {
		case rest == "/**" && dir != "":
			// A whole folder: the folder may be there under another name,
			// in its parent.
			n.folder = path.Dir(dir)
			if n.folder == "." {
				n.folder = ""
			}
			n.into = strings.TrimSuffix(r.Paths[0], "/**")
		default:
			n.folder, n.deep = dir, strings.Contains(rest, "**")
		}
		n.folderAsWritten, _ = patternFolder(r.Paths[0])
		n.deep = n.deep || n.folder != "" && rest == "/**"
	}
	return n
}

// maxSuspects is how many unmapped files a finding names.
const maxSuspects = 3

// pointNearMisses adds to each missing finding the files of its folder that
// no rule took: the proof is likely one of them under another name.
func (j *judge) pointNearMisses(mapped []bool, own map[string]bool) {
	if len(j.nearMisses) == 0 {
		return
	}
	// The unmapped files by folded path, sorted: a folder's files are a
	// range, found by binary search (a tree may have thousands of items
	// with a missing proof).
	var unmapped []int
	for i, f := range j.Tree.Files {
		if !mapped[i] && !own[f.key] && !describesFolder(&j.Tree.Files[i]) && !isCIFile(f.key) {
			unmapped = append(unmapped, i)
		}
	}
	key := func(k int) string { return j.Tree.Files[unmapped[k]].key }
	sort.Slice(unmapped, func(a, b int) bool { return key(a) < key(b) })
	// Each missing proof's suspects, and how well each fits it.
	suspects := make([][]int, len(j.nearMisses))
	scores := make([][]int, len(j.nearMisses))
	best := map[int]int{} // by file: the best fit among the proofs it may be
	for m, n := range j.nearMisses {
		if n.stale {
			continue
		}
		from, prefix := 0, ""
		if n.folder != "" {
			prefix = n.folder + "/"
			from = sort.Search(len(unmapped), func(k int) bool { return key(k) >= prefix })
		}
		words := ruleWords(n.rule)
		for k := from; k < len(unmapped); k++ {
			i := unmapped[k]
			kk := key(k)
			if !strings.HasPrefix(kk, prefix) {
				break
			}
			if !n.deep && strings.Contains(kk[len(prefix):], "/") {
				continue
			}
			score := fits(path.Base(kk), words)
			suspects[m], scores[m] = append(suspects[m], i), append(scores[m], score)
			best[i] = max(best[i], score)
		}
	}
	named := map[int]bool{} // files suggested in their own folder
	var lonely []int        // missing proofs with no suspect in their folder
	for m, n := range j.nearMisses {
		if n.stale {
			lonely = append(lonely, m)
			continue
		}
		var names []string
		more := 0
		for s, i := range suspects[m] {
			if scores[m][s] < best[i] {
				// Its name fits another missing proof better: named
				// there only ("Plan des locaux.pdf" under the premises,
				// not under each proof of the folder).
				continue
			}
			if len(names) == maxSuspects {
				more++
				continue
			}
			name := j.Tree.Files[i].Path
			if n.folder != "" {
				// Inside the folder, as the user sees it from there.
				name = relInside(name, strings.Count(n.folder, "/")+1)
			}
			names = append(names, name)
			named[i] = true
		}
		if len(names) == 0 {
			lonely = append(lonely, m)
			continue
		}
		f := &j.findings[n.finding]
		into := n.into
		if n.rule.Match != rules.MatchLiteral {
			into = j.Tree.onDisk(into) // her spelling, the same to the rule
		}
		f.text = msgNearMiss(f.text, n.rule, into, names, more)
	}
	j.pointElsewhere(lonely, unmapped, named)
}

// pointElsewhere adds, to the missing proofs that have no suspect in their
// own folder, the files elsewhere whose names tell them (her
// "Réclamations/registre.xlsx" for the complaints register that goes in
// 07-amelioration/reclamations): each file named under the proof it fits
// best, and only by the words that tell a proof, not by "formation" or
// "session". Proofs filed in each session's or trainer's folder are left
// out: their folders are the items.
func (j *judge) pointElsewhere(lonely, unmapped []int, named map[int]bool) {
	// A file that looks like the proof of an item's rule (a CV) is told so
	// by its own finding, not offered for another proof.
	for _, i := range unmapped {
		for _, e := range j.eachRules {
			if e.matches(i, 0) {
				named[i] = true
				break
			}
		}
	}
	type fit struct{ m, score int }
	fitsOf := map[int][]fit{} // by file
	best := map[int]int{}
	for _, m := range lonely {
		n := j.nearMisses[m]
		if n.folder == "" || n.item {
			continue // a top-level pattern already looked everywhere
		}
		words := slices.DeleteFunc(ruleWords(n.rule), func(w string) bool { return genericWords[w] })
		if len(words) == 0 {
			continue
		}
		for _, i := range unmapped {
			k := j.Tree.Files[i].key
			if named[i] || strings.HasPrefix(k, n.folder+"/") {
				continue
			}
			if n.stale {
				if d, _ := j.date(n.rule, i); !d.After(n.last) {
					continue // not newer than the proof it would replace
				}
			}
			if score := fits(path.Base(k), words) + fits(path.Dir(k), words); score > 0 {
				fitsOf[i] = append(fitsOf[i], fit{m, score})
				best[i] = max(best[i], score)
			}
		}
	}
	names := map[int][]string{}
	more := map[int]int{}
	for _, i := range unmapped { // in the order of their paths
		for _, f := range fitsOf[i] {
			if f.score < best[i] {
				continue
			}
			if len(names[f.m]) == maxSuspects {
				more[f.m]++
				continue
			}
			names[f.m] = append(names[f.m], j.Tree.Files[i].Path)
		}
	}
	for _, m := range lonely {
		if len(names[m]) == 0 {
			continue
		}
		n := j.nearMisses[m]
		into := n.into
		if into == "" {
			into = n.folderAsWritten
		}
		if n.rule.Match != rules.MatchLiteral {
			into = j.Tree.onDisk(into)
		}
		f := &j.findings[n.finding]
		if n.stale {
			f.text = msgNewerElsewhere(f.text, n.rule, into, names[m], more[m])
			continue
		}
		f.text = msgElsewhere(f.text, n.rule, into, names[m], more[m])
	}
}

// genericWords are words of proofs' titles that tell no proof from another.
var genericWords = map[string]bool{
	"formation": true, "formations": true, "session": true, "sessions": true, "document": true,
	"documents": true, "dossier": true, "dossiers": true, "fiche": true, "fiches": true,
	"liste": true, "listes": true, "suivi": true, "stagiaire": true, "stagiaires": true,
	"organisme": true, "chaque": true, "pour": true, "avec": true, "dans": true, "preuve": true,
	"preuves": true, "annuel": true, "annuelle": true, "action": true, "actions": true,
}

func msgNewerElsewhere(t i18n.Text, r *rules.Rule, into string, names []string, more int) i18n.Text {
	list, it := quotedNames(names, more)
	fr := fmt.Sprintf(" Ailleurs, aucune règle ne prend %s, plus récent : si c'est sa nouvelle version, rangez-%s dans le dossier « %s », ou ajoutez son chemin aux motifs (paths) de la règle « %s » dans qlint.toml.",
		list.FR, it.FR, into, r.ID)
	en := fmt.Sprintf(" Elsewhere, no rule takes %s, which is newer: if it is its new version, move %s into the folder %q, or add its path to the paths of rule %q in qlint.toml.",
		list.EN, it.EN, into, r.ID)
	return i18n.T(t.FR+fr, t.EN+en)
}

func msgElsewhere(t i18n.Text, r *rules.Rule, into string, names []string, more int) i18n.Text {
	list, it := quotedNames(names, more)
	fr := fmt.Sprintf(" Ailleurs, aucune règle ne prend %s : si c'est cette preuve, rangez-%s dans le dossier « %s », ou ajoutez son chemin aux motifs (paths) de la règle « %s » dans qlint.toml.",
		list.FR, it.FR, into, r.ID)
	en := fmt.Sprintf(" Elsewhere, no rule takes %s: if it is this proof, move %s into the folder %q, or add its path to the paths of rule %q in qlint.toml.",
		list.EN, it.EN, into, r.ID)
	return i18n.T(t.FR+fr, t.EN+en)
}

// ruleWords are the words that tell a rule's proof: those of its title and
// of its first pattern, folded, of four letters or more (not "des", "les"),
// a word held by another counted once as the shorter ("reclamation" for
// "reclamations" too).
func ruleWords(r *rules.Rule) []string {
	var out []string
	add := func(s string) {
		for _, w := range strings.FieldsFunc(fold(s), func(c rune) bool { return c < 'a' || c > 'z' }) {
			if len(w) < 4 || slices.ContainsFunc(out, func(o string) bool { return strings.Contains(w, o) }) {
				continue
			}
			out = slices.DeleteFunc(out, func(o string) bool { return strings.Contains(o, w) })
			out = append(out, w)
		}
	}
	add(r.Title)
	if len(r.Paths) > 0 {
		for _, ws := range keyWords(r.Paths[0], r.Title) {
			add(strings.Join(ws, " "))
		}
	}
	return out
}

// fits counts the words of a rule that the folded file name holds.
func fits(name string, words []string) int {
	n := 0
	for _, w := range words {
		if strings.Contains(name, w) {
			n++
		}
	}
	return n
}

func msgNearMiss(t i18n.Text, r *rules.Rule, into string, names []string, more int) i18n.Text {
	var words [][]string
	if len(r.Paths) > 0 {
		words = keyWords(r.Paths[0], r.Title)
	}
	list, it := quotedNames(names, more)
	its := "son nom"
	if it.FR == "les" {
		its = "leur nom"
	}
	fr := fmt.Sprintf(" Aucune règle ne prend %s dans ce dossier : si c'est cette preuve, ", list.FR)
	en := fmt.Sprintf(" No rule takes %s in that folder: if it is this proof, ", list.EN)
	switch {
	case into != "":
		fr += fmt.Sprintf("rangez-%s dans le dossier « %s », ou ", it.FR, into)
		en += fmt.Sprintf("move it into the folder %q, or ", into)
	case len(words) > 0:
		fr += fmt.Sprintf("renommez-%s pour que %s contienne %s, ou ", it.FR, its, wordsToHold(words, true))
		en += fmt.Sprintf("rename it so that its name holds %s, or ", wordsToHold(words, false))
	}
	fr += fmt.Sprintf("ajoutez %s aux motifs (paths) de la règle « %s » dans qlint.toml.", its, r.ID)
	en += fmt.Sprintf("add its name to the paths of rule %q in qlint.toml.", r.ID)
	return i18n.T(t.FR+fr, t.EN+en)
}

// quotedNames lists the suspects of a missing proof, quoted, with how many
// more there are, and the pronoun that stands for them (« le », "it").
func quotedNames(names []string, more int) (list, it i18n.Text) {
	var fr, en strings.Builder
	for i, n := range names {
		if i > 0 {
			fr.WriteString(", ")
			en.WriteString(", ")
		}
		fmt.Fprintf(&fr, "« %s »", n)
		fmt.Fprintf(&en, "%q", n)
	}
	if more > 0 {
		fmt.Fprintf(&fr, " et %s", i18n.N(more, "autre", "autres", "", "").FR)
		fmt.Fprintf(&en, " and %d more", more)
	}
	it = i18n.T("le", "it")
	if len(names) > 1 || more > 0 {
		it = i18n.T("les", "them")
	}
	return i18n.T(fr.String(), en.String()), it
}

// sessionHas reports whether folder d's session.toml sets key (a rule with
// when = key applies only there).
func (j *judge) sessionHas(d, key string) (bool, error) {
	if j.keys == nil {
		j.keys = map[string]map[string]any{}
	}
	keys, ok := j.keys[d]
	if !ok {
		if j.hasSpan[fold(d)] {
			p := d + "/" + SessionFile
			data, err := fs.ReadFile(j.FS, p)
			if err != nil && !errors.Is(err, fs.ErrNotExist) {
				return false, err
			}
			if _, err := toml.Decode(string(data), &keys); err != nil {
				// The dates' reader reports a broken session.toml with
				// its line and column.
				if _, err := parseSession(p, data); err != nil {
					return false, err
				}
				return false, err
			}
		}
		j.keys[d] = keys
	}
	v, ok := keys[key]
	switch x := v.(type) {
	case bool:
		return x, nil
	case string:
		return ok && strings.TrimSpace(x) != "", nil
	}
	return ok, nil
}

// relInside drops the first n elements of slash path p.
func relInside(p string, n int) string {
	for ; n > 0; n-- {
		i := strings.IndexByte(p, '/')
		if i < 0 {
			break
		}
		p = p[i+1:]
	}
	return p
}

// msgNoItem: folders match the each pattern, but none is an item (all empty,
// or only their README).
func msgNoItem(r *rules.Rule, n int) i18n.Text {
	return i18n.T(
		fmt.Sprintf("%s à %s, mais tous sont vides (ou n'ont que leur README) : la règle « %s » n'a rien à vérifier. Déposez les documents dans le dossier de chaque élément suivi (session, intervenant…).", i18n.N(n, "dossier correspond", "dossiers correspondent", "", "").FR, r.Each, label(r)),
		fmt.Sprintf("%s %s, but all are empty (or hold only their README): rule %q has nothing to check. File the documents in each tracked item's folder (session, trainer…).", i18n.N(n, "", "", "folder matches", "folders match").EN, r.Each, labelEN(r)))
}

// unreadFor returns a folder the walk could not read where rule r's proof
// may lie: the rule's folder, one holding it, or, for a pattern that goes
// down (**), one inside it. A proof said missing may only be out of reach.
func (j *judge) unreadFor(r *rules.Rule, dir string) (string, bool) {
	type place struct {
		folder string // folded, "" for the top
		deep   bool
	}
	var places []place
	if dir != "" {
		places = []place{{fold(dir), true}}
	} else {
		for _, p := range r.Paths {
			if r.Match != rules.MatchLiteral {
				p = fold(p)
			}
			folder, _ := patternFolder(p)
			places = append(places, place{folder, strings.Contains(p[len(folder):], "**")})
		}
	}
	for _, pr := range j.Tree.Problems {
		if pr.Reason != ProblemUnreadable {
			continue
		}
		pk := fold(pr.Path)
		if !slices.Contains(j.Tree.dirKeys, pk) {
			continue // a file (a note), not a folder a proof could be in
		}
		for _, pl := range places {
			holds := pk == pl.folder || strings.HasPrefix(pl.folder, pk+"/")
			inside := pl.deep && (pl.folder == "" || strings.HasPrefix(pk, pl.folder+"/"))
			if holds || inside {
				return pr.Path, true
			}
		}
	}
	return "", false
}
