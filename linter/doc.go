// Package linter judges an evidence folder against qlint's rules: it walks
// the tree, matches each rule's patterns, dates every proof (from git
// history, in one walk, or from the file system), and reports, indicator by
// indicator, what is missing, stale or due soon. The printers turn a Report
// into text for people or JSON for programs.
package linter
