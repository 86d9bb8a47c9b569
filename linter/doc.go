// Package linter judges an evidence folder against qlint's rules: it walks
// the tree, matches each rule's patterns, dates every proof, and reports,
// indicator by indicator, what is missing, stale or due soon. The Report it
// returns keeps each message in both languages (Finding.Text, Report.In);
// package report prints it, in the format and the language the caller
// chooses.
//
// A proof's date comes from a Dater: History, which asks git through
// internal/gitdates (the one package that knows git: the repository, its
// history, the cache in .git, the index) inside a repository and reads the
// files' modification times outside one. A rule may date its proofs by the
// date in their names or by their modification times instead (judge.go,
// session.go).
//
// Where things are: Run (linter.go) opens the folder, walks it while
// history is read, and judges. walk.go lists the tree (walk_linux.go reads
// folders through descriptors) and refresh.go keeps it up to date for
// qlint watch; match.go folds names and matches the rules' patterns;
// dates.go and submodule.go date the files; judge.go, items.go and
// session.go judge each rule; nearmiss.go and keywords.go point at files
// that may be a missing proof under another name; baseline.go and
// removed.go compare with the revision of --new-from-rev.
//
// The vocabulary of a report is typed and kept in tables (vocab.go): each
// Kind of finding, Status of an indicator and DateSource of a date has one
// row saying its words in both languages and how it weighs, which the
// judge, the printers and the command read instead of switching on names.
package linter
