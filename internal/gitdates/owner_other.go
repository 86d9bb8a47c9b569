//go:build !unix

package gitdates

// ownedByUs is false here: git's notion of an owner on Windows is its own,
// and git is asked.
func ownedByUs(...string) bool { return false }
