package report

import (
	"strings"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/linter"
)

// joinTexts joins texts with sep, in both languages.
func joinTexts(sep string, texts ...i18n.Text) i18n.Text {
	fr := make([]string, len(texts))
	en := make([]string, len(texts))
	for i, t := range texts {
		fr[i], en[i] = t.FR, t.EN
	}
	return i18n.T(strings.Join(fr, sep), strings.Join(en, sep))
}

// findingCounts says how many errors, warnings and infos, each noun in the
// number its count asks: "1 erreur, 2 avertissements, 0 info".
func findingCounts(errors, warnings, infos int) i18n.Text {
	return joinTexts(", ",
		i18n.N(errors, "erreur", "erreurs", "error", "errors"),
		i18n.N(warnings, "avertissement", "avertissements", "warning", "warnings"),
		i18n.N(infos, "info", "infos", "info", "infos"))
}

// indicatorCounts says how many indicators are in each status, the not
// applicable ones when na: "1 conforme, 2 manquants, …".
func indicatorCounts(ic linter.StatusCounts, na bool) i18n.Text {
	texts := []i18n.Text{i18n.N(ic.OK, "conforme", "conformes", "ok", "ok")}
	if ic.Waived > 0 {
		texts = append(texts, i18n.N(ic.Waived, "en dérogation", "en dérogation", "waived", "waived"))
	}
	texts = append(texts,
		i18n.N(ic.Missing, "manquant", "manquants", "missing", "missing"),
		i18n.N(ic.Stale, "périmé", "périmés", "stale", "stale"),
		i18n.N(ic.DueSoon, "à renouveler", "à renouveler", "due soon", "due soon"),
		i18n.N(ic.Uncovered, "non couvert", "non couverts", "uncovered", "uncovered"))
	if na {
		texts = append(texts, i18n.N(ic.NotApplicable, "non applicable", "non applicables", "not applicable", "not applicable"))
	}
	return joinTexts(", ", texts...)
}
