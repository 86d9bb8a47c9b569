package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/qlint/qlint/internal/gitdates"
	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/internal/safefile"
)

// The -o file. A report never replaces a file of the evidence folder that
// qlint did not write itself (a proof, qlint.toml), nor anything under
// .git; it is written whole beside its place and then renamed there, so
// that a full disk leaves the old file (or nothing) rather than half a
// report.

// outputsRecord lists, in the repository's git folder, the reports qlint
// wrote inside the evidence folder: "sha256 path" a line. Such a report
// may be replaced by the next one.
const outputsRecord = "qlint/outputs"

// outputTarget is where -o p really writes: its absolute path after links,
// and its path relative to the evidence folder when it lies inside.
type outputTarget struct {
	path   string // absolute, links resolved
	rel    string // inside the evidence folder, with /; "" when outside
	exists bool
	info   fs.FileInfo
	gitDir string // the repository's git folder, "" outside one
	stream bool   // a system stream reached through its link (/dev/stdout): written straight into
}

// checkOutput refuses an -o path that would change the evidence tree or
// git's own files, before any work is done.
func checkOutput(root, p string) (*outputTarget, error) {
	refuse := func(fr, en string) error {
		return usageError(fr, en,
			"écrivez le rapport hors du dossier de preuves, ou sous un nouveau nom : -o ../rapport.html",
			"write the report outside the evidence folder, or under a new name: -o ../report.html")
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return nil, err
	}
	dir, err := filepath.EvalSymlinks(filepath.Dir(abs))
	if err != nil {
		return nil, usageError("le dossier de "+p+" n'existe pas", "the folder of "+p+" does not exist",
			"créez le dossier d'abord, ou vérifiez le chemin de --output", "create the folder first, or check the --output path")
	}
	t := &outputTarget{path: filepath.Join(dir, filepath.Base(abs))}
	if info, err := os.Lstat(t.path); err == nil {
		if info.Mode()&fs.ModeSymlink != 0 {
			// Never written through a link (outputlink.go), but for
			// the system's streams: /dev/stdout, /dev/stderr.
			if !systemStream(abs) {
				return nil, outputLinkError(p)
			}
			t.path, t.stream = abs, true
		}
		if info, err = os.Stat(t.path); err == nil {
			t.exists, t.info = true, info
		}
	}
	rootAbs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	if within(rootAbs, abs) && !within(rootAbs, t.path) && !t.stream {
		return nil, outputLinkError(p) // a folder link inside the evidence folder leads out of it
	}
	if r, err := filepath.EvalSymlinks(rootAbs); err == nil {
		rootAbs = r
	}
	t.gitDir = gitdates.GitDir(rootAbs)
	for _, part := range strings.Split(filepath.ToSlash(t.path), "/") {
		if part == ".git" {
			return nil, refuse(p+" est dans le dossier .git : qlint n'y écrit pas de rapport", p+" is inside the .git folder: qlint writes no report there")
		}
	}
	if t.gitDir != "" && within(t.gitDir, t.path) {
		return nil, refuse(p+" est dans le dossier de git : qlint n'y écrit pas de rapport", p+" is inside git's folder: qlint writes no report there")
	}
	if within(rootAbs, t.path) {
		rel, _ := filepath.Rel(rootAbs, t.path)
		t.rel = filepath.ToSlash(rel)
		if t.exists && !t.writtenByQlint() {
			return nil, refuse(p+" est un fichier du dossier de preuves : qlint ne le remplace pas",
				p+" is a file of the evidence folder: qlint does not replace it")
		}
	}
	return t, nil
}

// within reports whether p is dir or lies under it (both absolute and
// clean).
func within(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// writtenByQlint reports whether the file at t is a report qlint wrote:
// its content is the one recorded when it was written.
func (t *outputTarget) writtenByQlint() bool {
	if t.gitDir == "" || !t.info.Mode().IsRegular() {
		return false
	}
	data, err := safefile.ReadPath(t.path, safefile.CacheLimit)
	if err != nil {
		return false
	}
	sum := sha256.Sum256(data)
	want := hex.EncodeToString(sum[:]) + " " + t.rel
	rec, err := safefile.ReadPath(filepath.Join(t.gitDir, outputsRecord), safefile.SmallLimit)
	if err != nil {
		return false
	}
	sc := bufio.NewScanner(bytes.NewReader(rec))
	for sc.Scan() {
		if sc.Text() == want {
			return true
		}
	}
	return false
}

// write puts data at t: through a temporary file and a rename for a
// regular file (or a new one); straight into anything else outside the
// folder (/dev/stdout, a pipe the user named).
func (t *outputTarget) write(p string, data []byte) error {
	if t.exists && (!t.info.Mode().IsRegular() || t.stream) {
		f, err := os.OpenFile(t.path, os.O_WRONLY, 0)
		if err != nil {
			return outputError(p, err)
		}
		if _, err := f.Write(data); err != nil {
			f.Close()
			return outputError(p, err)
		}
		return outputError(p, f.Close())
	}
	tmp, err := os.CreateTemp(filepath.Dir(t.path), ".qlint-*.tmp")
	if err != nil {
		return outputError(p, err)
	}
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil && t.exists {
		err = os.Chmod(tmp.Name(), t.info.Mode().Perm())
	} else if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), t.path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return outputError(p, err)
	}
	if t.rel != "" && t.gitDir != "" {
		t.record(data)
	}
	return nil
}

