package gitdates

import (
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/lang"
)

func errRevOutsideGit(rev string) error {
	return &lang.Error{
		Msg: i18n.T(fmt.Sprintf("--new-from-rev %s : le dossier de preuves n'est pas dans un dépôt git, il n'y a pas d'état antérieur à comparer", rev),
			fmt.Sprintf("--new-from-rev %s: the evidence folder is not in a git repository, there is no earlier state to compare with", rev)),
		Hint: i18n.T("retirez --new-from-rev, ou lancez qlint dans le dépôt git du dossier de preuves",
			"drop --new-from-rev, or run qlint in the evidence folder's git repository"),
	}
}

// resolveRev finds the commit rev names. A repository with no commit yet
// is compared with an empty folder, whatever rev says.
func resolveRev(repo *repository, gitBin, dir, rev string) (*Rev, error) {
	if _, err := repo.head(); errors.Is(err, plumbing.ErrReferenceNotFound) && unbornName(repo, rev) {
		return &Rev{}, nil
	}
	unknown := &lang.Error{
		Msg: i18n.T(fmt.Sprintf("--new-from-rev : la révision « %s » est introuvable dans le dépôt", rev),
			fmt.Sprintf("--new-from-rev: revision %q cannot be found in the repository", rev)),
		Hint: i18n.T("donnez une branche, une étiquette ou un commit qui existe (git log --oneline --all) ; en CI, récupérez tout l'historique (fetch-depth: 0 ou GIT_DEPTH: 0) pour que la branche de base soit là",
			"give a branch, tag or commit that exists (git log --oneline --all); in CI, fetch the whole history (fetch-depth: 0 or GIT_DEPTH: 0) so that the base branch is there"),
	}
	if rev == "" || strings.HasPrefix(rev, "-") {
		return nil, unknown
	}
	if gitBin != "" {
		out, err := repoEnv(exec.Command(gitBin, "-C", dir, "rev-parse", "--verify", "--quiet", rev+"^{commit}")).Output()
		if err != nil {
			return nil, unknown
		}
		return &Rev{Hash: plumbing.NewHash(strings.TrimSpace(string(out)))}, nil
	}
	h, err := resolveBuiltin(repo.Storer, rev)
	if err != nil {
		return nil, unknown
	}
	return &Rev{Hash: h}, nil
}

// unbornName reports whether rev names the unborn HEAD (HEAD, or the
// branch HEAD points to, which has no commit yet): only that is compared
// with an empty folder; any other revision of a repository whose HEAD is
// unborn (git checkout --orphan) is looked up as usual.
func unbornName(repo *repository, rev string) bool {
	if rev == "HEAD" || rev == "@" {
		return true
	}
	ref, err := repo.Storer.Reference(plumbing.HEAD)
	if err != nil || ref.Type() != plumbing.SymbolicReference {
		return false
	}
	t := ref.Target()
	return rev == t.String() || rev == t.Short() || rev == "heads/"+t.Short()
}

func readBlob(repo *repository, h plumbing.Hash) ([]byte, error) {
	obj, err := repo.Storer.EncodedObject(plumbing.BlobObject, h)
	if err != nil {
		return nil, err
	}
	r, err := obj.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(io.LimitReader(r, 1<<20))
}
