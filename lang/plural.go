package lang

import "strconv"

// N says a count with its noun in the right number, in both languages:
// N(1, "erreur", "erreurs", "error", "errors") is "1 erreur" / "1 error".
// French counts 0 and 1 as singular ("0 erreur", "1 non applicable").
func N(n int, frOne, frMany, enOne, enMany string) Text {
	fr, en := frMany, enMany
	if n == 0 || n == 1 {
		fr = frOne
	}
	if n == 1 {
		en = enOne
	}
	s := strconv.Itoa(n) + " "
	return Text{FR: s + fr, EN: s + en}
}
