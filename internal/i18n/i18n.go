// Package i18n is how qlint's own code writes its two languages: the
// names of the public package lang, under the short name the messages have
// always used (i18n.T("…", "…")). Code outside qlint imports lang.
package i18n

import "github.com/qlint/qlint/lang"

// Lang is a report language (lang.Lang).
type Lang = lang.Lang

// Text is one sentence in both languages (lang.Text).
type Text = lang.Text

// The languages qlint speaks; French is the default.
const (
	FR = lang.FR
	EN = lang.EN
)

// Parse returns the language named by s, or false when qlint does not speak it.
func Parse(s string) (Lang, bool) { return lang.Parse(s) }

// T builds a Text from its French and English forms.
func T(fr, en string) Text { return lang.T(fr, en) }

// N says a count with its noun in the right number, in both languages (lang.N).
func N(n int, frOne, frMany, enOne, enMany string) Text {
	return lang.N(n, frOne, frMany, enOne, enMany)
}
