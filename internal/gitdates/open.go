package gitdates

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/index"
	"github.com/go-git/go-git/v5/storage/filesystem"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/internal/safefile"
	"github.com/qlint/qlint/lang"
)

// The history readers --git chooses from.
const (
	ReaderAuto    = "auto"    // the faster one for the repository's shape (gitauto.go)
	ReaderCLI     = "cli"     // the git binary's log
	ReaderBuiltin = "builtin" // the pack reader, without git
)

// OpenOptions tune how Open reads a repository's history.
type OpenOptions struct {
	// Memory, when set, keeps what was read between runs in one process.
	Memory       *Memory
	AllowShallow bool
	// IgnoreRevsFile, relative to the evidence root, lists commits that
	// never count as updates.
	IgnoreRevsFile string
	Progress       func(commits int)
	// Reader is ReaderAuto (also for ""), ReaderCLI or ReaderBuiltin.
	Reader string
	// NoCache skips the history cache kept in .git/qlint.
	NoCache bool
	// Rev, when set, is a revision whose files are dated too, as of that
	// commit, in the same walk (--new-from-rev).
	Rev string
	// SaveLater writes the history cache on another goroutine, while the
	// caller judges; the caller then calls Repo.Wait before it exits.
	SaveLater bool
}

// Memory keeps the dates read for a HEAD between runs in one process (qlint
// watch): the same HEAD is not read again, and after new commits only those
// are read. Its zero value is ready to use; it is not safe for concurrent
// use.
type Memory struct {
	key  string // the prefix and the ignored commits the dates were read with
	last *Result
	// The index, decoded, while .git/index keeps its size and time.
	indexStamp string
	index      map[string]*index.Entry
}

// Repo is the repository that holds an evidence folder, its history read:
// HEAD's files under the folder with their last update. Compare then tells
// which working copies are the committed ones, and State answers for each
// file.
type Repo struct {
	Top     string          // the work tree's top folder
	Prefix  string          // the evidence folder's path from Top, with /; "" at the top
	Shallow bool            // a shallow clone, read with AllowShallow
	Head    plumbing.Hash   // zero when the repository has no commit yet
	Commits int             // commit objects the walk read (0: all from the cache)
	Files   map[string]File // HEAD's files, by path under the evidence folder
	// Rev is the commit OpenOptions.Rev names with its files, nil when not
	// asked for; a zero Hash is a repository with no commit yet.
	Rev *Rev

	root     string // the evidence folder, as given
	repo     *repository
	gitBin   string                   // the git binary the history was read with, "" for the built-in reader
	gitNames string                   // the git binary that names revisions the built-in reader cannot, "" for none (--git builtin)
	index    map[string]*index.Entry  // by path from Top
	blobs    map[plumbing.Hash]File   // HEAD's files by content, the oldest first
	format   idFormat                 // how the repository names objects (sha256.go)
	ids      map[plumbing.Hash]string // full SHA-256 ids FullID found

	// What Compare found, by path under the evidence folder.
	dirty  map[string]bool   // files of HEAD whose working copy differs
	staged map[string]bool   // files whose staged content differs from HEAD
	moved  map[string]File   // files not committed at their path whose content is a file's at HEAD
	alias  map[string]string // a file reached through a folder link → its real path

	saving chan struct{} // closed once the cache is written (OpenOptions.SaveLater)
}

// Wait returns once the history cache is written, when Open was asked to
// write it later; at once otherwise.
func (r *Repo) Wait() {
	if r != nil && r.saving != nil {
		<-r.saving
	}
}

// Rev is a commit's files under the evidence folder, each dated as of that
// commit.
type Rev struct {
	Hash  plumbing.Hash
	Files map[string]File
}

