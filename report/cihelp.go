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
		fmt.Sprintf("« %s » (%s). Preuve attendue : au moins %s %s%s. À faire : déposez ou mettez à jour le document à cet emplacement et enregistrez-le (commit) ; la règle « %s » se règle dans qlint.toml.",
			linter.RuleLabel(def), strings.Join(fr, " ; "), i18n.N(def.Min, "fichier", "fichiers", "", "").FR, whereFR, fresh.FR, def.ID),
		fmt.Sprintf("%q (%s). Expected proof: at least %s %s%s. What to do: add or update the document there and commit it; rule %q is set in qlint.toml.",
			linter.RuleLabelIn(def, i18n.EN), strings.Join(en, "; "), i18n.N(def.Min, "", "", "file", "files").EN, whereEN, fresh.EN, def.ID))
}

// kindHelp explains a finding that no rule of qlint.toml makes: its
// kind's help, else a word on qlint's findings.
func kindHelp(kind linter.Kind) i18n.Text {
	if h := kind.Info().Help; !h.IsZero() {
		return h
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
var gitlabSeverity = map[rules.Severity]string{
	rules.SevError: "major", rules.SevWarning: "minor", rules.SevInfo: "info",
}
