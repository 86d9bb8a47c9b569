package gitdates

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/qlint/qlint/internal/safefile"
)

// The history cache lives inside the repository's .git folder, never in
// the evidence tree. A cache written by another format, damaged, or for
// another prefix or list of ignored commits is not trusted: it is rebuilt.
const (
	cacheDir     = "qlint"
	cacheFile    = "history.cache"
	cacheMagic   = "qlint-history\x00"
	cacheVersion = 2
)

// cachedHistory is what the cache holds: the dates read for a HEAD, with
// the key they were read for (the prefix and the ignored commits).
type cachedHistory struct {
	Version int
	Key     string
	Head    plumbing.Hash
	Files   map[string]cachedFile
}

type cachedFile struct {
	Blob   plumbing.Hash
	When   int64 // author date, Unix seconds
	Offset int   // the author's zone, seconds east of UTC
	Commit plumbing.Hash
}

// loadCache reads the cache in gitDir for key, or returns nil when there is
// none that can be trusted.
func loadCache(gitDir, key string) *Result {
	// A regular file only: a pipe or a link to a device put in its place
	// must not hang the run or fill the memory.
	data, err := safefile.ReadPath(filepath.Join(gitDir, cacheDir, cacheFile), safefile.CacheLimit)
	if err != nil || !bytes.HasPrefix(data, []byte(cacheMagic)) {
		return nil
	}
	data = data[len(cacheMagic):]
	if len(data) < sha256.Size {
		return nil
	}
	sum, payload := data[:sha256.Size], data[sha256.Size:]
	if got := sha256.Sum256(payload); !bytes.Equal(sum, got[:]) {
		return nil // damaged
	}
	res, err := decodeCache(payload, key)
	if err != nil {
		return nil
	}
	return res
}

// saveCache writes the dates for res.Head, atomically: a reader sees the
// old cache or the new one, never half of one.
func saveCache(gitDir, key string, res *Result) error {
	if res == nil || res.Head.IsZero() {
		return nil
	}
	c := cachedHistory{Version: cacheVersion, Key: key, Head: res.Head, Files: make(map[string]cachedFile, len(res.Files))}
	for p, f := range res.Files {
		_, off := f.Stamp.When.Zone()
		c.Files[p] = cachedFile{Blob: f.Blob, When: f.Stamp.When.Unix(), Offset: off, Commit: f.Stamp.Commit}
	}
	return writeCacheFile(gitDir, c)
}

// writeCacheFile writes c with its header and checksum.
func writeCacheFile(gitDir string, c cachedHistory) error {
	payload := encodeCache(c)
	sum := sha256.Sum256(payload)
	dir := filepath.Join(gitDir, cacheDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, cacheFile+".*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(append(append([]byte(cacheMagic), sum[:]...), payload...))
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		os.Remove(tmp.Name())
		return werr
	}
	if err := os.Rename(tmp.Name(), filepath.Join(dir, cacheFile)); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}

// encodeCache writes the version, the key, HEAD, the commits the dates
// come from, once each, then the files sorted by path, each path sharing
// what it can of the previous one: blob, commit number, date and zone, so
// that reading it back costs little next to a run (BENCHMARKS.md).
func encodeCache(c cachedHistory) []byte {
	paths := make([]string, 0, len(c.Files))
	for p := range c.Files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	commits := map[plumbing.Hash]int{}
	var order []plumbing.Hash
	for _, p := range paths {
		h := c.Files[p].Commit
		if _, ok := commits[h]; !ok {
			commits[h] = len(order)
			order = append(order, h)
		}
	}
	b := make([]byte, 0, 64+20*len(order)+64*len(paths))
	b = binary.AppendUvarint(b, uint64(c.Version))
	b = binary.AppendUvarint(b, uint64(len(c.Key)))
	b = append(b, c.Key...)
	b = append(b, c.Head[:]...)
	b = binary.AppendUvarint(b, uint64(len(order)))
	for _, h := range order {
		b = append(b, h[:]...)
	}
	b = binary.AppendUvarint(b, uint64(len(paths)))
	prev := ""
	for _, p := range paths {
		f := c.Files[p]
		n := 0
		for n < len(p) && n < len(prev) && p[n] == prev[n] {
			n++
		}
		b = binary.AppendUvarint(b, uint64(n))
		b = binary.AppendUvarint(b, uint64(len(p)-n))
		b = append(b, p[n:]...)
		b = append(b, f.Blob[:]...)
		b = binary.AppendUvarint(b, uint64(commits[f.Commit]))
		b = binary.AppendVarint(b, f.When)
		b = binary.AppendVarint(b, int64(f.Offset))
		prev = p
	}
	return b
}

var errBadCache = errors.New("malformed history cache")

// decodeCache reads what encodeCache wrote, for key.
func decodeCache(b []byte, key string) (*Result, error) {
	uvarint := func() (uint64, error) {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			return 0, errBadCache
		}
		b = b[n:]
		return v, nil
	}
	varint := func() (int64, error) {
		v, n := binary.Varint(b)
		if n <= 0 {
			return 0, errBadCache
		}
		b = b[n:]
		return v, nil
	}
	bytesOf := func(n uint64) ([]byte, error) {
		if n > uint64(len(b)) {
			return nil, errBadCache
		}
		out := b[:n]
		b = b[n:]
		return out, nil
	}
	hash := func() (h plumbing.Hash, err error) {
		raw, err := bytesOf(20)
		copy(h[:], raw)
		return h, err
	}
	version, err := uvarint()
	if err != nil || version != cacheVersion {
		return nil, errBadCache
	}
	n, err := uvarint()
	if err != nil {
		return nil, err
	}
	k, err := bytesOf(n)
	if err != nil || string(k) != key {
		return nil, errBadCache
	}
	res := &Result{}
	if res.Head, err = hash(); err != nil || res.Head.IsZero() {
		return nil, errBadCache
	}
	nc, err := uvarint()
	if err != nil || nc > uint64(len(b))/20 {
		return nil, errBadCache
	}
	commits := make([]plumbing.Hash, nc)
	for i := range commits {
		if commits[i], err = hash(); err != nil {
			return nil, err
		}
	}
	nf, err := uvarint()
	if err != nil || nf > uint64(len(b))/24 {
		return nil, errBadCache
	}
	res.Files = make(map[string]File, nf)
	zones := map[int64]*time.Location{}
	prev := ""
	for range nf {
		shared, err1 := uvarint()
		rest, err2 := uvarint()
		if err1 != nil || err2 != nil || shared > uint64(len(prev)) {
			return nil, errBadCache
		}
		suffix, err := bytesOf(rest)
		if err != nil {
			return nil, err
		}
		p := prev[:shared] + string(suffix)
		var f File
		if f.Blob, err = hash(); err != nil {
			return nil, err
		}
		ci, err := uvarint()
		if err != nil || ci >= nc {
			return nil, errBadCache
		}
		when, err1 := varint()
		off, err2 := varint()
		if err1 != nil || err2 != nil || off < -18*3600 || off > 18*3600 {
			return nil, errBadCache
		}
		loc, ok := zones[off]
		if !ok {
			loc = time.FixedZone("", int(off))
			zones[off] = loc
		}
		f.Stamp = Stamp{When: time.Unix(when, 0).In(loc), Commit: commits[ci]}
		res.Files[p] = f
		prev = p
	}
	if len(b) != 0 {
		return nil, errBadCache
	}
	return res, nil
}
