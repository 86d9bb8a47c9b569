package rules

import (
	"fmt"
	"strings"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/internal/lazyre"
)

// How a rule compares its patterns with the paths.
const (
	// MatchFolded folds case, accents (in either Unicode form) and the
	// separators space, "-" and "_" in both the pattern and the path.
	MatchFolded = "folded"
	// MatchLiteral compares them as they are written on disk.
	MatchLiteral = "literal"
)

// sessionKey is what a session.toml key looks like.
var sessionKey = lazyre.New(`^[A-Za-z0-9_-]+$`)

// matchKeys reads the keys match and when of a rule.
func (d *decoder) matchKeys(base string, t map[string]any, r *Rule) {
	if x, ok := t["match"]; ok {
		if s, ok := d.str(base+".match", x); ok {
			switch s {
			case MatchFolded, MatchLiteral:
				r.Match = s
			default:
				d.fail(base+".match", i18n.T(fmt.Sprintf("comparaison inconnue « %s »", s), fmt.Sprintf("unknown comparison %q", s)),
					i18n.T(`écrivez "folded" (majuscules, accents et séparateurs indifférents, par défaut) ou "literal" (noms tels quels)`,
						`write "folded" (case, accents and separators ignored, the default) or "literal" (names as they are)`))
			}
		}
	}
	if x, ok := t["when"]; ok {
		if s, ok := d.str(base+".when", x); ok {
			if !sessionKey.MatchString(s) {
				d.fail(base+".when", i18n.T(fmt.Sprintf("clé de session.toml invalide « %s »", s), fmt.Sprintf("invalid session.toml key %q", s)),
					i18n.T(`le nom d'une clé de session.toml, par exemple "certification"`, `the name of a session.toml key, for example "certification"`))
			}
			r.When = s
			if _, hasEach := t["each"]; !hasEach {
				d.fail(base+".when", i18n.T("when n'a de sens qu'avec each : la clé se lit dans le session.toml de chaque dossier",
					"when only makes sense with each: the key is read in each directory's session.toml"),
					i18n.T(`ajoutez each = "sessions/*" (par exemple), ou retirez when`, `add each = "sessions/*" (for example), or remove when`))
			}
		}
	}
}

// ReadablePattern writes a pattern for people: the word boundaries of the
// built-in pack, "{,*[!a-z]}word{,[!a-z]*}", read "*word*", and "**/" (at
// any depth of the folder) and "{,/**}" (or a folder of that name) are left
// out. Other patterns are shown as written.
func ReadablePattern(p string) string {
	if !strings.Contains(p, "{,*[!a-z]}") {
		return p // a pattern of the user's own, as written
	}
	p = wordBounds.Replace(p)
	return strings.TrimPrefix(strings.TrimPrefix(p, "**/"), "**/")
}

var wordBounds = strings.NewReplacer("{,*[!a-z]}", "*", "{,[!a-z]*}", "*", "{,/**}", "", "{,s}", "")
