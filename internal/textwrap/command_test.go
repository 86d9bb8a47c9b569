package textwrap

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestCommandsStayWhole: a command in a sentence is one unit, so that a
// line never breaks inside it; the words after it are free again.
func TestCommandsStayWhole(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"quoted path", `Créez-le avec : git init "Autre dossier Qualité" puis revenez`,
			[]string{"Créez-le", "avec :", `git init "Autre dossier Qualité"`, "puis", "revenez"}},
		{"single quotes", `lancez qlint hook install 'Mes preuves' ensuite`,
			[]string{"lancez", "qlint hook install 'Mes preuves'", "ensuite"}},
		{"options and placeholder", "conseil : qlint explain N [DOSSIER] --lang en, ou autre",
			[]string{"conseil :", "qlint explain N [DOSSIER] --lang en,", "ou", "autre"}},
		{"question mark", "vouliez-vous dire qlint -h ?", []string{"vouliez-vous", "dire", "qlint -h ?"}},
		{"prose after qlint", "qlint date les preuves", []string{"qlint", "date", "les", "preuves"}},
		{"end of sentence", "puis lancez : qlint", []string{"puis", "lancez :", "qlint"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, Units(tt.text))
		})
	}
	// Wrapped narrow, the command stands whole on its own line.
	assert.Equal(t, "  Créez-le avec :\n  git init \"Autre dossier Qualité\"\n  puis revenez\n",
		Words(`Créez-le avec : git init "Autre dossier Qualité" puis revenez`, "  ", 20))
}
