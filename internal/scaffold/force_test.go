package scaffold

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestStripComment(t *testing.T) {
	tests := []struct{ name, line, want string }{
		{"no comment", `certifying = true`, `certifying = true`},
		{"after a bare value", `certifying = true   # depuis 2026`, `certifying = true   `},
		{"after a quoted name", `name = "Formations Martin"   # notre nom commercial`, `name = "Formations Martin"   `},
		{"a # inside the name", `name = "Formations #1"`, `name = "Formations #1"`},
		{"a # inside, then a comment", `name = "Formations #1"  # la nôtre`, `name = "Formations #1"  `},
		{"an escaped quote", `name = "Les \"As\" #2" # x`, `name = "Les \"As\" #2" `},
		{"a literal string", `name = 'Chez #Anne' # x`, `name = 'Chez #Anne' `},
		{"a comment line", `# ma note`, ``},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, stripComment(tt.line))
		})
	}
}

func TestKeepComments(t *testing.T) {
	old := []string{"[organization]", `name = "Formations Martin"   # notre nom commercial`, `categories = ["AF"]`, `certifying = false  # pas encore`}
	fresh := []string{"[organization]", `name = "Formations Dupont"`, `categories = ["AF", "BC"]      # AF (formation)`, `certifying = true`}
	assert.Equal(t, []string{"[organization]", `name = "Formations Dupont"   # notre nom commercial`, `categories = ["AF", "BC"]      # AF (formation)`, `certifying = true  # pas encore`},
		keepComments(fresh, old))
}