// Open finds the repository that holds root, as git would, refuses one
// whose dates could not be trusted (a shallow clone, grafts, a repository
// git refuses), and reads the last update of every file of HEAD under root
// in one walk, through the cache kept in .git/qlint. It returns nil and no
// error outside a repository and in a bare one. Errors people can act on
// are *lang.Error.
func Open(root string, opts OpenOptions) (*Repo, error) {
	repo, top, err := locate(root)
	if err != nil {
		return nil, err
	}
	if repo == nil {
		if err := errGitDirOutsideRepo(); err != nil {
			return nil, err
		}
		if opts.Rev != "" {
			return nil, errRevOutsideGit(opts.Rev)
		}
		return nil, nil
	}
	prefix, err := relativeTo(top, root)
	if err != nil {
		return nil, err
	}
	r := &Repo{Top: top, Prefix: prefix, root: root, repo: repo, format: formatOf(repo)}
	if err := checkGitDirEnv(top, r.gitDir()); err != nil {
		return nil, err
	}
	walk, err := r.walkOptions(opts)
	if err != nil {
		return nil, err
	}
	if opts.Rev != "" {
		if r.Rev, err = resolveRev(repo, r.gitBin, r.gitNames, top, opts.Rev, r.Shallow); err != nil {
			return nil, err
		}
		walk.Also = r.Rev.Hash
	}
	gitDir := ""
	if !opts.NoCache {
		gitDir = r.gitDir()
	}
	res, save, err := walkCached(repo, prefix, walk, opts.Memory, gitDir)
	if err != nil {
		return nil, readError(err, r.gitBin == "" && repo.partial)
	}
	switch {
	case save != nil && opts.SaveLater:
		// A fifth of a run after one new commit on go-git: it is done
		// while the caller compares and judges.
		r.saving = make(chan struct{})
		go func() {
			defer close(r.saving)
			save()
		}()
	case save != nil:
		save()
	}
	r.Head, r.Commits, r.Files = res.Head, res.Commits, res.Files
	if r.Rev != nil && !r.Rev.Hash.IsZero() {
		r.Rev.Files = res.AlsoFiles
		if r.Rev.Hash == res.Head {
			r.Rev.Files = res.Files
		}
	}
	r.index = readIndex(repo, top, opts.Memory)
	return r, nil
}

// locate opens the repository that holds root and returns its work tree's
// top folder; nil outside a repository and for a bare one.
func locate(root string) (*repository, string, error) {
	repo, err := openRepo(root)
	if errors.Is(err, errNoRepository) {
		return nil, "", nil
	}
	var plain *lang.Error
	if errors.As(err, &plain) { // a valid repository qlint cannot read, said as such
		return nil, "", err
	}
	if err != nil {
		return nil, "", &lang.Error{
			Msg:  i18n.T("le dépôt git qui contient le dossier est illisible : "+err.Error(), "the git repository holding the folder cannot be read: "+err.Error()),
			Hint: i18n.T("vérifiez le dossier .git (git status), ou lancez qlint hors du dépôt", "check the .git folder (git status), or run qlint outside the repository"),
			Err:  err,
		}
	}
	return repo, repo.top, nil
}

// walkOptions checks that the repository's dates can be trusted (shallow
// clone, grafts, owner) and chooses the reader (r.gitBin).
func (r *Repo) walkOptions(opts OpenOptions) (Options, error) {
	walk := Options{Progress: opts.Progress}
	shallow, err := r.repo.Storer.Shallow()
	if err != nil {
		return walk, fmt.Errorf("reading the shallow list: %w", err)
	}
	if err := refuseGrafts(r.repo, opts.AllowShallow); err != nil {
		return walk, err
	}
	if len(shallow) > 0 {
		r.Shallow = true
		if !opts.AllowShallow {
			return walk, &lang.Error{
				Msg: i18n.T("ce dépôt est un clone superficiel (shallow) : sans l'historique complet, toutes les dates paraîtraient récentes",
					"this repository is a shallow clone: without the full history every date would look recent"),
				Hint: i18n.T("récupérez l'historique complet (git fetch --unshallow ; dans GitHub Actions, fetch-depth: 0 sur actions/checkout), ou passez --allow-shallow",
					"fetch the full history (git fetch --unshallow; in GitHub Actions, fetch-depth: 0 on actions/checkout), or pass --allow-shallow"),
			}
		}
		walk.Shallow = map[plumbing.Hash]bool{}
		for _, s := range shallow {
			walk.Shallow[s] = true
		}
	}
	if opts.IgnoreRevsFile != "" {
		if walk.Ignore, err = readIgnoreRevs(r.root, opts.IgnoreRevsFile, r.format); err != nil {
			return walk, err
		}
	}
	gitBin, err := gitBinary(opts.Reader)
	if err != nil {
		return walk, err
	}
	if r.format == sha256IDs && opts.Reader == ReaderBuiltin {
		return walk, errSHA256Builtin()
	}
	if r.format == sha256IDs && gitBin == "" {
		return walk, errSHA256NoGit()
	}
	if gitBin != "" {
		if err := checkOwner(gitBin, r.Top, r.gitDir()); err != nil {
			return walk, err
		}
	}
	r.gitNames = gitBin
	if gitBin != "" && opts.Reader != ReaderCLI && r.format != sha256IDs && preferBuiltin(r.repo) {
		gitBin = "" // auto: the faster reader for this shape (gitauto.go)
	}
	r.gitBin = gitBin
	walk.Git, walk.Dir = gitBin, r.Top
	return walk, nil
}

