package linter

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/index"
	"github.com/go-git/go-git/v5/storage/filesystem"

	"github.com/qlint/qlint/internal/gitdates"
	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/internal/safefile"
	"github.com/qlint/qlint/rules"
)

// Date sources, as the JSON report names them.
const (
	SourceGit         = "git"
	SourceUncommitted = "uncommitted"
	SourceMtime       = "mtime"
	SourceFilename    = "filename"
)

// SourceMoved dates a file not yet committed at its path whose content is
// that of a file at HEAD (moved or renamed, staged or not): it keeps that
// file's git date.
const SourceMoved = "moved"

// History is where the files' last updates come from.
type History struct {
	Kind    string // "git", or "none" outside a repository
	Head    string // the HEAD commit, "" when none
	Shallow bool

	root     string                   // the evidence root on disk
	files    map[string]gitdates.File // HEAD's files, by path under the root
	dirty    map[string]bool          // files of HEAD whose working copy differs
	staged   map[string]bool          // files whose staged content differs from HEAD
	moved    map[string]gitdates.File // files not committed at their path whose content is a file's at HEAD
	stagedOn rules.Day                // when set, staged files count as updated that day
	alias    map[string]string        // a file reached through a folder link → its real path
	commits  int
	rev      *revTree // the tree at HistoryOptions.Rev, when asked for
	// stagedTree and stagedFS are the folder as the index holds it, with
	// HistoryOptions.StagedOn (a pre-commit hook judges what is committed).
	stagedTree *Tree
	stagedFS   fs.FS
	top        string // the work tree's top folder, "" outside a repository
	prefix     string // the evidence root's path from top, with /
}

// HistoryCache keeps the dates read for a HEAD between runs in one process
// (qlint watch): the same HEAD is not read again, and after new commits only
// those are read. Its zero value is ready to use; it is not safe for
// concurrent use.
type HistoryCache struct {
	key  string // the prefix and the ignored commits the dates were read with
	last *gitdates.Result
	// The index, decoded, while .git/index keeps its size and time.
	indexStamp string
	index      map[string]*index.Entry
}

// HistoryOptions tune how history is read.
type HistoryOptions struct {
	Cache        *HistoryCache // optional
	AllowShallow bool
	// IgnoreRevsFile, relative to the root, lists commits that never count
	// as updates.
	IgnoreRevsFile string
	Progress       func(commits int)
	// StagedOn, when set, is the day staged changes count as updated: a
	// pre-commit hook judges the commit being made, dated today.
	StagedOn rules.Day
	// Ignore is the rules' ignore patterns, for the staged tree listed
	// from the index with StagedOn.
	Ignore []string
	// Git chooses the history reader: "auto" (the faster one for the
	// repository's shape, see gitauto.go; the built-in one when git is not
	// on PATH), "cli" or "builtin".
	Git string
	// NoCache skips the history cache kept in .git/qlint.
	NoCache bool
	// Rev, when set, is a revision (--new-from-rev) whose files are dated
	// too, as of that commit, in the same walk.
	Rev string
}

// Git readers.
const (
	GitAuto    = "auto"
	GitCLI     = "cli"
	GitBuiltin = "builtin"
)

// ReadHistory finds the repository that holds root, if any, and dates the
// files of tree: the author date of the last commit that changed a file's
// content when its working copy is the committed one; its modification time
// otherwise.
func ReadHistory(root string, tree *Tree, opts HistoryOptions) (*History, error) {
	return readHistory(root, func() (*Tree, error) { return tree, nil }, opts)
}

