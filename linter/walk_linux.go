package linter

import (
	"encoding/binary"
	"os"
	"sync"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// openRootFolder opens the folder of root for the Linux reader, or returns
// -1 (the walk then reads through root) when it is not the folder root
// holds, which can only happen if it was replaced in between.
func openRootFolder(root *os.Root) int {
	fd, err := openat(unix.AT_FDCWD, root.Name(), 0)
	if err != nil {
		return -1
	}
	var st unix.Stat_t
	info, err := root.Stat(".")
	rst, ok := sysStat(info, err)
	if !ok || unix.Fstat(fd, &st) != nil || uint64(st.Dev) != uint64(rst.Dev) || st.Ino != rst.Ino {
		closeFolder(fd)
		return -1
	}
	return fd
}

func sysStat(info os.FileInfo, err error) (*syscall.Stat_t, bool) {
	if err != nil {
		return nil, false
	}
	st, ok := info.Sys().(*syscall.Stat_t)
	return st, ok
}

// openFolder opens the subfolder name of the open folder parent, never
// through a link: a folder replaced by a link in between fails (ELOOP).
func openFolder(parent int, name string) (int, error) {
	return openat(parent, name, unix.O_NOFOLLOW)
}

func openat(dir int, name string, flags int) (int, error) {
	for {
		fd, err := unix.Openat(dir, name, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC|flags, 0)
		if err != unix.EINTR {
			return fd, err
		}
	}
}

func closeFolder(fd int) { _ = unix.Close(fd) }

// direntBuffers are getdents64 buffers, reused: a new one for each folder
// was zeroed each time (4% of git/git's walk).
var direntBuffers = sync.Pool{New: func() any { b := make([]byte, 16<<10); return &b }}

// readFolder lists the open folder fd, with the size and time of its files,
// appending to out.
func readFolder(fd int, out []entry) ([]entry, error) {
	bp := direntBuffers.Get().(*[]byte)
	defer direntBuffers.Put(bp)
	buf := *bp
	for {
		n, err := unix.Getdents(fd, buf)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, &os.SyscallError{Syscall: "getdents64", Err: err}
		}
		if n <= 0 {
			break
		}
		out = parseDirents(buf[:n], out)
	}
	statEntries(fd, out)
	return out, nil
}

// statEntries reads the size and time of the files of the open folder fd,
// and the kind of the entries whose type the listing did not give.
func statEntries(fd int, out []entry) {
	for i := range out {
		e := &out[i]
		if e.kind != kindFile && e.kind != kindOther {
			continue
		}
		var st unix.Stat_t
		err := fstatat(fd, e.name, &st)
		switch {
		case err != nil:
			e.kind, e.err = kindFile, &os.PathError{Op: "lstat", Path: e.name, Err: err}
		default:
			e.kind = kindOf(st.Mode)
			if e.kind == kindFile {
				e.modTime = time.Unix(int64(st.Mtim.Sec), int64(st.Mtim.Nsec))
				e.size = st.Size
			}
		}
	}
}

func fstatat(dir int, name string, st *unix.Stat_t) error {
	for {
		err := unix.Fstatat(dir, name, st, unix.AT_SYMLINK_NOFOLLOW)
		if err != unix.EINTR {
			return err
		}
	}
}

func kindOf(mode uint32) entryKind {
	switch mode & unix.S_IFMT {
	case unix.S_IFDIR:
		return kindDir
	case unix.S_IFLNK:
		return kindLink
	case unix.S_IFREG:
		return kindFile
	}
	return kindOther
}

// parseDirents appends the entries of a getdents64 buffer (struct
// linux_dirent64: inode u64, offset i64, record length u16, type u8, name
// ending in NUL), leaving out . and .., pipes, sockets and devices. A name
// whose type the file system does not give is marked kindOther until
// fstatat tells. A record that does not fit ends the buffer.
func parseDirents(b []byte, out []entry) []entry {
	const nameOff = 19
	for len(b) >= nameOff {
		reclen := int(binary.NativeEndian.Uint16(b[16:18]))
		if reclen < nameOff || reclen > len(b) {
			break
		}
		typ, name := b[18], b[nameOff:reclen]
		b = b[reclen:]
		for i, c := range name {
			if c == 0 {
				name = name[:i]
				break
			}
		}
		if len(name) == 0 || string(name) == "." || string(name) == ".." {
			continue
		}
		e := entry{name: string(name)}
		switch typ {
		case unix.DT_DIR:
			e.kind = kindDir
		case unix.DT_LNK:
			e.kind = kindLink
		case unix.DT_REG:
			e.kind = kindFile
		case unix.DT_UNKNOWN:
			e.kind = kindOther // fstatat tells
		default:
			continue // pipes, sockets and devices
		}
		out = append(out, e)
	}
	return out
}
