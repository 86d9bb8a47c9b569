package gitdates

import (
	"crypto/sha1"
	"fmt"
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/stretchr/testify/require"
)

// mapReader serves tree objects from memory.
type mapReader map[plumbing.Hash][]byte

func (m mapReader) read(_ plumbing.ObjectType, h plumbing.Hash) ([]byte, error) {
	if raw, ok := m[h]; ok {
		return raw, nil
	}
	return nil, fmt.Errorf("no object %s", h)
}

// rawTree writes entries (name → hash; a name ending in / is a folder) as a
// git tree object, in git's order, and stores it in m.
func (m mapReader) rawTree(entries map[string]plumbing.Hash) plumbing.Hash {
	names := make([]string, 0, len(entries))
	for n := range entries {
		names = append(names, n)
	}
	sort.Strings(names) // a folder sorts as its name with /, as git does
	var raw []byte
	for _, n := range names {
		mode, name := "100644", n
		if n[len(n)-1] == '/' {
			mode, name = "40000", n[:len(n)-1]
		}
		h := entries[n]
		raw = append(append(append(append(raw, mode...), ' '), name...), 0)
		raw = append(raw, h[:]...)
	}
	id := plumbing.Hash(sha1.Sum(raw))
	m[id] = raw
	return id
}

// TestTreeDiffSkipsTheSameEnds: comparing two versions of a folder gives
// exactly the entries that differ, whatever the entries the two share before
// and after them, down to bytes that line up by chance: names of one letter
// and only three ids, names that hold another entry's bytes, make shared
// runs of bytes that do not start entries on both sides.
func TestTreeDiffSkipsTheSameEnds(t *testing.T) {
	defer func(n int) { sameEndsMin = n }(sameEndsMin)
	sameEndsMin = 0 // small trees too
	rng := rand.New(rand.NewPCG(1, 18))
	ids := []plumbing.Hash{{1}, {2}, {2, 2}}
	// "z100644 x" holds the bytes of an entry "x": the bytes a folder's two
	// versions share at their end may start an entry on one side only.
	letters := []string{"a", "b", "ab", "ba", "a.b", "a b", "aa", "b-a", "x", "z100644 x", "100644 x"}
	for round := range 3000 {
		m := mapReader{}
		old := map[string]plumbing.Hash{}
		// An empty folder, the same on both sides: it sorts among the files
		// as its name with /.
		sub := m.rawTree(nil)
		for _, l := range letters {
			if rng.IntN(3) > 0 {
				old[l] = ids[rng.IntN(len(ids))]
			}
		}
		if rng.IntN(2) == 0 {
			old[letters[rng.IntN(len(letters))]+"/"] = sub
		}
		cur := map[string]plumbing.Hash{}
		for n, h := range old {
			switch r := rng.IntN(6); {
			case r == 0 && n[len(n)-1] != '/': // deleted
			case r == 1 && n[len(n)-1] != '/': // changed
				cur[n] = ids[(slicesIndex(ids, h)+1)%len(ids)]
			default:
				cur[n] = h
			}
		}
		for _, l := range letters {
			if _, ok := cur[l]; !ok && rng.IntN(5) == 0 {
				cur[l] = ids[rng.IntN(len(ids))] // added
			}
		}
		want := map[string]change{}
		for n, h := range cur {
			if o := old[n]; o != h && n[len(n)-1] != '/' {
				want[n] = change{path: n, old: o, new: h}
			}
		}
		for n, h := range old {
			if _, ok := cur[n]; !ok {
				want[n] = change{path: n, old: h}
			}
		}
		a, b := m.rawTree(cur), m.rawTree(old)
		got := map[string]change{}
		require.NoError(t, newTrees(m, 1<<20).diff(a, b, "", func(ch change) { got[ch.path] = ch }))
		require.Equal(t, want, got, "round %d: %q against %q", round, m[a], m[b])
	}
}

func slicesIndex(ids []plumbing.Hash, h plumbing.Hash) int {
	for i, x := range ids {
		if x == h {
			return i
		}
	}
	return -1
}
