package gitdates

import (
	"bufio"
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// GitError is the git binary failing to read the history: a damaged or
// incomplete repository, most often.
type GitError struct {
	Command string
	Err     error
	Stderr  string // what git said
}

func (e *GitError) Error() string { return fmt.Sprintf("git %s: %v: %s", e.Command, e.Err, e.Stderr) }

func (e *GitError) Unwrap() error { return e.Err }

// gitSource is the git binary telling the history: HEAD's files, and the
// log as a stream the walk pulls commits from while git writes it.
type gitSource struct {
	paths  []string // HEAD's files under the prefix
	blobs  []plumbing.Hash
	stream *logStream
	// finish ends the log: stop says the walk needs nothing more (git is
	// stopped, that is no failure); else git's own failure is returned.
	finish func(stop bool) error
}

// streamedCommit is what the log says of one commit.
type streamedCommit struct {
	info *commitInfo
	// diffs holds the changes against the first parent (none for a root
	// commit): a merge's other parents are looked at only for the files
	// that differ from the first one, by the walk.
	diffs [][]change
}

// readGit asks the git binary, two processes working at once: its raw log
// of every commit since known (all of them when known is zero), merges
// compared with their first parent only, streamed as git writes it; and the files
// of HEAD under the prefix (ls-tree). Reading git's own output as it comes
// is the fastest way to see every commit and tree once.
//
// extra is passed to git before the command (configuration, -c key=value).
//
// HEAD's files are listed only when list is set.
func readGit(ctx context.Context, gitBin, dir string, extra []string, head, known plumbing.Hash, list bool, prefix string, progress func(int)) (*gitSource, error) {
	ctx, cancel := context.WithCancel(ctx)
	src := &gitSource{}
	stopped := false
	run := func(args ...string) (*exec.Cmd, io.ReadCloser, *bytes.Buffer, error) {
		base := append([]string{"-C", dir, "-c", "log.showSignature=false", "-c", "core.quotePath=false"}, extra...)
		cmd := repoEnv(exec.CommandContext(ctx, gitBin, append(base, args...)...))
		// Replace refs are not followed: the built-in reader reads the objects
		// as they are, and both readers must agree (and a cache written before
		// git replace stays right).
		cmd.Env = append(cmd.Environ(), "LC_ALL=C", "GIT_PAGER=cat", "GIT_NO_REPLACE_OBJECTS=1")
		out, err := cmd.StdoutPipe()
		if err != nil {
			return nil, nil, nil, err
		}
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			return nil, nil, nil, err
		}
		return cmd, out, &stderr, nil
	}
	wait := func(name string, cmd *exec.Cmd, stderr *bytes.Buffer) error {
		if err := cmd.Wait(); err != nil {
			if stopped || (ctx.Err() != nil && stderr.Len() == 0) {
				return nil // stopped on purpose, or because another part failed
			}
			return &GitError{Command: name, Err: err, Stderr: strings.TrimSpace(stderr.String())}
		}
		return nil
	}

	lsDone := make(chan error, 1)
	if list {
		lsArgs := []string{"ls-tree", "-r", "-z", "--full-tree", head.String()}
		if prefix != "" {
			lsArgs = append(lsArgs, "--", prefix+"/")
		}
		lsCmd, lsOut, lsErr, err := run(lsArgs...)
		if err != nil {
			cancel()
			return nil, err
		}
		go func() {
			var perr error
			src.paths, src.blobs, perr = parseLsTree(lsOut)
			lsDone <- errors.Join(perr, wait("ls-tree", lsCmd, lsErr))
		}()
	} else {
		lsDone <- nil
	}

	args := []string{"log", "--raw", "--no-renames", "--no-abbrev", "-z", "--diff-merges=first-parent", "--pretty=raw", "--no-color", "--no-ext-diff", head.String()}
	if !known.IsZero() {
		args = append(args, "^"+known.String())
	}
	args = append(args, "--")
	logCmd, logOut, logErr, err := run(args...)
	if err != nil {
		cancel()
		<-lsDone
		return nil, err
	}
	if err := <-lsDone; err != nil {
		cancel()
		_ = logCmd.Wait()
		return nil, err
	}
	src.stream = newLogStream(logOut, progress)
	src.finish = func(stop bool) error {
		if stop {
			stopped = true
			cancel()
		}
		err := wait("log", logCmd, logErr)
		cancel()
		return err
	}
	return src, nil
}

