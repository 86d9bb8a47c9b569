// Package scaffold starts an evidence folder: a qlint.toml with the
// organization's profile over the built-in pack, and the default folders
// that apply to that profile, each with a README.md that says which proofs
// go there and which indicators they serve. It never overwrites a file.
package scaffold

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/qlint/qlint/internal/gitdates"
	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/internal/safefile"
	"github.com/qlint/qlint/linter"
	"github.com/qlint/qlint/rules"
)

// Profile is what `qlint init` asks about the organization.
type Profile struct {
	Name         string
	Org          rules.Organization
	InitialAudit rules.Day
	Lang         i18n.Lang
	// Ref is the grid whose folders are made: the one in force on the day
	// init runs, or the one qlint.toml names.
	Ref *rules.Referential
	// NameFromFolder is set when Name was not asked for (it is the
	// folder's): rewriting a qlint.toml keeps the name it gives.
	NameFromFolder bool
}

// Result lists what Init did, with paths relative to the folder.
type Result struct {
	Created []string // folders and files written
	Kept    []string // files that were there and were left alone
	// Rewrite says how an existing qlint.toml was rewritten (--force).
	Rewrite Rewrite
}

// ErrConfigExists is returned when a qlint.toml is already there and
// overwriting it was not asked for.
var ErrConfigExists = errors.New("qlint.toml exists")

// ErrGitDir is returned for a folder that is git's own (a bare repository,
// or inside a .git folder): proofs never go there.
var ErrGitDir = errors.New("a git directory")

// ErrLinkOut is returned when a folder to fill is a link that leads out of
// the evidence folder: init never writes through it.
var ErrLinkOut = errors.New("a link out of the evidence folder")

// NotFolderError is a file, or a link to one, where the layout has a
// folder: init makes nothing rather than guess where to put its contents.
type NotFolderError struct {
	Path string // under the evidence folder, with /
}

func (e *NotFolderError) Error() string { return e.Path + " is not a folder" }

// Init writes qlint.toml into dir (only when absent, or when force is set)
// and creates the folders of the default layout that apply to the profile,
// with their README.md files when absent. Nothing else is ever touched.
// Everything is written through dir, never through a link out of it; when
// a write fails (a full disk), what this run made is taken back, so that
// nothing is left half-made and init can simply be run again. qlint.toml
// is written last, whole.
func Init(dir string, p Profile, force bool) (*Result, error) {
	if isGitDir(dir) {
		return nil, ErrGitDir
	}
	text := Config(p)
	if _, err := rules.Parse("qlint.toml", []byte(text)); err != nil {
		return nil, fmt.Errorf("the generated qlint.toml is invalid (a bug): %w", err)
	}
	if _, err := os.Lstat(filepath.Join(dir, "qlint.toml")); err == nil && !force {
		return nil, ErrConfigExists
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	res := &Result{}
	var old []byte
	if force {
		var err error
		if old, err = readExisting(filepath.Join(dir, "qlint.toml")); err != nil {
			return nil, err
		}
	}
	err := build(dir, func(b *builder) error {
		if err := b.complete(p, res); err != nil {
			return err
		}
		if old != nil {
			// Her rules, waivers and audit dates stay: only the profile
			// is rewritten (or the old file is kept aside).
			merged, rw, err := rewriteConfig(b, old, p)
			if err != nil {
				return err
			}
			if rw.Merged && merged == string(old) {
				// The profile it already had: the file stays as it is
				// (git sees no change).
				res.Rewrite = Rewrite{Unchanged: true}
				return nil
			}
			text, res.Rewrite = merged, rw
		}
		return b.writeConfig(text, force)
	})
	if err != nil {
		return nil, err
	}
	if res.Rewrite.Unchanged {
		res.Kept = append([]string{"qlint.toml"}, res.Kept...)
	} else {
		res.Created = append([]string{"qlint.toml"}, res.Created...)
	}
	return res, nil
}

// Complete creates, in an evidence folder that already has its qlint.toml,
// the folders of the default layout that the profile and its grid need and
// that are missing, with their README.md files; it never touches qlint.toml
// nor any file already there. It is how a folder made for one grid gets the
// folders of the next.
func Complete(dir string, p Profile) (*Result, error) {
	if isGitDir(dir) {
		return nil, ErrGitDir
	}
	res := &Result{Kept: []string{"qlint.toml"}}
	return res, build(dir, func(b *builder) error { return b.complete(p, res) })
}

// builder writes inside one folder through os.Root (a link out of it is
// refused) and remembers what it made, to take it back on failure.
type builder struct {
	root *os.Root
	made []string
}

// build runs fn on dir; when fn fails, what it made is removed again.
func build(dir string, fn func(*builder) error) (err error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return err
	}
	defer root.Close()
	b := &builder{root: root}
	if err = fn(b); err != nil {
		for i := len(b.made) - 1; i >= 0; i-- {
			_ = root.Remove(b.made[i]) // a folder only if still empty
		}
		if safefile.Escapes(err) {
			err = fmt.Errorf("%w: %w", ErrLinkOut, err)
		}
	}
	return err
}

