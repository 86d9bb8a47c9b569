// Package lang holds the two report languages qlint speaks, French and
// English; Text, one sentence in both; and Error, a failure said to people
// in both (where, what, a hint), the one error type qlint's packages give
// the command to print.
//
// Every sentence a person reads is written twice, side by side, so that neither
// catalogue can fall behind the other; a test in each package that builds
// messages checks that both texts are filled in. The package is public
// because linter's report, the errors and the printers hand out Text
// values and take a Lang.
package lang

import "fmt"

// Lang is a report language.
type Lang string

// The languages qlint speaks. French is the default: the users are French
// training organizations.
const (
	FR Lang = "fr"
	EN Lang = "en"
)

// Parse returns the language named by s, or false when qlint does not speak it.
func Parse(s string) (Lang, bool) {
	switch s {
	case "fr", "FR", "fr-FR", "fr_FR":
		return FR, true
	case "en", "EN", "en-GB", "en-US", "en_GB", "en_US":
		return EN, true
	}
	return "", false
}

// Text is one sentence in both languages.
type Text struct {
	FR, EN string
}

// T builds a Text from its French and English forms.
func T(fr, en string) Text { return Text{FR: fr, EN: en} }

// In returns the text in language l (French when l is unknown).
func (t Text) In(l Lang) string {
	if l == EN {
		return t.EN
	}
	return t.FR
}

// Format fills the text's fmt verbs with args, in both languages.
func (t Text) Format(args ...any) Text {
	return Text{FR: fmt.Sprintf(t.FR, args...), EN: fmt.Sprintf(t.EN, args...)}
}

// IsZero reports whether the text is empty in both languages.
func (t Text) IsZero() bool { return t.FR == "" && t.EN == "" }

// Complete reports whether both languages are filled in.
func (t Text) Complete() bool { return t.FR != "" && t.EN != "" }
