package gitdates

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
)

// byBlob indexes HEAD's files by content. When several files share a
// content, the oldest date wins: a copy never makes a proof look fresher.
func byBlob(files map[string]File) map[plumbing.Hash]File {
	out := make(map[plumbing.Hash]File, len(files))
	for _, f := range files {
		if prev, ok := out[f.Blob]; !ok || f.Stamp.When.Before(prev.Stamp.When) {
			out[f.Blob] = f
		}
	}
	return out
}

// contentIDs returns, for each file (path under the work tree, with /), the
// ids its content may have once git has cleaned it: the raw content's id
// and, for a text file with CRLF line endings, the id of its LF form
// (core.autocrlf). When none of them is known (a blob of HEAD) and
// .gitattributes may apply a filter or an eol rule to the file, what git
// hash-object computes for it at its path is added (one git process for all
// such files): git's own clean conversion. A file that cannot be read has
// none. Ids are computed as the repository's format says (SHA-1 or SHA-256).
func contentIDs(gitBin, worktree, gitDir string, format idFormat, paths []string, known func(plumbing.Hash) bool) map[string][]plumbing.Hash {
	out := make(map[string][]plumbing.Hash, len(paths))
	var ask []string
	attrs := attributesIn(worktree, gitDir)
	gitBin = conversionGit(gitBin)
	for _, p := range paths {
		ids, err := fileIDs(filepath.Join(worktree, filepath.FromSlash(p)), format)
		if err != nil {
			continue
		}
		out[p] = ids
		if gitBin != "" && !known(ids[0]) && (len(ids) == 1 || !known(ids[1])) && attrs(p) {
			ask = append(ask, p)
		}
	}
	if len(ask) > 0 {
		if ids, ok := hashWithGit(gitBin, worktree, ask); ok {
			for i, p := range ask {
				out[p] = append(out[p], ids[i])
			}
		}
	}
	return out
}

// attributesIn returns a test of whether attributes may apply to a path of
// the work tree: a .gitattributes in one of its folders, the repository's
// info/attributes, or attributes set for every repository
// (globalAttributes).
func attributesIn(worktree, gitDir string) func(p string) bool {
	has := map[string]bool{}
	exists := func(p string) bool {
		_, err := os.Stat(p)
		return err == nil
	}
	global := gitDir != "" && exists(filepath.Join(gitDir, "info", "attributes")) || globalAttributes(gitDir)
	return func(p string) bool {
		if global {
			return true
		}
		for d := path.Dir(p); ; d = path.Dir(d) {
			v, ok := has[d]
			if !ok {
				v = exists(filepath.Join(worktree, filepath.FromSlash(d), ".gitattributes"))
				has[d] = v
			}
			if v {
				return true
			}
			if d == "." || d == "/" {
				return false
			}
		}
	}
}

// emptyBlob is the id of an empty file: an empty file moved nowhere.
var emptyBlob = blobIDOf(sha1IDs, nil)

// hashWithGit runs git hash-object --stdin-paths in the work tree: it applies
// the repository's own clean conversion (core.autocrlf, .gitattributes eol
// and filters) as git add would.
func hashWithGit(gitBin, worktree string, paths []string) ([]plumbing.Hash, bool) {
	for _, p := range paths {
		if strings.ContainsAny(p, "\n\r") || strings.HasPrefix(p, "\"") {
			return nil, false // a name --stdin-paths cannot pass
		}
	}
	cmd := repoEnv(exec.Command(gitBin, "-C", worktree, "hash-object", "--stdin-paths"))
	cmd.Stdin = strings.NewReader(strings.Join(paths, "\n") + "\n")
	var stdout bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, io.Discard
	if err := cmd.Run(); err != nil {
		return nil, false
	}
	ids := make([]plumbing.Hash, 0, len(paths))
	sc := bufio.NewScanner(&stdout)
	for sc.Scan() {
		var id plumbing.Hash
		if !decodeHash(&id, bytes.TrimSpace(sc.Bytes())) {
			return nil, false
		}
		ids = append(ids, id)
	}
	if len(ids) != len(paths) {
		return nil, false
	}
	return ids, true
}

// fileIDs streams the file at p through the blob hasher (a proof may weigh
// hundreds of megabytes: it is never held in memory): the id of its raw
// content and, when it is text with CRLF line endings, the id of its LF form.
func fileIDs(p string, format idFormat) ([]plumbing.Hash, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	raw := newBlobHasher(format, info.Size())
	// A buffer the file's size (plus one byte, to meet the end), 64 KiB at
	// most: most proofs are smaller, and 64 KiB for each was most of what
	// a run allocated.
	buf := make([]byte, min(64<<10, max(info.Size(), 0)+1))
	var crlf int64
	binary, prevCR := false, false
	for {
		n, err := f.Read(buf)
		chunk := buf[:n]
		_, _ = raw.Write(chunk)
		for _, c := range chunk {
			switch {
			case c == 0:
				binary = true
			case c == '\n' && prevCR:
				crlf++
			}
			prevCR = c == '\r'
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	ids := []plumbing.Hash{raw.Sum()}
	if crlf == 0 || binary {
		return ids, nil
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return ids, nil
	}
	lf := newBlobHasher(format, info.Size()-crlf)
	pendingCR := false
	out := make([]byte, 0, len(buf))
	for {
		n, err := f.Read(buf)
		out = out[:0]
		for _, c := range buf[:n] {
			if pendingCR && c != '\n' {
				out = append(out, '\r')
			}
			pendingCR = c == '\r'
			if !pendingCR {
				out = append(out, c)
			}
		}
		_, _ = lf.Write(out)
		if err == io.EOF {
			break
		}
		if err != nil {
			return ids, nil
		}
	}
	if pendingCR {
		_, _ = lf.Write([]byte{'\r'})
	}
	return append(ids, lf.Sum()), nil
}
