package linter

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/internal/lazyre"
	"github.com/qlint/qlint/internal/safefile"
	"github.com/qlint/qlint/lang"
	"github.com/qlint/qlint/rules"
)

// SessionFile is the file, inside an `each` folder, that gives its dates.
const SessionFile = "session.toml"

// span is the dates of an `each` folder; zero when it has none.
type span struct {
	start, end rules.Day
}

// leadingDate finds a date that starts a folder name: 2025-03-12_acme,
// 20250312-acme.
var leadingDate = lazyre.New(`^(\d{4})-?(\d{2})-?(\d{2})(?:$|[^0-9])`)

// folderSpan returns the dates of folder dir: from its session.toml, else
// from a date that starts its name (start and end that day), else none.
func folderSpan(fsys fs.FS, dir string) (span, error) {
	p := dir + "/" + SessionFile
	// A small regular file only: a named pipe or a huge file put there
	// must not stop the run.
	data, err := safefile.ReadFS(fsys, p, safefile.SmallLimit)
	switch {
	case err == nil:
		if err := rules.CheckBounds(p, string(data)); err != nil {
			return span{}, err
		}
		return parseSession(p, data)
	case !errors.Is(err, fs.ErrNotExist):
		return span{}, &lang.Error{File: p, Msg: safefile.Reason(err),
			Hint: i18n.T("un session.toml est un petit fichier ordinaire : start = 2025-03-12 et end = 2025-03-14",
				"a session.toml is a small regular file: start = 2025-03-12 and end = 2025-03-14")}
	}
	if d, ok := dateAtStart(base(dir)); ok {
		return span{d, d}, nil
	}
	return span{}, nil
}

// dayFirstDate is a date written the French way at the start of a folder
// name: 25-11-2026, 25.11.2026, 25_11_2026, 3-2-2026 (day first, the year
// in four digits last, the same separator twice). Never month first.
var dayFirstDate = lazyre.New(`^(\d{1,2})([-._])(\d{1,2})([-._])(\d{4})(?:$|[^0-9])`)

// dateAtStart returns the date that starts a folder name: year first
// (2025-03-12_acme, 20250312-acme) or day first with the year in four
// digits last (25-11-2026 Formation Word). A date that is no real day is no
// date.
func dateAtStart(name string) (rules.Day, bool) {
	if d, ok := isoAtStart(name); ok {
		return d, true
	}
	if len(name) < 8 || name[0] < '0' || name[0] > '9' {
		return rules.Day{}, false
	}
	if m := dayFirstDate.FindStringSubmatch(name); m != nil && m[2] == m[4] {
		return validDay(m[5], m[3], m[1])
	}
	return rules.Day{}, false
}

// dateLike is what starts a name that looks like a date: three groups of
// digits separated by - . _ or a space.
// yearMonth is a name that starts with a year and a month only: 2026-03
// Excel avancé, 2026_03.
var yearMonth = lazyre.New(`^(\d{4})[-._ ](\d{1,2})(?:$|[^0-9._ -]|[._ -][^0-9])`)

var dateLike = lazyre.New(`^(\d{1,4})[-._ ](\d{1,2})[-._ ](\d{1,4})(?:$|[^0-9])`)

