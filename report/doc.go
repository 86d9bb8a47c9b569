// Package report prints a linter.Report: one file per format, each behind
// the Printer interface and registered once (Register) under its -f name,
// so that qlint lint's help, its check of -f and its dispatch all come
// from the registry and a new format is one file plus its golden files.
//
// The formats of -f are text (for people; with the to-do of qlint watch and
// the comparison of --new-from-rev), json (the contract's document),
// github (workflow annotations), gitlab (Code Quality), markdown (a job
// summary), sarif (code scanning) and html (the audit binder, its template
// embedded). The calendar (ics.go) and qlint explain (explain.go,
// changes.go) print here too, from their own commands.
//
// Messages stay bilingual in the report; Options.Lang picks the language
// when printing.
package report
