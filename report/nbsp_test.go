package report

import (
	"strings"
	"testing"
)

func TestFrenchSpace(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Constats : 1 erreur", "Constats\u00a0: 1 erreur"},
		{"Aucune preuve « Programme » : déposez-le.", "Aucune preuve «\u00a0Programme\u00a0»\u00a0: déposez-le."},
		{"vouliez-vous dire explain ?", "vouliez-vous dire explain\u00a0?"},
		{"corrigez l'horloge ; relancez !", "corrigez l'horloge\u00a0; relancez\u00a0!"},
		{"à 12:30, voir https://x.fr", "à 12:30, voir https://x.fr"},
		{"fin de ligne :", "fin de ligne\u00a0:"},
		{"  :", "  :"},
	} {
		if got := frenchSpace(c.in, nil); got != c.want {
			t.Errorf("frenchSpace(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	// A file named with " : " is shown as it is named.
	keep := frenchNames([]string{"CR réunion : mars.pdf", "plain.pdf"})
	if len(keep) != 1 {
		t.Fatalf("frenchNames kept %q", keep)
	}
	got := frenchSpace("CR réunion : mars.pdf est périmé : à renouveler", keep)
	if want := "CR réunion : mars.pdf est périmé\u00a0: à renouveler"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestWrapKeepsNonBreakingSpace(t *testing.T) {
	var b strings.Builder
	lw := newLineWrapper(&b, 20)
	lw.fr = true
	lw.Write([]byte("un deux trois quatre cinq : six sept huit\n"))
	lw.Flush()
	for _, line := range strings.Split(b.String(), "\n") {
		if strings.HasPrefix(strings.TrimLeft(line, " "), ":") {
			t.Errorf("a line starts with a colon:\n%s", b.String())
		}
	}
	if !strings.Contains(b.String(), "cinq\u00a0:") {
		t.Errorf("no non-breaking space before the colon:\n%q", b.String())
	}
	// English is left alone.
	if got := wrapLine("Findings: 1 error", 80); got != "Findings: 1 error" {
		t.Errorf("English changed: %q", got)
	}
}
