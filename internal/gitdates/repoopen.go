package gitdates

import (
	"bufio"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/go-git/go-billy/v5"
	"github.com/go-git/go-billy/v5/memfs"
	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/storer"
	"github.com/go-git/go-git/v5/storage"
	"github.com/go-git/go-git/v5/storage/filesystem"
	"github.com/go-git/go-git/v5/storage/filesystem/dotgit"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/internal/safefile"
	"github.com/qlint/qlint/lang"
)

// readOnlyExtensions are git extensions that change nothing for a reader
// of history: worktreeConfig (sparse checkouts keep their settings per
// worktree), partialClone, preciousObjects, noop. go-git refuses
// worktreeConfig in a version-0 repository (it compares the lower-cased
// name with a camel-cased one), so a sparse checkout looked damaged.
var readOnlyExtensions = map[string]bool{"worktreeconfig": true, "partialclone": true, "preciousobjects": true, "noop": true, "noop-v1": true}

// repository is a git repository opened for reading: go-git's storage of
// its git folder, and the top of its work tree. (go-git's Repository type
// would bring its transports, signatures and diffs into qlint: 0.7 ms more
// on every run's start, and 1.2 MB.)
type repository struct {
	Storer  storage.Storer
	top     string
	partial bool // a partial clone (configFacts)
}

// head is the reference HEAD leads to, resolved (as git.Repository.Head).
func (r *repository) head() (*plumbing.Reference, error) {
	return storer.ResolveReference(r.Storer, plumbing.HEAD)
}

// errNoRepository is a folder that no repository holds.
var errNoRepository = errors.New("repository does not exist")

// openRepo opens the repository that holds root, as git would find it: the
// nearest .git at or above it (dotGit), a worktree's common folder, objects
// borrowed by alternates. A repository that only uses extensions harmless
// to a reader is opened with them set aside; one that needs an extension
// qlint cannot read gets a plain message, not the advice for a damaged
// one. A SHA-256 repository is opened with its git folder marked so
// (formatOf).
func openRepo(root string) (*repository, error) {
	if err := checkDotGit(root); err != nil {
		return nil, err
	}
	gitDir, top, err := dotGit(root)
	if err != nil {
		return nil, err
	}
	if err := checkHead(gitDir); err != nil {
		return nil, err
	}
	dot := osfs.New(gitDir)
	var repoFS billy.Filesystem = dot
	if c := commonDir(gitDir); c != gitDir {
		repoFS = dotgit.NewRepositoryFilesystem(dot, osfs.New(c))
	}
	if utf16Config(repoFS) {
		return nil, &lang.Error{
			Msg: i18n.T("le fichier de configuration de git (.git/config) est enregistré en UTF-16 : ni git ni qlint ne peuvent le lire",
				"git's configuration file (.git/config) is saved in UTF-16: neither git nor qlint can read it"),
			Hint: i18n.T("rouvrez .git/config dans un éditeur et enregistrez-le en UTF-8 (sans BOM)",
				"open .git/config in an editor and save it as UTF-8 (without BOM)"),
		}
	}
	sha256 := false
	facts := readConfigFacts(repoFS)
	for _, e := range facts.extensions {
		if e == "objectformat" {
			switch facts.objectFormat {
			case "sha1":
				continue
			case "sha256":
				sha256 = true // read through git (sha256.go)
				continue
			}
		}
		if !readOnlyExtensions[e] {
			return nil, &lang.Error{
				Msg: i18n.T("ce dépôt utilise l'extension git "+e+", que qlint ne sait pas lire",
					"this repository uses the git extension "+e+", which qlint cannot read"),
				Hint: i18n.T("le dépôt n'est pas abîmé ; lancez qlint sur un clone ordinaire du dépôt",
					"the repository is not damaged; run qlint on a plain clone of the repository"),
			}
		}
	}
	// Alternates (git clone --shared) name object folders by absolute
	// path: they are read from the file system's root, as git does (go-git
	// reads them inside the git folder only, and found no object).
	s := filesystem.NewStorageWithOptions(extensionsAside{repoFS, sha256}, cache.NewObjectLRUDefault(),
		filesystem.Options{AlternatesFS: osfs.New(string(filepath.Separator))})
	// As go-git's PlainOpen: a git folder without HEAD is no repository,
	// and one whose config cannot be read is damaged.
	if _, err := s.Reference(plumbing.HEAD); err != nil {
		if errors.Is(err, plumbing.ErrReferenceNotFound) {
			return nil, errNoRepository
		}
		return nil, err
	}
	if _, err := s.Config(); err != nil {
		return nil, err
	}
	return &repository{Storer: s, top: top, partial: facts.partial}, nil
}

