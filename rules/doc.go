// Package rules reads what qlint checks: the organization's qlint.toml, the
// built-in Qualiopi referential (the 32 indicators of the Référentiel National
// Qualité and who they apply to) and the built-in rule pack.
//
// Decoding keeps the line and column of every key, so that a mistake in a
// qlint.toml is reported where it stands, with a hint on how to fix it, in
// French or in English: each mistake is a lang.Error (qlint's one error
// type for people), all of a file's an ErrorList.
package rules