// mkdir makes the folder rel (with /) and its parents, through the root,
// and returns its path as it is on disk. A folder already there under a
// name the rules read as the same one (Sessions for sessions, "Analyse
// besoin" for analyse-besoin: linter.FoldName) is used instead of making
// its twin beside it; made tells whether rel itself was made.
func (b *builder) mkdir(rel string) (actual string, made bool, err error) {
	return b.mkdirAs(rel, true)
}

// mkdirAs is mkdir, looking for her folder under another name only with
// twins: qlint reads some folders under their exact name only (approche/,
// where the notes are NotePath).
func (b *builder) mkdirAs(rel string, twins bool) (actual string, made bool, err error) {
	for _, part := range strings.Split(rel, "/") {
		sub := path.Join(actual, part)
		info, err := b.root.Lstat(sub)
		if errors.Is(err, fs.ErrNotExist) && twins {
			if twin, ok := twin(b.root.FS(), actual, part); ok {
				sub, info, err = path.Join(actual, twin), nil, nil
			}
		}
		made = false
		switch {
		case err == nil && info != nil && info.Mode()&fs.ModeSymlink != 0:
			// os.Root follows a link only while it stays inside; ask now
			// for a plain error.
			target, err := b.root.Stat(sub)
			if err != nil {
				return "", false, err
			}
			if !target.IsDir() {
				return "", false, &NotFolderError{sub}
			}
		case err == nil && info != nil && !info.IsDir():
			return "", false, &NotFolderError{sub}
		case err == nil:
		case errors.Is(err, fs.ErrNotExist):
			if err := b.root.Mkdir(sub, 0o755); err != nil {
				return "", false, err
			}
			b.made = append(b.made, sub)
			made = true
		default:
			return "", false, err
		}
		actual = sub
	}
	return actual, made, nil
}

// twin returns the name of a folder of dir in fsys ("" for its top) that
// the rules read as name, or of a link to a folder inside fsys (os.Root
// refuses one out), the first by name when there are several.
func twin(fsys fs.FS, dir, name string) (string, bool) {
	if dir == "" {
		dir = "."
	}
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return "", false
	}
	want := linter.FoldName(name)
	for _, e := range entries { // sorted by name
		if linter.FoldName(e.Name()) != want {
			continue
		}
		if e.IsDir() {
			return e.Name(), true
		}
		if e.Type()&fs.ModeSymlink != 0 {
			if info, err := fs.Stat(fsys, path.Join(dir, e.Name())); err == nil && info.IsDir() {
				return e.Name(), true
			}
		}
	}
	return "", false
}

// Resolve returns where the layout's folder rel (with /) is in the evidence
// folder dir, as init finds it: each part under its own name, or under a
// name the rules read as the same; rel itself when it is not there.
// Nothing is written.
func Resolve(dir, rel string) string {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return rel
	}
	defer root.Close()
	fsys := root.FS()
	actual := ""
	for _, part := range strings.Split(strings.Trim(rel, "/"), "/") {
		sub := path.Join(actual, part)
		if _, err := fs.Stat(fsys, sub); err != nil {
			t, ok := twin(fsys, actual, part)
			if !ok {
				return rel
			}
			sub = path.Join(actual, t)
		}
		actual = sub
	}
	if strings.HasSuffix(rel, "/") {
		actual += "/"
	}
	return actual
}

