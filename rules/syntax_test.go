package rules

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestSyntaxKindsCompile: the expressions of syntaxKinds are compiled on
// first use, when a qlint.toml has a syntax error; a mistake in one must
// fail here, not in front of a user.
func TestSyntaxKindsCompile(t *testing.T) {
	for _, k := range syntaxKinds {
		_, err := regexp.Compile(k.re.pattern)
		assert.NoError(t, err, k.re.pattern)
	}
	text, _ := syntaxMessage("unexpected EOF; expected value")
	assert.NotEmpty(t, text.FR)
}
