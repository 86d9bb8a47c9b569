package gitdates

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/gengit"
)

func gitIn(t *testing.T, dir string, args ...string) {
	t.Helper()
	out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).CombinedOutput()
	require.NoError(t, err, "git %v: %s", args, out)
}

// TestPackReaderReadsWhatGoGitReads reads every object of a generated
// repository's packs both ways, as git fast-import stores them and after
// repacking with offset deltas and with reference deltas.
func TestPackReaderReadsWhatGoGitReads(t *testing.T) {
	needGit(t)
	dir := t.TempDir()
	_, err := gengit.Generate(dir, gengit.Params{Files: 300, Commits: 400, Years: 2, Renames: 0.05, Moves: 2, Merges: 8, Seed: 3})
	require.NoError(t, err)
	for _, v := range []struct {
		name   string
		repack []string
		mapped bool
	}{
		{"fast-import pack", nil, true},
		{"fast-import pack, read", nil, false},
		{"offset deltas", []string{"repack", "-adfq"}, true},
		{"offset deltas, read", []string{"repack", "-adfq"}, false},
		{"reference deltas", []string{"-c", "repack.useDeltaBaseOffset=false", "repack", "-adfq"}, true},
		{"reference deltas, read", []string{"-c", "repack.useDeltaBaseOffset=false", "repack", "-adfq"}, false},
	} {
		t.Run(v.name, func(t *testing.T) {
			if v.repack != nil {
				gitIn(t, dir, v.repack...)
			}
			defer func(was bool) { mapPacks = was }(mapPacks)
			mapPacks = v.mapped
			repo, err := git.PlainOpen(dir)
			require.NoError(t, err)
			gg := storerReader{repo.Storer}
			// A small cache, so that bases are dropped and read again.
			pr := openPacks(filepath.Join(dir, ".git", "objects"), gg, 64<<10)
			require.NotNil(t, pr)
			defer pr.close()
			for _, p := range pr.packs {
				if runtime.GOOS != "windows" {
					require.Equal(t, v.mapped, p.data != nil, "pack mapped")
				}
				require.Equal(t, p.data == nil, p.ends != nil, "ends known only when read")
			}
			kinds := map[plumbing.ObjectType]int{}
			deltas := map[plumbing.ObjectType]int{}
			shortened := 0
			for _, p := range pr.packs {
				for i := 0; i < len(p.names)/20; i++ {
					var h plumbing.Hash
					copy(h[:], p.names[i*20:])
					obj, err := repo.Storer.EncodedObject(plumbing.AnyObject, h)
					require.NoError(t, err)
					want, err := gg.read(obj.Type(), h)
					require.NoError(t, err)
					got, err := pr.read(obj.Type(), h)
					require.NoError(t, err, "%s %s", obj.Type(), h)
					require.True(t, bytes.Equal(want, got), "%s %s differs", obj.Type(), h)
					kinds[obj.Type()]++
					if obj.Type() == plumbing.CommitObject {
						// The headers alone, the message left out.
						head, err := pr.commitHead(h)
						require.NoError(t, err, "commit %s", h)
						zones := map[string]*time.Location{}
						wantInfo, ok := parseHeaders(want[:headerEnd(want)], zones)
						require.True(t, ok)
						gotInfo, ok := parseHeaders(head[:headerEnd(head)], zones)
						require.True(t, ok, "commit %s", h)
						require.Equal(t, wantInfo, gotInfo, "commit %s", h)
						require.True(t, bytes.HasPrefix(want, head), "commit %s", h)
						if len(head) < len(want) {
							shortened++
						}
					}

					off, _ := p.offset(i)
					span, err := p.span(off, nil)
					require.NoError(t, err)
					hd, err := parseHeader(span, off)
					require.NoError(t, err)
					deltas[hd.typ]++
				}
			}
			assert.Positive(t, kinds[plumbing.CommitObject])
			assert.Positive(t, shortened, "commits read without their message")
			assert.Positive(t, kinds[plumbing.TreeObject])
			assert.Positive(t, kinds[plumbing.BlobObject])
			switch strings.TrimSuffix(v.name, ", read") {
			case "reference deltas":
				assert.Positive(t, deltas[plumbing.REFDeltaObject], "the pack holds reference deltas")
				assert.Zero(t, deltas[plumbing.OFSDeltaObject])
			default:
				assert.Positive(t, deltas[plumbing.OFSDeltaObject], "the pack holds offset deltas")
			}

			// Asked for the wrong kind, the reader says so.
			head, err := repo.Head()
			require.NoError(t, err)
			_, err = pr.read(plumbing.TreeObject, head.Hash())
			assert.ErrorContains(t, err, "a commit, not a tree")

			// The walk gives the same dates through the packs as through go-git.
			viaPacks, err := Walk(wrap(repo), "", Options{})
			require.NoError(t, err)
			gitBin, err := exec.LookPath("git")
			require.NoError(t, err)
			viaGit, err := Walk(wrap(repo), "", Options{Git: gitBin, Dir: dir})
			require.NoError(t, err)
			assert.Equal(t, viaGit.Files, viaPacks.Files)
		})
	}
}

