package gitdates

import (
	"path/filepath"

	"github.com/go-git/go-git/v5/plumbing/filemode"
)

// StagedSubmodules lists the submodules the index holds under the evidence
// folder (gitlink entries): paths under the folder, with /, and where each
// is checked out. The commit being made records a submodule as one commit
// id, not its files; a pre-commit run takes its files from its checkout and
// dates them from its own history, as a plain run does.
func (r *Repo) StagedSubmodules() (paths []string, dirs []string) {
	base := ""
	if r.Prefix != "" {
		base = r.Prefix + "/"
	}
	for name, e := range r.index {
		if e.Mode != filemode.Submodule || len(name) < len(base) || name[:len(base)] != base {
			continue
		}
		p := name[len(base):]
		paths = append(paths, p)
		dirs = append(dirs, filepath.Join(r.Top, filepath.FromSlash(name)))
	}
	return paths, dirs
}
