package serve

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"html"
	"html/template"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/linter"
	"github.com/qlint/qlint/report"
	"github.com/qlint/qlint/rules"
)

//go:embed assets/live.js assets/live.css
var assets embed.FS

// Change is what a check was made for: the files that changed (relative to
// the evidence folder, with /), a commit or checkout, a rules edit.
type Change struct {
	Paths []string
	Git   bool
	Rules bool
	// NewDay is the new day (YYYY-MM-DD) when the check was made because
	// the day changed, not a file.
	NewDay string
}

// state is what the page shows after a Publish, ready to send.
type state struct {
	seq, prev uint64
	lang      i18n.Lang
	page      []byte         // the binder with the live marker (nil before a first report)
	rep       *linter.Report // the last good report, sent as --format json writes it
	full      []byte         // the event that brings any page up to date
	diff      []byte         // the event that brings the page at prev up to date
	binder    binder
	live      string // the live section's inner HTML
}

// liveState is what Publish keeps from one check to the next.
type liveState struct {
	seq     uint64
	last    *linter.Report // the last good report
	strip   []stripEntry
	problem string
}

// payload is one event: the whole page (Full) or what changed since the
// page the browser shows (Prev).
type payload struct {
	Seq     uint64            `json:"seq"`
	Prev    uint64            `json:"prev,omitempty"`
	Full    bool              `json:"full"`
	Lang    string            `json:"lang,omitempty"`
	Title   string            `json:"title,omitempty"`
	Header  string            `json:"header,omitempty"`
	Main    string            `json:"main,omitempty"`
	Parts   map[string]string `json:"parts,omitempty"`
	Changed []string          `json:"changed,omitempty"` // ids of the indicators whose status moved
	Live    string            `json:"live"`
}

// liveMarker stands, in the kept page, where the live section goes.
const liveMarker = "<!--qlint-live-->"

// Publish gives the server the result of one check: a report (nil when the
// check could not be made) and the problem to show ("" for none: a bad
// qlint.toml keeps its message here while the last good rules judge). Open
// pages are brought up to date at once.
func (s *Server) Publish(rep *linter.Report, ch Change, problem string) error {
	s.publishing.Lock()
	defer s.publishing.Unlock()
	lv := &s.live
	st := &state{lang: s.o.Lang}
	s.mu.Lock()
	old := s.st
	s.mu.Unlock()
	at := s.o.Now()
	var changed []string
	if rep != nil {
		st.lang = rep.Lang
		var b bytes.Buffer
		head := template.HTML(`<link rel="icon" href="data:,"><link rel="stylesheet" href="live.css"><script src="live.js" defer></script>`)
		if err := report.WriteHTML(&b, rep, report.HTMLOptions{LinkBase: "files", Head: head, Top: liveMarker}); err != nil {
			return err
		}
		st.page = b.Bytes()
		bd, err := split(string(st.page))
		if err != nil {
			return err
		}
		st.binder, st.rep = bd, rep
		entry, moved := describe(lv.last, rep, ch, at)
		lv.strip = append([]stripEntry{entry}, lv.strip...)
		if len(lv.strip) > stripLength {
			lv.strip = lv.strip[:stripLength]
		}
		for _, id := range moved {
			changed = append(changed, "indicateur-"+strconv.Itoa(id))
		}
		lv.last = rep
	} else if old != nil {
		st.lang, st.page, st.rep, st.binder = old.lang, old.page, old.rep, old.binder
	}
	lv.problem = problem
	lv.seq++
	st.seq = lv.seq
	live, err := renderLive(st.lang, lv, at)
	if err != nil {
		return err
	}
	st.live = live
	full := payload{Seq: st.seq, Full: true, Live: live, Lang: string(st.lang), Changed: changed}
	if st.page != nil {
		full.Title, full.Header, full.Main = st.binder.title, st.binder.header, st.binder.main
	}
	if st.full, err = marshal(full); err != nil {
		return err
	}
	if old != nil && (old.page != nil || st.page == nil) {
		st.prev = old.seq
		diff := payload{Seq: st.seq, Prev: old.seq, Live: live, Lang: string(st.lang), Changed: changed}
		if rep != nil {
			diff.Title, diff.Header = st.binder.title, st.binder.header
			if st.binder.skeleton != old.binder.skeleton {
				diff.Main = st.binder.main
			} else {
				diff.Parts = map[string]string{}
				for id, p := range st.binder.parts {
					if old.binder.parts[id] != p {
						diff.Parts[id] = p
					}
				}
			}
		}
		if st.diff, err = marshal(diff); err != nil {
			return err
		}
	}
	s.mu.Lock()
	s.st = st
	close(s.changed)
	s.changed = make(chan struct{})
	s.mu.Unlock()
	return nil
}

