package linter

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// keyWords is what a pattern asks a name to contain, for a rename hint:
// one entry per alternative of its braces, with the accents of the rule's
// title where a word of the title spells the key word (the built-in
// patterns are written folded, without accents):
// "07-amelioration/{,*[!a-z]}procedure*reclamation*" with the title
// "Procédure de traitement des réclamations" → [[procédure réclamation]];
// "**/{,*[!a-z]}taux*{obtention,reussite}*" → [[taux obtention] [taux reussite]].
// An alternative that holds another one is left out (calcul{,s}: "calcul").
// Nil when the pattern asks for no word.
func keyWords(pattern, title string) [][]string {
	name := path0Base(strings.TrimSuffix(strings.TrimSuffix(pattern, "{,/**}"), "/**"))
	name = strings.NewReplacer("{,*[!a-z]}", "", "{,[!a-z]*}", "", "{,/**}", "").Replace(name)
	var out []string
	for _, alt := range expandBraces(name) {
		if i := strings.IndexAny(alt, "{}[?."); i >= 0 {
			alt = alt[:i]
		}
		words := strings.FieldsFunc(alt, func(c rune) bool { return c == '*' || c == '-' || c == '_' || c == ' ' || c == ',' })
		for i, w := range words {
			words[i] = accented(w, title)
		}
		if len(words) > 0 {
			out = append(out, strings.Join(words, " "))
		}
	}
	// An alternative that holds another one adds nothing.
	var kept [][]string
	for i, w := range out {
		holds := false
		for k, o := range out {
			if k != i && strings.Contains(w, o) && (w != o || k < i) {
				holds = true
			}
		}
		if !holds {
			kept = append(kept, strings.Fields(w))
		}
	}
	return kept
}

// path0Base is the last element of a slash path.
func path0Base(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[i+1:]
	}
	return p
}

// expandBraces writes out the alternatives of the {a,b} groups of p (not
// nested; at most 16 alternatives, the rest left as written).
func expandBraces(p string) []string {
	open := strings.IndexByte(p, '{')
	if open < 0 {
		return []string{p}
	}
	end := strings.IndexByte(p[open:], '}')
	if end < 0 || strings.IndexByte(p[open+1:open+end], '{') >= 0 {
		return []string{p}
	}
	end += open
	var out []string
	for _, alt := range strings.Split(p[open+1:end], ",") {
		for _, rest := range expandBraces(p[end+1:]) {
			if len(out) == 16 {
				return out
			}
			out = append(out, p[:open]+alt+rest)
		}
	}
	return out
}

// accented gives key word w (folded) the spelling of the title word that
// starts with it: "reclamation" in "Procédure de traitement des
// réclamations" → "réclamation". w itself when no title word spells it.
func accented(w, title string) string {
	for _, tw := range strings.FieldsFunc(title, func(c rune) bool {
		return c == ' ' || c == '\'' || c == '’' || c == '-' || c == ',' || c == '(' || c == ')' || c == ':' || c == '/'
	}) {
		tw = norm.NFC.String(tw)
		if !strings.HasPrefix(fold(tw), w) {
			continue
		}
		// The title word's first runes, as many as w has: folding drops
		// accents, it keeps the letters.
		n := utf8.RuneCountInString(w)
		r := []rune(strings.ToLower(tw))
		if len(r) >= n && fold(string(r[:n])) == w {
			return string(r[:n])
		}
	}
	return w
}

// wordsToHold says the key words a name must hold: « taux » et « obtention »,
// ou « taux » et « reussite » (English: "taux" and "obtention", or …).
func wordsToHold(alts [][]string, fr bool) string {
	and, or := " and ", ", or "
	if fr {
		and, or = " et ", ", ou "
	}
	parts := make([]string, len(alts))
	for i, words := range alts {
		q := make([]string, len(words))
		for k, w := range words {
			if fr {
				q[k] = "« " + w + " »"
			} else {
				q[k] = fmt.Sprintf("%q", w)
			}
		}
		parts[i] = strings.Join(q, and)
	}
	return strings.Join(parts, or)
}