// gitDir is the repository's git folder, "" when it has none on disk.
func (r *Repo) gitDir() string {
	if fsst, ok := r.repo.Storer.(*filesystem.Storage); ok {
		return fsst.Filesystem().Root()
	}
	return ""
}

// readError says plainly why the history could not be read; partial is
// a partial clone read by the built-in reader, whose missing objects are
// not damage.
func readError(err error, partial bool) error {
	var gitErr *GitError
	if errors.As(err, &gitErr) {
		return &lang.Error{
			Msg: i18n.T("git n'a pas pu lire l'historique du dépôt : "+gitErr.Stderr,
				"git could not read the repository's history: "+gitErr.Stderr),
			Hint: i18n.T("lancez git fsck pour le diagnostic, puis réparez le dépôt, ou "+recloneFR,
				"run git fsck to diagnose, then repair the repository, or "+recloneEN),
			Err: err,
		}
	}
	var missing *MissingObjectError
	if !errors.As(err, &missing) {
		return err
	}
	if partial {
		return &lang.Error{
			Msg: i18n.T(fmt.Sprintf("ce dépôt est un clone partiel (--filter) : une partie de son historique n'a pas encore été téléchargée (%s, objet git %s), et le lecteur intégré de qlint ne télécharge rien", objectWordFR(missing.Kind), missing.Hash),
				fmt.Sprintf("this repository is a partial clone (--filter): part of its history is not downloaded yet (%s object %s), and qlint's built-in reader downloads nothing", missing.Kind, missing.Hash)),
			Hint: i18n.T("le dépôt n'est pas abîmé : retirez --git builtin (git télécharge ce qui manque), ou clonez sans --filter",
				"the repository is not damaged: drop --git builtin (git downloads what is missing), or clone without --filter"),
			Err: err,
		}
	}
	return &lang.Error{
		Msg: i18n.T(fmt.Sprintf("le dépôt git est abîmé : une partie de son historique manque ou est illisible (%s, objet git %s)", objectWordFR(missing.Kind), missing.Hash),
			fmt.Sprintf("the git repository is damaged: %s object %s is missing or unreadable", missing.Kind, missing.Hash)),
		Hint: i18n.T("lancez git fsck pour le diagnostic, puis réparez le dépôt, ou "+recloneFR,
			"run git fsck to diagnose, then repair the repository, or "+recloneEN),
		Err: err,
	}
}

// objectWordFR says in French what a git object of kind holds.
func objectWordFR(kind string) string {
	switch kind {
	case "commit":
		return "un enregistrement"
	case "tree":
		return "l'état d'un dossier"
	case "blob":
		return "le contenu d'un fichier"
	}
	return kind
}

// ReadBlob returns the content of a blob of the repository, at most 1 MiB
// of it (a session.toml of a revision or of the index).
func (r *Repo) ReadBlob(h plumbing.Hash) ([]byte, error) {
	if r.format == sha256IDs {
		return readBlobWithGit(r.gitBin, r.Top, h)
	}
	data, err := readBlob(r.repo, h)
	if err != nil && r.gitNames != "" {
		// Not here (a partial clone, --filter=blob:none): git downloads it.
		if viaGit, gerr := readBlobWithGit(r.gitNames, r.Top, h); gerr == nil {
			return viaGit, nil
		}
	}
	return data, err
}

