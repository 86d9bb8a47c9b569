package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// hookRulesCheck refuses to install a hook that would fail every commit
// for want of a rules file: dir (or a parent, as qlint finds it) must hold
// a qlint.toml. When none is found, the error names the qlint.toml files
// below dir and the command that installs the hook for the first one.
func hookRulesCheck(dir string, strict bool) error {
	if _, err := os.Stat(filepath.Join(configRoot(dir), "qlint.toml")); err == nil {
		return nil
	}
	found := rulesBelow(dir, 20)
	install := "qlint hook install"
	if strict {
		install += " --strict"
	}
	where := placeWords(dir)
	if len(found) == 0 {
		return usageError("pas de fichier de règles qlint.toml dans "+where.FR+" : le crochet refuserait chaque commit",
			"no qlint.toml rules file in "+where.EN+": the hook would refuse every commit",
			"créez-le d'abord avec qlint init, ou donnez le dossier de preuves : "+install+" DOSSIER",
			"make it first with qlint init, or give the evidence folder: "+install+" FOLDER")
	}
	cmd := install + " " + cmdArg(found[0])
	list := strings.Join(found, ", ")
	return usageError("pas de fichier de règles qlint.toml dans "+where.FR+" : le crochet refuserait chaque commit ; qlint.toml trouvé dans : "+list,
		"no qlint.toml rules file in "+where.EN+": the hook would refuse every commit; qlint.toml found in: "+list,
		"donnez le dossier de preuves : "+cmd, "give the evidence folder: "+cmd)
}

// rulesBelow lists, with /, the folders below dir that hold a qlint.toml,
// at most limit of them, .git and hidden folders left out.
func rulesBelow(dir string, limit int) []string {
	var found []string
	stop := errors.New("enough")
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() && p != dir && strings.HasPrefix(d.Name(), ".") {
			return fs.SkipDir
		}
		if !d.IsDir() && d.Name() == "qlint.toml" && filepath.Dir(p) != filepath.Clean(dir) {
			rel, err := filepath.Rel(dir, filepath.Dir(p))
			if err == nil {
				found = append(found, filepath.ToSlash(rel))
			}
			if len(found) >= limit {
				return stop
			}
		}
		return nil
	})
	sort.Strings(found)
	return found
}
