package linter

import (
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/internal/parallel"
	"github.com/qlint/qlint/lang"
	"github.com/qlint/qlint/rules"
)

// Dater tells when a file was last updated, and from what.
// Date may be called from several goroutines at once.
type Dater interface {
	Date(File) (rules.Day, DateSource)
}

// Input is everything one judgement needs. Nothing in it reads the clock:
// the as-of day is given.
type Input struct {
	Config *rules.Config
	// Ref is the grid to judge on; nil: the one the configuration names, or
	// with referential = "auto" the one in force on the as-of day.
	Ref  *rules.Referential
	Tree *Tree
	FS   fs.FS // the evidence root, for the session.toml files
	// Disk is the evidence root on disk when FS is another tree (the
	// index, for --pre-commit): qlint's own outputs are told by the first
	// bytes of the working copy, which the index does not hold. Nil: FS.
	Disk  fs.FS
	Dates Dater
	AsOf  rules.Day
	Lang  lang.Lang
	// Own lists qlint's own files in the tree (qlint.toml, the ignored
	// commits list): never reported as unmapped.
	Own []string
	// Today is the real day, to tell a date in the future from one after a
	// past as-of day (default: the as-of day).
	Today rules.Day
}

type judge struct {
	Input
	// eachRules are the active rules checked in each item's folder, with
	// how they match a file: a file that looks like their proof outside
	// any item folder is not checked, and its unmapped finding says so.
	eachRules []eachRule
	applies   map[int]rules.Applicability
	findings  []Finding
	covered   map[int][]string // indicator → active rule ids
	matches   map[string][]Match
	eachs     map[string]*eachIndex // by each pattern, shared by the rules that use it
	spans     map[string]span       // folder dates, read once
	hasSpan   map[string]bool       // folders (folded) that hold a session.toml
	// dateHinted lists the folders whose name starts like a date qlint
	// cannot read, once said.
	dateHinted map[string]bool
	dates      map[rules.DateMode][]dated // file dates by date mode and file index, computed once
	history    []dated                    // Dates.Date of every file, read ahead on a large tree (nil: asked as needed)
	cycle      rules.Cycle
	hasCycle   bool
	// deferUntil is set while the organization is before its first
	// surveillance audit with a new-entrant or light-audit profile: then
	// what that audit checks first is information, not yet an error.
	deferUntil rules.Day
	deferring  bool
	gridNote   i18n.Text // the forced grid is not the one in force
	folders    folderFacts
	describes  []bool               // by file index: describes its folder, never a proof
	groupPats  map[string][]matcher // by each pattern, the paths of its rules
	nearMisses []nearMiss
	keys       map[string]map[string]any // session.toml keys by folder, read once
}

// Match is a file a rule matched, with its date.
type Match struct {
	Path       string
	Dir        string // the each folder, "" for the root
	LastUpdate rules.Day
	DateSource DateSource
	New        bool      // never committed (DateSource uncommitted): said « nouveau », not « modifié »
	Expires    rules.Day // the end of its validity, when the rule has a freshness limit
}