// readHistory is ReadHistory with the tree still being walked: history is
// read first, and the tree is needed only to compare the working copies.
func readHistory(root string, getTree func() (*Tree, error), opts HistoryOptions) (*History, error) {
	h := &History{Kind: "none", root: root}
	repo, err := gitdates.OpenRepo(root)
	err = fromGit(err)
	if errors.Is(err, git.ErrRepositoryNotExists) {
		if opts.Rev != "" {
			return nil, errRevOutsideGit(opts.Rev)
		}
		return h, nil
	}
	var plain *UserError
	if errors.As(err, &plain) { // a valid repository qlint cannot read, said as such
		return nil, err
	}
	if err != nil {
		return nil, &UserError{
			Msg:  i18n.T("le dépôt git qui contient le dossier est illisible : "+err.Error(), "the git repository holding the folder cannot be read: "+err.Error()),
			Hint: i18n.T("vérifiez le dossier .git (git status), ou lancez qlint hors du dépôt", "check the .git folder (git status), or run qlint outside the repository"),
			Err:  err,
		}
	}
	wt, err := repo.Worktree()
	if err != nil {
		if opts.Rev != "" {
			return nil, errRevOutsideGit(opts.Rev)
		}
		return h, nil // a bare repository has no files to judge
	}
	prefix, err := relativeTo(wt.Filesystem.Root(), root)
	if err != nil {
		return nil, err
	}
	h.Kind, h.top, h.prefix = "git", wt.Filesystem.Root(), prefix
	shallow, err := repo.Storer.Shallow()
	if err != nil {
		return nil, fmt.Errorf("reading the shallow list: %w", err)
	}
	if err := gitdates.RefuseGrafts(repo, opts.AllowShallow); err != nil {
		return nil, fromGit(err)
	}
	opt := gitdates.Options{Progress: opts.Progress}
	if len(shallow) > 0 {
		h.Shallow = true
		if !opts.AllowShallow {
			return nil, &UserError{
				Msg: i18n.T("ce dépôt est un clone partiel (shallow) : sans l'historique complet, toutes les dates paraîtraient récentes",
					"this repository is a shallow clone: without the full history every date would look recent"),
				Hint: i18n.T("récupérez l'historique complet (git fetch --unshallow ; dans GitHub Actions, fetch-depth: 0 sur actions/checkout), ou passez --allow-shallow",
					"fetch the full history (git fetch --unshallow; in GitHub Actions, fetch-depth: 0 on actions/checkout), or pass --allow-shallow"),
			}
		}
		opt.Shallow = map[plumbing.Hash]bool{}
		for _, s := range shallow {
			opt.Shallow[s] = true
		}
	}
	if opts.IgnoreRevsFile != "" {
		if opt.Ignore, err = readIgnoreRevs(root, opts.IgnoreRevsFile); err != nil {
			return nil, err
		}
	}
	gitBin, err := gitBinary(opts.Git)
	if err != nil {
		return nil, err
	}
	if gitBin != "" {
		if err := gitdates.CheckOwner(gitBin, wt.Filesystem.Root()); err != nil {
			return nil, fromGit(err)
		}
	}
	if gitBin != "" && opts.Git != GitCLI && gitdates.PreferBuiltin(repo) {
		gitBin = "" // auto: the faster reader for this shape (gitauto.go)
	}
	opt.Git, opt.Dir = gitBin, wt.Filesystem.Root()
	if opts.Rev != "" {
		if h.rev, err = resolveRev(repo, gitBin, opt.Dir, opts.Rev); err != nil {
			return nil, err
		}
		opt.Also = h.rev.hash
	}
	gitDir := ""
	if fsst, ok := repo.Storer.(*filesystem.Storage); ok && !opts.NoCache {
		gitDir = fsst.Filesystem().Root()
	}
	res, err := walkCached(repo, prefix, opt, opts.Cache, gitDir)
	if err != nil {
		var gitErr *gitdates.GitError
		if errors.As(err, &gitErr) {
			return nil, &UserError{
				Msg: i18n.T("git n'a pas pu lire l'historique du dépôt : "+gitErr.Stderr,
					"git could not read the repository's history: "+gitErr.Stderr),
				Hint: i18n.T("lancez git fsck pour le diagnostic, puis réparez le dépôt ou clonez-le à nouveau",
					"run git fsck to diagnose, then repair the repository or clone it again"),
				Err: err,
			}
		}
		var missing *gitdates.MissingObjectError
		if errors.As(err, &missing) {
			return nil, &UserError{
				Msg: i18n.T(fmt.Sprintf("le dépôt git est abîmé : l'objet %s %s manque ou est illisible", missing.Kind, missing.Hash),
					fmt.Sprintf("the git repository is damaged: %s object %s is missing or unreadable", missing.Kind, missing.Hash)),
				Hint: i18n.T("lancez git fsck pour le diagnostic, puis réparez le dépôt ou clonez-le à nouveau",
					"run git fsck to diagnose, then repair the repository or clone it again"),
				Err: err,
			}
		}
		return nil, err
	}
	if !res.Head.IsZero() {
		h.Head = res.Head.String()
	}
	h.commits = res.Commits
	if h.rev != nil && !h.rev.hash.IsZero() {
		h.rev.files, h.rev.repo = res.AlsoFiles, repo
		if h.rev.hash == res.Head {
			h.rev.files = res.Files
		}
	}
	entries := readIndex(repo, opts.Cache)
	tree, err := getTree()
	if err != nil {
		return nil, err
	}
	fromIndex := !opts.StagedOn.IsZero() && entries != nil
	if fromIndex {
		if h.stagedTree, h.stagedFS, err = stagedTree(repo, entries, prefix, opts.Ignore); err != nil {
			return nil, err
		}
		tree = h.stagedTree
	}
	h.files, h.dirty, h.staged, h.stagedOn = res.Files, map[string]bool{}, map[string]bool{}, opts.StagedOn
	h.moved = map[string]gitdates.File{}
	blobs := gitdates.ByBlob(res.Files)
	links := gitdates.NewLinkResolver(root)
	full := func(p string) string {
		if prefix != "" {
			return prefix + "/" + p
		}
		return p
	}
	// Only what the index does not vouch for is read and hashed: a warm
	// run on an unchanged folder hashes nothing.
	var unsure []string // paths under the root, real ones for files reached through a link
	for _, f := range tree.Files {
		if !fromIndex {
			f.Path = h.realPath(f.Path, res.Files, links)
		}
		e := entries[full(f.Path)]
		gf, tracked := res.Files[f.Path]
		if e != nil && (!tracked || e.Hash != gf.Blob) {
			h.staged[f.Path] = true
			if !h.stagedOn.IsZero() {
				// A pre-commit hook judges the staged content.
				if src, ok := blobs[e.Hash]; ok && e.Hash != gitdates.EmptyBlob {
					h.moved[f.Path] = src
				}
				if tracked {
					h.dirty[f.Path] = true
				}
				continue
			}
		}
		if fromIndex {
			continue // staged as committed at HEAD: clean
		}
		indexed := e != nil && int64(e.Size) == f.Size && e.ModifiedAt.Equal(f.ModTime)
		switch {
		case indexed && tracked && e.Hash == gf.Blob:
			// clean
		case indexed:
			h.settle(f.Path, []plumbing.Hash{e.Hash}, blobs)
		case tracked:
			if isLink, same := gitdates.LinkHolds(filepath.Join(h.root, filepath.FromSlash(f.Path)), gf.Blob); isLink {
				if !same { // a committed link: its text, not its target's content
					h.dirty[f.Path] = true
				}
				continue
			}
			unsure = append(unsure, f.Path)
		default:
			unsure = append(unsure, f.Path)
		}
	}
	if len(unsure) > 0 {
		paths := make([]string, len(unsure))
		for k, p := range unsure {
			paths[k] = full(p)
		}
		attrDir := ""
		if fsst, ok := repo.Storer.(*filesystem.Storage); ok {
			attrDir = fsst.Filesystem().Root()
		}
		known := func(id plumbing.Hash) bool {
			_, ok := blobs[id]
			return ok
		}
		ids := gitdates.ContentIDs(gitBin, wt.Filesystem.Root(), attrDir, paths, known)
		for k, p := range unsure {
			h.settle(p, ids[paths[k]], blobs)
		}
	}
	return h, nil
}

