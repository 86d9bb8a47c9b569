//go:build unix

package gitdates

import (
	"os"

	"golang.org/x/sys/unix"
)

// mapPack maps the pack file f of size bytes into memory, read-only, as git
// does: reading an object is then no system call and no copy. A fault
// there (the file cut short meanwhile) is turned into an error by
// guardFault.
func mapPack(f *os.File, size int64) ([]byte, error) {
	if size <= 0 || int64(int(size)) != size {
		return nil, unix.EINVAL
	}
	return unix.Mmap(int(f.Fd()), 0, int(size), unix.PROT_READ, unix.MAP_SHARED)
}

func unmapPack(b []byte) { _ = unix.Munmap(b) }

// releasePack drops the pages of a mapped pack from the process's memory;
// they stay in the system's file cache and come back when read again.
func releasePack(b []byte) { _ = unix.Madvise(b, unix.MADV_DONTNEED) }
