// Package safefile reads the small files qlint takes as input (qlint.toml,
// the list of commits to ignore, session.toml, approach notes, the history
// cache) so that no such file can make qlint hang, run out of memory or read
// outside the evidence folder: only regular files are read, never a named
// pipe or a device, and never more than a size limit.
package safefile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// Limits for the files qlint reads. They are far above what a real file
// holds and far below what would slow qlint down.
const (
	SmallLimit = 1 << 20  // session.toml, the list of commits to ignore
	NoteLimit  = 4 << 20  // an approach note: 4 MiB
	CacheLimit = 64 << 20 // the history cache
)

// ErrNotRegular is returned for a named pipe, a device, a socket or a folder
// where a file was expected.
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge is returned for a file over its size limit.
var ErrTooLarge = errors.New("file too large")

// LimitError says which limit a file exceeds.
type LimitError struct {
	Limit int64
}

func (e *LimitError) Error() string { return fmt.Sprintf("file larger than %d bytes", e.Limit) }

// Unwrap makes errors.Is(err, ErrTooLarge) true.
func (e *LimitError) Unwrap() error { return ErrTooLarge }

// ReadRoot reads name inside root: links are followed only while they stay
// inside root (os.Root refuses the others), the file must be a regular one
// and at most limit bytes long. It never blocks on a named pipe.
func ReadRoot(root *os.Root, name string, limit int64) ([]byte, error) {
	// Look before opening: opening a named pipe for reading waits for a
	// writer.
	info, err := root.Stat(name)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: name, Err: ErrNotRegular}
	}
	f, err := root.OpenFile(name, os.O_RDONLY|nonBlock, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readLimited(f, name, limit)
}

// ReadPath reads the file at path, which the user named outside any
// evidence folder (qlint -c FILE): it must be a regular file (links are
// followed) of at most limit bytes. It never blocks on a named pipe.
func ReadPath(path string, limit int64) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: path, Err: ErrNotRegular}
	}
	f, err := os.OpenFile(path, os.O_RDONLY|nonBlock, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readLimited(f, path, limit)
}

// ReadFS reads name from fsys with the same checks. An fs.FS cannot be
// asked not to block, so the file is looked at before it is opened and
// again once open.
func ReadFS(fsys fs.FS, name string, limit int64) ([]byte, error) {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: name, Err: ErrNotRegular}
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readLimited(f, name, limit)
}

// ReadSized reads r to its end, at most limit+1 bytes, into a buffer made
// for size bytes, the size the file said it has: one allocation when it
// did not change meanwhile, where io.ReadAll grows its buffer a dozen
// times for a megabyte (a warm run reads the git index and the history
// cache, half a megabyte each on git/git).
func ReadSized(r io.Reader, size, limit int64) ([]byte, error) {
	var b bytes.Buffer
	b.Grow(int(min(max(size, 0), limit)) + bytes.MinRead)
	_, err := b.ReadFrom(io.LimitReader(r, limit+1))
	return b.Bytes(), err
}

// readLimited checks the open file is regular and reads at most limit
// bytes of it, failing when there are more.
func readLimited(f fs.File, name string, limit int64) ([]byte, error) {
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: name, Err: ErrNotRegular}
	}
	if info.Size() > limit {
		return nil, &fs.PathError{Op: "read", Path: name, Err: &LimitError{limit}}
	}
	data, err := ReadSized(f, info.Size(), limit)
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit { // it grew while read
		return nil, &fs.PathError{Op: "read", Path: name, Err: &LimitError{limit}}
	}
	return data, nil
}
