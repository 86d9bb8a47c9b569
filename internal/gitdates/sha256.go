package gitdates

// SHA-256 repositories (git init --object-format=sha256). go-git opens their
// folder (refs, config, the shallow list) once the objectFormat extension is
// set aside, but cannot read their objects, and qlint's own readers use
// 20-byte ids. So such a repository is read through the git binary only
// (--git cli; --git auto picks it, --git builtin says it cannot): git's log
// and ls-tree give 64-hexadecimal ids, objects come from git cat-file
// --batch, and the index is decoded with its 32-byte ids. Inside qlint, an
// id is kept as its first 20 bytes (plumbing.NewHash of 64 hexadecimal
// digits does just that): 160 bits, as unique as a SHA-1 id; the 40 digits
// they print are an abbreviation git resolves. What is shown (HEAD, the
// --new-from-rev commit) is the full id, asked of git (Repo.FullID).

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"hash"
	"io"
	"os/exec"
	"strconv"
	"strings"
	"sync"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/storage/filesystem"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/lang"
)

// idFormat is how a repository names its objects.
type idFormat bool

const (
	sha1IDs   idFormat = false
	sha256IDs idFormat = true
)

// hexLen is the length of a full id, in hexadecimal digits.
func (f idFormat) hexLen() int {
	if f == sha256IDs {
		return 64
	}
	return 40
}

// formatOf tells how the repository names its objects: openRepo opens a
// SHA-256 repository with its git folder marked so (extensionsAside).
func formatOf(repo *repository) idFormat {
	if repo == nil {
		return sha1IDs
	}
	if st, ok := repo.Storer.(*filesystem.Storage); ok {
		if e, ok := st.Filesystem().(extensionsAside); ok && e.sha256 {
			return sha256IDs
		}
	}
	return sha1IDs
}

// blobHasher computes a blob's id as the repository does: the hash of
// "blob <size>\x00" and the content, kept as its first 20 bytes.
type blobHasher struct{ h hash.Hash }

func newBlobHasher(f idFormat, size int64) blobHasher {
	if f != sha256IDs {
		return blobHasher{plumbing.NewHasher(plumbing.BlobObject, size).Hash}
	}
	h := sha256.New()
	_, _ = h.Write([]byte("blob " + strconv.FormatInt(size, 10) + "\x00"))
	return blobHasher{h}
}

func (b blobHasher) Write(p []byte) (int, error) { return b.h.Write(p) }

func (b blobHasher) Sum() plumbing.Hash {
	var id plumbing.Hash
	copy(id[:], b.h.Sum(nil))
	return id
}

// blobIDOf is the id of a blob holding data.
func blobIDOf(f idFormat, data []byte) plumbing.Hash {
	h := newBlobHasher(f, int64(len(data)))
	_, _ = h.Write(data)
	return h.Sum()
}

// emptyBlobOf is the id of an empty file: an empty file moved nowhere.
func emptyBlobOf(f idFormat) plumbing.Hash {
	if f == sha256IDs {
		return emptySHA256Blob
	}
	return emptyBlob
}

var emptySHA256Blob = blobIDOf(sha256IDs, nil)

// errSHA256Builtin refuses --git builtin on a SHA-256 repository.
func errSHA256Builtin() error {
	return &lang.Error{
		Msg: i18n.T("--git builtin : ce dépôt utilise des identifiants SHA-256 (git init --object-format=sha256), que le lecteur intégré ne sait pas lire",
			"--git builtin: this repository uses SHA-256 object ids (git init --object-format=sha256), which the built-in reader cannot read"),
		Hint: i18n.T("le dépôt n'est pas abîmé ; lisez l'historique avec git : --git cli (ou --git auto)",
			"the repository is not damaged; read its history with git: --git cli (or --git auto)"),
	}
}

// errSHA256NoGit refuses a SHA-256 repository when git is not installed.
func errSHA256NoGit() error {
	return &lang.Error{
		Msg: i18n.T("ce dépôt utilise des identifiants SHA-256 (git init --object-format=sha256) : qlint le lit avec la commande git, introuvable ici",
			"this repository uses SHA-256 object ids (git init --object-format=sha256): qlint reads it with the git command, which cannot be found here"),
		Hint: i18n.T("installez git (2.29 ou plus récent), puis relancez", "install git (2.29 or newer), then run again"),
	}
}

// catFile reads objects of a SHA-256 repository through one git cat-file
// --batch process, started on the first read. Trees come back with their
// ids cut to 20 bytes, the form the walk reads; commits as they are (their
// 64-digit ids are read by parseHeaders). It is safe for concurrent use.
type catFile struct {
	gitBin, dir string

	mu   sync.Mutex
	cmd  *exec.Cmd
	in   io.WriteCloser
	out  *bufio.Reader
	fail error
}

func newCatFile(gitBin, dir string) *catFile {
	return &catFile{gitBin: gitBin, dir: dir}
}

