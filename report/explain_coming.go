package report

import (
	"fmt"
	"io"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/lang"
	"github.com/qlint/qlint/rules"
)

// WriteComingIndicator opens qlint explain N when N is not in grid judged,
// the grid of day asOf, but comes with the later grid g: N is new, asked
// at the audits from g's first day; what follows is explained on g, and
// the folder judged on g when there is one (folder).
func WriteComingIndicator(w io.Writer, g, judged *rules.Referential, n int, asOf rules.Day, folder bool, l lang.Lang, width int) error {
	lw := newLineWrapper(w, width)
	lw.french(l, nil)
	defer lw.Flush()
	p := &textPrinter{w: lw, l: l, opts: TextOptions{Width: width}}
	words := g.Words()
	var next i18n.Text
	if folder {
		next = i18n.T(", et le dossier jugé sur "+g.Version, ", and the folder judged on "+g.Version)
	}
	text := i18n.T(
		fmt.Sprintf("Nouvel indicateur à partir du %s : l'indicateur %d n'existe pas dans le référentiel %s, celui des audits au %s ; le référentiel %s l'ajoute. Voici ce qu'il demandera%s.",
			g.InForce.French(), n, judged.Version, asOf.French(), words.FR, next.FR),
		fmt.Sprintf("New indicator from %s on: indicator %d is not in the %s referential, the one audits on %s are judged on; referential %s adds it. Here is what it will ask%s.",
			g.InForce, n, judged.Version, asOf, words.EN, next.EN))
	p.printf("%s\n", text.In(l))
	return p.err
}
