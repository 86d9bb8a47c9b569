package gitdates

import (
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/index"
)

// The helpers the linter still calls while its history reader moves here.

func OpenRepo(root string) (*git.Repository, error) { return openRepo(root) }

func RefuseGrafts(repo *git.Repository, allow bool) error { return refuseGrafts(repo, allow) }

func CheckOwner(gitBin, dir string) error { return checkOwner(gitBin, dir) }

func PreferBuiltin(repo *git.Repository) bool { return preferBuiltin(repo) }

func IndexEntries(repo *git.Repository) ([]*index.Entry, error) { return indexEntries(repo) }

func LoadCache(gitDir, key string) *Result { return loadCache(gitDir, key) }

func SaveCache(gitDir, key string, res *Result) error { return saveCache(gitDir, key, res) }

func ByBlob(files map[string]File) map[plumbing.Hash]File { return byBlob(files) }

func ContentIDs(gitBin, worktree, gitDir string, paths []string, known func(plumbing.Hash) bool) map[string][]plumbing.Hash {
	return contentIDs(gitBin, worktree, gitDir, paths, known)
}

var EmptyBlob = emptyBlob

func LinkHolds(full string, blob plumbing.Hash) (isLink, same bool) { return linkHolds(full, blob) }

type LinkResolver = linkResolver

func NewLinkResolver(root string) *LinkResolver { return newLinkResolver(root) }

func (r *linkResolver) Real(p string) (string, bool) { return r.real(p) }
