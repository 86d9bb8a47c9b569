package linter

import (
	"path"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestKeepNew judges two states of a folder with the same rules on the same
// day and keeps what the second adds.
func TestKeepNew(t *testing.T) {
	cfg := `
[[rule]]
id = "cgv"
indicators = [1]
paths = ["cgv*"]
` + veille + `
[[rule]]
id = "emargement"
indicators = [11]
each = "sessions/*"
paths = ["emargement*"]
`
	const day = "2026-11-22"
	tests := []struct {
		name       string
		before     fstest.MapFS
		after      fstest.MapFS
		want       []string // "kind rule path" of the new findings
		wantErrors int      // already there, errors
	}{{
		name:       "new: a proof removed",
		before:     fstest.MapFS{"cgv.pdf": file("2026-01-01"), "veille/a.md": file("2026-11-01")},
		after:      fstest.MapFS{"veille/a.md": file("2026-11-01")},
		want:       []string{"missing cgv cgv*"},
		wantErrors: 1,
	}, {
		name:       "unchanged: still missing, still stale",
		before:     fstest.MapFS{"veille/a.md": file("2025-01-01")},
		after:      fstest.MapFS{"veille/a.md": file("2025-01-01"), "autre.txt": file("2026-01-01")},
		want:       nil,
		wantErrors: 3, // cgv, veille, and emargement (no session folder)
	}, {
		name:       "fixed: nothing new; only what stays is counted",
		before:     fstest.MapFS{"veille/a.md": file("2025-01-01")},
		after:      fstest.MapFS{"cgv.pdf": file("2026-01-01"), "veille/a.md": file("2026-11-20")},
		want:       nil,
		wantErrors: 1, // emargement: no session folder
	}, {
		name:       "stale since: fresh at the revision, an older file now the newest",
		before:     fstest.MapFS{"cgv.pdf": file("2026-01-01"), "veille/a.md": file("2025-01-01"), "veille/b.md": file("2026-11-01")},
		after:      fstest.MapFS{"cgv.pdf": file("2026-01-01"), "veille/a.md": file("2025-01-01")},
		want:       []string{"stale veille veille/a.md"},
		wantErrors: 1,
	}, {
		name:       "already stale, replaced by another stale file: the same finding",
		before:     fstest.MapFS{"cgv.pdf": file("2026-01-01"), "veille/a.md": file("2025-01-01")},
		after:      fstest.MapFS{"cgv.pdf": file("2026-01-01"), "veille/b.md": file("2025-02-01")},
		want:       nil,
		wantErrors: 2,
	}, {
		name: "renamed item: only case and accents change, the same item",
		before: fstest.MapFS{"cgv.pdf": file("2026-01-01"), "veille/a.md": file("2026-11-01"),
			"sessions/2026-10-01 Séance/conv.pdf": file("2026-10-01")},
		after: fstest.MapFS{"cgv.pdf": file("2026-01-01"), "veille/a.md": file("2026-11-01"),
			"sessions/2026-10-01 SÉANCE/conv.pdf": file("2026-10-01")},
		want:       nil,
		wantErrors: 1,
	}, {
		name: "renamed item: another name is another item",
		before: fstest.MapFS{"cgv.pdf": file("2026-01-01"), "veille/a.md": file("2026-11-01"),
			"sessions/2026-10-01 acme/conv.pdf": file("2026-10-01")},
		after: fstest.MapFS{"cgv.pdf": file("2026-01-01"), "veille/a.md": file("2026-11-01"),
			"sessions/2026-10-01 acme excel/conv.pdf": file("2026-10-01")},
		want: []string{"missing emargement sessions/2026-10-01 acme excel"},
	}, {
		name:       "a required file renamed out of its rule",
		before:     fstest.MapFS{"cgv.pdf": file("2026-01-01"), "veille/a.md": file("2026-11-01")},
		after:      fstest.MapFS{"conditions.pdf": file("2026-01-01"), "veille/a.md": file("2026-11-01")},
		want:       []string{"missing cgv cgv*"},
		wantErrors: 1,
	}, {
		name:   "empty folder before (a repository without commits)",
		before: fstest.MapFS{},
		after:  fstest.MapFS{"veille/a.md": file("2026-11-01")},
		want:   nil, wantErrors: 2, // cgv and emargement (no session folder) were missing already
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := judgeTree(t, tt.before, cfg, day)
			rep := judgeTree(t, tt.after, cfg, day)
			KeepNew(rep, base, "HEAD", "abc")
			var got []string
			errs := 0
			for _, f := range rep.Findings {
				if f.Kind == KindUnmapped || f.Kind == KindUncovered {
					continue
				}
				got = append(got, string(f.Kind)+" "+f.Rule+" "+f.Path)
				if f.Severity == "error" {
					errs++
				}
			}
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.wantErrors, rep.Baseline.Errors, "already there")
			assert.Equal(t, errs, rep.Summary.Errors, "the summary counts the new findings only")
			assert.Equal(t, errs > 0, rep.Failed("error"), "the exit code follows the new findings")
		})
	}
}

// TestRevFSWalksAsMapFS checks that a revision's files, listed folder by
// folder, walk into the same tree as the same files on any file system,
// and that a session.toml there gives the session's dates.
func TestRevFSWalksAsMapFS(t *testing.T) {
	paths := []string{"qlint.toml", "veille/a.md", "sessions/2026 Acme/session.toml", "sessions/2026 Acme/émargement.pdf",
		"sessions/2026 Acme/sous dossier/x.pdf", "a/b/c/d.txt", ".DS_Store"}
	mfs := fstest.MapFS{}
	rfs := newRevFS()
	when := at("2026-01-01")
	for _, p := range paths {
		data := []byte("x")
		if path.Base(p) == SessionFile {
			data = []byte("start = 2026-03-12\nend = 2026-03-14\n")
		}
		mfs[p] = &fstest.MapFile{Data: data, ModTime: when}
		rfs.add(p, when, data)
	}
	rfs.sort()
	want, err := WalkTree(mfs, []string{"**/*.txt"})
	require.NoError(t, err)
	got, err := WalkTree(rfs, []string{"**/*.txt"})
	require.NoError(t, err)
	assert.Equal(t, want.Dirs, got.Dirs)
	require.Len(t, got.Files, len(want.Files))
	for i := range want.Files {
		assert.Equal(t, want.Files[i].Path, got.Files[i].Path)
	}
	sp, err := folderSpan(rfs, "sessions/2026 Acme")
	require.NoError(t, err)
	assert.Equal(t, "2026-03-12", sp.start.String())
	assert.NoError(t, fstest.TestFS(rfs, "veille/a.md", "sessions/2026 Acme/émargement.pdf"))
}
