package gitdates

import (
	"os"
	"path/filepath"

	"github.com/go-git/go-git/v5/storage/filesystem"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/lang"
)

// refuseGrafts refuses a repository with grafts (.git/info/grafts), unless
// allowed as a shallow clone is: a graft cuts or rewires history, so that
// dates would look more recent than they are, and the two readers would
// not see the same history (the built-in one ignores grafts).
func refuseGrafts(repo *repository, allow bool) error {
	if allow {
		return nil
	}
	st, ok := repo.Storer.(*filesystem.Storage)
	if !ok {
		return nil
	}
	dirs := []string{st.Filesystem().Root()}
	if c := commonDir(dirs[0]); c != dirs[0] {
		dirs = append(dirs, c)
	}
	if f := os.Getenv("GIT_GRAFT_FILE"); f != "" {
		dirs = nil
		if info, err := os.Stat(f); err == nil && info.Size() > 0 {
			return graftsError()
		}
	}
	for _, d := range dirs {
		if info, err := os.Stat(filepath.Join(d, "info", "grafts")); err == nil && info.Size() > 0 {
			return graftsError()
		}
	}
	return nil
}

func graftsError() error {
	return &lang.Error{
		Msg: i18n.T("ce dépôt a des greffes (.git/info/grafts) : l'historique est coupé ou recousu, toutes les dates paraîtraient récentes",
			"this repository has grafts (.git/info/grafts): its history is cut or rewired, every date would look recent"),
		Hint: i18n.T("récupérez l'historique complet et retirez .git/info/grafts (git replace --convert-graft-file), ou passez --allow-shallow",
			"fetch the full history and remove .git/info/grafts (git replace --convert-graft-file), or pass --allow-shallow"),
	}
}
