package serve

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/i18n"
)

// TestLivePageSpeaksTheReportsLanguage: with --lang en the whole live box
// is English, French otherwise.
func TestLivePageSpeaksTheReportsLanguage(t *testing.T) {
	for _, tc := range []struct {
		lang i18n.Lang
		want []string
	}{
		{i18n.EN, []string{"Live from qlint watch · checked at 10:30:00", "indicator 1: MISSING → OK (catalogue/c.pdf)", "To do: ", "first check:",
			"Connection to qlint watch lost", "qlint watch has stopped", "Indicator 23 · ", "The last check could not be made"}},
		{i18n.FR, []string{"En direct de qlint watch · vérifié à 10:30:00", "indicateur 1 : MANQUANT → CONFORME (catalogue/c.pdf)", "À faire : ", "première vérification :",
			"Connexion à qlint watch perdue", "qlint watch est arrêté", "Indicateur 23 · ", "La dernière vérification n&#39;a pas pu se faire"}},
	} {
		t.Run(string(tc.lang), func(t *testing.T) {
			dir := folder(t)
			s, _ := start(t, Options{Root: dir, Lang: tc.lang})
			require.NoError(t, s.Publish(check(t, dir, tc.lang), Change{}, ""))
			require.NoError(t, os.MkdirAll(filepath.Join(dir, "catalogue"), 0o755))
			require.NoError(t, os.WriteFile(filepath.Join(dir, "catalogue", "c.pdf"), []byte("%PDF"), 0o644))
			require.NoError(t, s.Publish(check(t, dir, tc.lang), Change{Paths: []string{"catalogue/c.pdf"}}, ""))
			require.NoError(t, s.Publish(nil, Change{Rules: true}, "qlint.toml:1:1: …"))
			_, page := get(t, s, "GET", "/", "")
			for _, w := range tc.want {
				assert.Contains(t, page, w)
			}
		})
	}
}

// TestMessagesInBothLanguages: every sentence of the package is written in
// French and in English.
func TestMessagesInBothLanguages(t *testing.T) {
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	fset := token.NewFileSet()
	calls := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		require.NoError(t, err)
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "T" || len(call.Args) != 2 {
				return true
			}
			if x, ok := sel.X.(*ast.Ident); !ok || x.Name != "i18n" {
				return true
			}
			calls++
			for _, a := range call.Args {
				if lit, ok := a.(*ast.BasicLit); ok {
					s, _ := strconv.Unquote(lit.Value)
					assert.NotEmpty(t, strings.TrimSpace(s), "%s: a language is empty", fset.Position(call.Pos()))
				}
			}
			return true
		})
	}
	assert.Greater(t, calls, 20)
}