// Judge checks the tree against the rules and returns the report (without
// the tool and history fields, which the caller fills).
func Judge(in Input) (*Report, error) {
	if in.Ref == nil {
		ref, err := rules.Choose(in.Config.Referential, in.AsOf)
		if err != nil {
			return nil, err
		}
		in.Ref = ref
	}
	cfg, err := in.Config.Bind(in.Ref)
	if err != nil {
		return nil, err
	}
	in.Config = cfg
	j := &judge{Input: in, applies: map[int]rules.Applicability{}, covered: map[int][]string{},
		findings: make([]Finding, 0, len(in.Tree.Files)/4+64),
		matches:  map[string][]Match{}, eachs: map[string]*eachIndex{},
		spans: map[string]span{}, hasSpan: map[string]bool{}, dateHinted: map[string]bool{}, dates: map[rules.DateMode][]dated{}}
	for _, f := range in.Tree.Files {
		if base(f.key) == SessionFile {
			j.hasSpan[f.key[:max(len(f.key)-len(SessionFile)-1, 0)]] = true
		}
	}
	for _, ind := range in.Ref.Indicators {
		j.applies[ind.ID] = in.Ref.Applies(ind, in.Config.Organization)
	}
	j.cycle, j.hasCycle = in.Config.Audit.CycleAt(in.AsOf)
	org := in.Config.Organization
	if org.NewEntrant || org.LightAudit {
		switch initial := in.Config.Audit.Initial; {
		case initial.IsZero():
			j.deferring = true // not certified yet
		case in.AsOf.Before(initial.AddMonths(rules.SurveillanceFrom)):
			j.deferring, j.deferUntil = true, initial.AddMonths(rules.SurveillanceFrom)
		}
	}
	j.auditWindow()
	j.gridPeriod()
	if parallel.Worth(len(in.Tree.Files)) && datesFromHistory(in.Config.Rules) {
		j.history = historyOf(in.Dates, in.Tree.Files)
	}
	mapped := make([]bool, len(in.Tree.Files))
	for _, r := range in.Config.Rules {
		if err := j.rule(r, mapped); err != nil {
			return nil, err
		}
	}
	for _, ind := range in.Ref.Indicators {
		if j.applies[ind.ID].Applies && len(j.covered[ind.ID]) == 0 {
			j.add(Finding{Kind: KindUncovered, Indicators: []int{ind.ID}, text: msgUncovered(ind)})
		}
	}
	own := map[string]bool{}
	for _, p := range in.Own {
		own[fold(p)] = true
	}
	// A file the walk reached twice, at its place and through a link,
	// is one file: bound to a rule under either path, it is bound.
	var mappedReal map[string]bool
	for i := range in.Tree.Files {
		if in.Tree.Files[i].real != "" {
			mappedReal = map[string]bool{}
			break
		}
	}
	if mappedReal != nil {
		for i := range in.Tree.Files {
			if mapped[i] {
				mappedReal[in.Tree.Files[i].RealPath()] = true
			}
		}
		for i := range in.Tree.Files {
			// Nor suggested as a proof that went astray.
			mapped[i] = mapped[i] || mappedReal[in.Tree.Files[i].RealPath()]
		}
	}
	for i, f := range in.Tree.Files {
		if mapped[i] || own[f.key] || describesFolder(&in.Tree.Files[i]) || isCIFile(f.key) || isOwnOutput(in.disk(), f.Path) {
			continue
		}
		text := msgUnmapped(f.Path)
		for _, e := range j.eachRules {
			if e.matches(i, 0) {
				text = msgUnmappedLike(f.Path, e.rule, itemParent(e.rule, j.Tree))
				break
			}
		}
		j.add(Finding{Kind: KindUnmapped, Indicators: []int{}, Path: f.Path, text: text})
	}
	j.pointNearMisses(mapped, own)
	for _, p := range in.Tree.Problems {
		j.add(Finding{Kind: KindUnreadable, Indicators: []int{}, Path: p.Path, text: msgProblem(p)})
	}
	j.waive()
	return j.report(), nil
}

// describesFolder reports files that describe a folder rather than prove
// anything: session.toml, README.md (as qlint init writes them in every
// folder), LISEZMOI.md, and the placeholders that only keep a folder in git
// (.gitkeep, .gitignore…). They are never proofs, whatever a rule's
// pattern, and never unmapped.
func describesFolder(f *File) bool {
	name := base(f.key)
	switch name {
	case SessionFile, "readme.md", "readme.txt", "readme", "lisezmoi.md", "lisezmoi.txt", "lisez-moi.md", "lisez-moi.txt":
		return true
	}
	return placeholderNamed(name, f.Size)
}

func (j *judge) add(f Finding) {
	if f.Severity == "" {
		f.Severity = f.Kind.Info().Severity
	}
	if f.NC == "" && len(f.Indicators) > 0 {
		f.NC = rules.NCMinorOrMajor
		for _, n := range f.Indicators {
			if ind, ok := j.Ref.Indicator(n); ok && ind.NC == rules.NCMajor {
				f.NC = rules.NCMajor
			}
		}
	}
	j.findings = append(j.findings, f)
}

