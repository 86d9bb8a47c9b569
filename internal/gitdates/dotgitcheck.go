package gitdates

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/internal/safefile"
	"github.com/qlint/qlint/lang"
)

// A .git that is neither a folder nor a .git file. go-git opens what it
// finds at .git: a named pipe there blocked qlint forever, a link to
// /dev/zero filled the memory, and a .git file of megabytes was quoted
// whole in the error (a crash under a memory limit). checkDotGit looks at
// the nearest .git before anything opens it, without opening anything but
// a regular file of at most maxDotGitFile bytes, and refuses plainly what
// git could not use either.

// maxDotGitFile bounds a .git file: one line, "gitdir: PATH".
const maxDotGitFile = 4096

// maxQuoted bounds a path quoted in a message (quotePath).
const maxQuoted = 200

// checkDotGit checks the nearest .git at or above dir, as dotGit finds it:
// a folder (or a link to one), or a regular .git file naming an existing
// folder. It returns nil when there is none (outside a repository).
func checkDotGit(dir string) error {
	p, err := filepath.Abs(dir)
	if err != nil {
		return nil
	}
	for {
		g := filepath.Join(p, ".git")
		if info, err := os.Lstat(g); err == nil {
			return checkDotGitAt(g, info)
		}
		parent := filepath.Dir(p)
		if parent == p {
			return nil
		}
		p = parent
	}
}

// checkDotGitAt checks the .git at g, which Lstat described as info.
func checkDotGitAt(g string, info fs.FileInfo) error {
	if info.Mode()&fs.ModeSymlink != 0 {
		target, err := os.Stat(g) // follows the link, opens nothing
		if err != nil {
			return dotGitError(g,
				"est un lien qui ne mène à rien", "is a link that leads nowhere")
		}
		info = target
	}
	switch {
	case info.IsDir():
		return checkGitFiles(g)
	case info.Mode().IsRegular():
	default:
		return dotGitError(g,
			"n'est ni un dossier ni un fichier .git ("+kindFR(info.Mode())+")",
			"is neither a folder nor a .git file ("+kindEN(info.Mode())+")")
	}
	data, err := safefile.ReadPath(g, maxDotGitFile)
	if errors.Is(err, safefile.ErrTooLarge) {
		return dotGitError(g,
			"est un fichier de plus de 4 Ko, alors qu'un fichier .git tient en une ligne (gitdir: CHEMIN)",
			"is a file larger than 4 KB, while a .git file is one line (gitdir: PATH)")
	}
	if err != nil {
		return nil // unreadable: said where it is opened
	}
	line := strings.TrimSpace(string(data))
	if !strings.HasPrefix(line, "gitdir:") {
		return nil // not a .git file: git and qlint see no repository there
	}
	gd := strings.TrimSpace(strings.TrimPrefix(line, "gitdir:"))
	if !filepath.IsAbs(gd) {
		gd = filepath.Join(filepath.Dir(g), gd)
	}
	if st, err := os.Stat(gd); err != nil || !st.IsDir() {
		return dotGitError(g,
			"désigne "+quotePath(gd)+", qui n'est pas un dossier git",
			"names "+quotePath(gd)+", which is not a git folder")
	}
	return checkGitFiles(gd)
}

// gitFilesRead are the files of a git folder read when a repository is
// opened (by go-git, qlint or git): a named pipe there blocked qlint, and
// git, forever.
var gitFilesRead = []string{"commondir", "HEAD", "config", "index", "packed-refs", "shallow"}

// checkGitFiles checks, without opening any, that the files of the git
// folder gitDir (and of its common folder, for a linked worktree) read at
// open, and the branch file HEAD names, are regular files where they
// exist (links followed).
func checkGitFiles(gitDir string) error {
	for _, name := range gitFilesRead {
		if err := checkGitFile(filepath.Join(gitDir, name)); err != nil {
			return err
		}
	}
	common := commonDir(gitDir) // reads commondir, checked above
	if common != gitDir {
		for _, name := range gitFilesRead[1:] {
			if err := checkGitFile(filepath.Join(common, name)); err != nil {
				return err
			}
		}
	}
	head, err := safefile.ReadPath(filepath.Join(gitDir, "HEAD"), maxDotGitFile)
	if err != nil {
		return nil // absent or too large: said where it is read
	}
	ref, ok := strings.CutPrefix(strings.TrimSpace(string(head)), "ref:")
	ref = strings.TrimSpace(ref)
	if !ok || !strings.HasPrefix(ref, "refs/") || strings.Contains(ref, "..") {
		return nil
	}
	for _, d := range []string{gitDir, common} {
		if err := checkGitFile(filepath.Join(d, filepath.FromSlash(ref))); err != nil {
			return err
		}
	}
	return nil
}

