package linter

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"os"
	"path/filepath"
	"time"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/qlint/qlint/internal/gitdates"
)

// The history cache lives inside the repository's .git folder, never in
// the evidence tree. A cache written by another format, damaged, or for
// another prefix or list of ignored commits is not trusted: it is rebuilt.
const (
	cacheDir     = "qlint"
	cacheFile    = "history.cache"
	cacheMagic   = "qlint-history\x00"
	cacheVersion = 1
)

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
func loadCache(gitDir, key string) *gitdates.Result {
	data, err := os.ReadFile(filepath.Join(gitDir, cacheDir, cacheFile))
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
	var c cachedHistory
	if err := gob.NewDecoder(bytes.NewReader(payload)).Decode(&c); err != nil {
		return nil
	}
	if c.Version != cacheVersion || c.Key != key || c.Head.IsZero() {
		return nil
	}
	res := &gitdates.Result{Head: c.Head, Files: make(map[string]gitdates.File, len(c.Files))}
	for p, f := range c.Files {
		res.Files[p] = gitdates.File{Blob: f.Blob, Stamp: gitdates.Stamp{When: unixIn(f.When, f.Offset), Commit: f.Commit}}
	}
	return res
}

// saveCache writes the dates for res.Head, atomically: a reader sees the
// old cache or the new one, never half of one.
func saveCache(gitDir, key string, res *gitdates.Result) error {
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
	var payload bytes.Buffer
	if err := gob.NewEncoder(&payload).Encode(&c); err != nil {
		return err
	}
	sum := sha256.Sum256(payload.Bytes())
	dir := filepath.Join(gitDir, cacheDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, cacheFile+".*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(append(append([]byte(cacheMagic), sum[:]...), payload.Bytes()...))
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

func unixIn(secs int64, offset int) time.Time {
	return time.Unix(secs, 0).In(time.FixedZone("", offset))
}
