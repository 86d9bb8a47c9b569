package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/qlint/qlint/linter"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/rules"
)

// goldenReport has one finding of most kinds.
func goldenReport(t *testing.T, lang i18n.Lang) *linter.Report {
	fs := fstest.MapFS{
		"veille/2025-01.md":                   file("2025-01-10"),
		"sessions/2026-11-02_mairie/conv.pdf": file("2026-10-20"),
		"sessions/2026-12-05_acme/conv.pdf":   file("2026-11-01"),
		"scan | 001.pdf":                      file("2026-01-01"),
		"qlint.toml":                          file("2026-01-01"),
	}
	cfg := `
[organization]
name = "Formations <Dupont> & fils"
[audit]
initial = 2025-06-12
` + veille + sessions + `
[[rule]]
id = "tout-le-reste"
indicators = [1, 2, 4, 5, 6, 8, 9, 10, 12, 17, 18, 19, 21, 22, 24, 25, 26, 31, 32]
paths = ["qlint.toml"]
`
	rep := judgeTree(t, fs, cfg, "2026-11-22")
	rep.Lang = lang
	for i := range rep.Indicators {
		ind, _ := rules.Builtin().Indicator(rep.Indicators[i].ID)
		rep.Indicators[i].Title = ind.Title.In(lang)
	}
	for i := range rep.Findings {
		rep.Findings[i].Message = rep.Findings[i].Text(lang)
		if rep.Findings[i].RuleFile != "" {
			rep.Findings[i].RuleFile = "preuves/qlint.toml" // as the CLI loads it
		}
	}
	rep.Tool = linter.Tool{Name: "qlint", Version: "test"}
	rep.Root = "preuves"
	rep.ConfigPath = "preuves/qlint.toml"
	return rep
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", "golden", name)
	if os.Getenv("QLINT_UPDATE") != "" {
		require.NoError(t, os.WriteFile(p, got, 0o644))
	}
	want, err := os.ReadFile(p)
	require.NoError(t, err, "run with QLINT_UPDATE=1 to create it")
	assert.Equal(t, string(want), string(got))
}

func TestPrinterGoldens(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.FR, i18n.EN} {
		rep := goldenReport(t, lang)
		for name, write := range map[string]func(*bytes.Buffer) error{
			"github":   func(b *bytes.Buffer) error { return WriteGitHub(b, rep) },
			"markdown": func(b *bytes.Buffer) error { return WriteMarkdown(b, rep) },
			"sarif":    func(b *bytes.Buffer) error { return WriteSARIF(b, rep) },
			"gitlab":   func(b *bytes.Buffer) error { return WriteGitLab(b, rep) },
			"json":     func(b *bytes.Buffer) error { return WriteJSON(b, rep) },
			"text":     func(b *bytes.Buffer) error { return WriteText(b, rep, TextOptions{}) },
		} {
			t.Run(name+"-"+string(lang), func(t *testing.T) {
				var b bytes.Buffer
				require.NoError(t, write(&b))
				golden(t, name+"."+string(lang)+".golden", b.Bytes())
			})
		}
	}
}

func TestGitHubAnnotationCapsAndEscaping(t *testing.T) {
	rep := &linter.Report{Lang: i18n.EN, Root: ".", ConfigPath: "qlint.toml"}
	for i := 0; i < 25; i++ {
		rep.Findings = append(rep.Findings, linter.Finding{Kind: linter.KindStale, Severity: "error", Indicators: []int{23},
			Path: fmt.Sprintf("veille/a,b:%02d.md", i), Message: "line one\nline 100%"})
	}
	for i := 0; i < 3; i++ {
		rep.Findings = append(rep.Findings, linter.Finding{Kind: linter.KindDueSoon, Severity: "warning", Indicators: []int{23}, Path: "x.md", Message: "w"})
	}
	var b bytes.Buffer
	require.NoError(t, WriteGitHub(&b, rep))
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	assert.Equal(t, 10, strings.Count(b.String(), "::error "), "10 errors at most per step")
	assert.Equal(t, 3, strings.Count(b.String(), "::warning "))
	assert.Equal(t, "::error file=veille/a%2Cb%3A00.md,title=qlint · indicator 23 · stale::line one␊line 100%25", lines[0], "a line break in a name is shown, as in the text report")
	assert.Contains(t, lines[len(lines)-1], "15 findings not annotated (GitHub's limit): see the job summary.")
}

func TestGitHubLocations(t *testing.T) {
	rep := goldenReport(t, i18n.EN)
	var b bytes.Buffer
	require.NoError(t, WriteGitHub(&b, rep))
	out := b.String()
	// A missing proof points at its rule in qlint.toml; a stale one at its file.
	assert.Contains(t, out, "::error file=preuves/qlint.toml,line=")
	assert.Contains(t, out, "::error file=preuves/veille/2025-01.md,title=qlint · indicator 23 · stale::")
}

// TestSARIFStructure checks the parts of SARIF 2.1.0 that consumers
// require: version and schema, one run with a named driver, rules with ids,
// results pointing at an existing rule with a valid level and a message.
func TestSARIFStructure(t *testing.T) {
	var b bytes.Buffer
	rep := goldenReport(t, i18n.EN)
	require.NoError(t, WriteSARIF(&b, rep))
	var doc map[string]any
	require.NoError(t, json.Unmarshal(b.Bytes(), &doc))
	assert.Equal(t, "2.1.0", doc["version"])
	assert.Contains(t, doc["$schema"], "sarif-2.1.0")
	runs := doc["runs"].([]any)
	require.Len(t, runs, 1)
	run := runs[0].(map[string]any)
	driver := run["tool"].(map[string]any)["driver"].(map[string]any)
	assert.Equal(t, "qlint", driver["name"])
	ids := map[string]int{}
	for i, r := range driver["rules"].([]any) {
		rule := r.(map[string]any)
		require.NotEmpty(t, rule["id"])
		require.NotEmpty(t, rule["shortDescription"].(map[string]any)["text"])
		ids[rule["id"].(string)] = i
	}
	results := run["results"].([]any)
	require.Len(t, results, len(rep.Findings), "one result per finding")
	for _, r := range results {
		res := r.(map[string]any)
		i, ok := ids[res["ruleId"].(string)]
		require.True(t, ok, "result names a declared rule: %v", res["ruleId"])
		assert.Equal(t, float64(i), res["ruleIndex"])
		assert.Contains(t, []string{"error", "warning", "note", "none"}, res["level"])
		assert.NotEmpty(t, res["message"].(map[string]any)["text"])
		if locs, ok := res["locations"].([]any); ok {
			art := locs[0].(map[string]any)["physicalLocation"].(map[string]any)["artifactLocation"].(map[string]any)
			assert.NotContains(t, art["uri"], `\`)
			assert.False(t, strings.HasPrefix(art["uri"].(string), "/"), "uris are relative to the source root")
		}
	}
}

func TestMarkdownStaysUnderGitHubsLimit(t *testing.T) {
	rep := &linter.Report{Lang: i18n.EN}
	long := strings.Repeat("x", 2000)
	for i := 0; i < 1000; i++ {
		rep.Findings = append(rep.Findings, linter.Finding{Kind: linter.KindUnmapped, Severity: "info", Indicators: []int{}, Path: fmt.Sprint(i), Message: long})
	}
	var b bytes.Buffer
	require.NoError(t, WriteMarkdown(&b, rep))
	assert.LessOrEqual(t, b.Len(), MaxSummaryBytes)
	assert.Contains(t, b.String(), "rows left out to stay under the 1 MiB limit")
}
