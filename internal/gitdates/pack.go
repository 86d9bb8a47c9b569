package gitdates

import (
	"bytes"
	"compress/zlib"
	"container/list"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sort"
	"sync"
	"unsafe"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// objectReader gives the raw content of a repository's trees and commits.
// Implementations are safe for concurrent use.
type objectReader interface {
	read(kind plumbing.ObjectType, h plumbing.Hash) ([]byte, error)
}

// storerReader reads objects through go-git.
type storerReader struct{ st storer.EncodedObjectStorer }

func (r storerReader) read(kind plumbing.ObjectType, h plumbing.Hash) ([]byte, error) {
	obj, err := r.st.EncodedObject(kind, h)
	if err != nil {
		return nil, err
	}
	rd, err := obj.Reader()
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	raw := make([]byte, obj.Size())
	if _, err := io.ReadFull(rd, raw); err != nil {
		return nil, err
	}
	return raw, nil
}

// packReader reads trees and commits straight from the repository's pack
// files. The built-in reader's whole time goes to rebuilding tree objects
// from their deltas, and go-git, made for any access, opens a pack file
// again for every object over 16 KiB and hashes every object it rebuilds to
// cache it. Here each pack stays open (mapped in memory, as git does, where
// the system allows; else an object is read in one call, knowing it ends
// where the next one starts), an object is found by its pack index, and every
// object rebuilt is cached by its place in the pack, so that following
// chains of deltas never rebuilds an object twice while it stays in the
// cache. Objects outside the packs (loose objects, alternates) are read
// through go-git. It is safe for concurrent use.
type packReader struct {
	packs    []*pack
	fallback objectReader
	cache    *offsetCache
	inflate  sync.Pool // *inflater
}

type pack struct {
	name string
	f    *os.File
	// data is the pack file mapped in memory (unix systems); without it
	// the pack is read with ReadAt, and ends tells how much to read.
	data []byte
	// The stretches of data read since its pages were last released (a
	// bit per mapChunk bytes), and how many: a walk reads commits and
	// trees all over the pack, and each page read stays in the process's
	// memory until released.
	mapMu      sync.Mutex
	mapTouched []uint64
	mapCount   int
	mapKept    int     // bytes read before they are released
	ends       []int64 // every object's start, sorted, then where the objects end
	// idx is the pack's index mapped in memory (unix systems, as git
	// does: a run after one new commit looks up a few objects, and reading
	// go-git's 1 MB index whole was a fifth of it), nil when it was read.
	idx     []byte
	fanout  [256]uint32
	names   []byte // sorted object ids, 20 bytes each
	offsets []byte // 4 bytes each; the high bit points into large
	large   []byte // 8-byte offsets

	// The last stretch of the pack read: a walk reads commits, and the
	// trees of consecutive commits, about in the order git wrote them.
	mu     sync.Mutex
	win    []byte
	winOff int64
}

// packWindow is how much of the pack is read at once for a small object.
const packWindow = 16 << 10

// openPacks opens the pack files of a repository's objects folder. A pack
// it cannot read this way (an old index version, a damaged index) is left
// to go-git, like loose objects; nil means there is no pack it can read.
func openPacks(objects string, fallback objectReader, cacheBytes int) *packReader {
	idxs, err := filepath.Glob(filepath.Join(objects, "pack", "*.idx"))
	if err != nil {
		return nil
	}
	r := &packReader{fallback: fallback, cache: newOffsetCache(cacheBytes)}
	for _, idx := range idxs {
		if p, err := openPack(idx); err == nil {
			r.packs = append(r.packs, p)
		}
	}
	if len(r.packs) == 0 {
		return nil
	}
	return r
}

func (r *packReader) close() {
	for _, p := range r.packs {
		p.close()
	}
	r.packs = nil
}

func (p *pack) close() {
	if p.data != nil {
		unmapPack(p.data)
		p.data = nil
	}
	if p.idx != nil {
		unmapPack(p.idx)
		p.idx = nil
	}
	if p.f != nil {
		_ = p.f.Close()
	}
}

var errBadIndex = errors.New("unsupported pack index")

// mapChunk is the stretch of a mapped pack the system brings in on a read
// (Linux maps up to 64 KiB around the page read). How much of a pack stays
// in the process's memory before it is released is a sixteenth of the
// pack, from minMapKept to maxMapKept: without a bound, a cold run on
// prometheus held 201 MB, git log 161 MB; with 8 MiB kept on go-git's
// 14 MB pack, half of it stayed, where 1 MiB took no more time; and on
// git/git's 500 MB, releasing at 1 MiB instead of 8 made the run 7% slower.
const (
	mapChunk   = 64 << 10
	minMapKept = 1 << 20
	maxMapKept = 8 << 20
)

// mapKeptFor is how much of a mapped pack of size bytes is kept.
func mapKeptFor(size int64) int {
	return int(min(max(size/16, minMapKept), maxMapKept))
}

// touch notes a read of the mapped pack at off, releasing its pages once
// mapKept bytes of it are held.
func (p *pack) touch(off int64) {
	c := int(off / mapChunk)
	p.mapMu.Lock()
	defer p.mapMu.Unlock()
	if p.mapTouched == nil {
		p.mapTouched = make([]uint64, len(p.data)/mapChunk/64+1)
	}
	w, bit := c/64, uint64(1)<<(c%64)
	if p.mapTouched[w]&bit != 0 {
		return
	}
	p.mapTouched[w] |= bit
	if p.mapCount++; p.mapCount*mapChunk >= p.mapKept {
		releasePack(p.data)
		clear(p.mapTouched)
		p.mapCount = 0
	}
}

// mapPacks maps pack files in memory where the system can; tests turn it
// off to read them with ReadAt as on other systems.
var mapPacks = true

func openPack(idxPath string) (_ *pack, err error) {
	p := &pack{}
	idx, mapped := readIndexFile(idxPath)
	if idx == nil {
		return nil, errBadIndex
	}
	defer func() {
		if err != nil { // nothing kept open or mapped
			p.close()
		}
	}()
	if mapped {
		p.idx = idx
		defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
		defer p.guardFault(&err)
	}
	// Version 2: magic, version, 256 fan-out counts, ids, CRCs, offsets,
	// large offsets, two checksums.
	if len(idx) < 8+256*4+40 || !bytes.Equal(idx[:8], []byte{0xff, 't', 'O', 'c', 0, 0, 0, 2}) {
		return nil, errBadIndex
	}
	for i := range p.fanout {
		p.fanout[i] = binary.BigEndian.Uint32(idx[8+4*i:])
		if i > 0 && p.fanout[i] < p.fanout[i-1] {
			return nil, errBadIndex
		}
	}
	n := int(p.fanout[255])
	at := 8 + 256*4
	if len(idx) < at+n*(20+4+4)+40 {
		return nil, errBadIndex
	}
	p.names = idx[at : at+n*20]
	at += n*20 + n*4 // CRCs are not needed
	p.offsets = idx[at : at+n*4]
	at += n * 4
	p.large = idx[at : len(idx)-40]
	packPath := idxPath[:len(idxPath)-len(".idx")] + ".pack"
	p.name = filepath.Base(packPath)
	if p.f, err = os.Open(packPath); err != nil {
		return nil, err
	}
	var head [12]byte
	fi, err := p.f.Stat()
	if err == nil {
		_, err = p.f.ReadAt(head[:], 0)
	}
	if err != nil || !fi.Mode().IsRegular() || fi.Size() < 12+20 || !bytes.Equal(head[:4], []byte("PACK")) {
		return nil, errBadIndex
	}
	if p.data, err = mapPack(p.f, fi.Size()); err == nil && mapPacks {
		p.mapKept = mapKeptFor(fi.Size())
		// An object's data ends where its compressed stream does: no
		// need to know where the next one starts.
		return p, nil
	}
	if p.data != nil {
		unmapPack(p.data)
		p.data = nil
	}
	if err := p.findEnds(fi.Size()); err != nil {
		return nil, err
	}
	return p, nil
}

// findEnds lists where the objects of a pack of size bytes read with ReadAt
// end: where the next one starts; the last one before the pack's checksum.
func (p *pack) findEnds(size int64) error {
	n := int(p.fanout[255])
	p.ends = make([]int64, 0, n+1)
	for i := range n {
		off, ok := p.offset(i)
		if !ok {
			return errBadIndex
		}
		p.ends = append(p.ends, off)
	}
	slices.Sort(p.ends)
	p.ends = append(p.ends, size-20)
	return nil
}

// offset returns where the i-th object of the index starts.
func (p *pack) offset(i int) (int64, bool) {
	off := binary.BigEndian.Uint32(p.offsets[i*4:])
	if off&0x80000000 == 0 {
		return int64(off), true
	}
	k := int(off&0x7fffffff) * 8
	if k+8 > len(p.large) {
		return 0, false
	}
	return int64(binary.BigEndian.Uint64(p.large[k:])), true
}

// span reads the object stored at off: its header and compressed data (and,
// from a mapped pack, what follows up to the pack's checksum, in place:
// the caller must not write to it, and must read it under guardFault).
func (p *pack) span(off int64, buf []byte) ([]byte, error) {
	if p.data != nil {
		if off < 12 || off >= int64(len(p.data)-20) {
			return nil, errTruncated
		}
		p.touch(off)
		return p.data[off : len(p.data)-20], nil
	}
	i := sort.Search(len(p.ends)-1, func(i int) bool { return p.ends[i] > off })
	end := p.ends[i]
	if i == 0 || p.ends[i-1] != off || end <= off {
		return nil, errTruncated
	}
	n := int(end - off)
	if cap(buf) < n {
		buf = make([]byte, n)
	}
	buf = buf[:n]
	limit := p.ends[len(p.ends)-1] // where the objects end
	if n > packWindow/4 || end > limit {
		if _, err := p.f.ReadAt(buf, off); err != nil {
			return nil, err
		}
		return buf, nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if off < p.winOff || end > p.winOff+int64(len(p.win)) {
		if p.win == nil {
			p.win = make([]byte, packWindow)
		}
		w := p.win[:min(int64(packWindow), limit-off)]
		if _, err := p.f.ReadAt(w, off); err != nil {
			p.win, p.winOff = p.win[:0], 0
			return nil, err
		}
		p.win, p.winOff = w, off
	}
	copy(buf, p.win[off-p.winOff:])
	return buf, nil
}

// find returns where the object is in the pack, or -1 (also when the
// mapped index was cut short meanwhile: the object is then looked for
// elsewhere, and missing).
func (p *pack) find(h plumbing.Hash) int64 {
	if p.idx == nil {
		return p.lookup(h)
	}
	var err error
	off := func() int64 {
		defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
		defer p.guardFault(&err)
		return p.lookup(h)
	}()
	if err != nil {
		return -1
	}
	return off
}

// lookup is find in the index.
func (p *pack) lookup(h plumbing.Hash) int64 {
	lo := 0
	if h[0] > 0 {
		lo = int(p.fanout[h[0]-1])
	}
	hi := int(p.fanout[h[0]])
	i := lo + sort.Search(hi-lo, func(i int) bool { return bytes.Compare(p.names[(lo+i)*20:(lo+i)*20+20], h[:]) >= 0 })
	if i >= hi || !bytes.Equal(p.names[i*20:i*20+20], h[:]) {
		return -1
	}
	off, ok := p.offset(i)
	if !ok {
		return -1
	}
	return off
}

func (r *packReader) read(kind plumbing.ObjectType, h plumbing.Hash) ([]byte, error) {
	for pi, p := range r.packs {
		off := p.find(h)
		if off < 0 {
			continue
		}
		typ, raw, err := r.at(pi, off)
		if err != nil {
			return nil, fmt.Errorf("%s at %d: %w", p.name, off, err)
		}
		if typ != kind {
			return nil, fmt.Errorf("%s at %d: a %s, not a %s", p.name, off, typ, kind)
		}
		return raw, nil
	}
	return r.fallback.read(kind, h)
}

// commitHead returns the start of commit h, up to its committer line at
// least: a commit stored whole is inflated only up to the end of that line,
// or of the headers when it has none (tree, parents, author and committer
// come first; what follows, a signature often longer than all of them and
// the message, is what a walk never reads); a commit stored as a delta is
// rebuilt whole.
func (r *packReader) commitHead(h plumbing.Hash) ([]byte, error) {
	for _, p := range r.packs {
		off := p.find(h)
		if off < 0 {
			continue
		}
		raw, whole, err := r.headOf(p, off)
		if err != nil {
			return nil, fmt.Errorf("%s at %d: %w", p.name, off, err)
		}
		if whole {
			return raw, nil
		}
		break
	}
	return r.read(plumbing.CommitObject, h)
}

// headOf inflates the commit stored whole at off up to the end of its
// committer line or of its headers; false when the object there is not a
// whole commit.
func (r *packReader) headOf(p *pack, off int64) (_ []byte, _ bool, err error) {
	if p.data != nil {
		defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
		defer p.guardFault(&err)
	}
	z, h, err := r.start(p, off)
	defer r.release(z)
	if err != nil {
		return nil, false, err
	}
	if h.typ != plumbing.CommitObject {
		return nil, false, nil
	}
	if h.size < 0 || h.size > 1<<34 {
		return nil, false, errors.New("object too large")
	}
	if err := z.reset(h.data); err != nil {
		return nil, false, err
	}
	out := make([]byte, 0, min(h.size, 512))
	for int64(len(out)) < h.size {
		if len(out) == cap(out) {
			out = slices.Grow(out, int(min(h.size-int64(len(out)), int64(len(out)))))
		}
		from := len(out)
		n, err := z.zr.Read(out[from:min(int64(cap(out)), h.size)])
		out = out[:from+n]
		if end := headEnd(out); end >= 0 {
			return out[:end], true, nil
		}
		if err == io.EOF && int64(len(out)) < h.size {
			err = io.ErrUnexpectedEOF
		}
		if err != nil && err != io.EOF {
			return nil, false, fmt.Errorf("inflating: %w", err)
		}
	}
	return out, true, nil
}

// headEnd is where the part of a commit's start a walk reads ends: after its
// committer line, or after the empty line that ends its headers; -1 when out
// does not reach either yet.
func headEnd(out []byte) int {
	if i := bytes.Index(out, []byte("\ncommitter ")); i >= 0 {
		if j := bytes.IndexByte(out[i+1:], '\n'); j >= 0 {
			return i + 1 + j + 1
		}
		return -1
	}
	if i := bytes.Index(out, []byte("\n\n")); i >= 0 {
		return i + 2
	}
	return -1
}

// at returns the object at off in pack pi, rebuilt from its deltas: the
// chain is followed down to an object in the cache or stored whole, then
// each delta is applied on the way back up and its result cached.
func (r *packReader) at(pi int, off int64) (plumbing.ObjectType, []byte, error) {
	type link struct {
		pack  int
		off   int64
		delta []byte
	}
	var chain []link
	var typ plumbing.ObjectType
	var base []byte
	for depth := 0; ; depth++ {
		if depth > 10000 {
			return 0, nil, errors.New("delta chain too long")
		}
		if t, raw, ok := r.cache.get(pi, off); ok {
			typ, base = t, raw
			break
		}
		h, data, err := r.object(r.packs[pi], off)
		if err != nil {
			return 0, nil, err
		}
		switch h.typ {
		case plumbing.CommitObject, plumbing.TreeObject, plumbing.BlobObject, plumbing.TagObject:
			typ, base = h.typ, data
			r.cache.put(pi, off, typ, base)
		case plumbing.OFSDeltaObject:
			chain = append(chain, link{pi, off, data})
			off = h.base
			continue
		case plumbing.REFDeltaObject:
			chain = append(chain, link{pi, off, data})
			found := false
			for qi, q := range r.packs {
				if o := q.find(h.ref); o >= 0 {
					pi, off, found = qi, o, true
					break
				}
			}
			if !found {
				return 0, nil, fmt.Errorf("delta base %s is not in the packs", h.ref)
			}
			continue
		default:
			return 0, nil, fmt.Errorf("unknown object type %d", h.typ)
		}
		break
	}
	for i := len(chain) - 1; i >= 0; i-- {
		out, err := applyDelta(base, chain[i].delta)
		if err != nil {
			return 0, nil, err
		}
		base = out
		r.cache.put(chain[i].pack, chain[i].off, typ, base)
	}
	return typ, base, nil
}

var errTruncated = errors.New("truncated pack")

// guardFault, deferred after debug.SetPanicOnFault(true), turns a fault
// reading the mapped pack or index (the file cut short while it is read)
// into an error; any other panic, a fault elsewhere included, goes on.
func (p *pack) guardFault(err *error) {
	v := recover()
	if v == nil {
		return
	}
	if f, ok := v.(interface{ Addr() uintptr }); ok && (inside(f.Addr(), p.data) || inside(f.Addr(), p.idx)) {
		*err = fmt.Errorf("%w: the pack file changed while it was read", errTruncated)
		return
	}
	panic(v)
}

// inside reports whether the address a is in b.
func inside(a uintptr, b []byte) bool {
	start := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	return len(b) > 0 && a >= start && a < start+uintptr(len(b))
}

// maxPrealloc bounds what is allocated ahead for an object, on the size its
// header or its delta announces.
const maxPrealloc = 64 << 20

func cmpErr(err, otherwise error) error {
	if err != nil {
		return err
	}
	return otherwise
}

// object reads the object stored at off and inflates its data: the whole
// object, or a delta.
func (r *packReader) object(p *pack, off int64) (_ objHeader, _ []byte, err error) {
	if p.data != nil {
		defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
		defer p.guardFault(&err)
	}
	z, h, err := r.start(p, off)
	defer r.release(z)
	if err != nil {
		return objHeader{}, nil, err
	}
	if h.size < 0 || h.size > 1<<34 {
		return objHeader{}, nil, errors.New("object too large")
	}
	if err := z.reset(h.data); err != nil {
		return objHeader{}, nil, err
	}
	// The size is read from the pack: a damaged one must not make the
	// reader take gigabytes up front.
	var out []byte
	if h.size <= maxPrealloc {
		out = make([]byte, h.size)
		if _, err := io.ReadFull(z.zr, out); err != nil {
			return objHeader{}, nil, fmt.Errorf("inflating: %w", err)
		}
	} else {
		var buf bytes.Buffer
		if n, err := io.CopyN(&buf, z.zr, h.size); err != nil || n != h.size {
			return objHeader{}, nil, fmt.Errorf("inflating: %w", cmpErr(err, io.ErrUnexpectedEOF))
		}
		out = buf.Bytes()
	}
	if len(z.buf) > 1<<20 {
		z.buf = nil // do not keep a large object's buffer
	}
	return h, out, nil
}

type objHeader struct {
	typ  plumbing.ObjectType
	size int64
	data int64 // where the compressed data starts in the span
	base int64 // an offset delta's base, in the pack
	ref  plumbing.Hash
}

// parseHeader reads the header of the object stored at off, whose bytes d
// holds.
func parseHeader(d []byte, off int64) (objHeader, error) {
	i := 0
	if len(d) == 0 {
		return objHeader{}, errTruncated
	}
	c := d[i]
	i++
	// The type numbers are go-git's: a pack's own.
	h := objHeader{typ: plumbing.ObjectType(c>>4) & 7, size: int64(c & 0x0f)}
	for shift := uint(4); c&0x80 != 0; shift += 7 {
		if i >= len(d) || shift > 55 {
			return objHeader{}, errTruncated
		}
		c = d[i]
		i++
		h.size |= int64(c&0x7f) << shift
	}
	switch h.typ {
	case plumbing.OFSDeltaObject:
		if i >= len(d) {
			return objHeader{}, errTruncated
		}
		c = d[i]
		i++
		back := int64(c & 0x7f)
		for c&0x80 != 0 {
			if i >= len(d) || back > 1<<48 {
				return objHeader{}, errTruncated
			}
			c = d[i]
			i++
			back = ((back + 1) << 7) | int64(c&0x7f)
		}
		// The base is that far before the object's own start.
		if h.base = off - back; back <= 0 || h.base < 12 {
			return objHeader{}, errTruncated
		}
	case plumbing.REFDeltaObject:
		if i+20 > len(d) {
			return objHeader{}, errTruncated
		}
		copy(h.ref[:], d[i:i+20])
		i += 20
	}
	h.data = int64(i)
	return h, nil
}

type inflater struct {
	buf []byte // what was read of an unmapped pack
	in  []byte // the object being inflated: buf, or the mapped pack's bytes
	br  *bytes.Reader
	zr  io.ReadCloser
}

// start takes an inflater from the pool, set on the object stored at off
// in p, and reads that object's header. The caller releases z, and reads
// under guardFault when p is mapped.
func (r *packReader) start(p *pack, off int64) (*inflater, objHeader, error) {
	z, _ := r.inflate.Get().(*inflater)
	if z == nil {
		z = &inflater{br: bytes.NewReader(nil)}
	}
	if err := z.load(p, off); err != nil {
		return z, objHeader{}, err
	}
	h, err := parseHeader(z.in, off)
	return z, h, err
}

// release gives z back to the pool, holding no mapped bytes.
func (r *packReader) release(z *inflater) {
	z.in = nil
	z.br.Reset(nil)
	r.inflate.Put(z)
}

// load makes in the object at off of p, with what follows.
func (z *inflater) load(p *pack, off int64) error {
	in, err := p.span(off, z.buf)
	if err != nil {
		return err
	}
	if p.data == nil {
		z.buf = in
	}
	z.in = in
	return nil
}

// reset makes zr inflate the compressed data that starts at data in in.
func (z *inflater) reset(data int64) error {
	z.br.Reset(z.in[data:])
	if z.zr == nil {
		var err error
		z.zr, err = zlib.NewReader(z.br)
		return err
	}
	return z.zr.(zlib.Resetter).Reset(z.br, nil)
}

// applyDelta rebuilds an object from its base and a git delta.
func applyDelta(base, delta []byte) ([]byte, error) {
	bad := errors.New("malformed delta")
	varint := func() (int, bool) {
		n, shift := 0, uint(0)
		for {
			if len(delta) == 0 || shift > 56 {
				return 0, false
			}
			c := delta[0]
			delta = delta[1:]
			n |= int(c&0x7f) << shift
			shift += 7
			if c&0x80 == 0 {
				return n, true
			}
		}
	}
	srcSize, ok1 := varint()
	dstSize, ok2 := varint()
	if !ok1 || !ok2 || srcSize != len(base) || dstSize > 1<<34 {
		return nil, bad
	}
	out := make([]byte, 0, min(dstSize, maxPrealloc))
	for len(delta) > 0 {
		op := delta[0]
		delta = delta[1:]
		switch {
		case op&0x80 != 0:
			var off, n int
			for i := range 4 {
				if op&(1<<i) != 0 {
					if len(delta) == 0 {
						return nil, bad
					}
					off |= int(delta[0]) << (8 * i)
					delta = delta[1:]
				}
			}
			for i := range 3 {
				if op&(0x10<<i) != 0 {
					if len(delta) == 0 {
						return nil, bad
					}
					n |= int(delta[0]) << (8 * i)
					delta = delta[1:]
				}
			}
			if n == 0 {
				n = 0x10000
			}
			if off+n > len(base) || len(out)+n > dstSize {
				return nil, bad
			}
			out = append(out, base[off:off+n]...)
		case op != 0:
			n := int(op)
			if n > len(delta) || len(out)+n > dstSize {
				return nil, bad
			}
			out = append(out, delta[:n]...)
			delta = delta[n:]
		default:
			return nil, bad
		}
	}
	if len(out) != dstSize {
		return nil, bad
	}
	return out, nil
}

// offsetCache keeps rebuilt objects by their place in a pack, the least
// recently used dropped first past a size.
type offsetCache struct {
	mu    sync.Mutex
	max   int
	size  int
	lru   *list.List
	items map[offsetKey]*list.Element
}

type offsetKey struct {
	pack int
	off  int64
}

type cached struct {
	key offsetKey
	typ plumbing.ObjectType
	raw []byte
}

func newOffsetCache(max int) *offsetCache {
	return &offsetCache{max: max, lru: list.New(), items: map[offsetKey]*list.Element{}}
}

func (c *offsetCache) get(pack int, off int64) (plumbing.ObjectType, []byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items[offsetKey{pack, off}]
	if !ok {
		return 0, nil, false
	}
	c.lru.MoveToFront(e)
	v := e.Value.(*cached)
	return v.typ, v.raw, true
}

func (c *offsetCache) put(pack int, off int64, typ plumbing.ObjectType, raw []byte) {
	if len(raw) > c.max/4 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	k := offsetKey{pack, off}
	if _, ok := c.items[k]; ok {
		return
	}
	c.items[k] = c.lru.PushFront(&cached{k, typ, raw})
	c.size += len(raw)
	for c.size > c.max {
		e := c.lru.Back()
		v := e.Value.(*cached)
		c.lru.Remove(e)
		delete(c.items, v.key)
		c.size -= len(v.raw)
	}
}
