package gitdates

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/storer"
	"github.com/go-git/go-git/v5/storage"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// errBadRev is a revision the built-in reader cannot name a commit by.
var errBadRev = errors.New("unknown revision")

// resolveBuiltin finds, without git, the commit rev names, as git
// rev-parse REV^{commit} does for the forms people give --new-from-rev: a
// full or abbreviated commit id, a branch, tag or remote branch (refs are
// tried as git does: NAME, refs/NAME, refs/tags/NAME, refs/heads/NAME,
// refs/remotes/NAME, refs/remotes/NAME/HEAD), HEAD or @, followed by any
// of ~, ~N, ^, ^N (the Nth parent; ^0 the commit itself), ^{}, ^{commit},
// ^{tag} and ^{object}. An annotated tag leads to its commit; a commit
// of a shallow clone's edge has no parent here either. Reflog (@{...}) and
// message searches (:/text) are not read: the revision is then not found
// (--git cli asks git itself).
func resolveBuiltin(s storage.Storer, rev string) (plumbing.Hash, error) {
	base, rest := splitRev(rev)
	if base == "@" {
		base = "HEAD"
	}
	if base == "" || strings.ContainsAny(base, ":@{}\\ ") && base != "HEAD" {
		return plumbing.ZeroHash, errBadRev
	}
	h, err := resolveBase(s, base)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	edge := map[plumbing.Hash]bool{} // a shallow clone's last commits
	if sh, ok := s.(storer.ShallowStorer); ok {
		list, err := sh.Shallow()
		if err != nil {
			return plumbing.ZeroHash, err
		}
		for _, c := range list {
			edge[c] = true
		}
	}
	for rest != "" {
		op := rest[0]
		rest = rest[1:]
		if op == '^' && strings.HasPrefix(rest, "{") {
			end := strings.IndexByte(rest, '}')
			if end < 0 {
				return plumbing.ZeroHash, errBadRev
			}
			switch rest[1:end] {
			case "", "commit":
				h, err = peelToCommit(s, h)
			case "tag":
				if t, terr := objectType(s, h); terr != nil || t != plumbing.TagObject {
					err = errBadRev
				}
			case "object":
				_, err = objectType(s, h)
			default:
				err = errBadRev
			}
			if err != nil {
				return plumbing.ZeroHash, err
			}
			rest = rest[end+1:]
			continue
		}
		digits := len(rest) - len(strings.TrimLeft(rest, "0123456789"))
		n := 1
		if digits > 0 {
			if n, err = strconv.Atoi(rest[:digits]); err != nil || n > 1<<20 {
				return plumbing.ZeroHash, errBadRev
			}
			rest = rest[digits:]
		}
		if h, err = peelToCommit(s, h); err != nil {
			return plumbing.ZeroHash, err
		}
		switch op {
		case '~':
			for range n {
				if h, err = nthParent(s, h, 1, edge); err != nil {
					return plumbing.ZeroHash, err
				}
			}
		case '^':
			if n > 0 {
				if h, err = nthParent(s, h, n, edge); err != nil {
					return plumbing.ZeroHash, err
				}
			}
		default:
			return plumbing.ZeroHash, errBadRev
		}
	}
	// A commit the repository holds: a parent beyond a shallow clone's
	// edge, or an id of nothing, is no revision of it.
	return peelToCommit(s, h)
}

// splitRev cuts rev into the name and its suffixes (~, ^).
func splitRev(rev string) (base, rest string) {
	if i := strings.IndexAny(rev, "~^"); i >= 0 {
		return rev[:i], rev[i:]
	}
	return rev, ""
}

// resolveBase is the object a name without suffix names: a full id, a
// ref, then an abbreviated id naming one commit or tag only, in git's
// order.
func resolveBase(s storage.Storer, name string) (plumbing.Hash, error) {
	hexName := isHex(name)
	id := strings.ToLower(name) // git reads ids in either case
	if hexName && len(name) == 2*len(plumbing.ZeroHash) {
		if h := plumbing.NewHash(id); objectExists(s, h) {
			return h, nil
		}
	}
	for _, rule := range plumbing.RefRevParseRules {
		if ref, err := storer.ResolveReference(s, plumbing.ReferenceName(fmt.Sprintf(rule, name))); err == nil {
			return ref.Hash(), nil
		}
	}
	if !hexName || len(name) < 4 || len(name) > 2*len(plumbing.ZeroHash) {
		return plumbing.ZeroHash, errBadRev
	}
	even, err := hex.DecodeString(id[:len(id)&^1])
	if err != nil {
		return plumbing.ZeroHash, errBadRev
	}
	hashes, err := hashesWithPrefix(s, even)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	found := plumbing.ZeroHash
	for _, h := range hashes {
		if !strings.HasPrefix(h.String(), id) {
			continue // the odd last digit
		}
		if t, err := objectType(s, h); err != nil || (t != plumbing.CommitObject && t != plumbing.TagObject) {
			continue // git too leaves out trees and blobs for a commit
		}
		if !found.IsZero() && found != h {
			return plumbing.ZeroHash, errBadRev // ambiguous
		}
		found = h
	}
	if found.IsZero() {
		return plumbing.ZeroHash, errBadRev
	}
	return found, nil
}

