package report

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

// TestLongPatternFitsTheTerminal: a pattern longer than the line is cut
// after its commas, never mid-word, and every line fits; a command or a
// short word stays whole.
func TestLongPatternFitsTheTerminal(t *testing.T) {
	line := "          ne correspond à *{satisfaction,evaluation,questionnaire,enquete}*chaud*. Ajoutez-le."
	got := wrapLine(line, 60)
	for _, l := range strings.Split(got, "\n") {
		assert.LessOrEqual(t, utf8.RuneCountInString(l), 60, got)
	}
	assert.Contains(t, got, ",\n", "cut after a comma")
	// Read back without the breaks, the pattern is whole.
	assert.Contains(t, regexp.MustCompile(`,\n\s*`).ReplaceAllString(got, ","), "*{satisfaction,evaluation,questionnaire,enquete}*chaud*.")
	assert.Equal(t, []string{`qlint init "Un très long dossier de preuves Qualité"`}, splitLong(`qlint init "Un très long dossier de preuves Qualité"`, 20))
	assert.Equal(t, []string{"court,mot"}, splitLong("court,mot", 20))
}
