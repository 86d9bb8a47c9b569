package linter

import (
	"errors"
	"github.com/go-git/go-git/v5/plumbing"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/internal/safefile"
	"github.com/qlint/qlint/lang"
	"github.com/qlint/qlint/rules"
)

// Options is one run on an evidence folder.
type Options struct {
	Root       string        // the evidence folder
	Config     *rules.Config // its checked rules
	ConfigPath string        // where the rules were read, to leave that file out of unmapped
	// Output is the file this run writes its report to, left out of
	// unmapped too (it may still be empty while the folder is read).
	Output       string
	AsOf         rules.Day // the day freshness is judged at
	Lang         lang.Lang
	AllowShallow bool
	Progress     func(commits int)
	Version      string
	// History, when set, keeps dates between runs (qlint watch).
	History *HistoryCache
	// Tree, when set, is the tree as qlint watch keeps it up to date; it is
	// used instead of walking the folder again.
	Tree *Tree
	// PreCommit judges the commit being made: staged changes count as
	// updated on the as-of day.
	PreCommit bool
	// Today is the real day (default: AsOf), to tell dates in the future.
	Today rules.Day
	// Git chooses the history reader (GitAuto, GitCLI, GitBuiltin).
	Git string
	// NoCache skips the history cache kept in .git/qlint.
	NoCache bool
	// Ref, when set, is the grid to judge on, whatever qlint.toml says
	// (qlint explain --changes); nil: the configuration's choice.
	Ref *rules.Referential
	// NewFromRev, when set, keeps only the findings that the tree at that
	// revision, judged on the same day with the same rules, does not have.
	NewFromRev string
}

// Run walks the evidence folder, dates its files and judges them.
func Run(o Options) (*Report, error) {
	root, err := openEvidence(o.Root)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	fsys := root.FS()
	// The tree is walked while history is read: one waits on git's output,
	// the other on the file system.
	getTree := walkMeanwhile(root, o)
	hopts := o.historyOptions()
	hopts.saveLater = true
	hist, err := readHistory(o.Root, getTree, hopts)
	if err != nil {
		return nil, err
	}
	defer hist.wait()
	tree, err := getTree() // outside a repository history did not ask
	if err != nil {
		return nil, err
	}
	disk := fsys
	if hist.stagedTree != nil { // --pre-commit: the commit being made
		tree, fsys = hist.stagedTree, hist.stagedFS
	}
	// A tree kept between runs (qlint watch) may have missed a git init
	// made since: its folders are all looked at.
	dates, err := withSubmodules(o.Root, tree, hist, hopts, o.Tree == nil)
	if err != nil {
		return nil, err
	}
	ref := o.Ref
	if ref == nil {
		if ref, err = rules.Choose(o.Config.Referential, o.AsOf); err != nil {
			return nil, err
		}
	}
	notes, noteProblems := readNotes(root, ref)
	if len(noteProblems) > 0 {
		// A copy: qlint watch keeps its tree between runs.
		t := *tree
		t.Problems = append(append([]WalkProblem(nil), tree.Problems...), noteProblems...)
		tree = &t
	}
	in := Input{
		Config: o.Config, Ref: ref, Tree: tree, FS: fsys, Disk: disk,
		Dates: dates, AsOf: o.AsOf, Lang: o.Lang, Own: o.own(ref), Today: o.Today,
	}
	rep, err := Judge(in)
	if err != nil {
		return nil, err
	}
	if hist.git != nil && hist.git.Rev != nil {
		if err := o.keepNew(rep, hist, in); err != nil {
			return nil, err
		}
	}
	rep.Tool = Tool{Name: "qlint", Version: o.Version}
	rep.ConfigPath = o.ConfigPath
	rep.Notes = notes
	rep.Root = o.Root
	top, prefix := "", ""
	if hist.git != nil {
		top, prefix = hist.git.Top, hist.git.Prefix
	}
	rep.setRepoRoot(top, prefix, o.Root)
	rep.History = HistoryInfo{Kind: hist.Kind, Head: hist.Head, Shallow: hist.Shallow}
	return rep, nil
}

// openEvidence opens the evidence folder as a root: os.Root keeps every
// read inside it, links included.
func openEvidence(dir string) (*os.Root, error) {
	info, err := os.Stat(dir)
	if err != nil || !info.IsDir() {
		return nil, &lang.Error{
			Msg:  i18n.T("le dossier de preuves "+dir+" n'existe pas ou n'est pas un dossier", "the evidence folder "+dir+" does not exist or is not a folder"),
			Hint: i18n.T("donnez le chemin du dossier de preuves : qlint CHEMIN", "give the path of the evidence folder: qlint PATH"),
			Err:  err,
		}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, &lang.Error{
			Msg:  i18n.T("le dossier de preuves "+dir+" ne peut pas être ouvert", "the evidence folder "+dir+" cannot be opened"),
			Hint: i18n.T("vérifiez les droits d'accès au dossier", "check the folder's access rights"),
			Err:  err,
		}
	}
	return root, nil
}