// settle dates the file at p (under the root) from the ids its content may
// have: clean when one is HEAD's blob at p, else moved when one is the blob
// of another file at HEAD, else dirty when p is tracked.
func (h *History) settle(p string, ids []plumbing.Hash, blobs map[plumbing.Hash]gitdates.File) {
	gf, tracked := h.files[p]
	for _, id := range ids {
		if tracked && id == gf.Blob {
			return
		}
	}
	if tracked {
		h.dirty[p] = true
	}
	for _, id := range ids {
		if src, ok := blobs[id]; ok && id != gitdates.EmptyBlob {
			h.moved[p] = src
			return
		}
	}
}

// gitBinary resolves the --git choice to a git binary, or "" for the
// built-in reader.
func gitBinary(mode string) (string, error) {
	switch mode {
	case GitBuiltin:
		return "", nil
	case GitCLI:
		p, err := exec.LookPath("git")
		if err != nil {
			return "", &UserError{
				Msg:  i18n.T("--git cli : la commande git est introuvable", "--git cli: the git command cannot be found"),
				Hint: i18n.T("installez git, ou lisez l'historique sans lui : --git builtin", "install git, or read history without it: --git builtin"),
				Err:  err,
			}
		}
		return p, nil
	}
	p, err := exec.LookPath("git")
	if err != nil {
		return "", nil
	}
	return p, nil
}

