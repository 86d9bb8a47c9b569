package linter

import "github.com/qlint/qlint/internal/i18n"

var sourceWords = map[string]i18n.Text{
	SourceGit:         i18n.T("enregistré", "committed"),
	SourceUncommitted: i18n.T("modifié, pas encore enregistré", "changed, not committed yet"),
	SourceMtime:       i18n.T("date du fichier", "file date"),
	SourceFilename:    i18n.T("date du nom", "date in the name"),
	SourceMoved:       i18n.T("déplacé, pas encore enregistré", "moved, not committed yet"),
}

// SourceWords says where a proof's date comes from, in people's words:
// « enregistré » (a commit), « modifié, pas encore enregistré », « date du
// fichier » (outside git), « date du nom », « déplacé, pas encore
// enregistré » (a move not yet committed: the date before the move).
func SourceWords(src string) i18n.Text {
	if w, ok := sourceWords[src]; ok {
		return w
	}
	return i18n.T(src, src)
}