// rule judges one rule, marking the files it matches as mapped.
func (j *judge) rule(r *rules.Rule, mapped []bool) error {
	var inds []int
	for _, n := range r.Indicators {
		if j.applies[n].Applies {
			inds = append(inds, n)
		}
	}
	active := len(inds) > 0
	if active {
		for _, n := range inds {
			j.covered[n] = append(j.covered[n], r.ID)
		}
	}
	literal := r.Match == rules.MatchLiteral
	paths, exclude := compileAs(r.Paths, literal), compileAs(r.Exclude, literal)
	// A folder's description (README.md, session.toml) is never a proof,
	// whatever the pattern.
	describes := j.describing()
	matches := func(i, rel int) bool {
		if describes[i] {
			return false
		}
		f := &j.Tree.Files[i]
		name := f.key[rel:]
		if literal {
			name = f.Path[rel:]
		}
		return matchAny(paths, name) && !matchAny(exclude, name)
	}

	if r.Each != "" && active {
		j.eachRules = append(j.eachRules, eachRule{r, matches})
	}
	if r.Each == "" {
		var found []int
		for i := range j.Tree.Files {
			if matches(i, 0) {
				mapped[i] = true
				found = append(found, i)
			}
		}
		if active {
			j.set(r, inds, "", span{}, found)
		}
		return nil
	}

	idx := j.eachIndex(r.Each)
	dirs := idx.dirs
	found := map[string][]int{}
	for _, fi := range idx.files {
		rel := fi.rel
		if literal {
			rel = len(fi.dir) + 1
		}
		if matches(fi.file, rel) {
			mapped[fi.file] = true
			found[fi.dir] = append(found[fi.dir], fi.file)
		}
	}
	if !active {
		return nil
	}
	if len(dirs) == 0 {
		text := msgNoFolder(r, j.Tree)
		if idx.candidates > 0 {
			text = msgNoItem(r, idx.candidates)
		}
		j.add(Finding{Kind: KindMissing, Severity: r.Severity, Indicators: inds, Rule: r.ID, Path: r.Each,
			RuleFile: ruleFile(r), RuleLine: ruleLine(r), text: text, Label: labelIn(r, j.Lang), NoItem: true})
		return nil
	}
	for _, d := range idx.ordered {
		if r.When != "" {
			has, err := j.sessionHas(d, r.When)
			if err != nil {
				return err
			}
			if !has {
				continue // this item does not call for the proof
			}
		}
		sp, err := j.span(d)
		if err != nil {
			return err
		}
		j.set(r, inds, d, sp, found[d])
	}
	return nil
}

// dated is a file's last update and where it comes from.
type dated struct {
	day    rules.Day
	source DateSource
}

// span returns the dates of folder d, reading its session.toml (when the
// walk saw one) once for all the rules.
func (j *judge) span(d string) (span, error) {
	if sp, ok := j.spans[d]; ok {
		return sp, nil
	}
	var sp span
	var err error
	if j.hasSpan[fold(d)] {
		sp, err = folderSpan(j.FS, d)
	} else if day, ok := dateAtStart(base(d)); ok {
		sp = span{day, day}
	}
	if err != nil {
		return span{}, err
	}
	j.spans[d] = sp
	return sp, nil
}

// eachIndex is what an each pattern selects: the folders it matches, and
// every file inside one of them with the nearest such folder.
type eachIndex struct {
	dirs    map[string]string // folded → as on disk
	ordered []string          // as on disk, sorted
	files   []eachFile
	// candidates counts the folders the pattern matched, items or not.
	candidates int
}

type eachFile struct {
	file int    // index in Tree.Files
	dir  string // the folder, as on disk
	rel  int    // where the path inside the folder starts in the file's key
}

func (j *judge) eachIndex(pattern string) *eachIndex {
	if idx, ok := j.eachs[pattern]; ok {
		return idx
	}
	each := newMatcher(pattern)
	idx := &eachIndex{dirs: map[string]string{}}
	matched := map[string]string{}
	for i, k := range j.Tree.dirKeys {
		if each.match(k) {
			matched[k] = j.Tree.Dirs[i]
		}
	}
	idx.dirs, idx.candidates = j.items(matched, j.groupPatterns(pattern)), len(matched)
	for _, d := range idx.dirs {
		idx.ordered = append(idx.ordered, d)
	}
	sort.Strings(idx.ordered)
	if len(idx.dirs) > 0 {
		for i, f := range j.Tree.Files {
			if !strings.HasPrefix(f.key, each.prefix) {
				continue
			}
			// The nearest enclosing folder that the pattern matches.
			for k := strings.LastIndexByte(f.key, '/'); k > 0; k = strings.LastIndexByte(f.key[:k], '/') {
				if d, ok := idx.dirs[f.key[:k]]; ok {
					idx.files = append(idx.files, eachFile{file: i, dir: d, rel: k + 1})
					break
				}
			}
		}
	}
	j.eachs[pattern] = idx
	return idx
}

func ruleFile(r *rules.Rule) string {
	if r.Builtin {
		return ""
	}
	return r.File
}

func ruleLine(r *rules.Rule) int {
	if r.Builtin {
		return 0
	}
	return r.Line
}

