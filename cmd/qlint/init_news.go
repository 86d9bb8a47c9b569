package main

import (
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/internal/safefile"
	"github.com/qlint/qlint/internal/scaffold"
	"github.com/qlint/qlint/report"
	"github.com/qlint/qlint/rules"
)

// writeGridNews follows qlint init completing a folder made for an earlier
// grid: the new folders have their README, but the proofs the grid now
// asks in folders that were already there (their README kept as written)
// would go unsaid. It lists them, points to qlint explain --changes, and
// says when approche/README.md stops short of the grid's last indicator.
// Nothing is written.
func writeGridNews(w io.Writer, dir string, done *completed) error {
	ref, l := done.ref, done.lang
	if ref.Base == "" {
		return nil
	}
	t := func(fr, en string) string { return i18n.T(fr, en).In(l) }
	created := strings.Join(done.Created, "\n")
	changed := report.ChangedRules(ref)
	var lines []string
	for _, r := range ref.Pack() {
		if !changed[r.ID] || !appliesTo(ref, r, done.org) {
			continue
		}
		folder := literalFolder(r.Each)
		if r.Each == "" && len(r.Paths) > 0 {
			folder = literalFolder(r.Paths[0])
		}
		title := r.Title
		if title == "" {
			title = r.ID
		}
		if folder != "" {
			// Her folder, when she named it her way (init wrote there).
			folder = scaffold.Resolve(dir, folder)
		}
		if folder == "" || strings.Contains("\n"+created, "\n"+folder) || readmeTells(dir, folder, title, r.Indicators) {
			continue // a folder made for this grid: its README says what goes in it
		}
		lines = append(lines, fmt.Sprintf("  - %s : %s (%s)", folder, title, r.ID))
	}
	sort.Strings(lines)
	last := fmt.Sprintf("indicateur-%02d.md", len(ref.Indicators))
	shortNotes := false
	if b, err := safefile.ReadPath(filepath.Join(dir, "approche", "README.md"), safefile.SmallLimit); err == nil && !strings.Contains(string(b), last) {
		shortNotes = true
	}
	if len(lines) == 0 && !shortNotes {
		return nil
	}
	var b strings.Builder
	if len(lines) > 0 {
		fmt.Fprintf(&b, t("Le référentiel %s demande aussi, dans des dossiers qui existaient (leurs README sont restés tels quels) :\n",
			"The %s referential also asks, in folders that were already there (their READMEs are left as they were):\n"), ref.Version)
		for _, line := range lines {
			if l == i18n.EN {
				line = strings.Replace(line, " : ", ": ", 1)
			}
			b.WriteString(line + "\n")
		}
	}
	if shortNotes {
		fmt.Fprintf(&b, t("approche/README.md, resté tel quel, ne va pas jusqu'à l'indicateur %d : la note de celui-ci s'écrit dans approche/%s.\n",
			"approche/README.md, left as it was, does not go up to indicator %d: its note goes in approche/%s.\n"), len(ref.Indicators), last)
	}
	fmt.Fprintf(&b, t("Ce que %s change, et ce qui manque au dossier : qlint explain --changes %s\n",
		"What %s changes, and what the folder lacks: qlint explain --changes %s\n"), ref.Version, dir)
	_, err := io.WriteString(w, b.String())
	return err
}

// appliesTo reports whether one of rule r's indicators applies to org.
func appliesTo(ref *rules.Referential, r *rules.Rule, org rules.Organization) bool {
	for _, n := range r.Indicators {
		if ind, ok := ref.Indicator(n); ok && ref.Applies(ind, org).Applies {
			return true
		}
	}
	return false
}

// literalFolder is the folder a pattern starts with, up to its first
// wildcard: "07-amelioration/" for "07-amelioration/**/*risque*".
func literalFolder(p string) string {
	if i := strings.IndexAny(p, "*?[{"); i >= 0 {
		p = p[:i]
	} else {
		p += "/"
	}
	if j := strings.LastIndexByte(p, '/'); j >= 0 {
		return p[:j+1]
	}
	return ""
}

// readmeTells reports whether the README of folder already names the rule
// with its indicators, as qlint init writes it for the grid (in French or
// English): then the folder was made for this grid.
func readmeTells(dir, folder, title string, indicators []int) bool {
	for _, name := range []string{"README.md", "LISEZMOI.md"} { // LISEZMOI.md beside her own README
		// Never waits on a named pipe.
		if b, err := safefile.ReadPath(filepath.Join(dir, filepath.FromSlash(folder), name), safefile.SmallLimit); err == nil && tells(string(b), title, indicators) {
			return true
		}
	}
	return false
}

// tells reports whether a README's text names the rule with its indicators.
func tells(text, title string, indicators []int) bool {
	inds := make([]string, len(indicators))
	for i, n := range indicators {
		inds[i] = fmt.Sprint(n)
	}
	fr, en := "indicateur", "indicator"
	if len(inds) > 1 {
		fr, en = "indicateurs", "indicators"
	}
	list := strings.Join(inds, ", ")
	return strings.Contains(text, "**"+title+"** ("+fr+" "+list+")") || strings.Contains(text, "**"+title+"** ("+en+" "+list+")")
}