// hashesWithPrefix lists the objects whose id starts with prefix, in the
// repository and in those it borrows objects from (objects/info/alternates:
// git clone --shared or --reference), as git looks for them.
func hashesWithPrefix(s storage.Storer, prefix []byte) ([]plumbing.Hash, error) {
	prefixed, ok := s.(interface {
		HashesWithPrefix(prefix []byte) ([]plumbing.Hash, error)
	})
	if !ok {
		return nil, errBadRev
	}
	hashes, err := prefixed.HashesWithPrefix(prefix)
	if err != nil {
		return nil, err
	}
	fsst, ok := s.(*filesystem.Storage)
	if !ok {
		return hashes, nil
	}
	f, err := fsst.Filesystem().Open(filepath.Join("objects", "info", "alternates"))
	if err != nil {
		return hashes, nil
	}
	defer f.Close()
	sc := bufio.NewScanner(io.LimitReader(f, 1<<16))
	for sc.Scan() {
		alt := strings.TrimSpace(sc.Text())
		if alt == "" || strings.HasPrefix(alt, "#") {
			continue
		}
		if !filepath.IsAbs(alt) {
			alt = filepath.Join(fsst.Filesystem().Root(), "objects", alt)
		}
		// An objects folder: its repository's git folder is its parent.
		other := filesystem.NewStorage(osfs.New(filepath.Dir(filepath.Clean(alt))), cache.NewObjectLRU(0))
		more, err := other.HashesWithPrefix(prefix)
		if err != nil {
			continue
		}
		for _, h := range more {
			if !slices.Contains(hashes, h) {
				hashes = append(hashes, h)
			}
		}
	}
	return hashes, nil
}

// maxTagChain bounds the annotated tags followed to a commit (a tag of a
// tag...), against a loop in a damaged repository.
const maxTagChain = 16

// peel follows annotated tags from h to the object they name, and says
// its type.
func peel(s storage.Storer, h plumbing.Hash) (plumbing.Hash, plumbing.ObjectType, error) {
	for range maxTagChain {
		t, headers, err := readHeaders(s, h)
		if err != nil {
			return plumbing.ZeroHash, t, err
		}
		if t != plumbing.TagObject {
			return h, t, nil
		}
		if len(headers["object"]) == 0 {
			return plumbing.ZeroHash, t, errBadRev
		}
		h = plumbing.NewHash(headers["object"][0])
	}
	return plumbing.ZeroHash, plumbing.TagObject, errBadRev
}

// peelToCommit follows annotated tags from h to the commit they name.
func peelToCommit(s storage.Storer, h plumbing.Hash) (plumbing.Hash, error) {
	h, t, err := peel(s, h)
	if err == nil && t != plumbing.CommitObject {
		err = errBadRev // a tree or a blob
	}
	return h, err
}

// nthParent is the nth parent (from 1) of the commit h; a commit at a
// shallow clone's edge has none.
func nthParent(s storage.Storer, h plumbing.Hash, n int, edge map[plumbing.Hash]bool) (plumbing.Hash, error) {
	if edge[h] {
		return plumbing.ZeroHash, errBadRev
	}
	_, headers, err := readHeaders(s, h)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	parents := headers["parent"]
	if n > len(parents) {
		return plumbing.ZeroHash, errBadRev
	}
	return plumbing.NewHash(parents[n-1]), nil
}

// objectExists reports whether the repository holds h, alternates included.
func objectExists(s storage.Storer, h plumbing.Hash) bool {
	_, err := objectType(s, h)
	return err == nil
}

func objectType(s storage.Storer, h plumbing.Hash) (plumbing.ObjectType, error) {
	obj, err := s.EncodedObject(plumbing.AnyObject, h)
	if err != nil {
		return plumbing.InvalidObject, err
	}
	return obj.Type(), nil
}

// readHeaders reads the type of the object h and, for a commit or a tag,
// the values of its headers (tree, parent, object...) by name, up to the
// blank line before the message.
func readHeaders(s storage.Storer, h plumbing.Hash) (plumbing.ObjectType, map[string][]string, error) {
	obj, err := s.EncodedObject(plumbing.AnyObject, h)
	if err != nil {
		return plumbing.InvalidObject, nil, err
	}
	t := obj.Type()
	if t != plumbing.CommitObject && t != plumbing.TagObject {
		return t, nil, nil
	}
	r, err := obj.Reader()
	if err != nil {
		return t, nil, err
	}
	defer r.Close()
	headers := map[string][]string{}
	br := bufio.NewReader(io.LimitReader(r, 1<<20))
	for {
		line, err := br.ReadBytes('\n')
		line = bytes.TrimSuffix(line, []byte("\n"))
		if len(line) == 0 {
			return t, headers, nil // the message follows
		}
		if line[0] != ' ' { // not a continuation (a signature's lines)
			name, value, _ := bytes.Cut(line, []byte(" "))
			id := len(value) == 2*len(plumbing.ZeroHash) && isHex(string(value))
			if id || string(name) != "parent" && string(name) != "object" {
				headers[string(name)] = append(headers[string(name)], string(value))
			} else {
				return t, nil, errBadRev // a malformed id
			}
		}
		if err != nil {
			return t, headers, nil
		}
	}
}