// marshal writes an event's data on one line, markup left as it is.
func marshal(p payload) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(p); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// current returns the state and a channel closed at the next Publish.
func (s *Server) current() (*state, chan struct{}) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st, s.changed
}

// page sends the binder with its live section; before the first check it
// waits for it a little, then sends a page that waits for it.
func (s *Server) page(w http.ResponseWriter, r *http.Request) {
	st, wait := s.current()
	if st == nil {
		select {
		case <-wait:
		case <-time.After(20 * time.Second):
		case <-r.Context().Done():
			return
		case <-s.done:
		}
		st, _ = s.current()
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
	var seq uint64
	live, page, lang := "", []byte(nil), s.o.Lang
	if st != nil {
		seq, live, page, lang = st.seq, st.live, st.page, st.lang
	}
	bar := liveBar(lang, seq, live, page == nil)
	if page == nil {
		fmt.Fprintf(w, `<!doctype html><html lang="%s"><head><meta charset="utf-8"><title>qlint</title><link rel="icon" href="data:,"><link rel="stylesheet" href="live.css"><script src="live.js" defer></script></head><body>%s</body></html>`, lang, bar)
		return
	}
	i := bytes.Index(page, []byte(liveMarker))
	_, _ = w.Write(page[:i])
	_, _ = w.Write([]byte(bar))
	_, _ = w.Write(page[i+len(liveMarker):])
}

// liveBar is the strip at the top of the page: the connection's state (the
// script fills it), then what the server renders.
func liveBar(l i18n.Lang, seq uint64, live string, shell bool) string {
	t := func(fr, en string) string { return html.EscapeString(i18n.T(fr, en).In(l)) }
	attr := ""
	if shell {
		attr = ` data-shell=""`
	}
	return fmt.Sprintf(`<div id="live-bar" class="screen-only" data-seq="%d"%s data-msg-lost="%s" data-msg-bye="%s">`+
		`<p id="live-conn" role="alert" hidden></p><div id="live" aria-live="polite">%s</div></div>`,
		seq, attr,
		t("Connexion à qlint watch perdue : cette page n'est plus à jour. Nouvelle tentative…",
			"Connection to qlint watch lost: this page is no longer up to date. Retrying…"),
		t("qlint watch est arrêté : cette page n'est plus mise à jour. Relancez qlint watch --serve pour la suivre à nouveau.",
			"qlint watch has stopped: this page is no longer updated. Run qlint watch --serve again to follow it."),
		live)
}

// events streams the page's updates: at once what the browser lacks, then
// one event per check; a comment every 15 s keeps the line open.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		notFound(w, s.lang())
		return
	}
	known := r.Header.Get("Last-Event-ID")
	if known == "" {
		known = r.URL.Query().Get("seq")
	}
	seen, _ := strconv.ParseUint(known, 10, 64)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}
	fmt.Fprint(w, "retry: 2000\n\n")
	flusher.Flush()
	keep := time.NewTicker(15 * time.Second)
	defer keep.Stop()
	for {
		st, wait := s.current()
		if st != nil && st.seq != seen {
			data := st.full
			if st.diff != nil && st.prev == seen {
				data = st.diff
			}
			if _, err := fmt.Fprintf(w, "id: %d\nevent: update\ndata: %s\n\n", st.seq, data); err != nil {
				return
			}
			flusher.Flush()
			seen = st.seq
			continue
		}
		select {
		case <-wait:
		case <-keep.C:
			if _, err := fmt.Fprint(w, ": qlint\n\n"); err != nil {
				return
			}
			flusher.Flush()
		case <-r.Context().Done():
			return
		case <-s.done:
			fmt.Fprint(w, "event: bye\ndata: {}\n\n")
			flusher.Flush()
			return
		}
	}
}

