package gitdates

import (
	"bytes"
	"encoding/binary"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/index"
)

// The git index, read by qlint itself on every run: go-git's decoder reads
// each field through reflection and hashes the whole file with a
// collision-detecting SHA-1, which weighed on every warm run (BENCHMARKS.md,
// real repositories). qlint needs the
// entries only to tell which working copies are HEAD's, and compares a file
// by content whenever its entry does not match, so the file's checksum is
// not checked here; an index in a form this reader does not know is left to
// go-git, except in a SHA-256 repository (32-byte ids, which go-git cannot
// read): there it counts as unreadable.

// decodeIndex reads the entries of an index file of version 2, 3 or 4;
// false when data is not one. An entry holds an id of the repository's
// size (32 bytes for SHA-256), kept as its first 20 bytes.
func decodeIndex(data []byte, format idFormat) ([]*index.Entry, bool) {
	if len(data) < 12 || string(data[:4]) != "DIRC" {
		return nil, false
	}
	version := binary.BigEndian.Uint32(data[4:8])
	if version < 2 || version > 4 {
		return nil, false
	}
	count := binary.BigEndian.Uint32(data[8:12])
	if uint64(count) > uint64(len(data))/40 {
		return nil, false
	}
	idSize := format.hexLen() / 2
	fixed := 42 + idSize // the fields before the name (and the extended flags)
	entries := make([]*index.Entry, 0, count)
	all := make([]index.Entry, count)
	pos := 12
	var prev []byte
	for i := range all {
		if pos+fixed > len(data) {
			return nil, false
		}
		b := data[pos:]
		u32 := func(off int) uint32 { return binary.BigEndian.Uint32(b[off : off+4]) }
		e := &all[i]
		// Zero times stay zero, as go-git leaves them (an entry added
		// with git add -N has none).
		if sec, nsec := u32(0), u32(4); sec != 0 || nsec != 0 {
			e.CreatedAt = time.Unix(int64(sec), int64(nsec))
		}
		if sec, nsec := u32(8), u32(12); sec != 0 || nsec != 0 {
			e.ModifiedAt = time.Unix(int64(sec), int64(nsec))
		}
		e.Dev, e.Inode = u32(16), u32(20)
		e.Mode = filemode.FileMode(u32(24))
		e.UID, e.GID, e.Size = u32(28), u32(32), u32(36)
		copy(e.Hash[:], b[40:40+len(plumbing.Hash{})])
		flags := binary.BigEndian.Uint16(b[fixed-2 : fixed])
		e.Stage = index.Stage(flags>>12) & 3
		n := fixed
		if flags&0x4000 != 0 { // extended flags (version 3 and later)
			if version < 3 || len(b) < n+2 {
				return nil, false
			}
			ext := binary.BigEndian.Uint16(b[n : n+2])
			e.SkipWorktree = ext&0x4000 != 0
			e.IntentToAdd = ext&0x2000 != 0
			n += 2
		}
		if version == 4 {
			// The name: how many bytes of the previous name to drop (a
			// variable-length number), then the rest, NUL-ended.
			drop, used := indexVarint(b[n:])
			if used == 0 || drop > uint64(len(prev)) {
				return nil, false
			}
			n += used
			end := bytes.IndexByte(b[n:], 0)
			if end < 0 {
				return nil, false
			}
			name := make([]byte, 0, len(prev)-int(drop)+end)
			name = append(append(name, prev[:len(prev)-int(drop)]...), b[n:n+end]...)
			e.Name, prev = string(name), name
			pos += n + end + 1
		} else {
			end := bytes.IndexByte(b[n:], 0)
			if end < 0 {
				return nil, false
			}
			e.Name = string(b[n : n+end])
			// NUL padding up to a multiple of 8 bytes, 1 to 8 of them.
			pos += (n + end + 8) &^ 7
		}
		entries = append(entries, e)
	}
	if pos > len(data) {
		return nil, false
	}
	return entries, true
}

// indexVarint reads git's variable-length number of an index of version 4
// (the offset encoding of pack files); used is 0 when it is cut short.
func indexVarint(b []byte) (val uint64, used int) {
	if len(b) == 0 {
		return 0, 0
	}
	c := b[0]
	val = uint64(c & 127)
	used = 1
	for c&128 != 0 {
		if used >= len(b) || used > 9 {
			return 0, 0
		}
		c = b[used]
		used++
		val = ((val + 1) << 7) | uint64(c&127)
	}
	return val, used
}
