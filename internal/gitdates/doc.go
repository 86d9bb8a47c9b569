// Package gitdates is everything qlint knows about git: it finds and opens
// the repository that holds an evidence folder, refuses one whose dates
// could not be trusted, reads the last update of every file in one walk of
// history, keeps that in a cache inside .git, and tells which working
// copies are the committed ones.
//
// Open is the entry point: it opens the repository (repoopen.go, the one
// place a repository is opened and .git is looked for, dotGit; gitrefusals.go and grafts.go refuse what
// git refuses or what would fake the dates), chooses the reader
// (gitauto.go), and reads the dates through the cache (cache.go) with Walk
// (gitdates.go), which dates a second commit in the same walk for
// --new-from-rev (rev.go). Compare then sets the working copy against HEAD
// and the index (gitindex.go): a file whose content is another file's at
// HEAD keeps that file's date (moved.go), a committed link is a file of its
// own and a file reached through a folder link is dated at its real path
// (gitlinks.go). CompareStaged does the same for the commit being made (a
// pre-commit hook), and State answers for one file. HooksDir finds where
// git runs the hooks (hooks.go).
//
// A SHA-256 repository is read through the git binary only, its ids kept
// as their first 20 bytes inside qlint (sha256.go).
//
// Errors people can act on (a shallow clone, grafts, a repository of
// another user, --git builtin on SHA-256 objects) are *lang.Error, in both
// languages.
package gitdates