// gitBinary resolves the --git choice to a git binary, or "" for the
// built-in reader.
func gitBinary(mode string) (string, error) {
	switch mode {
	case ReaderBuiltin:
		return "", nil
	case ReaderCLI:
		p, err := exec.LookPath("git")
		if err != nil {
			return "", &lang.Error{
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
// history that was rewritten (amend, rebase, force-push) is dropped. save,
// when not nil, writes what was read into gitDir's cache.
func walkCached(repo *repository, prefix string, opt Options, mem *Memory, gitDir string) (_ *Result, save func(), _ error) {
	ignored := make([]string, 0, len(opt.Ignore))
	for h := range opt.Ignore {
		ignored = append(ignored, h.String())
	}
	sort.Strings(ignored)
	key := prefix + "\x00" + strings.Join(ignored, ",")
	head, err := repo.head()
	if err != nil && !errors.Is(err, plumbing.ErrReferenceNotFound) {
		return nil, nil, fmt.Errorf("reading HEAD: %w", err)
	}
	var known *Result
	switch {
	case mem != nil && mem.last != nil && mem.key == key:
		known = mem.last
	case gitDir != "":
		known = loadCache(gitDir, key)
	}
	if known != nil && head != nil && known.Head == head.Hash() && (opt.Also.IsZero() || opt.Also == head.Hash()) {
		if mem != nil {
			mem.key, mem.last = key, known
		}
		return known, nil, nil
	}
	if known != nil && head != nil && !opt.Also.IsZero() && opt.Also != head.Hash() {
		// Another commit's files are dated too: the cache would only
		// spare HEAD's part, and the walk below it would go on without
		// git's log. One whole walk dates both at once.
		known = nil
	}
	if known != nil && head != nil && opt.Git != "" && !isAncestor(opt.Git, opt.Dir, known.Head, head.Hash()) {
		known = nil // history was rewritten: read it all again
	}
	opt.Known = known
	res, err := Walk(repo, prefix, opt)
	if err != nil {
		return nil, nil, err
	}
	if mem != nil {
		mem.key, mem.last = key, res
	}
	if gitDir != "" {
		save = func() { _ = saveCache(gitDir, key, res) } // a read-only repository just goes without
	}
	return res, save, nil
}

// isAncestor asks git whether a is an ancestor of b.
func isAncestor(gitBin, dir string, a, b plumbing.Hash) bool {
	cmd := repoEnv(exec.Command(gitBin, "-C", dir, "merge-base", "--is-ancestor", a.String(), b.String()))
	cmd.Env = append(cmd.Environ(), "GIT_NO_REPLACE_OBJECTS=1") // as the readers
	return cmd.Run() == nil
}

// readIndex returns the index entries by path, decoding .git/index (or
// the index GIT_INDEX_FILE names, indexfile.go) again only when it changed
// since the cache last read it.
func readIndex(repo *repository, top string, cache *Memory) map[string]*index.Entry {
	p, ok := indexFileEnv(top)
	if !ok {
		fsst, onDisk := repo.Storer.(*filesystem.Storage)
		if !onDisk {
			return map[string]*index.Entry{}
		}
		p = filepath.Join(fsst.Filesystem().Root(), "index")
	}
	stamp := ""
	if info, err := os.Stat(p); err == nil {
		stamp = fmt.Sprint(p, " ", info.Size(), info.ModTime().UnixNano())
	}
	if cache != nil && stamp != "" && cache.indexStamp == stamp {
		return cache.index
	}
	list, err := indexEntriesFrom(p, formatOf(repo))
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
// as git's blame.ignoreRevsFile: full ids, of 64 digits in a SHA-256
// repository (kept as their first 20 bytes, as every id there). The file p (relative, with /) is opened
// through the evidence folder dir: a link out of it is not followed, so no
// line of a file outside is ever quoted; it must be a small regular file.
func readIgnoreRevs(dir, p string, format idFormat) (map[plumbing.Hash]bool, error) {
	r, err := os.OpenRoot(dir)
	var data []byte
	if err == nil {
		data, err = safefile.ReadRoot(r, p, safefile.SmallLimit)
		r.Close()
	}
	if err != nil {
		why := safefile.Reason(err)
		return nil, &lang.Error{
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
		if n := format.hexLen(); len(line) != n || !isHex(line) {
			return nil, &lang.Error{
				Msg: i18n.T(fmt.Sprintf("%s:%d : « %s » n'est pas un identifiant de commit complet (%d caractères hexadécimaux)", p, i+1, line, n),
					fmt.Sprintf("%s:%d: %q is not a full commit id (%d hexadecimal characters)", p, i+1, line, n)),
				Hint: i18n.T("git rev-parse COMMIT donne l'identifiant complet", "git rev-parse COMMIT gives the full id"),
			}
		}
		out[plumbing.NewHash(line)] = true
	}
	return out, nil
}