// dateHint says, for a folder whose name starts with something like a date
// that qlint cannot read as one (11-25-2026, 31.02.2026, 25-11-26), that
// its date is not understood and how to write it; zero otherwise.
func dateHint(name string) i18n.Text {
	if _, ok := dateAtStart(name); ok {
		return i18n.Text{}
	}
	if ym := yearMonth.FindStringSubmatch(name); ym != nil {
		if mo, _ := strconv.Atoi(ym[2]); 1 <= mo && mo <= 12 {
			written := ym[1] + ym[0][4:len(ym[1])+1+len(ym[2])]
			example := fmt.Sprintf("%s-%02d-12", ym[1], mo)
			return i18n.T(
				fmt.Sprintf("Le nom commence par « %s », un mois sans jour : écrivez le premier jour de la session au début du nom (par exemple %s), ou donnez-le dans un session.toml (start = %s).", written, example, example),
				fmt.Sprintf("The name starts with %q, a month without its day: write the session's first day at the start of the name (for example %s), or give it in a session.toml (start = %s).", written, example, example))
		}
	}
	m := dateLike.FindStringSubmatch(name)
	if m == nil || len(m[1]) != 4 && len(m[3]) != 4 && !(len(m[3]) == 2 && len(m[1]) <= 2) {
		return i18n.Text{} // "3 2 1 partez" is no date
	}
	var guess rules.Day
	var ok bool
	switch a, b, c := m[1], m[2], m[3]; {
	case len(c) == 4: // month first: 11-25-2026
		guess, ok = validDay(c, a, b)
	case len(c) == 2 && len(a) <= 2: // a two-digit year: 25-11-26
		guess, ok = validDay("20"+c, b, a)
	}
	written := strings.TrimRight(name[:len(m[1])+len(m[2])+len(m[3])+2], " ")
	write := i18n.T("écrivez-la au début du nom comme 2026-11-25 (année-mois-jour)", "write it at the start of the name as 2026-11-25 (year-month-day)")
	if ok {
		write = i18n.T("écrivez "+guess.String()+" au début du nom", "write "+guess.String()+" at the start of the name")
	}
	return i18n.T(
		fmt.Sprintf("La date du nom « %s » n'est pas reconnue (le jour d'abord, l'année sur quatre chiffres) : %s.", written, write.FR),
		fmt.Sprintf("The date in the name %q is not understood (day first, four-digit year): %s.", written, write.EN))
}

// isoAtStart reads a year-first date that starts a name (leadingDate).
func isoAtStart(name string) (rules.Day, bool) {
	// A quick look first: most folder names start with no digit at all.
	if len(name) < 8 || name[0] < '0' || name[0] > '9' {
		return rules.Day{}, false
	}
	// leadingDate by hand: a folder walk asks it of every folder.
	digits := func(s string) bool {
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return false
			}
		}
		return true
	}
	i := 4
	if !digits(name[:4]) {
		return rules.Day{}, false
	}
	y := name[:4]
	if i < len(name) && name[i] == '-' {
		i++
	}
	if i+2 > len(name) || !digits(name[i:i+2]) {
		return rules.Day{}, false
	}
	mo := name[i : i+2]
	i += 2
	if i < len(name) && name[i] == '-' {
		i++
	}
	if i+2 > len(name) || !digits(name[i:i+2]) {
		return rules.Day{}, false
	}
	d := name[i : i+2]
	i += 2
	if i < len(name) && name[i] >= '0' && name[i] <= '9' {
		return rules.Day{}, false
	}
	return validDay(y, mo, d)
}

func validDay(ys, ms, ds string) (rules.Day, bool) {
	y, _ := strconv.Atoi(ys)
	mo, _ := strconv.Atoi(ms)
	d, _ := strconv.Atoi(ds)
	if mo < 1 || mo > 12 || d < 1 || y < 1900 || y > 2200 {
		return rules.Day{}, false
	}
	day := rules.NewDay(y, time.Month(mo), d)
	if day.Time().Day() != d { // 2025-02-30
		return rules.Day{}, false
	}
	return day, true
}

