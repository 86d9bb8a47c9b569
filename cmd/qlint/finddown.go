package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/qlint/qlint/internal/i18n"
)

// How far configsBelow looks: an evidence folder sits a few levels below
// the repository's root (Qualité/Dossier Qualiopi/); a huge tree is not
// walked to the end.
const (
	belowDepth = 4
	belowDirs  = 5000
)

// configsBelow lists the folders below dir (relative to it, with /) that
// hold a qlint.toml, at most belowDepth levels down, sorted. It skips
// hidden folders (.git), dependency folders and symbolic links, does not
// look inside a folder that has its qlint.toml, and gives up quietly after
// belowDirs folders.
func configsBelow(dir string) []string {
	var found []string
	seen := 0
	level := []string{""}
	for depth := 1; depth <= belowDepth && len(level) > 0; depth++ {
		var next []string
		for _, rel := range level {
			entries, err := os.ReadDir(filepath.Join(dir, filepath.FromSlash(rel)))
			if err != nil {
				continue
			}
			for _, e := range entries {
				name := e.Name()
				if !e.IsDir() || strings.HasPrefix(name, ".") || name == "node_modules" || name == "vendor" {
					continue
				}
				if seen++; seen > belowDirs {
					sort.Strings(found)
					return found
				}
				sub := name
				if rel != "" {
					sub = rel + "/" + name
				}
				if isFile(filepath.Join(dir, filepath.FromSlash(sub), "qlint.toml")) {
					found = append(found, sub)
					continue
				}
				next = append(next, sub)
			}
		}
		level = next
	}
	sort.Strings(found)
	return found
}

// cmdArg writes a folder for a command line the user copies: as it is when
// plain, else in double quotes (the same in a Unix shell, PowerShell and
// cmd.exe), else in the shell's single quotes.
func cmdArg(s string) string {
	if shellArg(s) == s {
		return s
	}
	if !strings.ContainsAny(s, "\"$`\\!%") {
		return `"` + s + `"`
	}
	return shellArg(s)
}

// belowList names the evidence folders found below dir, as the user would
// type them from where qlint runs.
func belowList(dir string, below []string) (names []string, first string) {
	for _, b := range below {
		names = append(names, shownPath(filepath.Join(dir, filepath.FromSlash(b))))
	}
	return names, cmdArg(names[0])
}

// noRulesBelow is the missing rules file's error when evidence folders sit
// below dir: it names them and says how to check the first one.
func noRulesBelow(cfgPath, dir string, below []string) error {
	names, first := belowList(dir, below)
	list := strings.Join(names, ", ")
	what := i18n.T("un dossier de preuves", "an evidence folder")
	if len(names) > 1 {
		what = i18n.T("des dossiers de preuves", "evidence folders")
	}
	return usageError(
		fmt.Sprintf("pas de fichier de règles %s ici, mais %s plus bas (avec son qlint.toml) : %s", cfgPath, what.FR, list),
		fmt.Sprintf("no rules file %s here, but %s below (with its qlint.toml): %s", cfgPath, what.EN, list),
		"vérifiez-le par  qlint "+first+"  ou lancez qlint depuis ce dossier",
		"check it with  qlint "+first+"  or run qlint from that folder")
}

// initAboveEvidence refuses qlint init in a folder that holds an evidence
// folder below it: the skeleton would be a second one around it.
func initAboveEvidence(dir string, below []string) error {
	names, first := belowList(dir, below)
	list := strings.Join(names, ", ")
	here := i18n.T(shownPath(dir), shownPath(dir))
	if filepath.Clean(dir) == "." {
		here = i18n.T("Ce dossier", "This folder")
	}
	return usageError(
		fmt.Sprintf("%s contient déjà le dossier de preuves %s (il a son qlint.toml) : qlint init y créerait une seconde arborescence", here.FR, list),
		fmt.Sprintf("%s already holds the evidence folder %s (it has its qlint.toml): qlint init would make a second skeleton around it", here.EN, list),
		"vérifiez-le par  qlint "+first+"  ou passez --force pour créer quand même un dossier de preuves ici",
		"check it with  qlint "+first+"  or pass --force to make an evidence folder here anyway")
}
