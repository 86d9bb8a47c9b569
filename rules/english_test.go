package rules

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestBuiltInWordsHaveEnglish: every built-in rule has an English title
// (title_en), and every grid its sources and each change its source in
// English, so that --lang en never shows the pack's French.
func TestBuiltInWordsHaveEnglish(t *testing.T) {
	for _, g := range Grids() {
		t.Run(g.Version, func(t *testing.T) {
			for _, r := range g.Pack() {
				assert.NotEmpty(t, r.TitleEN, "rule %q has no title_en", r.ID)
				assert.NotEqual(t, r.Title, r.TitleEN, "rule %q: title_en is the French title", r.ID)
			}
			assert.Len(t, g.SourcesEN, len(g.Sources), "sources_en, one for each source")
			for n, c := range g.Changes {
				assert.NotEmpty(t, c.Source.EN, "change of indicator %d has no source_en", n)
			}
		})
	}
}

// TestUserRuleTitleEN: a rule of qlint.toml may give its English title.
func TestUserRuleTitleEN(t *testing.T) {
	cfg, err := Parse("qlint.toml", []byte(`schema = 1

[[rule]]
id = "charte"
indicators = [1]
title = "Charte qualité"
title_en = "Quality charter"
paths = ["charte*"]
`))
	if assert.NoError(t, err) {
		for _, r := range cfg.Rules {
			if r.ID == "charte" {
				assert.Equal(t, "Quality charter", r.TitleEN)
			}
		}
	}
}
