package rules

import (
	"strings"
	"testing"
	"time"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/stretchr/testify/assert"
)

func TestGlobBounds(t *testing.T) {
	tests := []struct {
		name, pattern string
		ok            bool
	}{
		{"plain", "sessions/*/emargement*.pdf", true},
		{"one group", "catalogue/*.{pdf,docx,odt}", true},
		{"two groups", "{veille,watch}/{legale,metiers,pedagogique}/*.md", true},
		{"nested twice", "a/{b,{c,d}}/*", true},
		{"braces in a class and escaped", `a/[{]/\{x,y\}`, true},
		{"thousands of nested braces", strings.Repeat("{a,", 5000) + "b" + strings.Repeat("}", 5000), false},
		{"unclosed nested braces", strings.Repeat("{", 5000), false},
		{"many chained groups", strings.Repeat("{a,b}", 20), false},
		{"wide group", "{" + strings.Repeat("a,", 300) + "b}", false},
		{"very long", strings.Repeat("a", 2000), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msg, ok := checkGlobBounds(tt.pattern)
			assert.Equal(t, tt.ok, ok, "%s", msg.EN)
			if !ok {
				assert.True(t, msg.Complete())
			}
		})
	}
}

// TestHostileGlobsAreRefusedQuickly: a qlint.toml with a hostile pattern
// is refused, with its place, well under 10 s; and the worst pattern the
// bounds let through matches a long name quickly.
func TestHostileGlobsAreRefusedQuickly(t *testing.T) {
	for _, p := range []string{
		strings.Repeat("{a,", 20000) + "b" + strings.Repeat("}", 20000),
		strings.Repeat("{a,b}", 500),
	} {
		start := time.Now()
		_, err := Parse("qlint.toml", []byte("schema = 1\n[[rule]]\nid = \"x\"\nindicators = [1]\npaths = [\""+p+"\"]\n"))
		assert.Error(t, err)
		assert.Contains(t, err.Error(), "qlint.toml:5:")
		assert.Less(t, time.Since(start), 10*time.Second)
		// Only the real error: the rule has a pattern, a wrong one.
		assert.NotContains(t, err.Error(), "aucun motif de fichier")
		var list ErrorList
		if assert.ErrorAs(t, err, &list) {
			assert.Len(t, list, 1, "%v", err)
		}
	}
	worst := strings.Repeat("{a,b}", 8) + "/**/" + strings.Repeat("*a", 20)
	_, ok := checkGlobBounds(worst)
	assert.True(t, ok)
	start := time.Now()
	doublestar.Match(worst, strings.Repeat("a", 8)+"/"+strings.Repeat("b/", 30)+strings.Repeat("a", 200)+"b")
	assert.Less(t, time.Since(start), 10*time.Second)
}
