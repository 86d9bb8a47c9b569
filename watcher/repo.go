package watcher

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/qlint/qlint/internal/safefile"
)

// repoDirs are the folders of the repository that holds the watched root:
// its git folder (HEAD, index) and its common folder (refs, packed-refs).
// They differ for a worktree; either may be anywhere (--separate-git-dir),
// and the root may be any subfolder of the work tree.
type repoDirs struct {
	git, common string // absolute; "" outside a repository
}

// findRepo looks for the repository holding root, as git does: the nearest
// .git folder, or .git file ("gitdir: PATH"), in root or a parent folder.
func findRepo(root string) repoDirs {
	for cur := root; ; {
		dot := filepath.Join(cur, ".git")
		if info, err := os.Stat(dot); err == nil {
			gitDir := dot
			if !info.IsDir() {
				// A regular .git file of one line: a named pipe or a
				// device there is never opened (it would block or never end).
				data, err := safefile.ReadPath(dot, 4096)
				if err != nil {
					return repoDirs{}
				}
				line := strings.TrimSpace(string(data))
				if !strings.HasPrefix(line, "gitdir:") {
					return repoDirs{}
				}
				gitDir = strings.TrimSpace(strings.TrimPrefix(line, "gitdir:"))
				if !filepath.IsAbs(gitDir) {
					gitDir = filepath.Join(cur, gitDir)
				}
			}
			return dirsOf(gitDir)
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return repoDirs{}
		}
		cur = parent
	}
}

// dirsOf completes a git folder with its common folder (commondir file of a
// worktree's git folder).
func dirsOf(gitDir string) repoDirs {
	if real, err := filepath.EvalSymlinks(gitDir); err == nil {
		gitDir = real
	}
	r := repoDirs{git: gitDir, common: gitDir}
	if info, err := os.Stat(gitDir); err != nil || !info.IsDir() {
		return repoDirs{} // not a git folder (gitdir: /dev/zero)
	}
	if data, err := safefile.ReadPath(filepath.Join(gitDir, "commondir"), 4096); err == nil {
		c := strings.TrimSpace(string(data))
		if !filepath.IsAbs(c) {
			c = filepath.Join(gitDir, c)
		}
		if real, err := filepath.EvalSymlinks(c); err == nil {
			c = real
		}
		r.common = filepath.Clean(c)
	}
	return r
}

// folders are the repository folders to watch (not recursive, but every
// folder of refs/heads: branch names may hold /).
func (r repoDirs) folders() []string {
	if r.git == "" {
		return nil
	}
	out := []string{r.git}
	if r.common != r.git {
		out = append(out, r.common)
	}
	_ = filepath.WalkDir(filepath.Join(r.common, "refs", "heads"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			out = append(out, p)
		}
		return nil
	})
	return out
}

// holds reports whether p is in one of the repository's folders.
func (r repoDirs) holds(p string) bool {
	if r.git == "" {
		return false
	}
	return within(r.git, p) || within(r.common, p)
}

func within(dir, p string) bool {
	return p == dir || strings.HasPrefix(p, dir+string(filepath.Separator))
}

// matters reports whether a change of p, a path of the repository, may
// change dates: a commit, a checkout, a reset, a fetch that moves a branch.
func (r repoDirs) matters(p string) bool {
	if strings.HasSuffix(p, ".lock") {
		return false
	}
	for _, dir := range []string{r.git, r.common} {
		rel, err := filepath.Rel(dir, p)
		if err != nil || strings.HasPrefix(rel, "..") {
			continue
		}
		rel = filepath.ToSlash(rel)
		switch rel {
		case "HEAD", "index", "ORIG_HEAD", "packed-refs", "shallow":
			return true
		}
		if strings.HasPrefix(rel, "refs/heads/") {
			return true
		}
	}
	return false
}

// refsFolder reports whether p is a folder under refs/heads (a new branch
// prefix such as feature/), to be watched as it appears.
func (r repoDirs) refsFolder(p string) bool {
	return r.git != "" && within(filepath.Join(r.common, "refs", "heads"), p)
}

// stamps lists the repository files that matter, for polling.
func (r repoDirs) stamps(snap map[string]stamp) {
	if r.git == "" {
		return
	}
	for _, g := range []string{filepath.Join(r.git, "HEAD"), filepath.Join(r.git, "index"), filepath.Join(r.common, "packed-refs")} {
		if info, err := os.Stat(g); err == nil {
			snap["\x00git/"+g] = stamp{info.Size(), info.ModTime()}
		}
	}
	_ = filepath.WalkDir(filepath.Join(r.common, "refs", "heads"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				snap["\x00git/"+p] = stamp{info.Size(), info.ModTime()}
			}
		}
		return nil
	})
}
