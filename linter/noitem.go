package linter

import (
	"strings"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/rules"
)

// itemParent is the folder an each rule's items are made in, as she reads
// it: "sessions" for sessions/*, "sessions/<année>" for sessions/*/*; the
// whole folder when the pattern has no fixed start.
func itemParent(r *rules.Rule, t *Tree) i18n.Text {
	p := rules.ReadablePattern(r.Each)
	i := strings.LastIndex(p, "/")
	if i <= 0 {
		return i18n.T("le dossier de preuves", "the evidence folder")
	}
	p = strings.ReplaceAll(p[:i], "**/", "")
	if r.Match != rules.MatchLiteral {
		p = t.onDisk(p) // her spelling, the same to the rule
	}
	return i18n.T(p, p)
}

// onDisk returns the folder dir (with /) as the tree has it when she named
// it her way (04 Moyens/Locaux for 04-moyens/locaux: the same to the
// rules), dir itself otherwise: a message then names the folder she sees,
// and following it makes no twin beside hers.
func (t *Tree) onDisk(dir string) string {
	if t == nil || dir == "" {
		return dir
	}
	// The longest leading part she has: 05_Compétences/intervenants
	// when only 05_Compétences is there.
	for end := len(dir); end > 0; end = strings.LastIndexByte(dir[:end], '/') {
		want := fold(dir[:end])
		for i, k := range t.dirKeys {
			if k == want {
				return t.Dirs[i] + dir[end:]
			}
		}
	}
	return dir
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
