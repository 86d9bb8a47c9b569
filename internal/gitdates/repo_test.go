package gitdates

import (
	"github.com/go-git/go-git/v5"
)

// wrap is a repository go-git opened (the tests' helpers do), as qlint
// reads it.
func wrap(r *git.Repository) *repository {
	top := ""
	if wt, err := r.Worktree(); err == nil {
		top = wt.Filesystem.Root()
	}
	return &repository{Storer: r.Storer, top: top}
}