// TestLooseObjectsBesideThePacks: commits made after the last repack are
// loose; the pack reader hands them to go-git.
func TestLooseObjectsBesideThePacks(t *testing.T) {
	needGit(t)
	dir := t.TempDir()
	_, err := gengit.Generate(dir, gengit.Params{Files: 50, Commits: 60, Years: 1, Seed: 5})
	require.NoError(t, err)
	gitIn(t, dir, "checkout", "-q", "-f")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "nouveau.md"), []byte("new"), 0o644))
	gitIn(t, dir, "add", "nouveau.md")
	gitIn(t, dir, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "loose", "--date", "2030-01-02T10:00:00+01:00")
	repo, err := git.PlainOpen(dir)
	require.NoError(t, err)
	res, err := Walk(wrap(repo), "", Options{})
	require.NoError(t, err)
	assert.Equal(t, "2030-01-02", res.Files["nouveau.md"].Stamp.When.Format("2006-01-02"))
}

// TestDamagedPack: a pack whose bytes are damaged, or cut short, gives an
// error naming the object, never a crash.
func TestDamagedPack(t *testing.T) {
	needGit(t)
	for _, damage := range []string{"garbage", "truncated"} {
		t.Run(damage, func(t *testing.T) {
			dir := t.TempDir()
			_, err := gengit.Generate(dir, gengit.Params{Files: 80, Commits: 100, Years: 1, Seed: 9})
			require.NoError(t, err)
			gitIn(t, dir, "repack", "-adfq")
			repo, err := git.PlainOpen(dir)
			require.NoError(t, err)
			ref, err := repo.Head()
			require.NoError(t, err)
			c, err := repo.CommitObject(ref.Hash())
			require.NoError(t, err)
			pr := openPacks(filepath.Join(dir, ".git", "objects"), storerReader{repo.Storer}, 1<<20)
			require.NotNil(t, pr)
			require.Len(t, pr.packs, 1)
			p := pr.packs[0]
			off := p.find(c.TreeHash)
			require.GreaterOrEqual(t, off, int64(0))
			packPath := p.f.Name()
			pr.close()

			require.NoError(t, os.Chmod(packPath, 0o644))
			f, err := os.OpenFile(packPath, os.O_RDWR, 0)
			require.NoError(t, err)
			if damage == "garbage" {
				_, err = f.WriteAt(bytes.Repeat([]byte{0xa5}, 64), off+2)
			} else {
				err = f.Truncate(off + 3)
			}
			require.NoError(t, err)
			require.NoError(t, f.Close())

			repo, err = git.PlainOpen(dir)
			require.NoError(t, err)
			_, err = Walk(wrap(repo), "", Options{})
			var missing *MissingObjectError
			require.True(t, errors.As(err, &missing), "got %v", err)
			assert.Equal(t, "tree", missing.Kind)
			assert.Equal(t, c.TreeHash, missing.Hash)
		})
	}
}