// parseSession reads a session.toml: start and end dates; other keys
// (client, title, trainer...) are the organization's own and are left alone.
func parseSession(name string, data []byte) (span, error) {
	var raw map[string]any
	if _, err := toml.Decode(string(data), &raw); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return span{}, &lang.Error{File: name, Line: pe.Position.Line, Col: max(pe.Position.Col, 1),
				Msg:  i18n.T("syntaxe TOML invalide : "+pe.Message, "invalid TOML syntax: "+pe.Message),
				Hint: i18n.T("un session.toml contient par exemple start = 2025-03-12 et end = 2025-03-14", "a session.toml holds for example start = 2025-03-12 and end = 2025-03-14")}
		}
		return span{}, &lang.Error{File: name, Msg: i18n.T(err.Error(), err.Error())}
	}
	get := func(key string) (rules.Day, error) {
		v, ok := raw[key]
		if !ok {
			return rules.Day{}, nil
		}
		bad := &lang.Error{File: name, Line: lineOf(data, key), Col: 1,
			Msg: i18n.T(fmt.Sprintf("%s doit être une date comme 2025-03-12", key), fmt.Sprintf("%s must be a date such as 2025-03-12", key)),
			Hint: i18n.T("écrivez la date sans guillemets ou entre guillemets, au format AAAA-MM-JJ",
				"write the date bare or quoted, as YYYY-MM-DD")}
		switch x := v.(type) {
		case time.Time:
			return rules.DayOf(x), nil
		case string:
			d, err := rules.ParseDay(x)
			if err != nil {
				return rules.Day{}, bad
			}
			return d, nil
		}
		return rules.Day{}, bad
	}
	start, err := get("start")
	if err != nil {
		return span{}, err
	}
	end, err := get("end")
	if err != nil {
		return span{}, err
	}
	switch {
	case start.IsZero() && end.IsZero():
		return span{}, nil
	case start.IsZero():
		start = end
	case end.IsZero():
		end = start
	}
	if end.Before(start) {
		return span{}, &lang.Error{File: name, Line: lineOf(data, "end"), Col: 1,
			Msg:  i18n.T(fmt.Sprintf("la fin (%s) précède le début (%s)", end, start), fmt.Sprintf("the end (%s) comes before the start (%s)", end, start)),
			Hint: i18n.T("vérifiez start et end", "check start and end")}
	}
	return span{start, end}, nil
}

// lineOf returns the line where key is set, for messages (1 if not found).
func lineOf(data []byte, key string) int {
	re := regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(key) + `\s*=`)
	loc := re.FindIndex(data)
	if loc == nil {
		return 1
	}
	n := 1
	for _, c := range data[:loc[0]] {
		if c == '\n' {
			n++
		}
	}
	return n
}

// nameDate finds a date in a file name for rules with date = "filename":
// 2025-03-12, 20250312, or a month 2025-03 (its first day).
var (
	nameFullDate  = lazyre.New(`(?:^|[^0-9])(\d{4})-?(\d{2})-?(\d{2})(?:$|[^0-9])`)
	nameMonthDate = lazyre.New(`(?:^|[^0-9])(\d{4})-(\d{2})(?:$|[^0-9])`)
)

// FilenameDate returns the date a file name carries, if any.
func FilenameDate(name string) (rules.Day, bool) {
	if m := nameFullDate.FindStringSubmatch(name); m != nil {
		// A full date that is no real day (2025-02-30) is no date at all,
		// not its month.
		return validDay(m[1], m[2], m[3])
	}
	if m := nameMonthDate.FindStringSubmatch(name); m != nil {
		return validDay(m[1], m[2], "01")
	}
	return rules.Day{}, false
}

// noDateHint says, for an item folder with no date at all (none at the
// start of its name, no session.toml giving start), why every proof with a
// due date is asked for already, and how to give the date.
func noDateHint(dir string) i18n.Text {
	name := path.Base(dir)
	return i18n.T(
		fmt.Sprintf("Le dossier « %s » ne dit pas quand la session a lieu (pas de date au début de son nom, pas de start dans un session.toml) : ses preuves sont toutes demandées comme si elle était finie. Nommez-le d'après son premier jour (par exemple « 2026-03-12 %s ») ou écrivez start = 2026-03-12 dans un session.toml de ce dossier.", name, name),
		fmt.Sprintf("The folder %q does not say when the session takes place (no date at the start of its name, no start in a session.toml): all its proofs are asked for as if it were over. Name it after its first day (for example \"2026-03-12 %s\") or write start = 2026-03-12 in a session.toml in that folder.", name, name))
}