// walkMeanwhile starts walking the tree (unless o.Tree is kept by qlint
// watch) and returns what waits for the walk; it may be called again and
// gives the same tree.
func walkMeanwhile(root *os.Root, o Options) func() (*Tree, error) {
	type walked struct {
		tree *Tree
		err  error
	}
	treeCh := make(chan walked, 1)
	if o.Tree != nil {
		treeCh <- walked{o.Tree, nil}
	} else {
		go func() {
			t, err := WalkRoot(root, o.Config.Ignore)
			treeCh <- walked{t, err}
		}()
	}
	var tree *Tree
	return func() (*Tree, error) {
		if tree == nil {
			w := <-treeCh
			if w.err != nil {
				if errors.Is(w.err, fs.ErrPermission) {
					return nil, &lang.Error{
						Msg:  i18n.T("le dossier de preuves "+o.Root+" ne peut pas être lu", "the evidence folder "+o.Root+" cannot be read"),
						Hint: i18n.T("vérifiez les droits d'accès au dossier", "check the folder's access rights"),
						Err:  w.err,
					}
				}
				return nil, w.err
			}
			tree = w.tree
		}
		return tree, nil
	}
}

// historyOptions are the run's options for reading history.
func (o Options) historyOptions() HistoryOptions {
	hopts := HistoryOptions{
		Cache:          o.History,
		AllowShallow:   o.AllowShallow,
		IgnoreRevsFile: o.Config.History.IgnoreRevsFile,
		Progress:       o.Progress,
		Git:            o.Git,
		NoCache:        o.NoCache,
		Rev:            o.NewFromRev,
	}
	if o.PreCommit {
		hopts.StagedOn, hopts.Ignore = o.AsOf, o.Config.Ignore
	}
	return hopts
}

// readNotes reads each indicator's note, and says which could not be read.
func readNotes(root *os.Root, ref *rules.Referential) (map[int]string, []WalkProblem) {
	notes := map[int]string{}
	var problems []WalkProblem
	for _, ind := range ref.Indicators {
		// Through the root, regular files only, size-limited: a note that
		// is a pipe, a link out or hundreds of megabytes is reported, not
		// read.
		data, err := safefile.ReadRoot(root, NotePath(ind.ID), safefile.NoteLimit)
		switch {
		case err == nil:
			notes[ind.ID] = string(data)
		case !errors.Is(err, fs.ErrNotExist):
			problems = append(problems, WalkProblem{Path: NotePath(ind.ID), Reason: ProblemUnreadable, Err: err})
		}
	}
	return notes, problems
}

// own lists qlint's own files in the folder, which are not proofs: the
// ignore-revs file, the indicators' notes, and the rules and the report
// when they are kept inside.
func (o Options) own(ref *rules.Referential) []string {
	own := []string{o.Config.History.IgnoreRevsFile}
	for _, ind := range ref.Indicators {
		own = append(own, NotePath(ind.ID))
	}
	for _, p := range []string{o.ConfigPath, o.Output} {
		if rel, ok := inside(o.Root, p); ok {
			own = append(own, rel)
		}
	}
	return own
}

// keepNew keeps in rep only the findings that the tree at --new-from-rev,
// judged as in was, does not have, and notes the proofs removed since.
func (o Options) keepNew(rep *Report, hist *History, in Input) error {
	base, err := judgeRev(hist.git, in)
	if err != nil {
		return err
	}
	commit := ""
	if !hist.git.Rev.Hash.IsZero() {
		commit = hist.git.FullID(hist.git.Rev.Hash)
	}
	KeepNew(rep, base, o.NewFromRev, commit)
	rep.Baseline.InCommit = o.PreCommit && o.NewFromRev == "HEAD"
	noteRemoved(rep, base, in.Tree, in.Ref, rep.Baseline.InCommit, movedAway(hist, in.Tree))
	return nil
}

// movedAway reports, for a path of the revision, whether its content now
// lies at a path that did not hold it there: the file was moved or renamed
// (a folder renamed with its proofs), not deleted. A copy the revision
// already had elsewhere does not count.
func movedAway(hist *History, now *Tree) func(p string) bool {
	rev := hist.git.Rev.Files
	arrived := map[plumbing.Hash]bool{}
	for _, f := range now.Files {
		s := hist.git.State(f.Path)
		if !s.Committed && !s.Moved {
			continue // new or edited content: nothing of the revision's
		}
		if before, ok := rev[f.Path]; ok && before.Blob == s.File.Blob {
			continue // there already
		}
		arrived[s.File.Blob] = true
	}
	return func(p string) bool {
		f, ok := rev[p]
		return ok && arrived[f.Blob]
	}
}

// inside returns p relative to root, with /, when p lies inside root.
func inside(root, p string) (string, bool) {
	if p == "" {
		return "", false
	}
	a, err1 := filepath.Abs(root)
	b, err2 := filepath.Abs(p)
	if err1 != nil || err2 != nil {
		return "", false
	}
	rel, err := filepath.Rel(a, b)
	if err != nil || rel == ".." || len(rel) > 2 && rel[:3] == ".."+string(filepath.Separator) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}
