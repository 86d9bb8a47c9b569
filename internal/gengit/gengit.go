// Package gengit generates synthetic evidence repositories for tests and
// benchmarks: many files in a realistic folder layout, years of commits that
// edit, add, rename, move whole folders, delete and re-create files, branches
// merged back, and now and then a merge that changes a file itself. It
// streams the history into `git fast-import`, and it knows, for every file
// of the final HEAD, the date the contract gives it (the last commit that
// changed its content), so that history readers can be checked against it.
package gengit

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Params shape a repository.
type Params struct {
	Files   int     // files at HEAD, about
	Commits int     // commits, about (merges included)
	Years   int     // span of the history
	Renames float64 // share of commits that rename or move a file (0.05)
	Moves   int     // whole-folder moves over the history
	Merges  int     // branches merged back
	Seed    uint64
	End     time.Time // date of the last commit (default 2026-11-01)
}

// Expected is the date each HEAD file must get: path → YYYY-MM-DD.
type Expected map[string]string

type file struct {
	content string
	date    string
}

// set is the files of a tree, in a slice as well as a map so that random
// picks are reproducible from the seed.
type set struct {
	m    map[string]file
	keys []string
	at   map[string]int
}

func newSet() *set { return &set{m: map[string]file{}, at: map[string]int{}} }

func (s *set) put(p string, f file) {
	if _, ok := s.m[p]; !ok {
		s.at[p] = len(s.keys)
		s.keys = append(s.keys, p)
	}
	s.m[p] = f
}

func (s *set) del(p string) {
	i, ok := s.at[p]
	if !ok {
		return
	}
	last := s.keys[len(s.keys)-1]
	s.keys[i], s.at[last] = last, i
	s.keys = s.keys[:len(s.keys)-1]
	delete(s.at, p)
	delete(s.m, p)
}

type gen struct {
	p       Params
	rng     *rand.Rand
	w       *bufio.Writer
	mark    int
	version int
	when    time.Time
	step    time.Duration
	tz      *time.Location
	deleted []deletedFile
}

// Generate writes the repository into dir (created, must not hold a
// repository yet) with the git binary, and returns the expected dates.
func Generate(dir string, p Params) (Expected, error) {
	if p.Years == 0 {
		p.Years = 3
	}
	if p.End.IsZero() {
		p.End = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	if out, err := exec.Command("git", "init", "-q", "-b", "main", dir).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("git init: %v: %s", err, out)
	}
	cmd := exec.Command("git", "fast-import", "--quiet", "--done")
	cmd.Dir = dir
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	g := &gen{p: p, rng: rand.New(rand.NewPCG(p.Seed, p.Seed^0x9e3779b97f4a7c15)), w: bufio.NewWriterSize(stdin, 1<<20),
		tz: time.FixedZone("CET", 3600)}
	exp, genErr := g.run()
	if genErr == nil {
		fmt.Fprintln(g.w, "done")
		genErr = g.w.Flush()
	}
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		return nil, fmt.Errorf("git fast-import: %v: %s", err, stderr.String())
	}
	if genErr != nil {
		return nil, genErr
	}
	if out, err := exec.Command("git", "-C", dir, "checkout", "-q", "-f", "main").CombinedOutput(); err != nil {
		return nil, fmt.Errorf("git checkout: %v: %s", err, out)
	}
	return exp, nil
}

// layout makes a realistic path for the i-th file.
func (g *gen) newPath(i int) string {
	switch g.rng.IntN(6) {
	case 0, 1, 2:
		return fmt.Sprintf("sessions/%d-%02d-%02d_client-%d/%s-%d.pdf", 2020+i%7, 1+i%12, 1+i%28, i/40,
			[]string{"convention", "emargement", "evaluation", "attestation", "satisfaction-chaud"}[g.rng.IntN(5)], i)
	case 3:
		return fmt.Sprintf("06-environnement/veille/%s/note-%d.md", []string{"legale", "metiers", "pedagogique"}[i%3], i)
	case 4:
		return fmt.Sprintf("05-competences/intervenants/formateur-%d/cv-%d.pdf", i%150, i)
	}
	return fmt.Sprintf("%02d-dossier/sous-dossier-%d/doc-%d.pdf", i%8, i%40, i)
}

