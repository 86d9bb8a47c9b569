package linter

import (
	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/lang"
)

// newFiler is what a Dater that knows the history also tells: whether a
// file was never committed at all, so that a brand new proof is not said
// « modifié » (changed) when its date source is SourceUncommitted. The JSON
// report keeps the contract's value, uncommitted, for both.
type newFiler interface {
	IsNew(path string) bool
}

// IsNew reports whether the file at path is not in the history at all: not
// committed, nor moved from a committed file.
func (h *History) IsNew(path string) bool {
	if h.git == nil {
		return false
	}
	s := h.git.State(path)
	return !s.Moved && !s.Tracked
}

// isNew reports whether the file at path, dated from src, was never
// committed.
func (j *judge) isNew(path string, src DateSource) bool {
	if src != SourceUncommitted {
		return false
	}
	nf, ok := j.Dates.(newFiler)
	return ok && nf.IsNew(path)
}

var newFileWords = i18n.T("nouveau, pas encore enregistré", "new, not committed yet")

// SourceWords says where the match's date comes from, in people's words: a
// file never committed is « nouveau, pas encore enregistré », one changed
// since its last commit « modifié, pas encore enregistré ».
func (m Match) SourceWords() lang.Text {
	if m.New && m.DateSource == SourceUncommitted {
		return newFileWords
	}
	return m.DateSource.Words()
}