// FuzzPackBytes: no object header and no delta, however malformed, makes
// the pack reader panic; a delta it applies gives the size it declares.
func FuzzPackBytes(f *testing.F) {
	f.Add([]byte{0x95, 0x0a}, []byte{0x05, 0x03, 0x90, 0x02, 0x01, 'x'})
	f.Add([]byte{0x6f, 0x8f, 0x01}, []byte{0x00})
	f.Add([]byte("hello"), []byte{0x05, 0x05, 0x91, 0x00, 0x05})
	f.Fuzz(func(t *testing.T, a, b []byte) {
		if h, err := parseHeader(a, 1000); err == nil {
			if h.data > int64(len(a)) || (h.typ == plumbing.OFSDeltaObject && (h.base < 12 || h.base >= 1000)) {
				t.Fatalf("header out of bounds: %+v", h)
			}
		}
		out, err := applyDelta(a, b)
		if err == nil {
			src, n1 := binary.Uvarint(b)
			dst, n2 := binary.Uvarint(b[n1:])
			if n1 <= 0 || n2 <= 0 || src != uint64(len(a)) || dst != uint64(len(out)) {
				t.Fatalf("applied a delta declaring %d → %d bytes to %d bytes, giving %d", src, dst, len(a), len(out))
			}
		}
	})
}

// TestUnreadablePackIndexIsLeftToGoGit: an index qlint cannot read (here a
// stray one, damaged) is skipped; the other packs are still read.
func TestUnreadablePackIndexIsLeftToGoGit(t *testing.T) {
	needGit(t)
	dir := t.TempDir()
	_, err := gengit.Generate(dir, gengit.Params{Files: 50, Commits: 60, Years: 1, Seed: 11})
	require.NoError(t, err)
	objects := filepath.Join(dir, ".git", "objects")
	bad := append([]byte{0xff, 't', 'O', 'c', 0, 0, 0, 2}, bytes.Repeat([]byte{0xff, 0, 0, 0}, 300)...)
	require.NoError(t, os.WriteFile(filepath.Join(objects, "pack", "pack-0000000000000000000000000000000000000000.idx"), bad, 0o644))
	repo, err := git.PlainOpen(dir)
	require.NoError(t, err)
	pr := openPacks(objects, storerReader{repo.Storer}, 1<<20)
	require.NotNil(t, pr)
	assert.Len(t, pr.packs, 1, "the damaged index is skipped")
	pr.close()
	res, err := Walk(wrap(repo), "", Options{})
	require.NoError(t, err)
	assert.NotEmpty(t, res.Files)
}

// TestCommitHeadStopsAfterTheCommitter: a commit's start is read up to its
// committer line, before a signature and the message; up to the end of the
// headers when there is no committer line yet.
func TestCommitHeadStopsAfterTheCommitter(t *testing.T) {
	signed := "tree 4fca222270876cce1218c9b20c7cd1289cb8c602\nparent 4d99188751f9943ea4dc2a57bf85c96a92718371\n" +
		"author A <a@example.org> 1765940400 +0100\ncommitter C <c@example.org> 1765940401 +0100\n"
	full := signed + "gpgsig -----BEGIN PGP SIGNATURE-----\n \n iQIz\n -----END PGP SIGNATURE-----\n\nMessage\n"
	assert.Equal(t, len(signed), headEnd([]byte(full)))
	assert.Equal(t, len(signed), headEnd([]byte(signed)))
	assert.Equal(t, -1, headEnd([]byte(signed[:len(signed)-1])), "the committer line is not whole yet")
	noCommitter := "tree 4fca222270876cce1218c9b20c7cd1289cb8c602\n\nMessage"
	assert.Equal(t, len(noCommitter)-len("Message"), headEnd([]byte(noCommitter)))
	assert.Equal(t, -1, headEnd([]byte("tree 4fca222270876cce1218c9b20c7cd1289cb8c602\n")))
}

