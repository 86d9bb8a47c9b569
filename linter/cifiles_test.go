package linter

import "testing"

func TestCIFilesNotUnmapped(t *testing.T) {
	for _, p := range []string{".pre-commit-config.yaml", ".github/workflows/qlint.yml", ".github/dependabot.yml", ".gitlab-ci.yml", "gl-code-quality-report.json", ".GitHub/Workflows/x.yml"} {
		if !isCIFile(fold(p)) {
			t.Errorf("%s: reported as unmapped", p)
		}
	}
	for _, p := range []string{"github/cgv.pdf", "sessions/.github/x", "gitlab-ci.yml.pdf", "Qualite/.pre-commit-config.yaml"} {
		if isCIFile(fold(p)) {
			t.Errorf("%s: left out, but it may be a proof", p)
		}
	}
}
