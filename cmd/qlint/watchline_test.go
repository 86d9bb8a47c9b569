package main

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/qlint/qlint/linter"
	"github.com/qlint/qlint/watcher"
)

func TestChangeLine(t *testing.T) {
	at := time.Date(2026, 11, 22, 14, 5, 9, 0, time.Local)
	first := changeLine(nil, &linter.Report{}, nil, at, changeWhy{})
	assert.Contains(t, first.EN, "[14:05:09] Watching")

	prev := &linter.Report{
		Indicators: []linter.IndicatorResult{{ID: 1, Status: linter.StatusMissing}, {ID: 2, Status: linter.StatusOK}},
		Findings:   []linter.Finding{{Kind: "missing", Rule: "catalogue", Path: "catalogue/*.pdf"}, {Kind: "unmapped", Path: "x.pdf"}},
	}
	cur := &linter.Report{
		Indicators: []linter.IndicatorResult{{ID: 1, Status: linter.StatusOK}, {ID: 2, Status: linter.StatusStale}},
		Findings:   []linter.Finding{{Kind: "unmapped", Path: "x.pdf"}, {Kind: "stale", Rule: "r", Path: "y.md"}},
	}
	ch := &watcher.Change{Paths: []string{"catalogue/CGV 2026.pdf", "y.md"}, Git: true}
	line := changeLine(prev, cur, ch, at, changeWhy{files: 2, names: changedNames("/preuves", ch)})
	assert.Equal(t, "[14:05:09] 2 files changed (catalogue/CGV 2026.pdf, y.md): 1 new finding, 1 resolved, git repository changed; indicators 1 MISSING → OK, 2 OK → STALE.", line.EN)
	assert.Equal(t, "[14:05:09] 2 fichiers changés (catalogue/CGV 2026.pdf, y.md) : 1 nouveau constat, 1 résolu, dépôt git modifié ; indicateurs 1 MANQUANT → CONFORME, 2 CONFORME → PÉRIMÉ.", line.FR)

	// An indicator whose only problems get waived is never said conforme.
	waived := &linter.Report{Indicators: []linter.IndicatorResult{{ID: 1, Status: linter.StatusOK, Waived: true}, {ID: 2, Status: linter.StatusStale}}}
	line = changeLine(cur, waived, ch, at, changeWhy{files: 1})
	assert.Contains(t, line.FR, "indicateurs 1 CONFORME → DÉROGATION.")
	assert.Contains(t, line.EN, "indicators 1 OK → WAIVED.")
	line = changeLine(prev, waived, ch, at, changeWhy{files: 1})
	assert.Contains(t, line.FR, "1 MANQUANT → DÉROGATION")
}

// TestChangeLineNamesFiles: the change line names the files that changed,
// at most three, the rest counted; a control character in a name does not
// reach the terminal.
func TestChangeLineNamesFiles(t *testing.T) {
	at := time.Date(2026, 11, 22, 14, 5, 9, 0, time.Local)
	rep := &linter.Report{}
	tests := []struct {
		name   string
		paths  []string
		fr, en string
	}{
		{"one", []string{"sessions/2026-03-12 acme/Feuille d'émargement.pdf"},
			"[14:05:09] 1 fichier changé (sessions/2026-03-12 acme/Feuille d'émargement.pdf) : ",
			"[14:05:09] 1 file changed (sessions/2026-03-12 acme/Feuille d'émargement.pdf): "},
		{"five", []string{"a.pdf", "b.pdf", "c.pdf", "d.pdf", "e.pdf"},
			"[14:05:09] 5 fichiers changés (a.pdf, b.pdf, c.pdf et 2 autres) : ",
			"[14:05:09] 5 files changed (a.pdf, b.pdf, c.pdf and 2 more): "},
		{"four", []string{"a.pdf", "b.pdf", "c.pdf", "d.pdf"},
			"(a.pdf, b.pdf, c.pdf et 1 autre) : ", "(a.pdf, b.pdf, c.pdf and 1 more): "},
		{"escape", []string{"a\x1b[2Jb.pdf"}, "fichier changé (a", "file changed (a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ch := &watcher.Change{Paths: tt.paths}
			names := changedNames("/preuves", ch)
			line := changeLine(rep, rep, ch, at, changeWhy{files: len(names), names: names})
			assert.Contains(t, line.FR, tt.fr)
			assert.Contains(t, line.EN, tt.en)
			assert.NotContains(t, line.FR, "\x1b")
		})
	}
}

// TestChangeLineAfterCommit: a commit changes no file but the dates; the
// line says so with the commit, not « 0 fichier changé … dépôt git
// modifié »; the banner does not say « enregistrez » for saving a file.
func TestChangeLineAfterCommit(t *testing.T) {
	at := time.Date(2026, 11, 22, 14, 5, 9, 0, time.Local)
	prev := &linter.Report{History: linter.HistoryInfo{Kind: "git", Head: "0d1a2b3c4d5e6f708192a3b4c5d6e7f809a1b2c3"}}
	cur := &linter.Report{History: linter.HistoryInfo{Kind: "git", Head: "e0628851f2a3b4c5d6e7f8091a2b3c4d5e6f7081"}}
	ch := &watcher.Change{Git: true}
	tests := []struct {
		name      string
		prev, cur *linter.Report
		why       changeWhy
		fr, en    string
	}{
		{"commit", prev, cur, changeWhy{},
			"[14:05:09] nouvel enregistrement (commit e062885), dates mises à jour : 0 nouveau constat, 0 résolu.",
			"[14:05:09] new commit (e062885), dates updated: 0 new findings, 0 resolved."},
		{"staging", prev, prev, changeWhy{},
			"[14:05:09] dépôt git modifié (fichiers indexés, branche…) : 0 nouveau constat, 0 résolu.",
			"[14:05:09] git repository changed (staged files, branch…): 0 new findings, 0 resolved."},
		{"files and commit", prev, cur, changeWhy{files: 1, names: changedNames("/preuves", &watcher.Change{Paths: []string{"a.pdf"}})},
			"[14:05:09] 1 fichier changé (a.pdf) : 0 nouveau constat, 0 résolu, nouvel enregistrement (commit e062885).",
			"[14:05:09] 1 file changed (a.pdf): 0 new findings, 0 resolved, new commit (e062885)."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			line := changeLine(tt.prev, tt.cur, ch, at, tt.why)
			assert.Equal(t, tt.fr, line.FR)
			assert.Equal(t, tt.en, line.EN)
		})
	}
	banner := changeLine(nil, cur, nil, at, changeWhy{})
	assert.NotContains(t, banner.FR, "enregistrez")
	assert.Contains(t, banner.FR, "enregistrée dans git")
}
