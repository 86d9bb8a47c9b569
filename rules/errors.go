package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/lang"
)

// ErrorList is every mistake found in one file, in the order they stand,
// each placed at its line and column.
type ErrorList []*lang.Error

// maxErrors is how many mistakes are reported at once: enough to fix a file in
// one go, few enough to read.
const maxErrors = 10

// Error says the mistakes in French, qlint's default language.
func (l ErrorList) Error() string { return l.Localize(lang.FR) }

// Localize returns all the messages in language in, one after the other.
func (l ErrorList) Localize(in lang.Lang) string {
	var parts []string
	for i, e := range l {
		if i == maxErrors {
			n := len(l) - maxErrors
			parts = append(parts, i18n.T(
				fmt.Sprintf("… et %d autre(s) erreur(s)", n),
				fmt.Sprintf("… and %d more error(s)", n)).In(in))
			break
		}
		parts = append(parts, e.Localize(in))
	}
	return strings.Join(parts, "\n")
}

func (l ErrorList) sort() {
	sort.SliceStable(l, func(i, j int) bool {
		if l[i].Line != l[j].Line {
			return l[i].Line < l[j].Line
		}
		return l[i].Col < l[j].Col
	})
}

// Closest returns the candidate closest to s, when it is close enough to be
// a typo: one or two letters away ("" when none is). With short, a
// candidate must also be less than half its length away, so that a short
// word does not match any short candidate (command and option names).
func Closest(s string, candidates []string, short bool) string {
	best, bestDist := "", 3
	for _, c := range candidates {
		if d := EditDistance(strings.ToLower(s), c); d < bestDist && (!short || d < len(c)/2+1) {
			best, bestDist = c, d
		}
	}
	return best
}

// EditDistance is the number of letters to add, remove or change to turn a
// into b (Levenshtein), for the suggestions made on a misspelled word.
func EditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