func (c *catFile) start() error {
	cmd := repoEnv(exec.Command(c.gitBin, "-C", c.dir, "cat-file", "--batch"))
	// As the log: replace refs are not followed.
	cmd.Env = append(cmd.Environ(), "LC_ALL=C", "GIT_NO_REPLACE_OBJECTS=1")
	in, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	c.cmd, c.in, c.out = cmd, in, bufio.NewReaderSize(out, 1<<16)
	return nil
}

func (c *catFile) read(kind plumbing.ObjectType, h plumbing.Hash) ([]byte, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fail != nil {
		return nil, c.fail
	}
	if c.cmd == nil {
		if err := c.start(); err != nil {
			c.fail = err
			return nil, err
		}
	}
	raw, typ, err := c.object(h.String())
	if err != nil {
		var missing *missingError
		if !errors.As(err, &missing) {
			c.fail = err // the stream is out of step: no further read
		}
		return nil, err
	}
	if typ != kind.String() {
		return nil, fmt.Errorf("object %s is a %s, not a %s", h, typ, kind)
	}
	if kind == plumbing.TreeObject {
		return shortTree(raw)
	}
	return raw, nil
}

type missingError struct{ what string }

func (e *missingError) Error() string { return "git cat-file: " + e.what }

// object asks for one object: "<id> <type> <size>\n<content>\n", or
// "<name> missing\n" (or ambiguous).
func (c *catFile) object(name string) ([]byte, string, error) {
	if _, err := io.WriteString(c.in, name+"\n"); err != nil {
		return nil, "", err
	}
	line, err := c.out.ReadString('\n')
	if err != nil {
		return nil, "", err
	}
	f := strings.Fields(line)
	if len(f) != 3 {
		return nil, "", &missingError{strings.TrimSpace(line)}
	}
	size, err := strconv.ParseInt(f[2], 10, 64)
	if err != nil || size < 0 || size > 1<<30 {
		return nil, "", fmt.Errorf("git cat-file: unexpected header %q", strings.TrimSpace(line))
	}
	raw := make([]byte, size+1)
	if _, err := io.ReadFull(c.out, raw); err != nil {
		return nil, "", err
	}
	return raw[:size], f[1], nil
}

func (c *catFile) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cmd != nil {
		_ = c.in.Close()
		_ = c.cmd.Wait()
		c.cmd = nil
	}
	c.fail = errors.New("git cat-file: closed")
}

// shortTree rewrites a SHA-256 tree, entries "<mode> <name>\x00<32-byte
// id>", with each id cut to its first 20 bytes.
func shortTree(raw []byte) ([]byte, error) {
	out := make([]byte, 0, len(raw))
	for len(raw) > 0 {
		nul := bytes.IndexByte(raw, 0)
		if nul < 0 || len(raw) < nul+1+32 {
			return nil, errMalformedTree
		}
		out = append(out, raw[:nul+1+20]...)
		raw = raw[nul+1+32:]
	}
	return out, nil
}

// readBlobWithGit returns at most 1 MiB of a blob, read by git.
func readBlobWithGit(gitBin, dir string, h plumbing.Hash) ([]byte, error) {
	cmd := repoEnv(exec.Command(gitBin, "-C", dir, "cat-file", "blob", h.String()))
	cmd.Env = append(cmd.Environ(), "LC_ALL=C", "GIT_NO_REPLACE_OBJECTS=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	data, rerr := io.ReadAll(io.LimitReader(out, 1<<20))
	_, _ = io.Copy(io.Discard, out)
	if err := cmd.Wait(); err != nil {
		return nil, &GitError{Command: "cat-file", Err: err, Stderr: strings.TrimSpace(stderr.String())}
	}
	return data, rerr
}

// fullIDWithGit asks git for the full id of the object h names.
func fullIDWithGit(gitBin, dir string, h plumbing.Hash) (string, bool) {
	cmd := repoEnv(exec.Command(gitBin, "-C", dir, "rev-parse", "--verify", "--quiet", h.String()))
	cmd.Env = append(cmd.Environ(), "LC_ALL=C")
	out, err := cmd.Output()
	id := strings.TrimSpace(string(out))
	if err != nil || len(id) != 64 || !isHex(id) {
		return "", false
	}
	return id, true
}

// FullID is the id of commit h as git shows it: 40 hexadecimal digits, or
// 64 in a SHA-256 repository.
func (r *Repo) FullID(h plumbing.Hash) string {
	if h.IsZero() || r.format != sha256IDs {
		return h.String()
	}
	if id, ok := r.ids[h]; ok {
		return id
	}
	if id, ok := fullIDWithGit(r.gitBin, r.Top, h); ok {
		if r.ids == nil {
			r.ids = map[plumbing.Hash]string{}
		}
		r.ids[h] = id
		return id
	}
	return h.String()
}
