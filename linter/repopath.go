package linter

import (
	"path"
	"path/filepath"
	"strings"
)

// setRepoRoot records where the repository's root is (top, "" outside a
// repository: then the evidence root stands for it) and the evidence
// root's path from there, so that the CI formats name files from the
// repository root whatever the current folder and however DIR was given.
func (r *Report) setRepoRoot(top, prefix, root string) {
	if top == "" {
		top, prefix = root, ""
	}
	abs, err := filepath.Abs(top)
	if err != nil {
		return
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	r.repoTop, r.RepoPrefix = abs, prefix
	if r.ConfigPath != "" {
		r.ConfigFromRepo = r.FromRepo(r.ConfigPath)
	}
}

// FromRepo turns a path as given on the command line (relative to the
// current folder, or absolute) into a path from the repository root, with
// /. A file outside the repository keeps its own path.
func (r *Report) FromRepo(p string) string {
	slash := path.Clean(strings.ReplaceAll(p, `\`, "/"))
	if r.repoTop == "" || p == "" {
		return slash
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return slash
	}
	// The folder may be reached through a link: compare real paths.
	if real, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		abs = filepath.Join(real, filepath.Base(abs))
	}
	rel, err := filepath.Rel(r.repoTop, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return slash
	}
	return filepath.ToSlash(rel)
}
