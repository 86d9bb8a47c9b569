package report

import (
	"embed"
	"fmt"
	"html/template"
	"io"
	"net/url"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/qlint/qlint/linter"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/rules"
)

func init() {
	Register(Format{Name: "html", Rank: 70,
		Note: i18n.T("le classeur d'audit à imprimer", "the audit binder to print"),
		New: func(o Options) Printer {
			return inLang(o.Lang, func(w io.Writer, r *linter.Report) error { return WriteHTML(w, r, HTMLOptions{LinkBase: o.LinkBase}) })
		}})
}

//go:embed html/report.html.tmpl
var htmlFiles embed.FS

// htmlTemplate is parsed on first use, not when the package initializes:
// half a millisecond of every process's start, for one format of several.
var htmlTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.ParseFS(htmlFiles, "html/report.html.tmpl"))
})

// HTMLOptions tune the HTML binder.
type HTMLOptions struct {
	// LinkBase is the evidence root as seen from the report's folder, with
	// /, so that each proof's link opens the file ("" when they are side
	// by side).
	LinkBase string
	// MaxProofs is how many files are listed per indicator (0: 25).
	MaxProofs int
	// Head and Top are markup the caller adds at the end of <head> and at
	// the top of <body>: qlint watch --serve's live page puts its script,
	// its style and its strip of changes there. The caller escapes them.
	Head, Top template.HTML
}

type htmlNote struct {
	Heading, Text string
	Items         []string
}

type htmlProof struct {
	Title, Path, Href, Date, Source, State string
}

type htmlFinding struct {
	Severity       rules.Severity
	Label, Message string
}

type htmlIndicator struct {
	ID                                int
	Status                            linter.Status
	Title, About, StatusWord          string
	Applies, NC, NotePath, MoreProofs string
	Relevant                          bool
	Note                              []htmlNote
	Proofs                            []htmlProof
	Findings, Waivers                 []htmlFinding
}

type htmlCriterion struct {
	ID         int
	L, Title   string
	Indicators []htmlIndicator
}

