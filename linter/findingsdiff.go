package linter

import (
	"fmt"
	"strings"
)

// FindingsDiff returns the findings of cur that prev did not have, and
// those of prev that cur no longer has. A finding is known by its kind,
// rule, path and indicators; findings alike are counted, not merged (one
// "uncovered" per indicator).
func FindingsDiff(prev, cur []Finding) (added, resolved []Finding) {
	key := func(f Finding) string {
		return strings.Join([]string{string(f.Kind), f.Rule, f.Path, fmt.Sprint(f.Indicators)}, "\x00")
	}
	left := map[string]int{}
	for _, f := range prev {
		left[key(f)]++
	}
	for _, f := range cur {
		if k := key(f); left[k] > 0 {
			left[k]--
		} else {
			added = append(added, f)
		}
	}
	for i := len(prev) - 1; i >= 0; i-- { // the last ones of a kind are those gone
		if k := key(prev[i]); left[k] > 0 {
			left[k]--
			resolved = append(resolved, prev[i])
		}
	}
	for i, j := 0, len(resolved)-1; i < j; i, j = i+1, j-1 {
		resolved[i], resolved[j] = resolved[j], resolved[i]
	}
	return added, resolved
}
