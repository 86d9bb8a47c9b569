//go:build !unix

package safefile

// nonBlock is nothing where named pipes do not block an open.
const nonBlock = 0
