package report

import (
	"fmt"
	"path"
	"strings"

	"github.com/qlint/qlint/linter"

	"github.com/qlint/qlint/internal/i18n"
)

// location says where a finding points in the repository: the rule's line
// in qlint.toml for a missing proof (the first line when no rule makes it),
// else the file.
func location(r *linter.Report, f linter.Finding) (file string, line int) {
	if f.Kind.Info().InConfig {
		file, line = r.ConfigPath, f.RuleLine
		if f.RuleFile != "" {
			file = f.RuleFile
		}
		if line == 0 {
			line = 1
		}
		return r.FromRepo(file), line
	}
	if f.Path == "" {
		return "", 0
	}
	if r.RepoTop() != "" {
		return path.Join(r.RepoPrefix, f.Path), 0
	}
	return path.Join(strings.ReplaceAll(r.Root, `\`, "/"), f.Path), 0
}

func findingTitle(f linter.Finding, l i18n.Lang) string {
	kind := f.Kind.Words().In(l)
	if len(f.Indicators) == 0 {
		return "qlint · " + kind
	}
	nums := make([]string, len(f.Indicators))
	for i, n := range f.Indicators {
		nums[i] = fmt.Sprint(n)
	}
	word := i18n.T("indicateur", "indicator")
	if len(nums) > 1 {
		word = i18n.T("indicateurs", "indicators")
	}
	return fmt.Sprintf("qlint · %s %s · %s", word.In(l), strings.Join(nums, ", "), kind)
}
