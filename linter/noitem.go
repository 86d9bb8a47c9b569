package linter

import (
	"strings"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/rules"
)

// itemParent is the folder an each rule's items are made in, as she reads
// it: "sessions" for sessions/*, "sessions/<année>" for sessions/*/*; the
// whole folder when the pattern has no fixed start.
func itemParent(r *rules.Rule) i18n.Text {
	p := rules.ReadablePattern(r.Each)
	i := strings.LastIndex(p, "/")
	if i <= 0 {
		return i18n.T("le dossier de preuves", "the evidence folder")
	}
	p = strings.ReplaceAll(p[:i], "**/", "")
	return i18n.T(p, p)
}