// walkCached reads history, reusing what an earlier run found: the
// in-memory cache of qlint watch, else the cache kept in gitDir ("" for
// none). Only the commits since the cached HEAD are read; a cache for a
// history that was rewritten (amend, rebase, force-push) is dropped.
func walkCached(repo *git.Repository, prefix string, opt gitdates.Options, mem *HistoryCache, gitDir string) (*gitdates.Result, error) {
	ignored := make([]string, 0, len(opt.Ignore))
	for h := range opt.Ignore {
		ignored = append(ignored, h.String())
	}
	sort.Strings(ignored)
	key := prefix + "\x00" + strings.Join(ignored, ",")
	head, err := repo.Head()
	if err != nil && !errors.Is(err, plumbing.ErrReferenceNotFound) {
		return nil, fmt.Errorf("reading HEAD: %w", err)
	}
	var known *gitdates.Result
	switch {
	case mem != nil && mem.last != nil && mem.key == key:
		known = mem.last
	case gitDir != "":
		known = gitdates.LoadCache(gitDir, key)
	}
	if known != nil && head != nil && known.Head == head.Hash() && (opt.Also.IsZero() || opt.Also == head.Hash()) {
		if mem != nil {
			mem.key, mem.last = key, known
		}
		return known, nil
	}
	if known != nil && head != nil && !opt.Also.IsZero() && opt.Also != head.Hash() {
		// Another commit's files are dated too: the cache would only
		// spare HEAD's part, and the walk below it would go on without
		// git's log nor the prefetch. One whole walk dates both at once.
		known = nil
	}
	if known != nil && head != nil && opt.Git != "" && !isAncestor(opt.Git, opt.Dir, known.Head, head.Hash()) {
		known = nil // history was rewritten: read it all again
	}
	opt.Known = known
	res, err := gitdates.Walk(repo, prefix, opt)
	if err != nil {
		return nil, err
	}
	if mem != nil {
		mem.key, mem.last = key, res
	}
	if gitDir != "" {
		_ = gitdates.SaveCache(gitDir, key, res) // a read-only repository just goes without
	}
	return res, nil
}

// isAncestor asks git whether a is an ancestor of b.
func isAncestor(gitBin, dir string, a, b plumbing.Hash) bool {
	cmd := exec.Command(gitBin, "-C", dir, "merge-base", "--is-ancestor", a.String(), b.String())
	cmd.Env = append(cmd.Environ(), "GIT_NO_REPLACE_OBJECTS=1") // as the readers
	return cmd.Run() == nil
}

// readIndex returns the index entries by path, decoding .git/index again
// only when it changed since the cache last read it.
func readIndex(repo *git.Repository, cache *HistoryCache) map[string]*index.Entry {
	stamp := ""
	if fsst, ok := repo.Storer.(*filesystem.Storage); ok {
		if info, err := fsst.Filesystem().Stat("index"); err == nil {
			stamp = fmt.Sprint(info.Size(), info.ModTime().UnixNano())
		}
	}
	if cache != nil && stamp != "" && cache.indexStamp == stamp {
		return cache.index
	}
	list, err := gitdates.IndexEntries(repo)
	if err != nil {
		list = nil // unreadable index: every file is compared by content
	}
	entries := make(map[string]*index.Entry, len(list))
	for _, e := range list {
		entries[e.Name] = e
	}
	if cache != nil {
		cache.indexStamp, cache.index = stamp, entries
	}
	return entries
}

