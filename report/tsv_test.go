package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/linter"
)

// A format that exists only for the tests, written as a new format is: this
// one file (and its golden files tsv.fr.golden and tsv.en.golden) and
// nothing else; the registry gives it to -f's help, its check and its
// dispatch. It prints one line per finding: severity, kind, path, message,
// separated by tabs.
func init() {
	Register(Format{Name: "tsv", Rank: 1000,
		Note: i18n.T("une ligne par constat, champs séparés par des tabulations", "one line per finding, tab-separated"),
		New: func(o Options) Printer {
			return inLang(o.Lang, writeTSV)
		}})
}

func writeTSV(w io.Writer, r *linter.Report) error {
	cell := strings.NewReplacer("\t", " ", "\n", " ", "\r", " ")
	for _, f := range r.Findings {
		if _, err := fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", f.Severity, f.Kind.Words().In(r.Lang), cell.Replace(Visible(f.Path)), cell.Replace(f.Message)); err != nil {
			return err
		}
	}
	return nil
}
