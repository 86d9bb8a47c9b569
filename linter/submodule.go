package linter

import (
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/qlint/qlint/rules"
)

// submoduleDates dates the files of the submodules inside the evidence
// folder from each submodule's own history: the outer repository records
// a submodule as one commit id, not its files, so without this they would
// be dated by their modification time, every proof in them looking fresh.
type submoduleDates struct {
	outer Dater
	subs  []submodule // longest prefix first
}

type submodule struct {
	prefix string // folder inside the root, with /, ending in /
	dates  Dater
}

// Date asks the submodule that holds f, else the outer history.
func (s *submoduleDates) Date(f File) (rules.Day, DateSource) {
	for _, sub := range s.subs {
		if strings.HasPrefix(f.Path, sub.prefix) {
			g := f
			g.Path = strings.TrimPrefix(f.Path, sub.prefix)
			return sub.dates.Date(g)
		}
	}
	return s.outer.Date(f)
}

// withSubmodules finds the submodules checked out inside root (folders of
// the tree with a .git of their own) and reads their histories with the
// same options; it returns outer when there are none. walkedNow says the
// tree was just walked from the disk, so its withGit list is current.
func withSubmodules(root string, tree *Tree, outer *History, opts HistoryOptions, walkedNow bool) (Dater, error) {
	if outer.Kind != "git" {
		return outer, nil
	}
	// The walk saw which folders hold a .git (one system call less per
	// folder, 5% of a warm run on prometheus); other trees are asked.
	candidates := tree.Dirs
	if walkedNow && tree.withGitKnown {
		candidates = tree.withGit
	}
	var dirs []string
	for _, d := range candidates {
		if _, err := os.Lstat(filepath.Join(root, filepath.FromSlash(d), ".git")); err == nil {
			dirs = append(dirs, d)
		}
	}
	if len(dirs) == 0 {
		return outer, nil
	}
	// A submodule's history is its own: no in-memory cache shared with
	// the outer repository, no ignore list written for the outer one,
	// and --new-from-rev names a revision of the outer one.
	opts.Cache, opts.IgnoreRevsFile, opts.Rev, opts.saveLater = nil, "", "", false
	out := &submoduleDates{outer: outer}
	sort.Slice(dirs, func(i, j int) bool { return len(dirs[i]) > len(dirs[j]) })
	for _, d := range dirs {
		prefix := d + "/"
		sub := &Tree{}
		for _, f := range tree.Files {
			if strings.HasPrefix(f.Path, prefix) {
				g := f
				g.Path = strings.TrimPrefix(f.Path, prefix)
				sub.Files = append(sub.Files, g)
			}
		}
		for _, sd := range tree.Dirs {
			if strings.HasPrefix(sd, prefix) {
				sub.Dirs = append(sub.Dirs, strings.TrimPrefix(sd, prefix))
			}
		}
		subRoot := filepath.Join(root, filepath.FromSlash(d))
		h, err := readHistory(subRoot, func() (*Tree, error) { return sub, nil }, opts)
		if err != nil {
			return nil, err
		}
		// Nested submodules: the innermost answers first (longest prefix),
		// but each submodule also looks into its own.
		dates, err := withSubmodules(subRoot, sub, h, opts, false)
		if err != nil {
			return nil, err
		}
		out.subs = append(out.subs, submodule{prefix: prefix, dates: dates})
	}
	return out, nil
}
