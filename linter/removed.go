package linter

import (
	"fmt"
	"sort"
	"strings"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/rules"
)

// noteRemoved, after KeepNew, names the proofs deleted since the revision.
// A proof the revision had and the tree has no more is grouped by rule and
// item: when that item has a new finding for the rule, the finding names
// the deleted files; when the item has no proof of the rule left and no
// finding (an each folder whose only file was deleted is no item any more,
// so its findings vanish with it), a new finding says the proofs were
// deleted. Either way a pre-commit hook refuses the deletion and says why.
// inCommit says the revision is HEAD judged against the staged tree. A
// proof moved tells moved is not deleted: a folder renamed with its
// proofs removes nothing.
func noteRemoved(rep, base *Report, now *Tree, ref *rules.Referential, inCommit bool, moved func(p string) bool) {
	if rep.Baseline == nil || base == nil {
		return
	}
	added := false
	for _, g := range removedProofs(base, now, moved) {
		names := strings.Join(g.paths, ", ")
		gone := i18n.T("supprimé dans cet enregistrement : "+names, "deleted in this commit: "+names)
		if !inCommit {
			r := BaselineName(rep.Baseline)
			gone = i18n.T("supprimé depuis "+r+" : "+names, "deleted since "+r+": "+names)
		}
		if rep.nameRemoved(g, gone) || stillProved(rep, g.rule, g.dir) {
			continue
		}
		r := rep.ruleDefs[g.rule]
		if r == nil {
			continue
		}
		f := removedFinding(r, g, gone, ref, rep.Lang)
		rep.Findings = append(rep.Findings, f)
		added = true
		rep.Summary.count(f.Severity)
	}
	if added {
		sortFindings(rep.Findings)
	}
}

// removedGroup is the proofs of one rule (and one each folder) that the
// baseline had and the tree no longer has.
type removedGroup struct {
	rule, dir string
	paths     []string // sorted
}

// removedProofs groups the baseline's proofs that are gone from now, and
// were not moved, by rule and folder, in the order of rule and folder.
func removedProofs(base *Report, now *Tree, moved func(p string) bool) []*removedGroup {
	present := make(map[string]bool, len(now.Files))
	for _, f := range now.Files {
		present[f.Path] = true
	}
	groups := map[string]*removedGroup{}
	var order []string
	for id, ms := range base.Matches {
		for _, m := range ms {
			if present[m.Path] || moved(m.Path) {
				continue
			}
			k := id + "\x00" + fold(m.Dir)
			g := groups[k]
			if g == nil {
				g = &removedGroup{rule: id, dir: m.Dir}
				groups[k] = g
				order = append(order, k)
			}
			g.paths = append(g.paths, m.Path)
		}
	}
	sort.Strings(order)
	out := make([]*removedGroup, len(order))
	for i, k := range order {
		g := groups[k]
		sort.Strings(g.paths)
		out[i] = g
	}
	return out
}

// nameRemoved adds what is gone to the findings of g's rule and folder,
// and reports whether there were any.
func (rep *Report) nameRemoved(g *removedGroup, gone i18n.Text) bool {
	named := false
	for i := range rep.Findings {
		f := &rep.Findings[i]
		if f.Rule == g.rule && fold(f.item) == fold(g.dir) {
			f.text = i18n.T(f.text.In(i18n.FR)+" ("+gone.In(i18n.FR)+")", f.text.In(i18n.EN)+" ("+gone.In(i18n.EN)+")")
			f.Message = f.text.In(rep.Lang)
			named = true
		}
	}
	return named
}

// removedFinding is the finding for a rule left with no proof by the
// removal of g's: missing, as a major nonconformity when one of its
// indicators is.
func removedFinding(r *rules.Rule, g *removedGroup, gone i18n.Text, ref *rules.Referential, lang i18n.Lang) Finding {
	f := Finding{Kind: KindMissing, Severity: r.Severity, Indicators: r.Indicators, Rule: r.ID,
		Path: g.dir, RuleFile: ruleFile(r), RuleLine: ruleLine(r), Label: labelIn(r, lang), item: g.dir}
	if f.Path == "" {
		f.Path = g.paths[0]
	}
	f.text = i18n.T(fmt.Sprintf("%s : plus aucune preuve (%s)", label(r), gone.In(i18n.FR)),
		fmt.Sprintf("%s: no proof left (%s)", labelEN(r), gone.In(i18n.EN)))
	f.Message = f.text.In(lang)
	f.NC = rules.NCMinorOrMajor
	for _, n := range f.Indicators {
		if ref == nil {
			break
		}
		if ind, ok := ref.Indicator(n); ok && ind.NC == rules.NCMajor {
			f.NC = rules.NCMajor
		}
	}
	return f
}

// stillProved reports whether rule id still matches a file in item dir.
func stillProved(rep *Report, id, dir string) bool {
	for _, m := range rep.Matches[id] {
		if fold(m.Dir) == fold(dir) {
			return true
		}
	}
	return false
}
