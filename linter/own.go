package linter

import (
	"bytes"
	"io"
	"io/fs"
	"path"
	"strings"

	"github.com/qlint/qlint/internal/lazyre"
)

// explainHead is how qlint explain begins: the indicator, then its
// criterion; or, with --changes, the grid and what it changes.
var explainHead = lazyre.New(`^(?:(?:Indicateur|Indicator) \d+ · [^\n]*\n(?:Critère|Criterion) \d+ · |(?:Référentiel|The) rnq-\S+ [^\n]*\n?[^\n]*(?:ce qui change|what changes))`)

// githubHead is how -f github begins: an annotation titled by qlint, or
// the summary line when there is none.
var githubHead = lazyre.New(`^(?:::(?:error|warning|notice) [^\n]*title=qlint |qlint: \d+ (?:erreurs?|errors?), )`)

// ownOutputExts are the extensions of the files qlint writes: reports,
// binder, calendar.
var ownOutputExts = map[string]bool{
	".txt": true, ".json": true, ".ndjson": true, ".sarif": true, ".md": true,
	".html": true, ".htm": true, ".ics": true, ".log": true, "": true,
}

// isOwnOutput reports whether the file at p is one qlint wrote (a report,
// the binder, the calendar) saved inside the evidence folder: it is not a
// proof, and telling her to file it is wrong. It is told by how the file
// begins, whatever its name.
func isOwnOutput(fsys fs.FS, p string) bool {
	if fsys == nil || !ownOutputExts[strings.ToLower(path.Ext(p))] {
		return false
	}
	f, err := fsys.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 1024)
	n, _ := io.ReadFull(f, head)
	return ownOutputHead(head[:n])
}

// ownOutputHead reports whether a file's first bytes are those of one of
// qlint's outputs.
func ownOutputHead(head []byte) bool {
	head = bytes.TrimPrefix(head, []byte("\uFEFF"))
	switch {
	case bytes.HasPrefix(head, []byte("qlint · ")), bytes.HasPrefix(head, []byte("## qlint · ")):
		return true // text, markdown
	case explainHead.Match(head):
		return true // explain -o
	case bytes.Contains(head, []byte("PRODID:-//qlint//")):
		return true // calendar
	case bytes.Contains(head, []byte(`<meta name="generator" content="qlint`)):
		return true // binder
	case githubHead.Match(head):
		return true // GitHub annotations, or their summary line alone
	case bytes.HasPrefix(bytes.TrimSpace(head), []byte("[")):
		// GitLab Code Quality: an array of issues whose description starts
		// with qlint's title; empty when nothing was found.
		compact := bytes.Join(bytes.Fields(head), nil)
		return bytes.Equal(compact, []byte("[]")) || bytes.HasPrefix(compact, []byte(`[{"description":"qlint·`))
	case bytes.HasPrefix(bytes.TrimSpace(head), []byte("{")):
		// JSON, NDJSON, SARIF: the tool's name comes first.
		compact := bytes.Join(bytes.Fields(head), nil)
		return bytes.Contains(compact, []byte(`"tool":{"name":"qlint"`)) ||
			bytes.Contains(compact, []byte(`"driver":{"name":"qlint"`))
	}
	return false
}

// isCIFile reports the files the README has users add next to the
// evidence (key: folded path): the pre-commit framework's configuration,
// GitHub's workflows and settings, GitLab CI's configuration and its code
// quality report. They are the tools' own, never proofs, never unmapped.
func isCIFile(key string) bool {
	for _, dir := range ciDirs {
		if strings.HasPrefix(key, dir) {
			return true
		}
	}
	return ciFiles[key]
}

var (
	ciDirs  = []string{fold(".github") + "/", fold(".gitlab") + "/"}
	ciFiles = map[string]bool{
		fold(".pre-commit-config.yaml"): true, fold(".pre-commit-hooks.yaml"): true,
		fold(".gitlab-ci.yml"): true, fold("gl-code-quality-report.json"): true,
	}
)
