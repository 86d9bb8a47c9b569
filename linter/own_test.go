package linter

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestOwnOutputHead(t *testing.T) {
	cases := []struct {
		name, head string
		own        bool
	}{
		{"text report", "qlint · Formations · état au 22/11/2026\n", true},
		{"markdown", "## qlint · Formations · état au 22/11/2026\n", true},
		{"calendar", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//qlint//qlint v1//FR\r\n", true},
		{"binder", "<!doctype html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"generator\" content=\"qlint\">", true},
		{"json", "{\n  \"schema\": 1,\n  \"tool\": {\n    \"name\": \"qlint\",", true},
		{"ndjson", `{"schema":1,"tool":{"name":"qlint","version":"v1"}}`, true},
		{"sarif", "{\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n      \"tool\": {\n        \"driver\": {\n          \"name\": \"qlint\",", true},
		{"explain", "Indicateur 23 · Veille légale et réglementaire\nCritère 6 · Environnement professionnel\n", true},
		{"explain --changes", "Référentiel rnq-2026 (décret) : ce qui change par rapport à rnq-v9\n", true},
		{"github", "::error file=qlint.toml,line=12,title=qlint · indicateur 11 · manquant::Dans sessions/a, il manque …\n", true},
		{"github, a notice on no file", "::notice title=qlint · non rattaché::note.txt ne sert de preuve …\n", true},
		{"github, nothing found", "qlint: 0 erreur, 0 avertissement, 0 info ; indicateurs : 20 conformes.\n", true},
		{"github in English", "qlint: 2 errors, 1 warning, 6 infos; indicators: 20 ok.\n", true},
		{"gitlab", "[\n  {\n    \"description\": \"qlint · indicator 11 · missing — In sessions/a …\",\n", true},
		{"gitlab, nothing found", "[]\n", true},
		{"other annotations", "::error file=a.go,title=go vet::x\n", false},
		{"a proof that starts with qlint:", "qlint: notre outil de veille\n", false},
		{"other json array", `[{"description": "formation Excel"}]`, false},
		{"a note on an indicator", "Indicateur 23 · notre veille\nnous lisons le JO\n", false},
		{"a proof that names qlint", "Compte rendu : nous utilisons qlint · pour nos preuves", false},
		{"other json", `{"name": "qlint"}`, false},
		{"other html", "<!doctype html><title>qlint</title>", false},
		{"empty", "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.own, ownOutputHead([]byte(c.head)))
		})
	}
}
