package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/gitbuild"
)

// ciRepo builds a repository whose evidence folder is a subfolder with a
// space and an accent in its name, two sessions that lack the same proof,
// and a stale watch note.
func ciRepo(t *testing.T) (top, evidence string) {
	t.Helper()
	top = t.TempDir()
	r, err := gitbuild.Init(top)
	require.NoError(t, err)
	rules := `schema = 1
[[rule]]
id = "veille"
indicators = [23]
title = "Veille légale"
paths = ["veille/*.md"]
max_age = "3mo"

[[rule]]
id = "emargement"
indicators = [11]
title = "Feuilles d'émargement"
each = "sessions/*"
paths = ["emargement*"]
`
	tree := gitbuild.Tree{}.With(
		"README.md", "dépôt",
		"Preuves Qualité/qlint.toml", rules,
		"Preuves Qualité/veille/note #1.md", "janvier",
		"Preuves Qualité/sessions/2026-03-12 Acme/convention.pdf", "c",
		"Preuves Qualité/sessions/2026-04-02 Mairie/convention.pdf", "c",
	)
	h, err := r.Commit(tree, "preuves", gitbuild.MustDay("2025-01-10"))
	require.NoError(t, err)
	require.NoError(t, r.SetHead(h))
	require.NoError(t, r.Checkout())
	return top, filepath.Join(top, "Preuves Qualité")
}

type sarifOut struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Rules []struct {
					ID   string `json:"id"`
					Help struct {
						Text string `json:"text"`
					} `json:"help"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID              string            `json:"ruleId"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
			Locations           []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI string `json:"uri"`
					} `json:"artifactLocation"`
				} `json:"physicalLocation"`
			} `json:"locations"`
		} `json:"results"`
	} `json:"runs"`
}

// TestCIFormatsFromTheRepositoryRoot runs qlint from a subfolder with a
// relative DIR, and from outside the repository with an absolute DIR: the
// SARIF, github, gitlab and markdown outputs name the same files, from the
// repository root.
func TestCIFormatsFromTheRepositoryRoot(t *testing.T) {
	top, evidence := ciRepo(t)
	outside := t.TempDir()
	for _, tc := range []struct{ name, cwd, dir string }{
		{"from a subfolder, relative", filepath.Join(evidence, "sessions"), ".."},
		{"from the root, relative", top, "Preuves Qualité"},
		{"from elsewhere, absolute", outside, evidence},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Chdir(tc.cwd)
			lintTo := func(format string) string {
				t.Helper()
				var out, errs strings.Builder
				code := run([]string{tc.dir, "-f", format, "--as-of", "2026-11-22", "--lang", "en", "--git", "builtin", "--no-cache"}, &out, &errs)
				require.Equal(t, exitFindings, code, errs.String())
				return out.String()
			}

			var log sarifOut
			require.NoError(t, json.Unmarshal([]byte(lintTo("sarif")), &log))
			run := log.Runs[0]
			uris := map[string]bool{}
			prints := map[string]bool{}
			for _, res := range run.Results {
				require.Len(t, res.Locations, 1)
				uris[res.Locations[0].PhysicalLocation.ArtifactLocation.URI] = true
				fp := res.PartialFingerprints["qlintFinding/v1"]
				require.NotEmpty(t, fp)
				assert.False(t, prints[fp], "fingerprint %s given twice", fp)
				prints[fp] = true
			}
			assert.True(t, uris["Preuves%20Qualit%C3%A9/qlint.toml"], "missing proofs point at the rule, from the root: %v", uris)
			assert.True(t, uris["Preuves%20Qualit%C3%A9/veille/note%20%231.md"], "stale proofs point at the file, percent-encoded: %v", uris)
			for u := range uris {
				assert.True(t, strings.HasPrefix(u, "Preuves%20Qualit%C3%A9/"), "every URI is from the repository root: %s", u)
			}
			// The two sessions that lack the same proof are two alerts.
			missing := 0
			for _, res := range run.Results {
				if res.RuleID == "emargement" {
					missing++
				}
			}
			assert.Equal(t, 2, missing)
			for _, rule := range run.Tool.Driver.Rules {
				assert.NotEmpty(t, rule.Help.Text, "rule %s has help", rule.ID)
			}
			for _, rule := range run.Tool.Driver.Rules {
				if rule.ID == "emargement" {
					assert.Contains(t, rule.Help.Text, "indicator 11")
					assert.Contains(t, rule.Help.Text, "What to do")
				}
			}

			gh := lintTo("github")
			assert.Contains(t, gh, "::error file=Preuves Qualité/qlint.toml,line=9,title=qlint · indicator 11 · missing::")
			assert.Contains(t, gh, "::error file=Preuves Qualité/veille/note #1.md,title=qlint · indicator 23 · stale::")

			md := lintTo("markdown")
			assert.Contains(t, md, "`Preuves Qualité/veille/note #1.md`")
			assert.Contains(t, md, "`Preuves Qualité/sessions/2026-03-12 Acme`")

			var gl []struct {
				Fingerprint string `json:"fingerprint"`
				Severity    string `json:"severity"`
				Location    struct {
					Path  string `json:"path"`
					Lines struct {
						Begin int `json:"begin"`
					} `json:"lines"`
				} `json:"location"`
			}
			require.NoError(t, json.Unmarshal([]byte(lintTo("gitlab")), &gl))
			paths := map[string]bool{}
			for _, issue := range gl {
				paths[issue.Location.Path] = true
				assert.GreaterOrEqual(t, issue.Location.Lines.Begin, 1)
				assert.Contains(t, []string{"info", "minor", "major", "critical", "blocker"}, issue.Severity)
			}
			assert.True(t, paths["Preuves Qualité/qlint.toml"], "%v", paths)
			assert.True(t, paths["Preuves Qualité/veille/note #1.md"], "%v", paths)
		})
	}
}