// set judges the files a rule matched, at the root or in one each folder.
func (j *judge) set(r *rules.Rule, inds []int, dir string, sp span, found []int) {
	if len(found) > 0 {
		j.matches[r.ID] = slices.Grow(j.matches[r.ID], len(found))
	}
	for _, i := range found {
		d, src := j.date(r, i)
		m := Match{Path: j.Tree.Files[i].Path, Dir: dir, LastUpdate: d, DateSource: src, New: j.isNew(j.Tree.Files[i].Path, src)}
		if !r.MaxAge.IsZero() {
			m.Expires = r.MaxAge.After(d)
		}
		j.matches[r.ID] = append(j.matches[r.ID], m)
	}
	base := Finding{Indicators: inds, Rule: r.ID, Severity: r.Severity, RuleFile: ruleFile(r), RuleLine: ruleLine(r), Label: labelIn(r, j.Lang), item: dir}
	defer j.deferFindings(r, inds, len(j.findings))
	if len(found) < r.Min {
		f := base
		f.Path = dir
		if dir == "" && len(r.Paths) > 0 {
			f.Path = rules.ReadablePattern(r.Paths[0])
		}
		if dir == "" {
			f.Kind, f.text = KindMissing, msgMissing(r, len(found))
			j.add(f)
			j.noteMissing(r, dir)
			return
		}
		var due rules.Day
		if r.Due != nil && !sp.start.IsZero() {
			due = r.Due.From(sp.start, sp.end)
			if j.AsOf.Before(due) {
				f.setKind(KindPending)
				f.text, f.Due = msgPending(r, dir, due, j.AsOf), due
				j.add(f)
				return
			}
		}
		f.Kind, f.text, f.Due = KindMissing, msgMissingIn(r, dir, len(found), due), due
		if r.Due != nil && sp.start.IsZero() && !j.dateHinted[dir] {
			// Judged as due because its date was not understood: say so,
			// once for the folder.
			hint := dateHint(path.Base(dir))
			if hint.IsZero() {
				hint = noDateHint(dir)
			}
			if !hint.IsZero() {
				j.dateHinted[dir] = true
				f.text = i18n.T(f.text.FR+" "+hint.FR, f.text.EN+" "+hint.EN)
			}
		}
		j.add(f)
		j.noteMissing(r, dir)
		return
	}
	if r.MaxAge.IsZero() {
		return
	}
	var newest File
	var last rules.Day
	var source DateSource
	for _, i := range found {
		f := j.Tree.Files[i]
		d, src := j.date(r, i)
		if last.IsZero() || d.After(last) || (d == last && f.Path < newest.Path) {
			newest, last, source = f, d, src
		}
	}
	expires := r.MaxAge.After(last)
	f := base
	f.Path, f.LastUpdate, f.DateSource, f.MaxAge, f.Expires = newest.Path, last.String(), source, r.MaxAge.String(), expires.String()
	switch {
	case j.AsOf.After(expires):
		f.Kind, f.text = KindStale, msgStale(r, dir, newest.Path, last, expires)
	case !j.Config.WarnWithin.After(j.AsOf).Before(expires):
		f.setKind(KindDueSoon)
		f.text = msgDueSoon(r, dir, newest.Path, last, expires, j.AsOf)
	default:
		return
	}
	j.add(f)
	if f.Kind == KindStale && dir == "" {
		j.noteStale(r, last)
	}
}

// deferFindings turns the findings a rule just added (from index from on)
// into information when the first surveillance audit is the one that will
// check them: implementation proofs of a new entrant's adapted indicators,
// or indicators outside the light audit's list.
func (j *judge) deferFindings(r *rules.Rule, inds []int, from int) {
	if !j.deferring || len(inds) == 0 {
		return
	}
	org := j.Config.Organization
	newEntrant, light := org.NewEntrant && r.Proves == rules.ProvesImplementation, org.LightAudit
	for _, n := range inds {
		ind, _ := j.Ref.Indicator(n)
		newEntrant = newEntrant && ind.NewEntrant
		light = light && !ind.LightAudit
	}
	if !newEntrant && !light {
		return
	}
	for i := from; i < len(j.findings); i++ {
		f := &j.findings[i]
		if !f.Kind.Info().Deferrable {
			continue
		}
		f.Severity, f.Deferred = rules.SevInfo, true
		f.text = msgDeferred(f.text, newEntrant, j.deferUntil)
	}
}

