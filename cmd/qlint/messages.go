package main

import (
	"io"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/report"
)

// messageWriter wraps what qlint says to people on w (errors, hints, the
// lines of init, hook install, watch and demo) to the terminal's width
// (COLUMNS, the terminal, else 80 columns), with the report's wrapper.
func messageWriter(w io.Writer, l i18n.Lang) *report.MessageWriter {
	return report.NewMessageWriter(w, reportWidth(w, false), l)
}

// wrapMessage is one message (a watch change line) wrapped for w.
func wrapMessage(w io.Writer, text string, l i18n.Lang) string {
	return report.WrapMessage(text, reportWidth(w, false), l)
}
