package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/qlint/qlint/linter"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/lang"
	"github.com/qlint/qlint/rules"
)

func init() {
	Register(Format{Name: "text", Rank: 10,
		New: func(o Options) Printer {
			return inLang(o.Lang, func(w io.Writer, r *linter.Report) error {
				return WriteText(w, r, TextOptions{Color: o.Color, Width: o.Width})
			})
		}})
}

// TextOptions tune the text report.
type TextOptions struct {
	Color bool // ANSI colours; words always carry the meaning too
	// MaxUnmapped is how many unmapped files are listed (0: 15).
	MaxUnmapped int
	// Width is the width lines are wrapped to, between words (0:
	// DefaultWidth): the terminal's when the report goes to one.
	Width int
}

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiBlue   = "\x1b[34m"
)

// waivedWord is said of an indicator whose only problems are waived: never
// « CONFORME ».
var waivedWord = i18n.T("DÉROGATION", "WAIVED")

// IndicatorWord returns the words the reports use for an indicator's
// status: « DÉROGATION » when a waiver covers all its problems.
func IndicatorWord(res linter.IndicatorResult) lang.Text {
	if res.Waived {
		return waivedWord
	}
	return res.Status.Words()
}

// indicatorColor is the color of an indicator's status line.
func indicatorColor(res linter.IndicatorResult) string {
	if res.Waived {
		return ansiYellow
	}
	return statusColors[res.Status]
}

var statusColors = map[linter.Status]string{
	linter.StatusOK: ansiGreen, linter.StatusMissing: ansiRed, linter.StatusStale: ansiRed,
	linter.StatusDueSoon: ansiYellow, linter.StatusUncovered: ansiYellow, linter.StatusNotApplicable: ansiDim,
}

var severityColors = map[rules.Severity]string{
	rules.SevError: ansiRed, rules.SevWarning: ansiYellow, rules.SevInfo: ansiBlue,
}

var ncWords = map[string]i18n.Text{
	rules.NCMajor:        i18n.T("NC majeure possible", "major NC possible"),
	rules.NCMinorOrMajor: i18n.T("NC mineure ou majeure", "minor or major NC"),
}

type textPrinter struct {
	w    io.Writer
	l    i18n.Lang
	opts TextOptions
	err  error
}

func (p *textPrinter) width() int {
	if p.opts.Width <= 0 {
		return DefaultWidth
	}
	return p.opts.Width
}

func (p *textPrinter) paint(color, s string) string {
	if !p.opts.Color || color == "" {
		return s
	}
	return color + s + ansiReset
}

func (p *textPrinter) printf(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}

// WriteText prints the report for people: a header, then criterion by
// criterion each indicator's status with the findings to act on, then the
// files no rule uses, and a summary.
func WriteText(w io.Writer, r *linter.Report, opts TextOptions) error {
	lw := newLineWrapper(w, opts.Width)
	lw.french(r.Lang, r)
	p := &textPrinter{w: lw, l: r.Lang, opts: opts}
	defer lw.Flush()
	if p.opts.MaxUnmapped == 0 {
		p.opts.MaxUnmapped = 15
	}
	if r.Baseline != nil {
		return writeTextNew(p, r)
	}
	p.header(r)
	byIndicator := map[int][]linter.Finding{}
	var unmapped, general []linter.Finding
	for _, f := range r.Findings {
		switch {
		case f.Kind == linter.KindUnmapped:
			unmapped = append(unmapped, f)
		case len(f.Indicators) == 0:
			general = append(general, f)
		default:
			// A finding shows under every indicator it serves, so that each
			// status comes with its reason.
			for _, n := range f.Indicators {
				byIndicator[n] = append(byIndicator[n], f)
			}
		}
	}
	ref := r.Ref()
	crit := 0
	for _, ind := range r.Indicators {
		if ind.Criterion != crit {
			crit = ind.Criterion
			c, _ := ref.Criterion(crit)
			p.printf("\n%s\n", p.paint(ansiBold, i18n.T("Critère", "Criterion").In(p.l)+fmt.Sprintf(" %d · %s", crit, c.Title.In(p.l))))
		}
		word := IndicatorWord(ind).In(p.l)
		line := fmt.Sprintf("  %-16s %2d  %s", "["+word+"]", ind.ID, Visible(ind.Title))
		if ind.Status == linter.StatusNotApplicable {
			line += " — " + ind.Reason(p.l)
		}
		p.printf("%s\n", p.paint(indicatorColor(ind), line))
		for _, f := range byIndicator[ind.ID] {
			p.finding(f)
		}
	}
	if len(general) > 0 {
		p.printf("\n%s\n", p.paint(ansiBold, i18n.T("Lecture du dossier", "Reading the folder").In(p.l)))
		for _, f := range general {
			p.finding(f)
		}
	}
	if len(unmapped) > 0 {
		p.printf("\n%s\n", p.paint(ansiBold, i18n.T(
			fmt.Sprintf("Fichiers rattachés à aucune règle (%d, info)", len(unmapped)),
			fmt.Sprintf("Files no rule uses (%d, info)", len(unmapped))).In(p.l)))
		for i, f := range unmapped {
			if i == p.opts.MaxUnmapped {
				p.printf("  %s\n", i18n.T(
					fmt.Sprintf("… et %d de plus (la liste complète : --format json)", len(unmapped)-i),
					fmt.Sprintf("… and %d more (full list: --format json)", len(unmapped)-i)).In(p.l))
				break
			}
			p.printf("  %s\n", Visible(f.Path))
		}
	}
	p.summary(r)
	p.writeTodo(r)
	return p.err
}