// auditWindow warns when the surveillance window opens within warn_within,
// or is open, and no audit date is booked.
func (j *judge) auditWindow() {
	c := j.cycle
	if !j.hasCycle || c.Booked || c.WindowOpens.IsZero() {
		return
	}
	soon := !j.Config.WarnWithin.After(j.AsOf).Before(c.WindowOpens)
	switch {
	case j.AsOf.Before(c.WindowOpens) && soon:
		j.add(Finding{Kind: KindAudit, Indicators: []int{}, text: msgWindowSoon(c, j.AsOf), item: "window-soon"})
	case !j.AsOf.Before(c.WindowOpens) && !j.AsOf.After(c.WindowCloses):
		j.add(Finding{Kind: KindAudit, Indicators: []int{}, text: msgWindowOpen(c, j.AsOf), item: "window-open"})
	}
}

// date returns the last update of file i as the rule reads it, computed
// once per file and date mode.
func (j *judge) date(r *rules.Rule, i int) (rules.Day, DateSource) {
	cache := j.dates[r.Date]
	if cache == nil {
		cache = make([]dated, len(j.Tree.Files))
		j.dates[r.Date] = cache
	}
	if d := cache[i]; d.source != "" {
		return d.day, d.source
	}
	f := j.Tree.Files[i]
	var d dated
	switch r.Date {
	case rules.DateFilename:
		if day, ok := FilenameDate(base(f.Path)); ok {
			d = dated{day, SourceFilename}
			break
		}
		d.day, d.source = j.historyDate(i)
	case rules.DateMtime:
		d = dated{rules.DayOf(f.ModTime), SourceMtime}
	default:
		d.day, d.source = j.historyDate(i)
	}
	today := j.Today
	if today.IsZero() {
		today = j.AsOf
	}
	if d.day.After(today) && d.source != SourceFilename {
		j.add(Finding{Kind: KindFutureDate, Indicators: []int{}, Path: f.Path,
			LastUpdate: d.day.String(), DateSource: d.source, text: msgFuture(f.Path, d.day, j.AsOf)})
	}
	if d.day.After(j.AsOf) {
		d.day = j.AsOf // judged as updated on the day judged, not later
	}
	cache[i] = d
	return d.day, d.source
}

// datesFromHistory reports whether some rule dates files by their history.
func datesFromHistory(rs []*rules.Rule) bool {
	for _, r := range rs {
		if r.Date != rules.DateMtime {
			return true
		}
	}
	return false
}

// historyOf asks d for the date of every file, on every core: on git/git's
// 4,800 files the dates were a third of judging, on one core.
func historyOf(d Dater, files []File) []dated {
	out := make([]dated, len(files))
	parallel.For(len(files), func(i int) {
		out[i].day, out[i].source = d.Date(files[i])
	})
	return out
}

// historyDate is Dates.Date of file i.
func (j *judge) historyDate(i int) (rules.Day, DateSource) {
	if j.history != nil {
		return j.history[i].day, j.history[i].source
	}
	return j.Dates.Date(j.Tree.Files[i])
}

// waive turns the findings a valid waiver covers into waived ones, and marks
// those whose waiver has expired.
//
// A waiver on an indicator covers a finding only as it counts for that
// indicator: a finding that counts for 11 and 12 with a waiver on 12 is
// split in two, waived for 12 and still an error for 11 (else the waiver
// would make 11 look conforme). A waiver on a rule covers the whole finding.
func (j *judge) waive() {
	n := len(j.findings)
	for i := 0; i < n; i++ {
		f := &j.findings[i]
		if !f.Kind.Info().Waivable {
			continue
		}
		parts := j.waivedParts(*f)
		if len(parts) == 0 {
			continue
		}
		j.findings[i] = parts[0]
		j.findings = append(j.findings, parts[1:]...)
	}
}

