package report

import (
	"encoding/json"
	"io"

	"github.com/qlint/qlint/linter"
)

func init() {
	Register(Format{Name: "json", Rank: 20,
		New: func(o Options) Printer {
			return inLang(o.Lang, WriteJSON)
		},
		Stream: func(o Options) Printer {
			return inLang(o.Lang, WriteJSONLine)
		}})
}

// WriteJSON prints the report as the contract's JSON document.
func WriteJSON(w io.Writer, r *linter.Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// WriteJSONLine prints the report on one line (NDJSON, for watch).
func WriteJSONLine(w io.Writer, r *linter.Report) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}
