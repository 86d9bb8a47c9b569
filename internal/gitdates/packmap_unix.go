//go:build unix

package gitdates

import (
	"io"
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

// readIndexFile maps the pack index at p (true), or reads it when it
// cannot be mapped; nil when it cannot be read. A fault reading the
// mapping is turned into an error by guardFault.
func readIndexFile(p string) ([]byte, bool) {
	f, err := os.Open(p)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && mapPacks {
		if b, err := mapPack(f, fi.Size()); err == nil {
			return b, true
		}
	}
	b, err := io.ReadAll(f)
	if err != nil {
		return nil, false
	}
	return b, false
}