// WriteHTML prints the report as one self-contained page, the audit
// binder: a summary, then criterion by criterion each indicator with the
// organization's approach note, its proofs with their dates and links,
// what to fix and the waivers. Everything user-supplied is escaped.
func WriteHTML(w io.Writer, r *linter.Report, opts HTMLOptions) error {
	l := r.Lang
	t := func(fr, en string) string { return i18n.T(fr, en).In(l) }
	if opts.MaxProofs == 0 {
		opts.MaxProofs = 25
	}
	ref := r.Ref()
	history := t("Dates tirées de l'historique git", "Dates from git history")
	if r.History.Kind != "git" {
		history = t("Hors dépôt git : dates de modification des fichiers", "Outside a git repository: file modification dates")
	} else if r.History.Head != "" {
		history += " (HEAD " + short(r.History.Head) + ")"
	}
	audit := ""
	if r.Cycle != nil {
		audit = auditLine(*r.Cycle, r.Day(), r.Today(), r.Ref()).In(l)
	}
	ic := r.Summary.Indicators
	data := map[string]any{
		"Head": opts.Head, "Top": opts.Top,
		"Lang": string(l), "Org": orgName(r), "AsOf": asOfText(r), "Referential": r.Referential, "History": history, "Audit": audit,
		"Summary":  map[string]int{"OK": ic.OK, "Waived": ic.Waived, "ToFix": ic.Missing + ic.Stale + ic.DueSoon + ic.Uncovered, "NA": ic.NotApplicable},
		"Findings": t("Constats : ", "Findings: ") + findingCounts(r.Summary.Errors, r.Summary.Warnings, r.Summary.Infos).In(l) + ".",
		"L": map[string]string{
			"title": t("Classeur de preuves Qualiopi", "Qualiopi evidence binder"), "asof": t("état au", "as of"),
			"referential": t("référentiel", "referential"), "summary": t("Synthèse", "Summary"),
			"indicators": t("Indicateurs", "Indicators"), "count": t("Nombre", "Count"),
			"ready": t("Conformes", "Ready"), "waived": t("En dérogation", "Waived"), "tofix": t("À traiter", "To fix"), "na": t("Non applicables", "Not applicable"),
			"contents": t("Sommaire", "Contents"), "indicator": t("Indicateur", "Indicator"),
			"approach": t("Notre démarche", "Our approach"),
			"nonote":   t("Aucune note de démarche pour cet indicateur : rédigez-la dans", "No approach note for this indicator yet: write it in"),
			"proofs":   t("Preuves", "Proofs"), "proof": t("Preuve", "Proof"), "file": t("Fichier", "File"),
			"updated": t("Mise à jour", "Updated"), "state": t("État", "State"), "todo": t("À faire", "What to do"),
			"waivers": t("Dérogations", "Waivers"), "general": t("Autres constats", "Other findings"),
			"footer": t("Produit par qlint à partir du dossier de preuves ; les liens ouvrent les fichiers du dossier.",
				"Made by qlint from the evidence folder; the links open the folder's files."),
		},
	}
	byIndicator := map[int][]linter.Finding{}
	var general []htmlFinding
	for _, f := range r.Findings {
		if len(f.Indicators) == 0 {
			if f.Kind != linter.KindUnmapped {
				general = append(general, htmlFinding{f.Severity, f.Severity.Words().In(l) + " · " + f.Kind.Words().In(l), Visible(f.Message)})
			}
			continue
		}
		for _, n := range f.Indicators {
			byIndicator[n] = append(byIndicator[n], f)
		}
	}
	var criteria []htmlCriterion
	for _, c := range ref.Criteria {
		hc := htmlCriterion{ID: c.ID, L: t("Critère", "Criterion"), Title: c.Title.In(l)}
		for _, res := range r.Indicators {
			if res.Criterion != c.ID {
				continue
			}
			ind, _ := ref.Indicator(res.ID)
			hi := htmlIndicator{ID: res.ID, Title: res.Title, About: ind.About.In(l), Status: res.Status,
				StatusWord: IndicatorWord(res).In(l), NotePath: linter.NotePath(res.ID),
				Relevant: res.Status != linter.StatusNotApplicable}
			if res.Waived {
				hi.Status = "waived" // its class: never the green of a conforme
			}
			if hi.Relevant {
				hi.Applies = upperFirst(res.Reason(l)) + "."
				if ind.NC == rules.NCMajor {
					hi.NC = t("Non-conformité possible : majeure uniquement.", "Possible non-conformity: major only.")
				} else {
					hi.NC = t("Non-conformité possible : mineure ou majeure.", "Possible non-conformity: minor or major.")
				}
			} else {
				hi.Applies = t("Ne s'applique pas : ", "Does not apply: ") + res.Reason(l) + "."
			}
			hi.Note = noteBlocks(r.Notes[res.ID])
			hi.Proofs, hi.MoreProofs = proofsOf(r, res.Rules, opts, l)
			for _, f := range byIndicator[res.ID] {
				hf := htmlFinding{f.Severity, f.Severity.Words().In(l) + " · " + f.Kind.Words().In(l), Visible(f.Message)}
				if f.Kind == linter.KindWaived {
					hi.Waivers = append(hi.Waivers, hf)
				} else {
					hi.Findings = append(hi.Findings, hf)
				}
			}
			hc.Indicators = append(hc.Indicators, hi)
		}
		criteria = append(criteria, hc)
	}
	data["Criteria"] = criteria
	data["General"] = general
	return htmlTemplate().Execute(visibleWriter{w}, data)
}

