package linter

import (
	"go/ast"
	"go/parser"
	"go/token"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/lang"
	"github.com/qlint/qlint/rules"
)

// declared lists the constants of type typ that vocab.go declares, so that
// a constant added without its row fails the tests below.
func declared(t *testing.T, typ string) []string {
	f, err := parser.ParseFile(token.NewFileSet(), "vocab.go", nil, parser.SkipObjectResolution)
	require.NoError(t, err)
	var names []string
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, s := range g.Specs {
			v := s.(*ast.ValueSpec)
			if id, ok := v.Type.(*ast.Ident); ok && id.Name == typ {
				for _, n := range v.Names {
					names = append(names, n.Name)
				}
			}
		}
	}
	require.NotEmpty(t, names, "no constant of type %s in vocab.go", typ)
	return names
}

// words checks that w says code in both languages, in words: never the
// JSON's code ("moved") in a French explain or binder.
func words(t *testing.T, code string, w lang.Text) {
	t.Helper()
	assert.True(t, w.Complete(), "%s: words in both languages", code)
	assert.NotEqual(t, code, w.In(lang.FR), "%s in French", code)
}

// Every kind has its row, with words in both languages, and Kinds lists it.
func TestEveryKindHasARow(t *testing.T) {
	assert.Len(t, Kinds(), len(declared(t, "Kind")), "Kinds() lists every Kind constant")
	assert.Len(t, kindTable, len(Kinds()), "one row per kind")
	for _, k := range Kinds() {
		row, ok := kindTable[k]
		require.True(t, ok, "kind %s has no row", k)
		words(t, string(k), k.Words())
		if !row.Help.IsZero() {
			assert.True(t, row.Help.Complete(), "%s: help in both languages", k)
		}
		if row.Severity != "" {
			_, known := rules.ParseSeverity(string(row.Severity))
			assert.True(t, known, "%s: severity %q", k, row.Severity)
		}
		if row.Worsens != "" {
			_, ok := statusTable[row.Worsens]
			assert.True(t, ok, "%s worsens to an unknown status %q", k, row.Worsens)
		}
		// A kind no rule makes cannot take a rule's severity.
		if !row.Proof {
			assert.NotEmpty(t, row.Severity, "%s: a kind no rule makes needs its own severity", k)
		}
	}
	assert.Equal(t, "due soon", KindDueSoon.Words().In(lang.EN))
}

// Every indicator status has its row, words and its counter in a summary.
func TestEveryStatusHasARow(t *testing.T) {
	assert.Len(t, Statuses(), len(declared(t, "Status")), "Statuses() lists every Status constant")
	assert.Len(t, statusTable, len(Statuses()), "one row per status")
	orders := map[int]Status{}
	for i, s := range Statuses() {
		row, ok := statusTable[s]
		require.True(t, ok, "status %s has no row", s)
		words(t, string(s), s.Words())
		require.NotNil(t, row.count, "%s: no counter", s)
		var c StatusCounts
		c.add(s)
		assert.Equal(t, 1, *row.count(&c), "%s counts in its own field", s)
		assert.Equal(t, i+1, row.Order, "Statuses() lists %s in its order", s)
		assert.Empty(t, orders[row.Order], "%s and %s share an order", s, orders[row.Order])
		orders[row.Order] = s
	}
	assert.True(t, StatusMissing.worse(StatusStale))
	assert.True(t, StatusDueSoon.worse(""))
	assert.False(t, StatusDueSoon.worse(StatusStale))
}

// Every date source is said in words, in both languages.
func TestEveryDateSourceHasWords(t *testing.T) {
	assert.Len(t, DateSources(), len(declared(t, "DateSource")), "DateSources() lists every DateSource constant")
	assert.Len(t, sourceTable, len(DateSources()))
	for _, src := range DateSources() {
		words(t, string(src), src.Words())
	}
	assert.Equal(t, "déplacé, pas encore enregistré", SourceMoved.Words().In(lang.FR))
}