// writeNew creates the file rel, which must not exist yet.
func (b *builder) writeNew(rel, content string) error {
	f, err := b.root.OpenFile(rel, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	b.made = append(b.made, rel)
	err = write(f, content)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// write puts content into a file just created. A test swaps it for one
// that fills the disk partway (syscall.ENOSPC after some bytes).
var write = func(f *os.File, content string) error {
	_, err := f.WriteString(content)
	return err
}

// writeConfig puts qlint.toml in place whole: written beside, then
// renamed. With force it replaces a regular file only, never a link.
func (b *builder) writeConfig(text string, force bool) error {
	tmp := fmt.Sprintf(".qlint.toml.%d.tmp", os.Getpid())
	if err := b.writeNew(tmp, text); err != nil {
		return err
	}
	if force {
		if info, err := b.root.Lstat("qlint.toml"); err == nil && !info.Mode().IsRegular() {
			return fmt.Errorf("qlint.toml: %w", safefile.ErrNotRegular)
		}
	}
	if err := b.root.Rename(tmp, "qlint.toml"); err != nil {
		return err
	}
	b.made = b.made[:len(b.made)-1] // the temporary file is qlint.toml now
	return nil
}

func (b *builder) complete(p Profile, res *Result) error {
	if p.Ref == nil {
		grids := rules.Grids()
		p.Ref = grids[len(grids)-1]
	}
	// The binder's own words: one approach note per indicator.
	dir, made, err := b.mkdirAs("approche", false)
	if err != nil {
		return err
	}
	if made {
		res.Created = append(res.Created, dir+"/")
	}
	readme := path.Join(dir, "README.md")
	if err := b.writeNew(readme, approachReadme(p.Lang, len(p.Ref.Indicators))); err == nil {
		res.Created = append(res.Created, readme)
	} else if errors.Is(err, fs.ErrExist) {
		res.Kept = append(res.Kept, readme)
	} else {
		return err
	}
	for _, f := range Folders(p.Org, p.Ref) {
		dir, made, err := b.mkdir(f.Path)
		if err != nil {
			return err
		}
		if made {
			res.Created = append(res.Created, dir+"/")
		}
		readme := path.Join(dir, "README.md")
		text := f.readmeIn(p.Lang, dir, made)
		err = b.writeNew(readme, text)
		if errors.Is(err, fs.ErrExist) {
			res.Kept = append(res.Kept, readme)
			if !b.writtenByInit(readme) {
				// Her own README: what goes in the folder is said beside
				// it, in the other name a folder's description takes.
				readme = path.Join(dir, "LISEZMOI.md")
				err = b.writeNew(readme, text)
			}
		}
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return err
		}
		res.Created = append(res.Created, readme)
	}
	return nil
}

// isGitDir reports whether dir is git's own folder: a .git folder or one
// inside it, or a bare repository (HEAD, objects and refs side by side).
func isGitDir(dir string) bool {
	if gitdates.InGitFolder(dir) {
		return true
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return false
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		abs = r
	}
	head, err1 := os.Stat(filepath.Join(abs, "HEAD"))
	objects, err2 := os.Stat(filepath.Join(abs, "objects"))
	refs, err3 := os.Stat(filepath.Join(abs, "refs"))
	return err1 == nil && err2 == nil && err3 == nil && head.Mode().IsRegular() && objects.IsDir() && refs.IsDir()
}

// Config returns the qlint.toml text for a profile.
func Config(p Profile) string {
	lang := p.Lang
	if lang == "" {
		lang = i18n.FR
	}
	cats := make([]string, len(p.Org.Categories))
	for i, c := range p.Org.Categories {
		cats[i] = fmt.Sprintf("%q", c)
	}
	audit := "# initial = 2025-06-12   # date de l'audit initial : surveillance entre +14 et +22 mois, renouvellement à 3 ans\n"
	if !p.InitialAudit.IsZero() {
		audit = fmt.Sprintf("initial = %s      # surveillance entre +14 et +22 mois, renouvellement à 3 ans\n", p.InitialAudit)
	}
	return fmt.Sprintf(`# Règles qlint de l'organisme : ce qui prouve chaque indicateur Qualiopi,
# et à quelle fréquence le renouveler. Écrit par qlint init.
schema = 1
extends = "qualiopi"   # les règles intégrées, pour l'arborescence créée par qlint init
referential = "auto"   # la grille du jour jugé : rnq-v9, puis rnq-2026 pour les audits à partir du 1er novembre 2026
lang = %q

[organization]
name = %q
categories = [%s]      # AF (formation), BC (bilan de compétences), VAE, CFA (apprentissage)
certifying = %t        # prestations menant à une certification RNCP ou RS
subcontracting = %t    # recours à la sous-traitance ou au portage salarial
work_linked = %t       # alternance, périodes en entreprise, AFEST
new_entrant = %t       # premier audit, sans activité passée
light_audit = %t       # audit allégé (label qualité antérieur reconnu)

[audit]
%s# next = 2026-10-05      # la date de l'audit suivant, une fois fixée (--as-of next-audit)

[defaults]
warn_within = "30d"     # signaler les preuves qui expirent dans les 30 jours

[ignore]
paths = ["archives/**"]

# Vos propres règles, ou le remplacement d'une règle intégrée (même id) :
# [[rule]]
# id = "veille-legale"
# indicators = [23]
# title = "Veille légale et réglementaire"
# paths = ["06-environnement/veille/legale/**"]
# max_age = "2mo"
#
# Pour ne plus vérifier une règle intégrée, en tête de fichier :
# disable = ["id-de-la-regle"]
`, string(lang), p.Name, strings.Join(cats, ", "), p.Org.Certifying, p.Org.Subcontracting, p.Org.WorkLinked,
		p.Org.NewEntrant, p.Org.LightAudit, audit)
}

// Folder is a folder of the default layout and the built-in rules that look
// into it.
type Folder struct {
	Path  string
	Rules []*rules.Rule // rules whose patterns start right in this folder
	Each  []*rules.Rule // rules judged in each subfolder of this folder
	Subs  []string      // child folders of the layout
}

// Folders returns the folders of the default layout that apply to org: the
// literal folders of the built-in rules that serve at least one indicator
// that applies, and their parents.
func Folders(org rules.Organization, ref *rules.Referential) []*Folder {
	byPath := map[string]*Folder{}
	var get func(p string) *Folder
	get = func(p string) *Folder {
		if f, ok := byPath[p]; ok {
			return f
		}
		f := &Folder{Path: p}
		byPath[p] = f
		// Parents exist too, and know their children.
		if parent := path.Dir(p); parent != "." {
			pf := get(parent)
			pf.Subs = append(pf.Subs, p)
		}
		return f
	}
	for _, r := range ref.Pack() {
		applies := false
		for _, n := range r.Indicators {
			ind, _ := ref.Indicator(n)
			applies = applies || ref.Applies(ind, org).Applies
		}
		if !applies {
			continue
		}
		if r.Each != "" {
			if dir := literalDir(r.Each); dir != "" {
				f := get(dir)
				f.Each = append(f.Each, r)
			}
			continue
		}
		seen := map[string]bool{}
		for _, p := range r.Paths {
			if dir := literalDir(p); dir != "" && !seen[dir] {
				seen[dir] = true
				f := get(dir)
				f.Rules = append(f.Rules, r)
			}
		}
	}
	out := make([]*Folder, 0, len(byPath))
	for _, f := range byPath {
		sort.Strings(f.Subs)
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// literalDir returns the folder a pattern starts in, before any wildcard:
// "06-environnement/veille/legale/**" → "06-environnement/veille/legale".
func literalDir(p string) string {
	if i := strings.IndexAny(p, "*?[{"); i >= 0 {
		p = p[:i]
	} else {
		p = path.Dir(p) + "/"
	}
	if j := strings.LastIndexByte(p, '/'); j >= 0 {
		return p[:j]
	}
	return ""
}

// readmeIn is the README.md of f, in language l, written in dir, the folder as it is on disk
// (hers when she named it her way), made by init or already there.
func (f *Folder) readmeIn(l i18n.Lang, dir string, made bool) string {
	t := func(fr, en string) string { return i18n.T(fr, en).In(l) }
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", dir)
	if len(f.Rules) > 0 {
		b.WriteString(t("Preuves à déposer dans ce dossier (qlint les vérifie) :\n\n", "Proofs to file in this folder (qlint checks them):\n\n"))
		for _, r := range f.Rules {
			b.WriteString(ruleLine(r, f.Path, l))
		}
		b.WriteString("\n")
	}
	if len(f.Each) > 0 {
		if path.Base(f.Path) == "sessions" {
			b.WriteString(t(
				"Un sous-dossier par session, nommé d'après sa date de début (`2026-03-12_client_intitule`), ou avec un `session.toml` qui donne `start = 2026-03-12` et `end = 2026-03-14`. Les sessions peuvent être rangées par année ou par client (`2026/2026-03-12_client/`). Une session qui prépare une certification le dit dans son `session.toml` : `certification = \"RNCP35185\"`. Chaque session doit contenir :\n\n",
				"One subfolder per session, named after its first day (`2026-03-12_client_title`), or holding a `session.toml` that gives `start = 2026-03-12` and `end = 2026-03-14`. Sessions may be grouped by year or by client (`2026/2026-03-12_client/`). A session that prepares a certification says so in its `session.toml`: `certification = \"RNCP35185\"`. Each session must hold:\n\n"))
		} else {
			b.WriteString(t("Un sous-dossier par personne ou partenaire suivi (par exemple `marie-durand/`). Chacun doit contenir :\n\n",
				"One subfolder per person or partner followed (for example `marie-durand/`). Each must hold:\n\n"))
		}
		for _, r := range f.Each {
			b.WriteString(ruleLine(r, "", l))
		}
		b.WriteString("\n")
	}
	if len(f.Subs) > 0 {
		b.WriteString(t("Sous-dossiers :", "Subfolders:"))
		for _, s := range f.Subs {
			fmt.Fprintf(&b, " `%s/`", path.Base(s))
		}
		b.WriteString("\n\n")
	}
	if made {
		b.WriteString(t("Dossier créé par `qlint init`. Ce README n'est pas une preuve : qlint ne le compte pas.\n",
			"Folder made by `qlint init`. This README is not a proof: qlint does not count it.\n"))
	} else {
		b.WriteString(t("README écrit par `qlint init` dans ce dossier, qui existait. Il n'est pas une preuve : qlint ne le compte pas.\n",
			"README written by `qlint init` in this folder, which was already there. It is not a proof: qlint does not count it.\n"))
	}
	return b.String()
}

func ruleLine(r *rules.Rule, folder string, l i18n.Lang) string {
	t := func(fr, en string) string { return i18n.T(fr, en).In(l) }
	var pats []string
	for _, p := range r.Paths {
		if folder != "" {
			if !strings.HasPrefix(p, folder+"/") {
				continue
			}
			p = strings.TrimPrefix(p, folder+"/")
		}
		pats = append(pats, "`"+rules.ReadablePattern(p)+"`")
	}
	inds := make([]string, len(r.Indicators))
	for i, n := range r.Indicators {
		inds[i] = fmt.Sprint(n)
	}
	word := t("indicateur", "indicator")
	if len(inds) > 1 {
		word = t("indicateurs", "indicators")
	}
	s := fmt.Sprintf("- **%s** (%s %s) : %s", r.Title, word, strings.Join(inds, ", "), strings.Join(pats, ", "))
	if l == i18n.EN {
		s = strings.Replace(s, ") : ", "): ", 1)
	}
	switch {
	case !r.MaxAge.IsZero():
		s += t(" ; valable ", "; valid for ") + r.MaxAge.Words().In(l)
	case r.Due != nil:
		s += t(" ; à fournir au plus tard ", "; due by ") + r.Due.Words(dueDays).In(l)
	}
	return s + "\n"
}

// dueDays names the days a due offset counts from, in the READMEs'
// sentences: "à fournir au plus tard 7 jours après la fin".
var dueDays = rules.OffsetWords{
	Start: i18n.T("le début", "the start"), End: i18n.T("la fin", "the end"),
	AtStart: i18n.T("au début", "the start"), AtEnd: i18n.T("à la fin", "the end"),
}

func approachReadme(l i18n.Lang, count int) string {
	last := fmt.Sprintf("indicateur-%02d.md", count)
	return strings.ReplaceAll(i18n.T(`# approche

Votre démarche, indicateur par indicateur, en quelques lignes : comment
l'organisme répond à l'indicateur, qui s'en charge, où sont les preuves.
Un fichier par indicateur : indicateur-01.md, indicateur-02.md…
indicateur-32.md (titres avec #, listes avec -).

qlint les insère dans le classeur d'audit : qlint -f html -o classeur.html
Ce dossier n'est pas une preuve : qlint ne compte pas ces fichiers.
`, `# approche

Your approach, indicator by indicator, in a few lines: how the organization
meets the indicator, who is in charge, where the proofs are. One file per
indicator: indicateur-01.md, indicateur-02.md… indicateur-32.md (headings
with #, lists with -).

qlint puts them into the audit binder: qlint -f html -o binder.html
This folder holds no proof: qlint does not count these files.
`).In(l), "indicateur-32.md", last)
}

// writtenByInit reports whether the README at rel is one init wrote (it
// says so on its last line), or cannot be read.
func (b *builder) writtenByInit(rel string) bool {
	// Never blocks on a named pipe, never reads through a link out.
	data, err := safefile.ReadRoot(b.root, rel, safefile.SmallLimit)
	return err != nil || bytes.Contains(data, []byte("`qlint init`"))
}
