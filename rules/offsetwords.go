package rules

import "github.com/qlint/qlint/lang"

// OffsetWords names, in both languages, the two days an Offset counts
// from: Start and End as what a delta counts from ("le début de la
// session"), AtStart and AtEnd as the day itself ("au début de la
// session"). Each caller names them as its sentence needs.
type OffsetWords struct {
	Start, End, AtStart, AtEnd lang.Text
}

// Words says the offset for people with w's names: "7 jours après la fin
// de la session", or "au début de la session" when it has no delta.
func (o Offset) Words(w OffsetWords) lang.Text {
	at, anchor := w.AtStart, w.Start
	if o.FromEnd {
		at, anchor = w.AtEnd, w.End
	}
	if o.Delta.IsZero() {
		return at
	}
	d := o.Delta.Words()
	if o.Back {
		return lang.T(d.FR+" avant "+anchor.FR, d.EN+" before "+anchor.EN)
	}
	return lang.T(d.FR+" après "+anchor.FR, d.EN+" after "+anchor.EN)
}
