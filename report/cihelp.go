package report

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"strings"

	"github.com/qlint/qlint/linter"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/rules"
)

// ruleHelp says, for a CI tool's rule page, what a rule checks (the
// indicators it proves, in the grid's words) and what to do when it fails.
func ruleHelp(r *linter.Report, f linter.Finding) i18n.Text {
	def := r.RuleDef(f.Rule)
	if def == nil {
		return kindHelp(f.Kind)
	}
	titles := map[int]string{}
	for _, ind := range r.Indicators {
		titles[ind.ID] = ind.Title
	}
	var fr, en []string
	for _, n := range def.Indicators {
		fr = append(fr, fmt.Sprintf("indicateur %d : %s", n, titles[n]))
		en = append(en, fmt.Sprintf("indicator %d: %s", n, titles[n]))
	}
	where := linter.RulePatterns(def)
	whereFR, whereEN := where, where
	if def.Each != "" {
		whereFR = fmt.Sprintf("%s dans chaque dossier %s", where, def.Each)
		whereEN = fmt.Sprintf("%s in every folder %s", where, def.Each)
	}
	fresh := i18n.T("", "")
	if !def.MaxAge.IsZero() {
		w := def.MaxAge.Words()
		fresh = i18n.T(fmt.Sprintf(", mis à jour depuis moins de %s", w.FR), fmt.Sprintf(", updated within %s", w.EN))
	}
	return i18n.T(
		fmt.Sprintf("« %s » (%s). Preuve attendue : au moins %s %s%s. À faire : déposez ou mettez à jour le document à cet emplacement et enregistrez-le (commit) ; la règle %q se règle dans qlint.toml.",
			linter.RuleLabel(def), strings.Join(fr, " ; "), i18n.N(def.Min, "fichier", "fichiers", "", "").FR, whereFR, fresh.FR, def.ID),
		fmt.Sprintf("%q (%s). Expected proof: at least %s %s%s. What to do: add or update the document there and commit it; rule %q is set in qlint.toml.",
			linter.RuleLabel(def), strings.Join(en, "; "), i18n.N(def.Min, "", "", "file", "files").EN, whereEN, fresh.EN, def.ID))
}

// kindHelp explains a finding that no rule of qlint.toml makes.
func kindHelp(kind string) i18n.Text {
	switch kind {
	case linter.KindUncovered:
		return i18n.T("Un indicateur qui s'applique à l'organisme n'a aucune règle : ajoutez dans qlint.toml une règle [[rule]] qui le cite et dit où sont ses preuves.",
			"An indicator that applies to the organization has no rule: add a [[rule]] in qlint.toml that names it and says where its proofs are.")
	case linter.KindUnmapped:
		return i18n.T("Un fichier qu'aucune règle n'utilise : rattachez-le à une règle (paths), ou ignorez-le ([ignore] paths) s'il n'est pas une preuve.",
			"A file that no rule uses: attach it to a rule (paths), or ignore it ([ignore] paths) if it is not a proof.")
	case linter.KindUnreadable:
		return i18n.T("Un fichier ou un dossier que qlint n'a pas pu lire ou ne suit pas (lien hors du dossier, boucle) : ses preuves ne sont pas comptées. Corrigez les droits ou le lien.",
			"A file or folder qlint could not read or does not follow (a link out of the folder, a loop): its proofs are not counted. Fix the rights or the link.")
	case linter.KindFutureDate:
		return i18n.T("Un commit daté après le jour jugé (horloge de la machine fausse) : la date est ramenée à ce jour. Vérifiez l'heure de la machine qui a fait le commit.",
			"A commit dated after the day judged (a wrong clock): the date is taken as that day. Check the clock of the machine that made the commit.")
	case linter.KindAudit:
		return i18n.T("Le calendrier d'audit : la fenêtre d'audit est ouverte ou proche sans date fixée, ou un référentiel est forcé hors de sa période. Fixez la date ([audit] next dans qlint.toml).",
			"The audit calendar: the audit window is open or near with no date booked, or a grid is forced out of its period. Book the date ([audit] next in qlint.toml).")
	}
	return i18n.T("Constat de qlint sur le dossier de preuves Qualiopi : voir le message.", "A qlint finding on the Qualiopi evidence folder: see the message.")
}

// fingerprints gives each finding an id that stays the same from run to
// run and differs from every other finding's: the rule and the item (the
// each folder, or the path), as --new-from-rev compares them. Two findings
// that would share one (the same file dated two ways) are numbered.
func fingerprints(fs []linter.Finding) []string {
	out := make([]string, len(fs))
	seen := map[string]int{}
	for i, f := range fs {
		sum := sha256.Sum256([]byte(f.Key()))
		id := hex.EncodeToString(sum[:16])
		seen[id]++
		if n := seen[id]; n > 1 {
			id = fmt.Sprintf("%s:%d", id, n)
		}
		out[i] = id
	}
	return out
}

// uriPath percent-encodes a path from the repository root as RFC 3986
// wants it in a URI: each segment escaped, the slashes kept.
func uriPath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// gitlabSeverity maps a severity to GitLab Code Quality's scale.
var gitlabSeverity = map[string]string{
	string(rules.SevError): "major", string(rules.SevWarning): "minor", string(rules.SevInfo): "info",
}
