package serve

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/linter"
)

// count is "1 indicateur", "2 indicateurs": n with the word agreed, in
// both languages.
func count(n int, frOne, frMany, enOne, enMany string) i18n.Text {
	return i18n.N(n, frOne, frMany, enOne, enMany)
}

// shortPhrase is a finding's message cut to a phrase that fits a line.
func shortPhrase(msg string) string {
	const most = 110
	msg = strings.Join(strings.Fields(msg), " ")
	if utf8.RuneCountInString(msg) <= most {
		return msg
	}
	r := []rune(msg)[:most]
	if i := strings.LastIndexByte(string(r), ' '); i > most/2 {
		return string(r)[:i] + "…"
	}
	return string(r) + "…"
}

// findingsMoved says which findings a check added and resolved when no
// indicator changed status: "aucun indicateur n'a changé d'état ; nouveau
// constat : …", each with its first message.
func findingsMoved(added, resolved []linter.Finding) i18n.Text {
	line := i18n.T("aucun indicateur n'a changé d'état", "no indicator changed status")
	part := func(fs []linter.Finding, frOne, frMany, enOne, enMany string) {
		if len(fs) == 0 {
			return
		}
		var fr, en string
		if len(fs) == 1 {
			fr, en = frOne, enOne
		} else {
			c := count(len(fs), "", "", "", "")
			fr = fmt.Sprintf(frMany, strings.TrimSpace(c.FR))
			en = fmt.Sprintf(enMany, strings.TrimSpace(c.EN))
		}
		phrase := shortPhrase(fs[0].Message)
		line.FR += " ; " + fr + " : " + phrase
		line.EN += "; " + en + ": " + phrase
		if len(fs) > 1 {
			line.FR += fmt.Sprintf(" (et %s)", count(len(fs)-1, "autre", "autres", "", "").FR)
			line.EN += fmt.Sprintf(" (and %d more)", len(fs)-1)
		}
	}
	part(added, "nouveau constat", "%s nouveaux constats", "new finding", "%s new findings")
	part(resolved, "constat résolu", "%s constats résolus", "finding resolved", "%s findings resolved")
	if len(added) == 0 && len(resolved) == 0 {
		line.FR += " ; aucun constat nouveau ni résolu"
		line.EN += "; no finding new or resolved"
	}
	return line
}

// newDayLine says that a check was made because the day changed: the
// freshness of every proof is counted from the new day.
func newDayLine(day string) i18n.Text {
	fr := day
	if t, err := time.Parse("2006-01-02", day); err == nil {
		fr = t.Format("02/01/2006")
	}
	return i18n.T("nouveau jour : état au "+fr+", les délais sont recomptés", "new day: as of "+day+", every age is counted again")
}