// proofsOf lists the files the indicator's rules matched, newest first.
// A rule can match thousands of files: only the newest MaxProofs are kept
// (in one pass) and formatted.
func proofsOf(r *linter.Report, ruleIDs []string, opts HTMLOptions, l i18n.Lang) ([]htmlProof, string) {
	type ref struct {
		rule int // index in ruleIDs: on the same day and path, the first rule first
		m    *linter.Match
	}
	before := func(a, b ref) bool {
		if !a.m.LastUpdate.Equal(b.m.LastUpdate) {
			return a.m.LastUpdate.After(b.m.LastUpdate)
		}
		if a.m.Path != b.m.Path {
			return a.m.Path < b.m.Path
		}
		return a.rule < b.rule
	}
	var top []ref // the newest, in order, at most MaxProofs
	total := 0
	for k, id := range ruleIDs {
		ms := r.Matches[id]
		for i := range ms {
			total++
			x := ref{k, &ms[i]}
			if len(top) == opts.MaxProofs && !before(x, top[len(top)-1]) {
				continue
			}
			at := sort.Search(len(top), func(j int) bool { return before(x, top[j]) })
			if len(top) < opts.MaxProofs {
				top = append(top, ref{})
			}
			copy(top[at+1:], top[at:])
			top[at] = x
		}
	}
	var out []htmlProof
	for _, x := range top {
		m := x.m
		date := m.LastUpdate.String()
		if l == i18n.FR {
			date = m.LastUpdate.French()
		}
		state := i18n.T("présent", "present")
		if !m.Expires.IsZero() {
			if r.Day().After(m.Expires) {
				state = i18n.T("périmé depuis le "+m.Expires.French(), "stale since "+m.Expires.String())
			} else {
				state = i18n.T("valable jusqu'au "+m.Expires.French(), "valid until "+m.Expires.String())
			}
		}
		out = append(out, htmlProof{Title: Visible(r.RuleTitles[ruleIDs[x.rule]]), Path: Visible(m.Path), Href: proofHref(opts.LinkBase, m.Path),
			Date: date, Source: m.SourceWords().In(l), State: state.In(l)})
	}
	if more := total - len(top); more > 0 {
		return out, fmt.Sprintf(i18n.T("… et %s : la liste complète est dans qlint explain et le rapport JSON.",
			"… and %s: the full list is in qlint explain and the JSON report.").In(l), i18n.N(more, "autre fichier", "autres fichiers", "more file", "more files").In(l))
	}
	return out, ""
}

// proofHref is a relative link to a file of the evidence tree, each path
// element escaped: a file named "<script>.pdf" is a link, never markup.
func proofHref(base, p string) string {
	parts := strings.Split(path.Join(base, p), "/")
	for i, s := range parts {
		parts[i] = url.PathEscape(s)
	}
	return strings.Join(parts, "/")
}

// noteBlocks reads a small Markdown note: "# " headings, "- " lists and
// paragraphs; everything else is text (escaped by the template).
func noteBlocks(md string) []htmlNote {
	var out []htmlNote
	var para []string
	flush := func() {
		if len(para) > 0 {
			out = append(out, htmlNote{Text: strings.Join(para, " ")})
			para = nil
		}
	}
	for _, line := range strings.Split(strings.ReplaceAll(md, "\r\n", "\n"), "\n") {
		s := strings.TrimSpace(line)
		switch {
		case s == "":
			flush()
		case strings.HasPrefix(s, "#"):
			flush()
			out = append(out, htmlNote{Heading: strings.TrimSpace(strings.TrimLeft(s, "#"))})
		case strings.HasPrefix(s, "- "), strings.HasPrefix(s, "* "):
			flush()
			if len(out) == 0 || out[len(out)-1].Heading != "" || out[len(out)-1].Text != "" {
				out = append(out, htmlNote{})
			}
			out[len(out)-1].Items = append(out[len(out)-1].Items, strings.TrimSpace(s[2:]))
		default:
			para = append(para, s)
		}
	}
	flush()
	return out
}

func upperFirst(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}