func (p *textPrinter) header(r *linter.Report) {
	p.printf("%s\n", p.paint(ansiBold, fmt.Sprintf("qlint · %s · %s %s · %s %s", Visible(orgName(r)),
		i18n.T("état au", "as of").In(p.l), asOfText(r), i18n.T("référentiel", "referential").In(p.l), r.Referential)))
	var hist string
	switch {
	case r.History.Kind == "git" && r.History.Head != "":
		hist = i18n.T("dates tirées de l'historique git (HEAD ", "dates from git history (HEAD ").In(p.l) + short(r.History.Head) + ")"
		if r.History.Shallow {
			hist += i18n.T(", clone superficiel (shallow) : dates peu fiables", ", shallow clone: dates unreliable").In(p.l)
		}
	case r.History.Kind == "git":
		hist = i18n.T("dépôt git sans commit : dates des fichiers", "git repository without commits: file dates").In(p.l)
	default:
		hist = i18n.T("hors dépôt git : dates de modification des fichiers", "outside a git repository: file modification dates").In(p.l)
	}
	p.printf("%s\n", p.paint(ansiDim, hist+" · "+i18n.N(r.FileCount, "fichier", "fichiers", "file", "files").In(p.l)))
	if !r.GridNote().IsZero() {
		p.printf("%s\n", p.paint(ansiYellow, r.GridNote().In(p.l)))
	}
	if r.Cycle != nil {
		if line := auditLine(*r.Cycle, r.Day(), r.Today(), r.Ref()); !line.IsZero() {
			p.printf("%s\n", p.paint(ansiDim, line.In(p.l)))
		}
	}
}