// gitConfigArgs returns what readGit passes to git: the size of git's delta
// base cache, unless the repository's, the user's or the system's
// configuration sets one.
//
// Git's default (96 MiB) suits any access; one pass over history reads each
// version of a folder right after the next one, and a cache sized to the
// repository's trees stays in the processor's caches and needs fewer fresh
// pages. Measured with git 2.39 on generated repositories, the best size is
// 20 to 50 times the bytes of HEAD's trees, which are about half the index:
// git log takes 0.85 s instead of 1.23 s at 10,000 files (index 1.4 MB,
// 32 MiB), while 50,000 files (index 6.9 MB) need about 100 MiB and take
// 40 s instead of 24 s with 24 MiB. So: 16 times the index, at least 16 MiB,
// never more than git's own default.
func gitConfigArgs(repo *repository) []string {
	if cfg, err := repo.Storer.Config(); err == nil && cfg.Raw.Section("core").HasOption("deltaBaseCacheLimit") {
		return nil
	}
	for _, scope := range []config.Scope{config.GlobalScope, config.SystemScope} {
		if cfg, err := config.LoadConfig(scope); err == nil && cfg.Raw.Section("core").HasOption("deltaBaseCacheLimit") {
			return nil
		}
	}
	fsst, ok := repo.Storer.(*filesystem.Storage)
	if !ok {
		return nil
	}
	fi, err := fsst.Filesystem().Stat("index")
	if err != nil {
		return nil
	}
	const mib = 1 << 20
	limit := min(max(16*fi.Size(), 16*mib), 96*mib)
	return []string{"-c", fmt.Sprintf("core.deltaBaseCacheLimit=%dm", (limit+mib-1)/mib)}
}

// logStream reads `git log --raw -z -m --pretty=raw` one commit at a time.
type logStream struct {
	br       *bufio.Reader
	zones    map[string]*time.Location
	ahead    []byte // a "commit ..." field read ahead: the next commit's
	done     bool
	count    int
	progress func(int)
}

func newLogStream(r io.Reader, progress func(int)) *logStream {
	return &logStream{br: bufio.NewReaderSize(r, 1<<20), zones: map[string]*time.Location{}, progress: progress}
}

