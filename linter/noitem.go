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

// itemExample shows how to name an item folder in parent: a session folder
// is named by its date; nothing for other items (a trainer, a
// certification), whose names are hers.
func itemExample(parent i18n.Text) i18n.Text {
	if !strings.Contains(fold(parent.FR), "session") {
		return i18n.Text{}
	}
	return i18n.T(", par exemple "+parent.FR+"/2026-03-12 client formation", ", for example "+parent.EN+"/2026-03-12 client course")
}