// smallPacked is a small generated repository, its objects in one pack,
// opened, and its HEAD.
func smallPacked(t *testing.T) (string, *git.Repository, *plumbing.Reference) {
	t.Helper()
	dir := t.TempDir()
	_, err := gengit.Generate(dir, gengit.Params{Files: 40, Commits: 30, Years: 1, Seed: 9})
	require.NoError(t, err)
	repo, err := git.PlainOpen(dir)
	require.NoError(t, err)
	head, err := repo.Head()
	require.NoError(t, err)
	return dir, repo, head
}

// TestPackCutShortWhileMapped: a pack file cut short while qlint reads it
// (a git gc in another window) gives an error, never a crash.
func TestPackCutShortWhileMapped(t *testing.T) {
	needGit(t)
	if runtime.GOOS == "windows" {
		t.Skip("packs are read with ReadAt there")
	}
	dir, repo, head := smallPacked(t)
	pr := openPacks(filepath.Join(dir, ".git", "objects"), storerReader{repo.Storer}, 64<<10)
	require.NotNil(t, pr)
	defer pr.close()
	require.NotNil(t, pr.packs[0].data, "pack mapped")
	packs, err := filepath.Glob(filepath.Join(dir, ".git", "objects", "pack", "*.pack"))
	require.NoError(t, err)
	for _, p := range packs {
		require.NoError(t, os.Truncate(p, 0))
	}
	_, err = pr.commitHead(head.Hash())
	require.ErrorIs(t, err, errTruncated)
	_, err = pr.read(plumbing.CommitObject, head.Hash())
	require.ErrorIs(t, err, errTruncated)
	assert.ErrorContains(t, err, "changed while it was read")
}

// TestIndexCutShortWhileMapped: a pack index cut short while it is mapped
// (git gc or git repack elsewhere) gives an error, not a crash; reading it
// as other systems do finds the same objects.
func TestIndexCutShortWhileMapped(t *testing.T) {
	needGit(t)
	if runtime.GOOS == "windows" {
		t.Skip("indexes are read whole there")
	}
	dir, repo, head := smallPacked(t)
	objects := filepath.Join(dir, ".git", "objects")

	mapPacks = false
	read := openPacks(objects, storerReader{repo.Storer}, 64<<10)
	mapPacks = true
	require.NotNil(t, read)
	require.Nil(t, read.packs[0].idx, "index read whole")
	want, err := read.read(plumbing.CommitObject, head.Hash())
	require.NoError(t, err)
	read.close()

	pr := openPacks(objects, storerReader{repo.Storer}, 64<<10)
	require.NotNil(t, pr)
	defer pr.close()
	require.NotNil(t, pr.packs[0].idx, "index mapped")
	got, err := pr.read(plumbing.CommitObject, head.Hash())
	require.NoError(t, err)
	assert.Equal(t, want, got)

	idxs, err := filepath.Glob(filepath.Join(objects, "pack", "*.idx"))
	require.NoError(t, err)
	for _, p := range idxs {
		require.NoError(t, os.Chmod(p, 0o644))
		require.NoError(t, os.Truncate(p, 0))
	}
	assert.Equal(t, int64(-1), pr.packs[0].find(head.Hash()), "not found, no crash")
	_, err = pr.read(plumbing.CommitObject, head.Hash())
	assert.Error(t, err)
	_, err = openPack(idxs[0])
	assert.ErrorIs(t, err, errBadIndex, "an empty index")
}

