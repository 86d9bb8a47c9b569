package rules

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Every severity ranks apart and has words in both languages.
func TestEverySeverityHasWords(t *testing.T) {
	rank := 4
	for _, s := range Severities() {
		assert.True(t, s.Words().Complete(), "%s: words in both languages", s)
		assert.Less(t, s.Rank(), rank, "%s ranks below the one before", s)
		rank = s.Rank()
		_, ok := ParseSeverity(string(s))
		assert.True(t, ok, "%s parses", s)
	}
	assert.Len(t, severityWords, len(Severities()))
}
