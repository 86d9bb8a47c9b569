package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// actionlintPath finds actionlint on PATH or where go install puts it.
func actionlintPath(t *testing.T) string {
	t.Helper()
	if p, err := exec.LookPath("actionlint"); err == nil {
		return p
	}
	if out, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
		p := filepath.Join(strings.TrimSpace(string(out)), "bin", "actionlint")
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("actionlint is required in CI (.ci/run installs it)")
	}
	t.Skip("actionlint is not installed: go install github.com/rhysd/actionlint/cmd/actionlint@v1.7.7")
	return ""
}

// TestReadmeWorkflow checks the workflow the README tells users to copy
// with actionlint, against this checkout's action.yml: the action is
// referred to as a local one, so that its inputs and outputs are checked.
func TestReadmeWorkflow(t *testing.T) {
	lint := actionlintPath(t)
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	require.NoError(t, err)
	const marker = "<!-- readme-workflow: checked by actionlint (cmd/qlint/readme_test.go) -->\n```yaml\n"
	i := strings.Index(string(readme), marker)
	require.GreaterOrEqual(t, i, 0, "the README's workflow block is marked for this test")
	block := string(readme[i+len(marker):])
	end := strings.Index(block, "\n```")
	require.GreaterOrEqual(t, end, 0)
	block = block[:end+1]
	require.Contains(t, block, "uses: qlint/qlint@main")
	require.Contains(t, block, "github/codeql-action/upload-sarif")
	require.Contains(t, block, "steps.qlint.outputs.sarif")

	dir := t.TempDir()
	action, err := os.ReadFile(filepath.Join("..", "..", "action.yml"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "action.yml"), action, 0o644))
	// actionlint reads local actions from the project's root, the folder
	// that holds .git.
	require.NoError(t, os.Mkdir(filepath.Join(dir, ".git"), 0o755))
	wf := filepath.Join(dir, ".github", "workflows")
	require.NoError(t, os.MkdirAll(wf, 0o755))
	local := strings.Replace(block, "uses: qlint/qlint@main", "uses: ./", 1)
	require.NoError(t, os.WriteFile(filepath.Join(wf, "qualiopi.yml"), []byte(local), 0o644))
	cmd := exec.Command(lint, "-no-color", filepath.Join(".github", "workflows", "qualiopi.yml"))
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "actionlint on the README's workflow:\n%s", out)

	// actionlint does read the local action: an input it lacks is an error.
	wrong := strings.Replace(local, "fail-on: error", "fail_on: error", 1)
	require.NoError(t, os.WriteFile(filepath.Join(wf, "qualiopi.yml"), []byte(wrong), 0o644))
	cmd = exec.Command(lint, "-no-color", filepath.Join(".github", "workflows", "qualiopi.yml"))
	cmd.Dir = dir
	out, err = cmd.CombinedOutput()
	require.Error(t, err, "actionlint checks the action's inputs:\n%s", out)
	require.Contains(t, string(out), "fail_on")
}