// auditLineBase says when the next audit comes, from the audit calendar,
// counting from the day judged; « aujourd'hui » only when that day is
// today (judged at a later day, the audit day is « le jour jugé », with how
// far it is from today).
func auditLineBase(c rules.Cycle, asOf, today rules.Day) i18n.Text {
	days := func(n int) i18n.Text {
		switch {
		case n == 0:
			return i18n.T("aujourd'hui", "today")
		case n < 0:
			return i18n.T(fmt.Sprintf("il y a %s", i18n.N(-n, "jour", "jours", "", "").FR), fmt.Sprintf("%s ago", i18n.N(-n, "", "", "day", "days").EN))
		}
		return i18n.T(fmt.Sprintf("dans %s", i18n.N(n, "jour", "jours", "", "").FR), fmt.Sprintf("in %s", i18n.N(n, "", "", "day", "days").EN))
	}
	in := func(d rules.Day) i18n.Text {
		n := asOf.DaysUntil(d)
		if n == 0 && !today.IsZero() && asOf != today {
			far := days(today.DaysUntil(d))
			return i18n.T("le jour jugé, "+far.FR, "the day judged, "+far.EN)
		}
		return days(n)
	}
	switch {
	case c.Booked:
		w := in(c.Next)
		return i18n.T("prochain audit : le "+c.Next.French()+" ("+w.FR+")", "next audit: "+c.Next.String()+" ("+w.EN+")")
	case c.WindowOpens.IsZero():
		return i18n.Text{}
	case asOf.Before(c.WindowOpens):
		w := in(c.WindowOpens)
		return i18n.T(
			"prochain audit : surveillance, fenêtre du "+c.WindowOpens.French()+" au "+c.WindowCloses.French()+" (ouverture "+w.FR+"), date à fixer",
			"next audit: surveillance, window "+c.WindowOpens.String()+" to "+c.WindowCloses.String()+" (opens "+w.EN+"), date to book")
	case !asOf.After(c.WindowCloses):
		w := in(c.WindowCloses)
		return i18n.T(
			"audit de surveillance : fenêtre ouverte jusqu'au "+c.WindowCloses.French()+" (fermeture "+w.FR+"), date à fixer",
			"surveillance audit: window open until "+c.WindowCloses.String()+" (closes "+w.EN+"), date to book")
	}
	w := in(c.Renewal)
	return i18n.T("prochain audit : renouvellement avant le "+c.Renewal.French()+" ("+w.FR+")",
		"next audit: renewal before "+c.Renewal.String()+" ("+w.EN+")")
}

func short(h string) string {
	if len(h) > 7 {
		return h[:7]
	}
	return h
}

func (p *textPrinter) finding(f linter.Finding) {
	sev := f.Severity.Words().In(p.l)
	kind := f.Kind.Words().In(p.l)
	head := fmt.Sprintf("%s · %s", sev, kind)
	if f.NC != "" && f.Severity != rules.SevInfo {
		head += " · " + ncWords[f.NC].In(p.l)
	}
	p.printf("        %s\n", p.paint(severityColors[f.Severity], head))
	p.printf("%s", wrap(Visible(f.Message), "          ", p.width()))
}

func (p *textPrinter) summary(r *linter.Report) {
	s := r.Summary
	ic := s.Indicators
	p.printf("\n%s\n", p.paint(ansiBold, i18n.T("Bilan", "Summary").In(p.l)))
	n := func(k int, frOne, frMany, en string) string { return i18n.N(k, frOne, frMany, en, en).In(p.l) }
	counted := []string{n(ic.OK, "conforme", "conformes", "ok")}
	if ic.Waived > 0 {
		counted = append(counted, n(ic.Waived, "en dérogation", "en dérogation", "waived"))
	}
	p.printf("  %s%s\n", i18n.T("Indicateurs : ", "Indicators: ").In(p.l), strings.Join(append(counted,
		n(ic.Missing, "manquant", "manquants", "missing"),
		n(ic.Stale, "périmé", "périmés", "stale"), n(ic.DueSoon, "à renouveler", "à renouveler", "due soon"),
		n(ic.Uncovered, "non couvert", "non couverts", "uncovered"),
		n(ic.NotApplicable, "non applicable", "non applicables", "not applicable")), ", "))
	counts := i18n.T("Constats : ", "Findings: ").In(p.l) + strings.Join([]string{
		i18n.N(s.Errors, "erreur", "erreurs", "error", "errors").In(p.l),
		i18n.N(s.Warnings, "avertissement", "avertissements", "warning", "warnings").In(p.l),
		i18n.N(s.Infos, "info", "infos", "info", "infos").In(p.l)}, ", ")
	color := ansiGreen
	switch {
	case s.Errors > 0:
		color = ansiRed
	case s.Warnings > 0:
		color = ansiYellow
	}
	p.printf("  %s\n", p.paint(color, counts))
}

// orgName is the organization's name for a report's header.
func orgName(r *linter.Report) string {
	if r.Organization != "" {
		return r.Organization
	}
	return i18n.T("organisme sans nom", "unnamed organization").In(r.Lang)
}

// asOfText is the as-of day as a reader of the report's language writes it.
func asOfText(r *linter.Report) string {
	if r.Lang == i18n.FR {
		return r.Day().French()
	}
	return r.AsOf
}