// field reads the next NUL-ended field (io.EOF at the end).
func (s *logStream) field() ([]byte, error) {
	if s.ahead != nil {
		f := s.ahead
		s.ahead = nil
		return f, nil
	}
	for {
		tok, err := s.br.ReadBytes(0)
		if len(tok) > 0 && tok[len(tok)-1] == 0 {
			tok = tok[:len(tok)-1]
		}
		tok = bytes.TrimLeft(tok, "\n")
		if len(tok) > 0 {
			return tok, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// next returns the next commit with all its blocks (a merge has one per
// parent it differs from), or io.EOF.
func (s *logStream) next() (plumbing.Hash, *streamedCommit, error) {
	var hash plumbing.Hash
	var cur *streamedCommit
	var block *[]change
	for {
		tok, err := s.field()
		if errors.Is(err, io.EOF) {
			if cur != nil {
				return hash, cur, nil
			}
			s.done = true
			return plumbing.ZeroHash, nil, io.EOF
		}
		if err != nil {
			return plumbing.ZeroHash, nil, err
		}
		if bytes.HasPrefix(tok, []byte("commit ")) {
			meta, rec, from, perr := parseRecord(tok, s.zones)
			if perr != nil {
				return plumbing.ZeroHash, nil, perr
			}
			if cur != nil && rec.hash != hash {
				s.ahead = tok // the next commit's
				return hash, cur, nil
			}
			if cur == nil {
				hash, cur = rec.hash, &streamedCommit{info: rec.info, diffs: make([][]change, min(len(rec.info.parents), 1))}
				if s.count++; s.progress != nil && s.count%500 == 0 {
					s.progress(s.count)
				}
			}
			block = nil
			idx := 0 // an ordinary commit's changes are against its parent
			if !from.IsZero() {
				idx = -1
				for i, p := range cur.info.parents {
					if p == from {
						idx = i
					}
				}
			}
			if idx >= 0 && idx < len(cur.diffs) {
				block = &cur.diffs[idx]
			}
			if tok = meta; len(tok) == 0 {
				continue
			}
		}
		if tok[0] != ':' {
			return plumbing.ZeroHash, nil, fmt.Errorf("git log: unexpected output %q", truncate(tok))
		}
		if cur == nil {
			return plumbing.ZeroHash, nil, errors.New("git log: a change before any commit")
		}
		path, err := s.br.ReadBytes(0)
		if err != nil {
			return plumbing.ZeroHash, nil, errors.New("git log: a change without its path")
		}
		ch, ok, err := parseRaw(tok, bytes.TrimSuffix(path, []byte{0}))
		if err != nil {
			return plumbing.ZeroHash, nil, err
		}
		if ok && block != nil {
			*block = append(*block, ch)
		}
	}
}

type record struct {
	hash plumbing.Hash
	info *commitInfo
}

// parseRecord reads one commit record; it returns what follows the message
// (the first change, if any) and the parent a merge's block compares with.
// It runs once per commit of the whole history: it allocates nothing but
// the commit's information.
func parseRecord(tok []byte, zones map[string]*time.Location) (rest []byte, rec record, from plumbing.Hash, err error) {
	bad := func() error { return fmt.Errorf("git log: unexpected commit record %q", truncate(tok)) }
	nl := bytes.IndexByte(tok, '\n')
	if nl < 0 {
		nl = len(tok)
	}
	first := tok[:nl]
	// "commit <id>", or "commit <id> (from <id>)" for a merge's block;
	// ids of 40 digits, or 64 in a SHA-256 repository.
	if len(first) < 47 || !bytes.HasPrefix(first, []byte("commit ")) {
		return nil, rec, from, bad()
	}
	idEnd := len(first)
	if sp := bytes.IndexByte(first[7:], ' '); sp >= 0 {
		idEnd = 7 + sp
	}
	if !decodeHash(&rec.hash, first[7:idEnd]) {
		return nil, rec, from, bad()
	}
	if idEnd < len(first) {
		n := idEnd - 7
		if f := first[idEnd:]; len(f) != n+8 || !bytes.HasPrefix(f, []byte(" (from ")) || f[n+7] != ')' || !decodeHash(&from, f[7:n+7]) {
			return nil, rec, from, bad()
		}
	}
	body := tok[min(nl+1, len(tok)):]
	end := bytes.Index(body, []byte("\n\n"))
	if end < 0 {
		end = len(body)
	}
	info, ok := parseHeaders(body[:end], zones)
	if !ok {
		return nil, rec, from, bad()
	}
	rec.info = info
	// The message: indented lines, then an empty line; a change may follow.
	if i := bytes.Index(body[end:], []byte("\n:")); i >= 0 {
		return body[end+i+1:], rec, from, nil
	}
	return nil, rec, from, nil
}

// parseHeaders reads a commit's headers (the lines before the empty line
// that starts the message); false when a header is malformed.
func parseHeaders(block []byte, zones map[string]*time.Location) (*commitInfo, bool) {
	info := &commitInfo{}
	for len(block) > 0 {
		line := block
		if i := bytes.IndexByte(block, '\n'); i >= 0 {
			line, block = block[:i], block[i+1:]
		} else {
			block = nil
		}
		if len(line) == 0 || line[0] == ' ' {
			continue // a continued header (gpgsig, mergetag)
		}
		key, val, _ := bytes.Cut(line, []byte(" "))
		switch string(key) {
		case "tree", "parent":
			var h plumbing.Hash
			if !decodeHash(&h, val) {
				return nil, false
			}
			if key[0] == 't' {
				info.tree = h
			} else {
				info.parents = append(info.parents, h)
			}
		case "author", "committer":
			// "Name <email> SECONDS ZONE": the last two fields.
			val = bytes.TrimRight(val, " ")
			sp := bytes.LastIndexByte(val, ' ')
			if sp < 0 {
				return nil, false
			}
			zone := val[sp+1:]
			val = bytes.TrimRight(val[:sp], " ")
			sp = bytes.LastIndexByte(val, ' ')
			if sp < 0 {
				return nil, false
			}
			secs, err := strconv.ParseInt(string(val[sp+1:]), 10, 64)
			if err != nil {
				return nil, false
			}
			loc, ok := zones[string(zone)]
			if !ok {
				loc = zoneOf(string(zone))
				zones[string(zone)] = loc
			}
			if key[0] == 'a' {
				info.author = time.Unix(secs, 0).In(loc)
			} else {
				info.committer = time.Unix(secs, 0).In(loc)
			}
		}
	}
	return info, true
}

// decodeHash reads a full id into h: 40 hexadecimal digits, or 64 in a
// SHA-256 repository, of which the first 20 bytes are kept (sha256.go).
func decodeHash(h *plumbing.Hash, hexa []byte) bool {
	switch len(hexa) {
	case 2 * len(h):
	case 64:
		var rest [12]byte
		if _, err := hex.Decode(rest[:], hexa[40:]); err != nil {
			return false
		}
		hexa = hexa[:40]
	default:
		return false
	}
	_, err := hex.Decode(h[:], hexa)
	return err == nil
}

// zoneOf reads a "+0100" offset as a fixed zone.
func zoneOf(z string) *time.Location {
	if len(z) != 5 || (z[0] != '+' && z[0] != '-') {
		return time.UTC
	}
	h, err1 := strconv.Atoi(z[1:3])
	m, err2 := strconv.Atoi(z[3:5])
	if err1 != nil || err2 != nil {
		return time.UTC
	}
	secs := (h*60 + m) * 60
	if z[0] == '-' {
		secs = -secs
	}
	return time.FixedZone(z, secs)
}

// parseRaw reads ":100644 100644 <old> <new> M" and its path. Submodules
// and changes of mode alone are not changes of a file's content.
func parseRaw(meta, path []byte) (change, bool, error) {
	// ":" mode " " mode " " id " " id " " status: the modes are 6 digits,
	// the ids 40 (64 in a SHA-256 repository).
	n := 40
	if len(meta) > 55 && meta[55] != ' ' {
		n = 64
	}
	if len(meta) < 1+7+7+2*(n+1)+1 || meta[7] != ' ' || meta[14] != ' ' || meta[15+n] != ' ' || meta[16+2*n] != ' ' {
		return change{}, false, fmt.Errorf("git log: unexpected change %q", truncate(meta))
	}
	oldMode, newMode := meta[1:7], meta[8:14]
	var old, new plumbing.Hash
	if !decodeHash(&old, meta[15:15+n]) || !decodeHash(&new, meta[16+n:16+2*n]) {
		return change{}, false, fmt.Errorf("git log: unexpected change %q", truncate(meta))
	}
	if string(oldMode) == "160000" || string(newMode) == "160000" || old == new {
		return change{}, false, nil
	}
	ch := change{path: string(path)}
	if string(oldMode) != "000000" {
		ch.old = old
	}
	if string(newMode) != "000000" {
		ch.new = new
	}
	if ch.old == ch.new {
		return change{}, false, nil
	}
	return ch, true, nil
}

func truncate(b []byte) string {
	if len(b) > 80 {
		return string(b[:80]) + "…"
	}
	return string(b)
}

// parseLsTree reads "mode type id\tpath" NUL-ended lines; only files.
func parseLsTree(r io.Reader) ([]string, []plumbing.Hash, error) {
	br := bufio.NewReaderSize(r, 1<<20)
	var paths []string
	var blobs []plumbing.Hash
	for {
		line, err := br.ReadBytes(0)
		if len(line) > 1 {
			line = line[:len(line)-1]
			tab := bytes.IndexByte(line, '\t')
			if tab < 0 {
				return nil, nil, fmt.Errorf("git ls-tree: unexpected line %q", truncate(line))
			}
			f := strings.Fields(string(line[:tab]))
			var id plumbing.Hash
			if len(f) != 3 || !decodeHash(&id, []byte(f[2])) {
				return nil, nil, fmt.Errorf("git ls-tree: unexpected line %q", truncate(line))
			}
			if f[1] == "blob" {
				paths = append(paths, string(line[tab+1:]))
				blobs = append(blobs, id)
			}
		}
		if errors.Is(err, io.EOF) {
			return paths, blobs, nil
		}
		if err != nil {
			return nil, nil, err
		}
	}
}
