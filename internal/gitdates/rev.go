package gitdates

import (
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/storage"

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

// resolveRev finds the commit rev names: with git when it reads the
// history (reader), else with the built-in reader then, for what that does
// not read (a reflog, an upstream, a message search, an id only borrowed
// objects hold), with git when it is installed and not set aside by --git
// builtin (gitBin ""). A repository with no commit yet
// is compared with an empty folder, whatever rev says. What cannot be
// found is said with what may be wrong.
func resolveRev(repo *repository, reader, gitBin, dir, rev string, shallow bool) (*Rev, error) {
	if _, err := repo.head(); errors.Is(err, plumbing.ErrReferenceNotFound) && unbornName(repo, rev) {
		return &Rev{}, nil
	}
	if rev == "" || strings.HasPrefix(rev, "-") {
		return nil, unknownRev(rev, gitBin, shallow)
	}
	byGit := func() (*Rev, bool) {
		query := rev + "^{commit}"
		if strings.HasPrefix(rev, ":/") {
			query = rev // a message search names a commit, and reads a suffix as text
		}
		out, err := repoEnv(exec.Command(gitBin, "-C", dir, "rev-parse", "--verify", "--quiet", "--end-of-options", query)).Output()
		if err != nil {
			return nil, false
		}
		return &Rev{Hash: plumbing.NewHash(strings.TrimSpace(string(out)))}, true
	}
	if reader != "" { // history read by git: git names the revision, as ever
		if r, ok := byGit(); ok {
			return r, nil
		}
	} else if h, err := resolveBuiltin(repo.Storer, rev); err == nil {
		return &Rev{Hash: h}, nil
	} else if gitBin != "" {
		if r, ok := byGit(); ok {
			return r, nil
		}
	}
	if kind := notACommit(repo.Storer, rev); kind != "" {
		what := map[string][2]string{
			"tree": {"un état de dossier", "a folder's state"},
			"blob": {"le contenu d'un fichier", "a file's content"},
		}[kind]
		return nil, &lang.Error{
			Msg: i18n.T(fmt.Sprintf("--new-from-rev : « %s » désigne %s (objet git %s), pas un commit", rev, what[0], kind),
				fmt.Sprintf("--new-from-rev: %q names %s (git %s object), not a commit", rev, what[1], kind)),
			Hint: i18n.T("donnez une branche, une étiquette ou un commit (git log --oneline)",
				"give a branch, tag or commit (git log --oneline)"),
		}
	}
	return nil, unknownRev(rev, gitBin, shallow)
}

// unknownRev says that rev cannot be found, with the likeliest reason.
func unknownRev(rev, gitBin string, shallow bool) error {
	msg := i18n.T(fmt.Sprintf("--new-from-rev : la révision « %s » est introuvable dans le dépôt", rev),
		fmt.Sprintf("--new-from-rev: revision %q cannot be found in the repository", rev))
	hint := i18n.T("donnez une branche, une étiquette ou un commit qui existe (git log --oneline --all) ; en CI, récupérez tout l'historique (fetch-depth: 0 ou GIT_DEPTH: 0) pour que la branche de base soit là",
		"give a branch, tag or commit that exists (git log --oneline --all); in CI, fetch the whole history (fetch-depth: 0 or GIT_DEPTH: 0) so that the base branch is there")
	remote, branch, isRemote := strings.Cut(rev, "/")
	switch {
	case shallow:
		hint = i18n.T("ce clone est superficiel (shallow) : son historique s'arrête avant cette révision ; récupérez-le en entier (git fetch --unshallow ; en CI, fetch-depth: 0 ou GIT_DEPTH: 0)",
			"this is a shallow clone: its history stops before that revision; fetch all of it (git fetch --unshallow; in CI, fetch-depth: 0 or GIT_DEPTH: 0)")
	case gitBin == "" && strings.ContainsAny(rev, "@:") && rev != "@":
		hint = i18n.T("le lecteur intégré (--git builtin) ne lit pas les formes @{…} ni :/texte : donnez une branche, une étiquette ou un commit, ou retirez --git builtin pour que git la lise",
			"the built-in reader (--git builtin) reads neither @{…} nor :/text forms: give a branch, tag or commit, or drop --git builtin so that git reads it")
	case isRemote && remote == "origin" && branch != "" && !strings.ContainsAny(branch, "~^@:"):
		hint = i18n.T("la branche "+branch+" n'a pas été récupérée dans ce clone : git fetch origin "+branch+" (sur GitLab : git fetch origin \"$CI_MERGE_REQUEST_TARGET_BRANCH_NAME\" ; sur GitHub : fetch-depth: 0 sur actions/checkout)",
			"branch "+branch+" was not fetched into this clone: git fetch origin "+branch+" (on GitLab: git fetch origin \"$CI_MERGE_REQUEST_TARGET_BRANCH_NAME\"; on GitHub: fetch-depth: 0 on actions/checkout)")
	}
	return &lang.Error{Msg: msg, Hint: hint}
}

// notACommit is the kind of object rev names when it names one that is no
// commit and leads to none (a tree, a blob, a tag of one), else "".
func notACommit(s storage.Storer, rev string) string {
	base, rest := splitRev(rev)
	if rest != "" && rest != "^{}" && rest != "^{tree}" && rest != "^{object}" {
		return ""
	}
	h, err := resolveBase(s, base)
	if err != nil {
		return ""
	}
	if rest == "^{tree}" {
		return "tree"
	}
	_, t, err := peel(s, h)
	if err != nil || (t != plumbing.TreeObject && t != plumbing.BlobObject) {
		return ""
	}
	return t.String()
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
