// Package gittest keeps the tests that run the git binary inside the
// repositories they build.
//
// git hands its own variables to the commands it runs (GIT_DIR,
// GIT_INDEX_FILE… under `git rebase -x`, in a hook, in `git bisect run`).
// A test's `git config` or `git commit` would then write into the
// repository being rebased instead of the test's temporary one.
package gittest

import "os"

// localEnv is what `git rev-parse --local-env-vars` lists: the variables
// that point git at one repository, its index, its objects or its config.
var localEnv = []string{
	"GIT_ALTERNATE_OBJECT_DIRECTORIES",
	"GIT_COMMON_DIR",
	"GIT_CONFIG",
	"GIT_CONFIG_COUNT",
	"GIT_CONFIG_PARAMETERS",
	"GIT_DIR",
	"GIT_GRAFT_FILE",
	"GIT_IMPLICIT_WORK_TREE",
	"GIT_INDEX_FILE",
	"GIT_INTERNAL_SUPER_PREFIX",
	"GIT_NO_REPLACE_OBJECTS",
	"GIT_OBJECT_DIRECTORY",
	"GIT_PREFIX",
	"GIT_REPLACE_REF_BASE",
	"GIT_SHALLOW_FILE",
	"GIT_WORK_TREE",
}

// Isolate removes from the process environment the variables through
// which a calling git would point the tests' git commands at its own
// repository. Call it first thing in TestMain.
func Isolate() {
	for _, k := range localEnv {
		os.Unsetenv(k)
	}
}