// reportJSON sends the report the page shows, as --format json does.
func (s *Server) reportJSON(w http.ResponseWriter, r *http.Request) {
	st, _ := s.current()
	if st == nil || st.rep == nil {
		refuse(w, http.StatusServiceUnavailable, s.lang(), i18n.T("qlint : pas encore de rapport", "qlint: no report yet"))
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Qlint-Seq", strconv.FormatUint(st.seq, 10))
	_ = report.WriteJSON(w, st.rep) // a report is never changed once published
}

// asset sends the page's script or style.
func asset(w http.ResponseWriter, r *http.Request, name string) {
	b, err := assets.ReadFile("assets/" + name)
	if err != nil {
		notFound(w, i18n.FR)
		return
	}
	ct := "text/javascript; charset=utf-8"
	if strings.HasSuffix(name, ".css") {
		ct = "text/css; charset=utf-8"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Cache-Control", "no-cache")
	_, _ = w.Write(b)
}

// binder is the rendered binder cut in the pieces the page replaces.
type binder struct {
	title, header, main string
	// skeleton is main with each part replaced by its id: when it is the
	// same, replacing the parts that differ brings the page up to date.
	skeleton string
	parts    map[string]string // indicator articles and the other-findings section, by id
}

// split cuts the binder the linter renders (its own template, where every
// user text is escaped: no tag of the template can appear in one).
func split(page string) (binder, error) {
	between := func(s, open, close string) (string, bool) {
		i := strings.Index(s, open)
		if i < 0 {
			return "", false
		}
		j := strings.Index(s[i+len(open):], close)
		if j < 0 {
			return "", false
		}
		return s[i+len(open) : i+len(open)+j], true
	}
	var b binder
	var ok1, ok2, ok3 bool
	b.title, ok1 = between(page, "<title>", "</title>")
	b.title = html.UnescapeString(b.title)
	b.header, ok2 = between(page, "<body>", "</header>")
	if i := strings.Index(b.header, "<header>"); i >= 0 {
		b.header = b.header[i+len("<header>"):]
	} else {
		ok2 = false
	}
	b.main, ok3 = between(page, "<main>", "</main>")
	if !ok1 || !ok2 || !ok3 {
		return b, fmt.Errorf("the binder's page has no title, header or main")
	}
	b.parts = map[string]string{}
	var sk strings.Builder
	rest := b.main
	for {
		i, close := -1, ""
		if a := strings.Index(rest, `<article class="indicator" id="`); a >= 0 {
			i, close = a, "</article>"
		}
		if g := strings.Index(rest, `<section class="criterion" id="autres-constats"`); g >= 0 && (i < 0 || g < i) {
			i, close = g, "</section>"
		}
		if i < 0 {
			sk.WriteString(rest)
			break
		}
		j := strings.Index(rest[i:], close)
		if j < 0 {
			return b, fmt.Errorf("the binder's page has an unclosed part")
		}
		part := rest[i : i+j+len(close)]
		id, _ := between(part, `id="`, `"`)
		b.parts[id] = part
		sk.WriteString(rest[:i])
		sk.WriteString("\x00" + id + "\x00")
		rest = rest[i+j+len(close):]
	}
	b.skeleton = sk.String()
	return b, nil
}

// stripLength is how many checks the strip of changes recalls.
const stripLength = 6

// stripEntry is one check in the strip: when, and what moved.
type stripEntry struct {
	At    string
	Lines []i18n.Text
	Files []string
}

// describe says what a check changed since the previous good report: the
// indicators whose status moved, each with the changed files that did it;
// it returns the ids of those indicators.
func describe(prev, cur *linter.Report, ch Change, at time.Time) (stripEntry, []int) {
	e := stripEntry{At: at.Format("15:04:05")}
	todo := 0
	for _, ind := range cur.Indicators {
		if ind.Status.Info().ToFix {
			todo++
		}
	}
	if prev == nil {
		n := count(todo, "indicateur", "indicateurs", "indicator", "indicators")
		e.Lines = append(e.Lines, i18n.T("première vérification : "+n.FR+" à traiter", "first check: "+n.EN+" to fix"))
		return e, nil
	}
	before := map[int]linter.IndicatorResult{}
	for _, ind := range prev.Indicators {
		before[ind.ID] = ind
	}
	var moved []int
	for _, ind := range cur.Indicators {
		old, ok := before[ind.ID]
		if !ok || old.Status == ind.Status && old.Waived == ind.Waived {
			continue
		}
		moved = append(moved, ind.ID)
		from, to := report.IndicatorWord(old), report.IndicatorWord(ind)
		line := i18n.T(fmt.Sprintf("indicateur %d : %s → %s", ind.ID, from.FR, to.FR),
			fmt.Sprintf("indicator %d: %s → %s", ind.ID, from.EN, to.EN))
		if files := causes(prev, cur, old, ind, ch); len(files) > 0 {
			line.FR += " (" + strings.Join(files, ", ") + ")"
			line.EN += " (" + strings.Join(files, ", ") + ")"
		}
		e.Lines = append(e.Lines, line)
	}
	if len(moved) == 0 {
		added, resolved := linter.FindingsDiff(prev.Findings, cur.Findings)
		e.Lines = append(e.Lines, findingsMoved(added, resolved))
		e.Files = firstOf(ch.Paths, 3)
	}
	if ch.NewDay != "" {
		e.Lines = append([]i18n.Text{newDayLine(ch.NewDay)}, e.Lines...)
	}
	if ch.Rules {
		e.Lines = append(e.Lines, i18n.T("règles de qlint.toml rechargées", "qlint.toml rules reloaded"))
	}
	if ch.Git {
		e.Lines = append(e.Lines, i18n.T("dépôt git modifié (commit, changement de branche…)", "git repository changed (commit, checkout…)"))
	}
	return e, moved
}

// causes are the changed files among the proofs of an indicator's rules,
// before or after, or in the folders its findings name; else the changed
// files themselves.
func causes(prev, cur *linter.Report, old, now linter.IndicatorResult, ch Change) []string {
	if len(ch.Paths) == 0 {
		return nil
	}
	proofs := map[string]bool{}
	var dirs []string
	for _, r := range []*linter.Report{prev, cur} {
		for _, ids := range [][]string{old.Rules, now.Rules} {
			for _, id := range ids {
				for _, m := range r.Matches[id] {
					proofs[m.Path] = true
				}
			}
		}
		for _, f := range r.Findings {
			for _, n := range f.Indicators {
				if n == now.ID && f.Path != "" {
					dirs = append(dirs, strings.TrimSuffix(f.Path, "/")+"/")
				}
			}
		}
	}
	var out []string
	for _, p := range ch.Paths {
		hit := proofs[p]
		for _, d := range dirs {
			hit = hit || strings.HasPrefix(p, d)
		}
		if hit {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		out = ch.Paths
	}
	return firstOf(out, 3)
}

// firstOf keeps the first n paths and says how many more there were.
func firstOf(paths []string, n int) []string {
	if len(paths) <= n {
		return paths
	}
	return append(append([]string(nil), paths[:n]...), fmt.Sprintf("+%d", len(paths)-n))
}

type todoItem struct {
	Status                     linter.Status
	Href, Label, Word, Message string
	More                       int
}

// liveTemplate is parsed on first use: qlint starts for every run, and
// few serve the live page.
var liveTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("live").Parse(`<p class="live-checked">{{.Checked}}</p>
{{- if .Problem}}
<div class="live-problem" role="alert"><p><strong>{{.ProblemLead}}</strong></p><pre>{{.Problem}}</pre></div>
{{- end}}
{{- if .Strip}}
<ol class="live-strip" aria-label="{{.StripLabel}}">{{range .Strip}}<li><time>{{.At}}</time> {{range $i, $l := .Lines}}{{if $i}} · {{end}}{{$l}}{{end}}{{if .Files}} <span class="live-files">({{range $i, $f := .Files}}{{if $i}}, {{end}}{{$f}}{{end}})</span>{{end}}</li>{{end}}</ol>
{{- end}}
{{- if .Report}}
<section class="live-todo" aria-labelledby="live-todo-title">
<h2 id="live-todo-title">{{.TodoTitle}}</h2>
{{- if .Todo}}
<ol>{{range .Todo}}<li><a href="{{.Href}}">{{.Label}}</a>{{if .Word}} <span class="status status-{{.Status}}">{{.Word}}</span>{{end}}{{if .Message}} — {{.Message}}{{end}}{{if .More}} <span class="live-more">(+{{.More}})</span>{{end}}</li>{{end}}</ol>
{{- else}}
<p class="live-done">{{.Done}}</p>
{{- end}}
{{- if .Others}}
<h3 class="live-others">{{.OthersTitle}}</h3>
<ul class="live-others">{{range .Others}}<li><a href="{{.Href}}">{{.Label}}</a>{{if .Message}} — {{.Message}}{{end}}</li>{{end}}</ul>
{{- end}}
</section>
{{- end}}`))
})

