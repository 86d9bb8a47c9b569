package report

import (
	"fmt"
	"testing"

	"github.com/qlint/qlint/linter"

	"github.com/stretchr/testify/assert"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/rules"
)

// TestBinderListsTheNewestProofs: of many matched files, the binder lists
// the newest MaxProofs, newest first (path order on the same day, the
// first rule first for a file two rules match), and counts the others.
func TestBinderListsTheNewestProofs(t *testing.T) {
	rep := &linter.Report{Lang: i18n.FR, Matches: map[string][]linter.Match{}, RuleTitles: map[string]string{"a": "A", "b": "B"}}
	for i := range 40 {
		// Days in a scrambled order, two files a day.
		day := rules.NewDay(2026, 1, 1+(i*7)%20)
		rep.Matches["a"] = append(rep.Matches["a"], linter.Match{Path: fmt.Sprintf("a/%02d.pdf", i), LastUpdate: day})
	}
	rep.Matches["b"] = []linter.Match{{Path: "a/03.pdf", LastUpdate: rep.Matches["a"][3].LastUpdate}, {Path: "b/old.pdf", LastUpdate: rules.NewDay(2020, 1, 1)}}
	got, more := proofsOf(rep, []string{"a", "b"}, HTMLOptions{MaxProofs: 7}, i18n.FR)
	var paths []string
	for _, p := range got {
		paths = append(paths, p.Title+":"+p.Path)
	}
	// The expectation, the slow way: pick the newest remaining seven times.
	type m struct {
		title, path string
		day         rules.Day
	}
	var all []m
	for _, id := range []string{"a", "b"} {
		for _, x := range rep.Matches[id] {
			all = append(all, m{rep.RuleTitles[id], x.Path, x.LastUpdate})
		}
	}
	var want []string
	for len(want) < 7 {
		best := -1
		for i, x := range all {
			if x.title == "" {
				continue
			}
			if best < 0 || x.day.After(all[best].day) || (x.day.Equal(all[best].day) && x.path < all[best].path) {
				best = i
			}
		}
		want = append(want, all[best].title+":"+all[best].path)
		all[best].title = ""
	}
	assert.Equal(t, want, paths)
	assert.Contains(t, more, "… et 35 autres fichiers")

	got, more = proofsOf(rep, []string{"b"}, HTMLOptions{MaxProofs: 25}, i18n.FR)
	assert.Len(t, got, 2)
	assert.Equal(t, "a/03.pdf", got[0].Path)
	assert.Empty(t, more)
}