// TestGuardFaultOnlyInThePack: only a fault in the mapped pack becomes an
// error; any other (a bug) still panics.
func TestGuardFaultOnlyInThePack(t *testing.T) {
	p := &pack{data: make([]byte, 64)}
	var nowhere *[8]byte
	assert.Panics(t, func() {
		var err error
		func() {
			defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
			defer p.guardFault(&err)
			_ = nowhere[3]
		}()
	})
	assert.Panics(t, func() {
		var err error
		func() {
			defer p.guardFault(&err)
			panic("a bug")
		}()
	})
}

// TestDamagedPackBytes: a pack whose bytes are damaged here and there (a
// disk error, a copy cut short, a hostile file) gives errors or objects
// for every id of its index, mapped or read, and never a crash or a hang;
// the walk over it ends with an error or with dates.
func TestDamagedPackBytes(t *testing.T) {
	needGit(t)
	dir := t.TempDir()
	_, err := gengit.Generate(dir, gengit.Params{Files: 60, Commits: 80, Years: 1, Merges: 4, Seed: 21})
	require.NoError(t, err)
	gitIn(t, dir, "repack", "-adfq") // offset deltas
	packs, err := filepath.Glob(filepath.Join(dir, ".git", "objects", "pack", "*.pack"))
	require.NoError(t, err)
	require.Len(t, packs, 1)
	good, err := os.ReadFile(packs[0])
	require.NoError(t, err)
	repo, err := git.PlainOpen(dir)
	require.NoError(t, err)
	rng := rand.New(rand.NewPCG(7, 11))
	failed, read := 0, 0
	for round := range 24 {
		bad := bytes.Clone(good)
		// A few bytes changed, or a stretch zeroed, past the header.
		for range 1 + rng.IntN(8) {
			bad[12+rng.IntN(len(bad)-32)] ^= byte(1 + rng.IntN(255))
		}
		if round%3 == 0 {
			at := 12 + rng.IntN(len(bad)-32)
			clear(bad[at:min(len(bad)-20, at+rng.IntN(4096))])
		}
		require.NoError(t, os.Chmod(packs[0], 0o644))
		require.NoError(t, os.WriteFile(packs[0], bad, 0o644))
		for _, mapped := range []bool{true, false} {
			func() {
				defer func(was bool) { mapPacks = was }(mapPacks)
				mapPacks = mapped
				pr := openPacks(filepath.Join(dir, ".git", "objects"), storerReader{repo.Storer}, 64<<10)
				require.NotNil(t, pr)
				defer pr.close()
				p := pr.packs[0]
				for i := 0; i < len(p.names)/20; i++ {
					var h plumbing.Hash
					copy(h[:], p.names[i*20:])
					for _, kind := range []plumbing.ObjectType{plumbing.CommitObject, plumbing.TreeObject, plumbing.BlobObject} {
						// An error or an object: no panic.
						if _, err := pr.read(kind, h); err == nil {
							read++
						} else if !strings.Contains(err.Error(), "not a "+kind.String()) {
							failed++
						}
					}
					_, _ = pr.commitHead(h)
				}
			}()
		}
		if round%6 == 0 {
			_, _ = Walk(wrap(repo), "", Options{}) // an error or dates: no panic, no hang
		}
	}
	require.NoError(t, os.WriteFile(packs[0], good, 0o644))
	assert.Positive(t, failed, "damaged objects found")
	assert.Positive(t, read, "sound objects still read")
	t.Logf("%d objects read, %d damaged", read, failed)
}

func TestMapKeptFollowsThePackSize(t *testing.T) {
	for size, want := range map[int64]int{
		10 << 10:  minMapKept, // a tiny pack
		14 << 20:  minMapKept, // go-git's
		64 << 20:  4 << 20,
		169 << 20: maxMapKept, // etcd's
		500 << 20: maxMapKept, // git/git's
	} {
		require.Equal(t, want, mapKeptFor(size), "pack of %d bytes", size)
	}
}
