package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// englishWords are words a French message never holds: when one shows, a
// library's or the flag package's English came through untranslated.
var englishWords = regexp.MustCompile(`(?i)\b(the|is|are|not|cannot|can't|expected|found|instead|invalid|value|flag|default|no such|directory|missing|must|unknown|usage|hint|command not found|install it|open|strings?|newlines?|key|but|got|already|defined|parse|error|permission|denied|written|did you mean|file|folder|should|with|and|of)\b`)

var flagNames = regexp.MustCompile(`(^|\s)--?[a-z][a-z-]*`)

// TestFrenchMistakesHaveNoEnglish runs the mistakes a new user makes, in
// French (the default), and fails on any English word in what qlint says.
func TestFrenchMistakesHaveNoEnglish(t *testing.T) {
	for _, c := range mistakes {
		t.Run(c.name, func(t *testing.T) {
			code, _, out := runMistake(t, c.files, c.args)
			assert.Equal(t, exitError, code, "a mistake exits 2")
			require.NotEmpty(t, out, "the mistake is said")
			assert.Regexp(t, `^qlint: `, out)
			words := flagNames.ReplaceAllString(out, "") // --as-of is no English
			assert.Empty(t, englishWords.FindAllString(words, -1), "English in:\n%s", out)
		})
	}
}

// goodRules is a qlint.toml that reads.
const goodRules = "schema = 1\n[[rule]]\nid = \"veille\"\nindicators = [23]\npaths = [\"veille/*.md\"]\n"

// mistakes are the common mistakes of a new user: the files of the
// folder and the command line.
var mistakes = func() []struct {
	name  string
	files map[string]string
	args  []string
} {
	good := goodRules
	return []struct {
		name  string
		files map[string]string
		args  []string
	}{
		{"texte sur deux lignes", map[string]string{"qlint.toml": "schema = 1\n[organization]\nname = \"Formations\nDupont\"\n"}, nil},
		{"oui au lieu de true", map[string]string{"qlint.toml": "schema = 1\n[organization]\ncertifying = non\n"}, nil},
		{"signe égal manquant", map[string]string{"qlint.toml": "schema = 1\n[organization]\nname \"X\"\n"}, nil},
		{"crochet manquant", map[string]string{"qlint.toml": "schema = 1\n[organization\n"}, nil},
		{"liste sans virgule", map[string]string{"qlint.toml": "schema = 1\n[[rule]]\nid = \"a\"\npaths = [\"a\" \"b\"]\n"}, nil},
		{"clé en double", map[string]string{"qlint.toml": "schema = 1\n[[rule]]\nid = \"a\"\nid = \"b\"\n"}, nil},
		{"chemin Windows", map[string]string{"qlint.toml": "schema = 1\n[[rule]]\nid = \"a\"\npaths = [\"C:\\preuves\"]\n"}, nil},
		{"date invalide", map[string]string{"qlint.toml": "schema = 1\n[audit]\ninitial = 2025-13-01\n"}, nil},
		{"valeur après la valeur", map[string]string{"qlint.toml": "schema = 1 2\n"}, nil},
		{"fichier coupé", map[string]string{"qlint.toml": "schema = 1\n[organization]\nname = \"X"}, nil},
		{"clé inconnue", map[string]string{"qlint.toml": "schema = 1\n[organization]\ncertifyng = true\n"}, nil},
		{"clé dans la mauvaise section", map[string]string{"qlint.toml": "schema = 1\n[[rule]]\nid = \"a\"\nindicators = [23]\npaths = [\"a/*\"]\nnext-audit = 2026-10-05\n"}, nil},
		{"pas de qlint.toml", nil, nil},
		{"dossier absent", nil, []string{"preuvs"}},
		{"option inconnue", map[string]string{"qlint.toml": good}, []string{"--formt", "json"}},
		{"option d'une autre commande", map[string]string{"qlint.toml": good}, []string{"calendar", "-f", "json"}},
		{"explain --fail-on", map[string]string{"qlint.toml": good}, []string{"explain", "23", "--fail-on", "warning"}},
		{"durée invalide", map[string]string{"qlint.toml": good}, []string{"watch", "--debounce", "abc"}},
		{"booléen avec valeur", map[string]string{"qlint.toml": good}, []string{"--no-color=oui"}},
		{"option sans valeur", map[string]string{"qlint.toml": good}, []string{"--as-of"}},
		{"date --as-of", map[string]string{"qlint.toml": good}, []string{"--as-of", "31/02/2026"}},
		{"date --as-of mois d'abord", map[string]string{"qlint.toml": good}, []string{"--as-of", "11/22/2026"}},
		{"format inconnu", map[string]string{"qlint.toml": good}, []string{"-f", "pdf"}},
		{"commande mal écrite", nil, []string{"expalin", "23"}},
		{"indicateur inconnu", nil, []string{"explain", "40"}},
		{"-o impossible", map[string]string{"qlint.toml": good}, []string{"-o", "nulle-part/rapport.txt"}},
		{"-o sur un dossier", map[string]string{"qlint.toml": good, "veille/note.md": "x"}, []string{"-o", "veille"}},
		{"watch sans qlint.toml", nil, []string{"watch"}},
		{"crochet hors dépôt", map[string]string{"qlint.toml": good}, []string{"hook", "install"}},
		{"crochet sans action", map[string]string{"qlint.toml": good}, []string{"hook"}},
		{"init déjà fait", map[string]string{"qlint.toml": good}, []string{"init", "--categories", "AF"}},
		{"catégorie inconnue", nil, []string{"init", "--categories", "AF,XYZ"}},
		{"deux dossiers", nil, []string{"a", "b"}},
	}
}()

// runMistake runs qlint with args in a new folder holding files.
func runMistake(t *testing.T, files map[string]string, args []string) (code int, stdout, stderr string) {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
	}
	t.Chdir(dir)
	var out, errs bytes.Buffer
	code = run(args, &out, &errs)
	return code, out.String(), errs.String()
}

// TestEnglishWordsCatchesTheOldMessages checks the detector on the English
// that used to come through.
func TestEnglishWordsCatchesTheOldMessages(t *testing.T) {
	for _, s := range []string{
		"syntaxe TOML invalide : strings cannot contain newlines",
		`syntaxe TOML invalide : expected value but found "non" instead`,
		`format du rapport (default "text")`,
		`valeur invalide : invalid value "abc" for flag -debounce: parse error`,
		"open qlint.toml: no such file or directory",
		"qlint: command not found; install it with: go install",
	} {
		assert.NotEmpty(t, englishWords.FindAllString(s, -1), s)
	}
}
