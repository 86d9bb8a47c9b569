package report

import (
	"fmt"
	"io"
	"sort"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/lang"
	"github.com/qlint/qlint/linter"
)

// Printer writes a report in one format.
type Printer interface {
	Print(w io.Writer, r *linter.Report) error
}

// PrinterFunc lets a function be a Printer.
type PrinterFunc func(w io.Writer, r *linter.Report) error

// Print calls f.
func (f PrinterFunc) Print(w io.Writer, r *linter.Report) error { return f(w, r) }

// Options are what the caller decides about a printed report; each format
// reads the ones it needs.
type Options struct {
	// Lang is the language the report is printed in: messages stay
	// bilingual in the report until then.
	Lang lang.Lang
	// Color paints the text report with ANSI colours.
	Color bool
	// Width is the text report's width in columns (0: DefaultWidth).
	Width int
	// LinkBase is where the HTML binder's proof links point, as in
	// HTMLOptions.
	LinkBase string
}

// Format is one output format of qlint lint -f: a file of this package
// registers it once, from its init.
type Format struct {
	// Name is the value of -f.
	Name string
	// Rank orders the formats in the help and in the error listing them.
	Rank int
	// Note says, in the -f help, what the format is for ("" when its name
	// says it).
	Note lang.Text
	// New makes the format's printer for these options.
	New func(Options) Printer
	// Stream, when set, makes a printer that writes a report on one line,
	// for a stream of them: qlint watch -f NAME prints one per check
	// (without it, watch prints its text report and redraws the screen).
	Stream func(Options) Printer
	// StepSummary names the format lint also writes to the CI job's
	// summary (GITHUB_STEP_SUMMARY) after this one ("" for none).
	StepSummary string
}

var formats = map[string]Format{}

// Register adds a format. Two formats of one name are a programming error.
func Register(f Format) {
	if _, dup := formats[f.Name]; dup || f.Name == "" || f.New == nil || f.StepSummary == f.Name {
		panic(fmt.Sprintf("report: format %q registered twice, or without a name or a printer", f.Name))
	}
	formats[f.Name] = f
}

// Lookup returns the format of that name.
func Lookup(name string) (Format, bool) {
	f, ok := formats[name]
	return f, ok
}

// Formats lists the registered formats by rank.
func Formats() []Format {
	out := make([]Format, 0, len(formats))
	for _, f := range formats {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Rank != out[j].Rank {
			return out[i].Rank < out[j].Rank
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// Names lists the formats' names by rank, for -f's help and errors.
func Names() []string {
	var names []string
	for _, f := range Formats() {
		names = append(names, f.Name)
	}
	return names
}

// inLang wraps a printer of a report in its own language: the report it is
// given is printed in language l.
func inLang(l i18n.Lang, print func(w io.Writer, r *linter.Report) error) Printer {
	return PrinterFunc(func(w io.Writer, r *linter.Report) error { return print(w, r.In(l)) })
}