// renderLive renders the live section: when the page was last checked,
// the problem if any, the strip of changes, the to-do.
func renderLive(l i18n.Lang, lv *liveState, at time.Time) (string, error) {
	t := func(fr, en string) string { return i18n.T(fr, en).In(l) }
	var strip []map[string]any
	for _, e := range lv.strip {
		var lines []string
		for _, x := range e.Lines {
			lines = append(lines, x.In(l))
		}
		strip = append(strip, map[string]any{"At": e.At, "Lines": lines, "Files": e.Files})
	}
	data := map[string]any{
		"Checked":     fmt.Sprintf(t("En direct de qlint watch · vérifié à %s", "Live from qlint watch · checked at %s"), at.Format("15:04:05")),
		"Problem":     lv.problem,
		"ProblemLead": t("La dernière vérification n'a pas pu se faire : la page montre le dernier rapport obtenu avec des règles valides.", "The last check could not be made: the page shows the last report made with valid rules."),
		"StripLabel":  t("Derniers changements", "Latest changes"),
		"Strip":       strip,
		"Report":      lv.last != nil,
		"Done":        t("Rien à traiter : tous les indicateurs qui s'appliquent sont conformes.", "Nothing to fix: every indicator that applies is ready."),
	}
	if rep := lv.last; rep != nil {
		// The count is the summary's "À traiter": indicators only; the other
		// findings (audit window, links…) are listed apart, with their own.
		todo, others := todoOf(rep, l)
		data["Todo"], data["Others"] = todo, others
		n := count(len(todo), "indicateur", "indicateurs", "indicator", "indicators")
		data["TodoTitle"] = i18n.T("À faire : "+n.FR+" à traiter", "To do: "+n.EN+" to fix").In(l)
		o := count(len(others), "autre constat à regarder", "autres constats à regarder", "other finding to look at", "other findings to look at")
		data["OthersTitle"] = i18n.T("Et "+o.FR+" (hors indicateurs)", "And "+o.EN+" (outside the indicators)").In(l)
	}
	var b strings.Builder
	err := liveTemplate().Execute(&b, data)
	return b.String(), err
}