// waivedParts splits f by the waivers that cover it: one waived finding per
// valid waiver, with the indicators it covers, and the rest of f as it was
// (its text noting an expired waiver). Nil when no waiver covers f.
func (j *judge) waivedParts(f Finding) []Finding {
	var byWaiver []*rules.Waiver // in the order of the indicators
	waivedFor := map[*rules.Waiver][]int{}
	var rest []int
	var expired *rules.Waiver
	inds := f.Indicators
	if len(inds) == 0 {
		inds = []int{0} // no indicator: only a waiver on its rule covers it
	}
	for _, n := range inds {
		w := j.waiverFor(f, n)
		switch {
		case w == nil:
			rest = append(rest, n)
		case !w.Until.IsZero() && j.AsOf.After(w.Until):
			rest = append(rest, n)
			if expired == nil {
				expired = w
			}
		default:
			if waivedFor[w] == nil {
				byWaiver = append(byWaiver, w)
			}
			waivedFor[w] = append(waivedFor[w], n)
		}
	}
	if len(byWaiver) == 0 && expired == nil {
		return nil
	}
	var parts []Finding
	if len(rest) > 0 {
		g := f
		g.Indicators = slices.DeleteFunc(rest, func(n int) bool { return n == 0 })
		if expired != nil {
			g.text = msgWaiverExpired(g.text, expired)
		}
		parts = append(parts, g)
	}
	for _, w := range byWaiver {
		g := f
		g.Indicators = slices.DeleteFunc(waivedFor[w], func(n int) bool { return n == 0 })
		g.setKind(KindWaived)
		g.text = msgWaived(f.text, w)
		parts = append(parts, g)
	}
	return parts
}

// waiverFor is the first waiver that covers f as it counts for indicator n
// (nil when none does).
func (j *judge) waiverFor(f Finding, n int) *rules.Waiver {
	for _, w := range j.Config.Waivers {
		if w.Rule != "" && w.Rule == f.Rule || w.Rule == "" && n != 0 && w.Indicator == n {
			return w
		}
	}
	return nil
}

func (j *judge) report() *Report {
	rep := &Report{
		Schema:       ReportSchema,
		AsOf:         j.AsOf.String(),
		Lang:         j.Lang,
		Organization: j.Config.Organization.Name,
		Referential:  j.Ref.Version,
		Grid:         gridInfo(j.Ref),
		ref:          j.Ref,
		gridNote:     j.gridNote,
		FileCount:    len(j.Tree.Files),
		Indicators:   []IndicatorResult{},
		Findings:     []Finding{},
		day:          j.AsOf,
		today:        j.Today,
		Matches:      j.matches,
		RuleTitles:   map[string]string{},
		WarnWithin:   j.Config.WarnWithin,
	}
	rep.ruleDefs = map[string]*rules.Rule{}
	for _, r := range j.Config.Rules {
		rep.RuleTitles[r.ID] = labelIn(r, j.Lang)
		rep.ruleDefs[r.ID] = r
	}
	if j.hasCycle {
		rep.Cycle = &j.cycle
	}
	worst := map[int]Status{} // the worst status the findings give each indicator
	waived := map[int]bool{}
	for i := range j.findings {
		f := &j.findings[i]
		f.Message = f.text.In(j.Lang)
		rep.Summary.count(f.Severity)
		if f.Kind == KindWaived {
			for _, n := range f.Indicators {
				waived[n] = true
			}
		}
		st := f.Kind.Info().Worsens
		if st == "" || f.Deferred {
			continue
		}
		for _, n := range f.Indicators {
			if st.worse(worst[n]) {
				worst[n] = st
			}
		}
	}
	for _, ind := range j.Ref.Indicators {
		res := IndicatorResult{ID: ind.ID, Criterion: ind.Criterion, Title: ind.Title.In(j.Lang), Rules: []string{}, reason: j.applies[ind.ID].Reason}
		res.Rules = append(res.Rules, j.covered[ind.ID]...)
		switch {
		case !j.applies[ind.ID].Applies:
			res.Status = StatusNotApplicable
		case len(j.covered[ind.ID]) == 0:
			res.Status = StatusUncovered
		case worst[ind.ID] != "":
			res.Status = worst[ind.ID]
		case waived[ind.ID]:
			// Its only problems are waived: "ok" for the contract's
			// status, but never said conforme, nor counted as such.
			res.Status, res.Waived = StatusOK, true
		default:
			res.Status = StatusOK
		}
		if res.Waived {
			rep.Summary.Indicators.Waived++
		} else {
			rep.Summary.Indicators.add(res.Status)
		}
		rep.Indicators = append(rep.Indicators, res)
	}
	rep.Findings = append(rep.Findings, j.findings...)
	sortFindings(rep.Findings)
	return rep
}

// disk is where qlint's own outputs are recognised.
func (in Input) disk() fs.FS {
	if in.Disk != nil {
		return in.Disk
	}
	return in.FS
}

// eachRule is a rule checked in each item's folder, and how it matches a
// file (index in the tree, from byte rel of its key).
type eachRule struct {
	rule    *rules.Rule
	matches func(i, rel int) bool
}
