package main

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/internal/safefile"
	"github.com/qlint/qlint/lang"
	"github.com/qlint/qlint/rules"
)

// loadRulesFile reads and checks the rules at cfgPath. Inside the evidence
// folder root the file is opened through the folder, so that a qlint.toml
// linked to a file outside it (a token, /etc/passwd, /dev/zero) is never
// read, let alone quoted in an error; elsewhere (-c FILE the user named) it
// is read as named. Either way it must be a regular file of at most
// rules.MaxConfigSize bytes: a named pipe never makes qlint wait.
func loadRulesFile(root, cfgPath string) (*rules.Config, error) {
	var src []byte
	var err error
	if rel, ok := relInside(root, cfgPath); ok {
		var r *os.Root
		if r, err = os.OpenRoot(root); err == nil {
			src, err = safefile.ReadRoot(r, rel, rules.MaxConfigSize)
			r.Close()
		}
	} else {
		src, err = safefile.ReadPath(cfgPath, rules.MaxConfigSize)
	}
	if err != nil {
		return nil, err
	}
	return rules.Parse(cfgPath, src)
}

// unreadableRules says why the rules file cannot be read, never quoting it.
func unreadableRules(cfgPath string, err error) error {
	why := safefile.Reason(err)
	return &lang.Error{
		Msg: i18n.T("lecture de "+cfgPath+" impossible : "+why.FR, "cannot read "+cfgPath+": "+why.EN),
		Hint: i18n.T("qlint.toml doit être un fichier ordinaire du dossier de preuves (ou celui que donne -c FICHIER)",
			"qlint.toml must be a regular file of the evidence folder (or the one -c FILE names)"),
		Err: err,
	}
}

// relInside returns p relative to root, with /, when p lies inside root
// (compared as written, after making both absolute).
func relInside(root, p string) (string, bool) {
	a, err1 := filepath.Abs(root)
	b, err2 := filepath.Abs(p)
	if err1 != nil || err2 != nil {
		return "", false
	}
	rel, err := filepath.Rel(a, b)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}