// InRepository reports whether a git repository holds dir: one qlint can
// read, or one it refuses with a reason (Open says why when judging).
func InRepository(dir string) bool {
	_, err := openRepo(dir)
	var plain *lang.Error
	return err == nil || errors.As(err, &plain)
}

// WorkTree returns the top folder of the git work tree that holds dir
// (dir may not exist yet), or "" when none does.
func WorkTree(dir string) string {
	_, top, err := dotGit(dir)
	if err != nil {
		return ""
	}
	return top
}

// GitDir returns the git folder of the repository that holds dir (its
// .git folder, or where a .git file points), links resolved, or "".
func GitDir(dir string) string {
	gitDir, _, err := dotGit(dir)
	if err != nil {
		return ""
	}
	if r, err := filepath.EvalSymlinks(gitDir); err == nil {
		gitDir = r
	}
	return gitDir
}

// InGitFolder reports whether the folder p is a .git folder or lies in
// one, links resolved: nothing of qlint's (a report, init's folders)
// belongs there.
func InGitFolder(p string) bool {
	abs, err := filepath.Abs(p)
	if err != nil {
		return false
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		abs = r
	}
	for _, part := range strings.Split(filepath.ToSlash(abs), "/") {
		if part == ".git" {
			return true
		}
	}
	return false
}

// findDotGit finds the git folder and the work tree that hold root (dotGit).
func findDotGit(root string) (dot, wt billy.Filesystem, err error) {
	gitDir, top, err := dotGit(root)
	if err != nil {
		return nil, nil, err
	}
	return osfs.New(gitDir), osfs.New(top), nil
}

// dotGit finds, as git does, the git folder and the work tree's top that
// hold dir: the nearest .git at or above it, a folder, or a file naming
// the git folder ("gitdir: PATH", for worktrees and submodules). It is the
// one place qlint looks for .git.
func dotGit(dir string) (gitDir, top string, err error) {
	p, err := filepath.Abs(dir)
	if err != nil {
		return "", "", err
	}
	for {
		g := filepath.Join(p, ".git")
		if info, err := os.Stat(g); err == nil {
			if info.IsDir() {
				if real, err := filepath.EvalSymlinks(g); err == nil {
					g = real // a .git link to the git folder
				}
				return g, p, nil
			}
			data, err := safefile.ReadPath(g, 4096)
			if err != nil {
				return "", "", err
			}
			line := strings.TrimSpace(string(data))
			if !strings.HasPrefix(line, "gitdir:") {
				return "", "", errNoRepository
			}
			gd := strings.TrimSpace(strings.TrimPrefix(line, "gitdir:"))
			if !filepath.IsAbs(gd) {
				gd = filepath.Join(p, gd)
			}
			return gd, p, nil
		}
		parent := filepath.Dir(p)
		if parent == p {
			return "", "", errNoRepository
		}
		p = parent
	}
}

// commonDir is the main git folder of a worktree's git folder (its
// commondir file names it), or gitDir itself.
func commonDir(gitDir string) string {
	data, err := safefile.ReadPath(filepath.Join(gitDir, "commondir"), 4096)
	if err != nil {
		return gitDir
	}
	c := strings.TrimSpace(string(data))
	if !filepath.IsAbs(c) {
		c = filepath.Join(gitDir, c)
	}
	return filepath.Clean(c)
}

// configFacts is what qlint needs of a repository's config, read in one
// pass: the extensions it sets (lower-cased), extensions.objectFormat
// (lower-cased, "" when unset), and whether it is a partial clone (git
// clone --filter: extensions.partialClone, or a remote marked promisor),
// whose objects git downloads as they are read.
type configFacts struct {
	extensions   []string
	objectFormat string
	partial      bool
}