func (g *gen) content(p string) string {
	g.version++
	return fmt.Sprintf("%s v%d\n", p, g.version)
}

func (g *gen) run() (Expected, error) {
	p := g.p
	start := p.End.AddDate(-p.Years, 0, 0)
	g.step = p.End.Sub(start) / time.Duration(max(p.Commits, 1))
	g.when = start

	main := newSet()
	initial := p.Files / 2
	adds := p.Files - initial
	// The first commit holds half the files; the rest come one by one.
	ops := map[string]string{}
	date := g.day()
	for i := 0; i < initial; i++ {
		pth := g.newPath(i)
		main.put(pth, file{g.content(pth), date})
		ops[pth] = main.m[pth].content
	}
	last := g.commit("refs/heads/main", "dépôt initial", 0, nil, ops, nil, nil)
	next := initial
	commitsLeft := p.Commits - 1
	mergeEvery := 0
	if p.Merges > 0 {
		mergeEvery = max(commitsLeft/(p.Merges+1), 4)
	}
	moveEvery := 0
	if p.Moves > 0 {
		moveEvery = max(commitsLeft/(p.Moves+1), 2)
	}
	for c := 1; commitsLeft > 0; c++ {
		switch {
		case mergeEvery > 0 && c%mergeEvery == 0 && commitsLeft >= 4:
			last = g.branchAndMerge(main, last)
			commitsLeft -= 3
		case moveEvery > 0 && c%moveEvery == 0:
			last = g.moveFolder(main, last)
			commitsLeft--
		default:
			last, next = g.ordinary(main, last, next, adds, c)
			commitsLeft--
		}
	}
	exp := Expected{}
	for pth, f := range main.m {
		exp[pth] = f.date
	}
	return exp, nil
}

// day advances the clock by one commit and returns that day, in the
// author's zone.
func (g *gen) day() string {
	g.when = g.when.Add(g.step)
	return g.when.In(g.tz).Format(time.DateOnly)
}

// ordinary makes a commit that adds a file, edits one or two, renames one,
// deletes one, or re-creates a deleted one with its old content.
func (g *gen) ordinary(main *set, parent, next, adds, c int) (int, int) {
	date := g.day()
	ops := map[string]string{}
	var dels []string
	var renames [][2]string
	r := g.rng.Float64()
	switch {
	case next < g.p.Files && (r < 0.25 || c%3 == 0 && next-g.p.Files/2 < adds):
		pth := g.newPath(next)
		next++
		if _, taken := main.m[pth]; !taken {
			main.put(pth, file{g.content(pth), date})
			ops[pth] = main.m[pth].content
		}
	case r < 0.25+g.p.Renames && len(main.keys) > 1:
		from := g.pick(main)
		to := path.Join(path.Dir(from), "renomme-"+path.Base(from))
		if _, taken := main.m[to]; !taken {
			main.put(to, main.m[from]) // same content, same date
			main.del(from)
			renames = append(renames, [2]string{from, to})
		}
	case r < 0.28 && len(main.keys) > 1:
		pth := g.pick(main)
		g.deleted = append(g.deleted, deletedFile{pth, main.m[pth].content})
		main.del(pth)
		dels = append(dels, pth)
	case r < 0.30 && len(g.deleted) > 0:
		// Back with its old content: still an update, at this commit.
		d := g.deleted[len(g.deleted)-1]
		g.deleted = g.deleted[:len(g.deleted)-1]
		if _, taken := main.m[d.path]; !taken {
			main.put(d.path, file{d.content, date})
			ops[d.path] = d.content
		}
	default:
		for k := 0; k < 1+g.rng.IntN(2) && len(main.keys) > 0; k++ {
			pth := g.pick(main)
			main.put(pth, file{g.content(pth), date})
			ops[pth] = main.m[pth].content
		}
	}
	return g.commit("refs/heads/main", "modification", parent, nil, ops, dels, renames), next
}

type deletedFile struct{ path, content string }