// record notes in the git folder that qlint wrote this report, so that
// the next run may replace it. Failing to note it only means the next run
// will ask for a new name.
func (t *outputTarget) record(data []byte) {
	p := filepath.Join(t.gitDir, outputsRecord)
	old, _ := safefile.ReadPath(p, safefile.SmallLimit)
	var keep []string
	sc := bufio.NewScanner(bytes.NewReader(old))
	for sc.Scan() {
		if line := sc.Text(); !strings.HasSuffix(line, " "+t.rel) && line != "" {
			keep = append(keep, line)
		}
	}
	sum := sha256.Sum256(data)
	keep = append(keep, hex.EncodeToString(sum[:])+" "+t.rel)
	if len(keep) > 1000 {
		keep = keep[len(keep)-1000:]
	}
	if os.MkdirAll(filepath.Dir(p), 0o755) != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), "outputs.*")
	if err != nil {
		return
	}
	_, err = tmp.WriteString(strings.Join(keep, "\n") + "\n")
	if cerr := tmp.Close(); err == nil && cerr == nil {
		err = os.Rename(tmp.Name(), p)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
}

// outputError says plainly why the report could not be written; a full
// disk is named as such.
func outputError(p string, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, syscall.ENOSPC) {
		return usageError("le disque est plein : "+p+" n'est pas écrit (rien n'est laissé à moitié)",
			"the disk is full: "+p+" is not written (nothing is left half-written)",
			"libérez de la place, ou écrivez le rapport sur un autre disque", "free some space, or write the report on another disk")
	}
	why := safefile.Reason(err)
	return usageError(fmt.Sprintf("impossible d'écrire %s : %s", p, why.FR), fmt.Sprintf("cannot write %s: %s", p, why.EN),
		"vérifiez le chemin de --output et les droits du dossier", "check the --output path and the folder's rights")
}

// output is where a command writes what it made: stdout, or the -o file,
// checked before the run (checkOutput) and written whole at the end, after
// which qlint says where it wrote.
type output struct {
	path   string
	target *outputTarget
	buf    bytes.Buffer
}

// openOutput checks the -o path (none when path is empty) for the evidence
// folder root, before any work.
func openOutput(root, path, format string) (*output, error) {
	o := &output{path: path}
	if path == "" {
		return o, nil
	}
	if info, err := os.Stat(path); err == nil && info.IsDir() && gitdates.InGitFolder(path) {
		name := outputName(format)
		return nil, usageError(path+" est un dossier de git : qlint n'y écrit pas de rapport", path+" is a folder of git's: qlint writes no report there",
			"écrivez le rapport hors de .git, hors du dossier de preuves : -o "+cmdArg("../"+name.FR),
			"write the report outside .git, outside the evidence folder: -o "+cmdArg("../"+name.EN))
	}
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		name := outputName(format)
		return nil, usageError(path+" est un dossier", path+" is a folder",
			"donnez un nom de fichier : -o "+cmdArg(strings.TrimSuffix(path, "/")+"/"+name.FR),
			"give a file name: -o "+cmdArg(strings.TrimSuffix(path, "/")+"/"+name.EN))
	}
	t, err := checkOutput(root, path)
	if err != nil {
		return nil, err
	}
	o.target = t
	return o, nil
}

// writer is where the command prints.
func (o *output) writer(stdout io.Writer) io.Writer {
	if o.target == nil {
		return stdout
	}
	return &o.buf
}

// toFile reports whether the output goes to a file.
func (o *output) toFile() bool { return o.target != nil }

// finish writes the file after a run that succeeded (ok) and says where,
// on stderr (stdout may be piped); a failed run writes nothing.
func (o *output) finish(ok bool, stderr io.Writer, l i18n.Lang) error {
	if o.target == nil || !ok {
		return nil
	}
	if err := o.target.write(o.path, o.buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintln(stderr, "qlint: "+i18n.T("écrit dans "+o.path, "written to "+o.path).In(l))
	return nil
}

// osReason says why a file operation failed, in the user's language, for
// the common cases; the system's own words otherwise.
func osReason(err error, l i18n.Lang) string {
	switch {
	case os.IsPermission(err):
		return i18n.T("accès refusé", "permission denied").In(l)
	case os.IsNotExist(err):
		return i18n.T("le dossier n'existe pas", "the folder does not exist").In(l)
	}
	return err.Error()
}