// checkGitFile refuses a file at p of the git folder that is not a regular
// file; nothing there is fine.
func checkGitFile(p string) error {
	info, err := os.Stat(p)
	if err != nil || info.Mode().IsRegular() {
		return nil
	}
	fr, en := "est un dossier, là où git attend un fichier", "is a folder where git expects a file"
	if !info.IsDir() {
		fr, en = "n'est pas un fichier ("+kindFR(info.Mode())+")", "is not a file ("+kindEN(info.Mode())+")"
	}
	q := quotePath(p)
	if filepath.Base(p) == "index" {
		// git log reads history without it; git status needs it.
		return &lang.Error{
			Msg: i18n.T(q+" "+fr+" : qlint ne peut pas comparer les fichiers du dossier avec l'historique, git status non plus",
				q+" "+en+": qlint cannot compare the folder's files with the history, nor can git status"),
			Hint: i18n.T("supprimez ce fichier index, puis lancez git reset : git le refait d'après le dernier enregistrement, sans toucher à vos fichiers (ce qui était ajouté avec git add est à ajouter de nouveau)",
				"delete that index file, then run git reset: git makes it again from the last commit, without touching your files (what was added with git add must be added again)"),
		}
	}
	return &lang.Error{
		Msg: i18n.T(q+" "+fr+" : qlint ne peut pas lire l'historique du dépôt, git non plus",
			q+" "+en+": qlint cannot read the repository's history, nor can git"),
		Hint: i18n.T("git lit ce fichier à l'ouverture du dépôt : remettez le fichier d'origine à sa place, ou "+recloneFR,
			"git reads this file when it opens the repository: put the original file back, or "+recloneEN),
	}
}

// How to get a sound repository again without losing what is not yet
// committed.
const (
	recloneFR = "clonez le dépôt dans un autre dossier et recopiez-y les fichiers pas encore enregistrés"
	recloneEN = "clone the repository into another folder and copy over the files not yet committed"
)

// dotGitError says what is wrong with the .git at g, and what to do.
func dotGitError(g, fr, en string) error {
	q := quotePath(g)
	return &lang.Error{
		Msg: i18n.T(q+" "+fr+" : qlint ne peut pas y lire l'historique, git non plus",
			q+" "+en+": qlint cannot read history there, nor can git"),
		Hint: i18n.T("remplacez-le par le dossier .git du dépôt (ou "+recloneFR+"), ou retirez-le pour juger le dossier sans git",
			"replace it with the repository's .git folder (or "+recloneEN+"), or remove it to judge the folder without git"),
	}
}

func kindFR(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "c'est un tube nommé"
	case m&fs.ModeDevice != 0 || m&fs.ModeCharDevice != 0:
		return "c'est un périphérique"
	case m&fs.ModeSocket != 0:
		return "c'est une socket"
	}
	return "c'est un fichier spécial"
}

func kindEN(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "it is a named pipe"
	case m&fs.ModeDevice != 0 || m&fs.ModeCharDevice != 0:
		return "it is a device"
	case m&fs.ModeSocket != 0:
		return "it is a socket"
	}
	return "it is a special file"
}

// quotePath is p as a message quotes it: at most maxQuoted characters,
// then « … ».
func quotePath(p string) string {
	if utf8.RuneCountInString(p) <= maxQuoted {
		return p
	}
	r := []rune(p)
	return string(r[:maxQuoted]) + "…"
}

// dotGitIsLink reports whether the nearest .git at or above dir is a link
// to a folder.
func dotGitIsLink(dir string) bool {
	p, err := filepath.Abs(dir)
	if err != nil {
		return false
	}
	for {
		g := filepath.Join(p, ".git")
		if info, err := os.Lstat(g); err == nil {
			if info.Mode()&fs.ModeSymlink == 0 {
				return false
			}
			st, err := os.Stat(g)
			return err == nil && st.IsDir()
		}
		parent := filepath.Dir(p)
		if parent == p {
			return false
		}
		p = parent
	}
}