// readConfigFacts reads the config of fs.
func readConfigFacts(fs billy.Filesystem) configFacts {
	var c configFacts
	eachConfigEntry(fs, func(e configEntry) {
		v := strings.ToLower(e.value)
		switch {
		case e.section == "extensions":
			c.extensions = append(c.extensions, e.key)
			switch e.key {
			case "objectformat":
				c.objectFormat = v
			case "partialclone":
				c.partial = c.partial || v != ""
			}
		case e.section == "remote" && e.sub && e.key == "promisor" && (v == "true" || v == "yes" || v == "on" || v == "1"):
			c.partial = true
		}
	})
	return c
}

// configEntry is a setting of a git config file: its section and key
// lower-cased ("remote" and "promisor" for promisor in [remote "origin"],
// sub telling the subsection was there), its value unquoted ("true" for a
// key alone, as git reads it).
type configEntry struct {
	section, key, value string
	sub                 bool
}

// eachConfigEntry calls fn for each setting of the config file of fs, in
// order (its first MiB; nothing when there is none).
func eachConfigEntry(fs billy.Filesystem, fn func(configEntry)) {
	f, err := fs.Open("config")
	if err != nil {
		return
	}
	defer f.Close()
	var section string
	var sub bool
	sc := bufio.NewScanner(io.LimitReader(f, 1<<20))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || line[0] == '#' || line[0] == ';':
		case line[0] == '[':
			name, rest, _ := strings.Cut(strings.Trim(line, "[] \t"), " ")
			section, sub = strings.ToLower(name), rest != ""
		default:
			key, val, ok := strings.Cut(line, "=")
			if !ok {
				val = "true"
			}
			fn(configEntry{section: section, sub: sub, key: strings.ToLower(strings.TrimSpace(key)), value: strings.Trim(strings.TrimSpace(val), `"`)})
		}
	}
}

// extensionsAside is a git folder whose config is read without its
// [extensions] section (only read-only ones are left there by openRepo),
// and with Latin-1 text (a name written by an old editor) turned into
// UTF-8, as git itself reads any bytes there.
type extensionsAside struct {
	billy.Filesystem
	sha256 bool // extensions.objectFormat = sha256 (sha256.go)
}

func (e extensionsAside) Open(name string) (billy.File, error) {
	if name != "config" {
		return e.Filesystem.Open(name)
	}
	f, err := e.Filesystem.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var b strings.Builder
	in := false
	sc := bufio.NewScanner(io.LimitReader(f, 1<<20))
	for sc.Scan() {
		line := sc.Text()
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "[") {
			in = strings.EqualFold(strings.Trim(t, "[] \t"), "extensions")
		}
		if !in {
			b.WriteString(latin1ToUTF8(line) + "\n")
		}
	}
	mem := memfs.New()
	w, err := mem.Create("config")
	if err != nil {
		return nil, err
	}
	if _, err := w.Write([]byte(b.String())); err != nil {
		return nil, err
	}
	w.Close()
	return mem.Open("config")
}

// latin1ToUTF8 reads a line that is not UTF-8 as Latin-1.
func latin1ToUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	r := make([]rune, 0, len(s))
	for i := 0; i < len(s); i++ {
		r = append(r, rune(s[i]))
	}
	return string(r)
}

// utf16Config reports whether the config of fs is UTF-16 text: a byte
// order mark, or a zero byte every other byte.
func utf16Config(fs billy.Filesystem) bool {
	f, err := fs.Open("config")
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 64)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	if len(head) >= 2 && (head[0] == 0xFF && head[1] == 0xFE || head[0] == 0xFE && head[1] == 0xFF) {
		return true
	}
	zeros := 0
	for _, c := range head {
		if c == 0 {
			zeros++
		}
	}
	return n > 0 && zeros*3 >= n
}

// PartialClone reports whether the repository that holds dir is a partial
// clone (configFacts).
func PartialClone(dir string) bool {
	gitDir := GitDir(dir)
	return gitDir != "" && readConfigFacts(osfs.New(commonDir(gitDir))).partial
}