// moveFolder moves a whole top-level folder: no file's date changes.
func (g *gen) moveFolder(main *set, parent int) int {
	g.day()
	pth := g.pick(main)
	top := strings.SplitN(pth, "/", 2)[0]
	to := top + "-v" + fmt.Sprint(g.mark)
	var moving []string
	for _, p := range main.keys {
		if strings.HasPrefix(p, top+"/") {
			moving = append(moving, p)
		}
	}
	sort.Strings(moving)
	for _, p := range moving {
		f := main.m[p]
		main.del(p)
		main.put(to+strings.TrimPrefix(p, top), f)
	}
	return g.commit("refs/heads/main", "réorganisation : "+top+" → "+to, parent, nil, nil, nil, [][2]string{{top, to}})
}

// branchAndMerge edits a file on a branch and another on main, then merges;
// one merge in two also changes a third file itself (an evil merge).
func (g *gen) branchAndMerge(main *set, parent int) int {
	a, b := g.pick(main), g.pick(main)
	for b == a && len(main.keys) > 1 {
		b = g.pick(main)
	}
	da := g.day()
	ca := g.content(a)
	br := g.commit("refs/heads/branche", "sur la branche", parent, nil, map[string]string{a: ca}, nil, nil)
	db := g.day()
	cb := g.content(b)
	mainTip := g.commit("refs/heads/main", "sur main", parent, nil, map[string]string{b: cb}, nil, nil)
	dm := g.day()
	main.put(a, file{ca, da})
	main.put(b, file{cb, db})
	ops := map[string]string{a: ca} // the merge result takes the branch's a
	if g.rng.IntN(2) == 0 {
		c := g.pick(main)
		if c != a && c != b {
			main.put(c, file{g.content(c), dm})
			ops[c] = main.m[c].content
		}
	}
	return g.commit("refs/heads/main", "fusion de la branche", mainTip, []int{br}, ops, nil, nil)
}

func (g *gen) pick(s *set) string {
	return s.keys[g.rng.IntN(len(s.keys))]
}

// commit writes one commit to the fast-import stream and returns its mark.
func (g *gen) commit(ref, msg string, from int, merges []int, ops map[string]string, dels []string, renames [][2]string) int {
	g.mark++
	w := g.w
	ts := g.when.Unix()
	fmt.Fprintf(w, "commit %s\nmark :%d\n", ref, g.mark)
	fmt.Fprintf(w, "author Qualité <qualite@example.org> %d +0100\n", ts)
	fmt.Fprintf(w, "committer Qualité <qualite@example.org> %d +0100\n", ts)
	fmt.Fprintf(w, "data %d\n%s\n", len(msg), msg)
	if from > 0 {
		fmt.Fprintf(w, "from :%d\n", from)
	}
	for _, m := range merges {
		fmt.Fprintf(w, "merge :%d\n", m)
	}
	for _, r := range renames {
		fmt.Fprintf(w, "R %q %q\n", r[0], r[1])
	}
	for _, d := range dels {
		fmt.Fprintf(w, "D %q\n", d)
	}
	paths := make([]string, 0, len(ops))
	for p := range ops {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		fmt.Fprintf(w, "M 100644 inline %q\ndata %d\n%s\n", p, len(ops[p]), ops[p])
	}
	fmt.Fprintln(w)
	return g.mark
}

// WriteExpected saves the expected dates, one "date path" a line, sorted.
func WriteExpected(w io.Writer, exp Expected) error {
	paths := make([]string, 0, len(exp))
	for p := range exp {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	bw := bufio.NewWriter(w)
	for _, p := range paths {
		fmt.Fprintf(bw, "%s %s\n", exp[p], p)
	}
	return bw.Flush()
}

// Cached returns a repository generated with p in the system's temporary
// folder, generating it only when no earlier run left one: benchmarks reuse
// it across runs. The expected dates are not kept.
func Cached(p Params) (string, error) {
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("qlint-gen-%d-%d-%d-%d", p.Files, p.Commits, p.Years, p.Seed))
	if _, err := os.Stat(filepath.Join(dir, ".git", "qlint-gen-done")); err == nil {
		return dir, nil
	}
	if err := os.RemoveAll(dir); err != nil {
		return "", err
	}
	if _, err := Generate(dir, p); err != nil {
		return "", err
	}
	return dir, os.WriteFile(filepath.Join(dir, ".git", "qlint-gen-done"), nil, 0o644)
}