// Date returns the last update of f by git (or its modification time when
// it is not committed as it stands, or outside a repository).
func (h *History) Date(f File) (rules.Day, string) {
	if real, ok := h.alias[f.Path]; ok {
		f.Path = real
	}
	if src, ok := h.moved[f.Path]; ok {
		return rules.DayOf(src.Stamp.When), SourceMoved
	}
	if !h.stagedOn.IsZero() && h.staged[f.Path] {
		return h.stagedOn, SourceUncommitted
	}
	if gf, ok := h.files[f.Path]; ok && !h.dirty[f.Path] {
		return rules.DayOf(gf.Stamp.When), SourceGit
	}
	if h.Kind == "git" {
		return rules.DayOf(f.ModTime), SourceUncommitted
	}
	return rules.DayOf(f.ModTime), SourceMtime
}

// Commits returns how many commits the walk read.
func (h *History) Commits() int { return h.commits }

// relativeTo returns root's path inside the work tree wt, with /.
func relativeTo(wt, root string) (string, error) {
	a, err := filepath.EvalSymlinks(wt)
	if err != nil {
		return "", err
	}
	b, err := filepath.Abs(root)
	if err != nil {
		return "", err
	}
	if b, err = filepath.EvalSymlinks(b); err != nil {
		return "", err
	}
	rel, err := filepath.Rel(a, b)
	if err != nil {
		return "", err
	}
	rel = filepath.ToSlash(rel)
	if rel == "." {
		return "", nil
	}
	if strings.HasPrefix(rel, "../") {
		return "", fmt.Errorf("root %s is outside the work tree %s", root, wt)
	}
	return rel, nil
}

// readIgnoreRevs reads a list of commit hashes, one a line, # for comments,
// as git's blame.ignoreRevsFile. The file p (relative, with /) is opened
// through the evidence folder dir: a link out of it is not followed, so no
// line of a file outside is ever quoted; it must be a small regular file.
func readIgnoreRevs(dir, p string) (map[plumbing.Hash]bool, error) {
	r, err := os.OpenRoot(dir)
	var data []byte
	if err == nil {
		data, err = safefile.ReadRoot(r, p, safefile.SmallLimit)
		r.Close()
	}
	if err != nil {
		why := safefile.Reason(err)
		return nil, &UserError{
			Msg:  i18n.T("liste de commits à ignorer "+p+" illisible : "+why.FR, "cannot read the list of commits to ignore "+p+": "+why.EN),
			Hint: i18n.T("vérifiez [history] ignore_revs_file dans qlint.toml", "check [history] ignore_revs_file in qlint.toml"),
			Err:  err,
		}
	}
	out := map[plumbing.Hash]bool{}
	for i, line := range strings.Split(string(data), "\n") {
		if j := strings.IndexByte(line, '#'); j >= 0 {
			line = line[:j]
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if len(line) != 40 || !isHex(line) {
			return nil, &UserError{
				Msg: i18n.T(fmt.Sprintf("%s:%d : %q n'est pas un identifiant de commit complet (40 caractères hexadécimaux)", p, i+1, line),
					fmt.Sprintf("%s:%d: %q is not a full commit id (40 hexadecimal characters)", p, i+1, line)),
				Hint: i18n.T("git rev-parse COMMIT donne l'identifiant complet", "git rev-parse COMMIT gives the full id"),
			}
		}
		out[plumbing.NewHash(line)] = true
	}
	return out, nil
}

func isHex(s string) bool {
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// realPath is where the walk's file p is for git: p itself, or, for a file
// git does not have at p but has at the real path a folder link leads to,
// that path (remembered for Date).
func (h *History) realPath(p string, files map[string]gitdates.File, links *gitdates.LinkResolver) string {
	if _, ok := files[p]; ok {
		return p
	}
	real, ok := links.Real(p)
	if !ok {
		return p
	}
	if _, ok := files[real]; !ok {
		return p
	}
	if h.alias == nil {
		h.alias = map[string]string{}
	}
	h.alias[p] = real
	return real
}

// fromGit passes on a repository qlint cannot read as a UserError.
func fromGit(err error) error {
	var ge *gitdates.UserError
	if errors.As(err, &ge) {
		return &UserError{Msg: ge.Msg, Hint: ge.Hint, Err: ge.Err}
	}
	return err
}
