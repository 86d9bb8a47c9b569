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
	line := changeLine(prev, cur, &watcher.Change{Paths: []string{"catalogue/2026.pdf", "y.md"}, Git: true}, at, changeWhy{files: 2})
	assert.Equal(t, "[14:05:09] 2 files changed: 1 new finding, 1 resolved, git repository changed; indicators 1 MISSING → OK, 2 OK → STALE.", line.EN)
	assert.Equal(t, "[14:05:09] 2 fichiers changés : 1 nouveau constat, 1 résolu, dépôt git modifié ; indicateurs 1 MANQUANT → CONFORME, 2 CONFORME → PÉRIMÉ.", line.FR)
}