// todoOf lists the indicators to fix, worst first, each with its first
// finding; and, apart, the other findings that are errors or warnings.
func todoOf(rep *linter.Report, l i18n.Lang) (todo, others []todoItem) {
	first := map[int][]linter.Finding{}
	var general []linter.Finding
	for _, f := range rep.Findings {
		if f.Kind == linter.KindWaived || f.Severity == rules.SevInfo {
			continue
		}
		if len(f.Indicators) == 0 {
			general = append(general, f)
		}
		for _, n := range f.Indicators {
			first[n] = append(first[n], f)
		}
	}
	var items []todoItem
	var ranks []int
	word := i18n.T("Indicateur", "Indicator").In(l)
	for _, ind := range rep.Indicators {
		if !ind.Status.Info().ToFix {
			continue
		}
		it := todoItem{Href: "#indicateur-" + strconv.Itoa(ind.ID), Label: fmt.Sprintf("%s %d · %s", word, ind.ID, ind.Title),
			Status: ind.Status, Word: ind.Status.Words().In(l)}
		if fs := first[ind.ID]; len(fs) > 0 {
			it.Message, it.More = fs[0].Message, len(fs)-1
		}
		items = append(items, it)
		ranks = append(ranks, ind.Status.Info().Order) // what an auditor would hold against her first
	}
	idx := make([]int, len(items))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return ranks[idx[a]] < ranks[idx[b]] })
	todo = make([]todoItem, 0, len(items))
	for _, i := range idx {
		todo = append(todo, items[i])
	}
	for _, f := range general {
		others = append(others, todoItem{Href: "#autres-constats", Label: i18n.T("Autre constat", "Other finding").In(l), Message: f.Message})
	}
	return todo, others
}
