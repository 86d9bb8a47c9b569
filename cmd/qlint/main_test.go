package main

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/qlint/qlint/internal/gitbuild"
	"github.com/qlint/qlint/internal/gittest"
)

func TestMain(m *testing.M) {
	commands := map[string]func(){
		"qlint":     func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
		"gitcommit": gitcommit,
	}
	if _, command := commands[filepath.Base(os.Args[0])]; !command {
		// The tests, not qlint as a script's command: qlint run by a
		// git hook in a script must see the hook's GIT_INDEX_FILE.
		gittest.Isolate()
		// Messages are wrapped to COLUMNS (80 when unset) and a temporary
		// folder's name is as long as the machine makes it: the Go tests
		// read messages whole. Those that check the wrapping set COLUMNS
		// themselves; testscript files start from their own environment.
		os.Setenv("COLUMNS", "1000")
	}
	testscript.Main(m, commands)
}

// gitcommit DATE MESSAGE commits the current folder as it stands, at noon
// Paris time on DATE, with go-git: scripts tell a history without the git
// binary, the same on every machine.
func gitcommit() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: gitcommit DATE MESSAGE")
		os.Exit(2)
	}
	wd, _ := os.Getwd()
	r, err := gitbuild.Open(wd)
	if err == nil {
		_, err = r.CommitWorktree(os.Args[2], gitbuild.MustDay(os.Args[1]))
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// TestScripts runs the CLI scenarios in testdata/*.txtar. QLINT_UPDATE=1
// rewrites their expected outputs.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata",
		UpdateScripts: os.Getenv("QLINT_UPDATE") != "",
		Setup: func(env *testscript.Env) error {
			env.Setenv("NO_COLOR", "")
			repo, err := filepath.Abs(filepath.Join("..", ".."))
			if err != nil {
				return err
			}
			env.Setenv("REPO", repo) // this checkout: the action's scripts
			// QLINT_BIN is the qlint scripts run, to run it off the PATH.
			for _, dir := range filepath.SplitList(env.Getenv("PATH")) {
				if p := filepath.Join(dir, "qlint"); fileExists(p) {
					env.Setenv("QLINT_BIN", p)
					break
				}
			}
			return nil
		},
	})
}

func fileExists(p string) bool {
	info, err := os.Stat(p)
	return err == nil && !info.IsDir()
}
