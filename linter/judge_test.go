package linter

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/qlint/qlint/internal/ruletest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/rules"
)

// at is a modification time on day s, at noon.
func at(s string) time.Time {
	t, err := time.ParseInLocation(time.DateOnly, s, time.Local)
	if err != nil {
		panic(err)
	}
	return t.Add(12 * time.Hour)
}

func file(date string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte("x"), ModTime: at(date)}
}

// judgeTree judges fsys with the rules in cfg (a qlint.toml body after the
// schema line) at day asOf, dating files by their modification time.
func judgeTree(t *testing.T, fsys fstest.MapFS, cfg, asOf string) *Report {
	t.Helper()
	c, err := rules.Parse("qlint.toml", []byte("schema = 1\n"+cfg))
	require.NoError(t, err)
	tree, err := WalkTree(fsys, c.Ignore)
	require.NoError(t, err)
	day, err := rules.ParseDay(asOf)
	require.NoError(t, err)
	rep, err := Judge(Input{Config: c, Ref: rules.Builtin(), Tree: tree, FS: fsys,
		Dates: &History{Kind: "none"}, AsOf: day, Lang: i18n.EN, Own: []string{"qlint.toml"}})
	require.NoError(t, err)
	return rep
}

// kinds lists "kind rule path" for every finding but unmapped and uncovered
// ones, in report order.
func kinds(r *Report) []string {
	var out []string
	for _, f := range r.Findings {
		if f.Kind == KindUnmapped || f.Kind == KindUncovered {
			continue
		}
		out = append(out, string(f.Kind)+" "+f.Rule+" "+f.Path)
	}
	return out
}

const veille = ruletest.Veille

func TestJudgeFreshness(t *testing.T) {
	tests := []struct {
		name string
		fs   fstest.MapFS
		want []string
	}{
		{"fresh", fstest.MapFS{"veille/a.md": file("2026-10-01")}, nil},
		{"newest file counts", fstest.MapFS{"veille/a.md": file("2025-01-01"), "veille/sub/b.md": file("2026-10-01")}, nil},
		{"stale", fstest.MapFS{"veille/a.md": file("2026-07-01")}, []string{"stale veille veille/a.md"}},
		{"due soon", fstest.MapFS{"veille/a.md": file("2026-09-10")}, []string{"due_soon veille veille/a.md"}},
		{"last valid day is not stale", fstest.MapFS{"veille/a.md": file("2026-08-22")}, []string{"due_soon veille veille/a.md"}},
		{"missing", fstest.MapFS{"autre/a.md": file("2026-10-01")}, []string{"missing veille veille/**/*.md"}},
		{"excluded draft does not count", fstest.MapFS{"veille/brouillon.md": file("2026-11-01")}, []string{"missing veille veille/**/*.md"}},
		{"other extension does not count", fstest.MapFS{"veille/a.pdf": file("2026-11-01")}, []string{"missing veille veille/**/*.md"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, kinds(judgeTree(t, tt.fs, veille, "2026-11-22")))
		})
	}
}

func TestJudgeStaleFinding(t *testing.T) {
	rep := judgeTree(t, fstest.MapFS{"veille/2025-01.md": file("2025-01-10")}, veille, "2026-11-22")
	require.Len(t, kinds(rep), 1)
	f := rep.Findings[0]
	assert.Equal(t, KindStale, f.Kind)
	assert.EqualValues(t, "error", f.Severity)
	assert.Equal(t, []int{23}, f.Indicators)
	assert.Equal(t, "2025-01-10", f.LastUpdate)
	assert.Equal(t, SourceMtime, f.DateSource)
	assert.Equal(t, "3mo", f.MaxAge)
	assert.Equal(t, "2025-04-10", f.Expires)
	assert.Equal(t, rules.NCMinorOrMajor, f.NC)
	assert.Contains(t, f.Message, "last updated on 2025-01-10 (veille/2025-01.md), to renew every 3 months, expired on 2025-04-11")
	assert.Equal(t, StatusStale, rep.Indicators[22].Status)
}

func TestJudgeMin(t *testing.T) {
	cfg := `
[[rule]]
id = "cv"
indicators = [21]
paths = ["cv/*.pdf"]
min = 3
`
	rep := judgeTree(t, fstest.MapFS{"cv/a.pdf": file("2026-01-01"), "cv/b.pdf": file("2026-01-01")}, cfg, "2026-11-22")
	assert.Equal(t, []string{"missing cv cv/*.pdf"}, kinds(rep))
	assert.Contains(t, rep.Findings[0].Message, "2 files found, 3 expected")
	assert.Equal(t, rules.NCMajor, rep.Findings[0].NC, "indicator 21 is major-only")
}

const sessions = ruletest.Sessions

func TestJudgeEachAndDue(t *testing.T) {
	fs := fstest.MapFS{
		// complete, long ago: never stale
		"sessions/2024-03-12_acme/emargement.pdf":         file("2024-03-12"),
		"sessions/2024-03-12_acme/satisfaction-froid.pdf": file("2024-05-12"),
		// ended, attendance missing; cold survey not due yet
		"sessions/2026-11-10_mairie/convention.pdf": file("2026-10-20"),
		// to come: nothing due
		"sessions/2026-12-05_clinique/convention.pdf": file("2026-11-01"),
		// dates from session.toml, spanning several days
		"sessions/excel-avance/session.toml":   &fstest.MapFile{Data: []byte("start = 2026-11-18\nend = 2026-11-25\nclient = \"x\"\n")},
		"sessions/excel-avance/emargement.pdf": file("2026-11-20"),
		// no dates at all: judged as if due
		"sessions/sans-date/notes.md": file("2026-01-01"),
	}
	rep := judgeTree(t, fs, sessions, "2026-11-22")
	assert.Equal(t, []string{
		"missing emargement sessions/2026-11-10_mairie",
		"missing emargement sessions/sans-date",
		"missing froid sessions/sans-date",
		"pending emargement sessions/2026-12-05_clinique",
		"pending froid sessions/2026-11-10_mairie",
		"pending froid sessions/2026-12-05_clinique",
		"pending froid sessions/excel-avance",
	}, kinds(rep))
	for _, f := range rep.Findings {
		if f.Kind == KindPending {
			assert.EqualValues(t, "info", f.Severity)
		}
		if f.Rule == "froid" && f.Kind == KindMissing {
			assert.EqualValues(t, "warning", f.Severity, "the rule's severity")
		}
	}
	assert.Equal(t, StatusMissing, rep.Indicators[10].Status)
	assert.Equal(t, StatusMissing, rep.Indicators[29].Status, "a missing proof of warning severity still makes the indicator missing")
}

func TestJudgeEachWithoutFolders(t *testing.T) {
	rep := judgeTree(t, fstest.MapFS{"autre.md": file("2026-01-01")}, sessions, "2026-11-22")
	assert.Equal(t, []string{"missing emargement sessions/*", "missing froid sessions/*"}, kinds(rep))
	assert.Contains(t, rep.Findings[0].Message, "No folder in sessions yet (none matches sessions/*)")
}

func TestJudgeEachMaxAgePerFolder(t *testing.T) {
	cfg := `
[[rule]]
id = "cv"
indicators = [21]
each = "intervenants/*"
paths = ["cv*"]
max_age = "2y"
`
	fs := fstest.MapFS{
		"intervenants/marie/cv-2024.pdf": file("2024-01-01"),
		"intervenants/marie/cv-2026.pdf": file("2026-03-01"),
		"intervenants/paul/cv.pdf":       file("2024-06-01"),
		"intervenants/jean/diplome.pdf":  file("2026-06-01"),
	}
	assert.Equal(t, []string{
		"missing cv intervenants/jean",
		"stale cv intervenants/paul/cv.pdf",
	}, kinds(judgeTree(t, fs, cfg, "2026-11-22")))
}

func TestJudgeFilenameDates(t *testing.T) {
	cfg := `
[[rule]]
id = "veille"
indicators = [23]
paths = ["veille/*"]
max_age = "3mo"
date = "filename"
`
	tests := []struct {
		name string
		fs   fstest.MapFS
		want []string
	}{
		{"ISO date in the name", fstest.MapFS{"veille/2026-10-01_note.md": file("2020-01-01")}, nil},
		{"compact date", fstest.MapFS{"veille/note-20260301.md": file("2026-11-01")}, []string{"stale veille veille/note-20260301.md"}},
		{"month only", fstest.MapFS{"veille/2026-10.md": file("2020-01-01")}, nil},
		{"no date falls back", fstest.MapFS{"veille/note.md": file("2026-11-01")}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, kinds(judgeTree(t, tt.fs, cfg, "2026-11-22")))
		})
	}
}

func TestFilenameDate(t *testing.T) {
	tests := []struct {
		name, want string
	}{
		{"2025-03-12_convention.pdf", "2025-03-12"},
		{"cv-20250312.pdf", "2025-03-12"},
		{"veille-2025-03.md", "2025-03-01"},
		{"2025-02-30.md", ""},
		{"v2.pdf", ""},
		{"123456789.pdf", ""},
		{"2025-13.md", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, ok := FilenameDate(tt.name)
			assert.Equal(t, tt.want != "", ok)
			assert.Equal(t, tt.want, d.String())
		})
	}
}

func TestJudgeApplicabilityAndCoverage(t *testing.T) {
	cfg := `
[organization]
categories = ["AF"]

[[rule]]
id = "cfa"
indicators = [14]
paths = ["cfa/*"]

[[rule]]
id = "veille"
indicators = [23]
paths = ["veille/*"]
`
	rep := judgeTree(t, fstest.MapFS{"veille/a.md": file("2026-11-01"), "cfa/x.pdf": file("2020-01-01")}, cfg, "2026-11-22")
	byID := map[int]IndicatorResult{}
	for _, r := range rep.Indicators {
		byID[r.ID] = r
	}
	assert.Equal(t, StatusNotApplicable, byID[14].Status)
	assert.Equal(t, StatusOK, byID[23].Status)
	assert.Equal(t, StatusUncovered, byID[1].Status)
	assert.Equal(t, []string{"veille"}, byID[23].Rules)
	assert.Equal(t, 22, rep.Summary.Indicators.Uncovered+rep.Summary.Indicators.OK, "AF without subcontracting: 22 indicators")
	assert.Equal(t, 1, rep.Summary.Indicators.OK)
	var uncovered, unmapped int
	for _, f := range rep.Findings {
		switch f.Kind {
		case KindUncovered:
			uncovered++
			assert.EqualValues(t, "warning", f.Severity)
		case KindUnmapped:
			unmapped++
		}
	}
	assert.Equal(t, 21, uncovered)
	assert.Zero(t, unmapped, "a file of a not-applicable rule is still mapped")
	assert.Empty(t, kinds(rep), "a rule whose indicators do not apply is not judged")
}

func TestJudgeUnmappedAndIgnored(t *testing.T) {
	cfg := `
[ignore]
paths = ["archives/**"]
` + veille
	fs := fstest.MapFS{
		"veille/a.md":           file("2026-11-01"),
		"scan0001.pdf":          file("2026-11-01"),
		"archives/old.pdf":      file("2020-01-01"),
		"qlint.toml":            file("2026-01-01"),
		"README.md":             file("2026-01-01"),
		".DS_Store":             file("2026-01-01"),
		"veille/~$note.docx":    file("2026-01-01"),
		".git/config":           file("2026-01-01"),
		"sessions/session.toml": &fstest.MapFile{Data: []byte("start = 2026-01-01")},
	}
	rep := judgeTree(t, fs, cfg, "2026-11-22")
	var unmapped []string
	for _, f := range rep.Findings {
		if f.Kind == KindUnmapped {
			unmapped = append(unmapped, f.Path)
			assert.EqualValues(t, "info", f.Severity)
		}
	}
	assert.Equal(t, []string{"scan0001.pdf"}, unmapped)
	assert.Equal(t, 5, rep.FileCount, "junk, .git and ignored paths are not walked")
}

func TestMatchingFoldsAccentsAndCase(t *testing.T) {
	cfg := `
[[rule]]
id = "emargement"
indicators = [11]
paths = ["sessions/*/émargement*"]
`
	nfd := "sessions/a/e\u0301margement.pdf" // as a Mac writes it
	for name, fs := range map[string]fstest.MapFS{
		"NFC":        {"sessions/a/émargement.pdf": file("2026-01-01")},
		"NFD":        {nfd: file("2026-01-01")},
		"upper case": {"sessions/a/Émargement.PDF": file("2026-01-01")},
	} {
		t.Run(name, func(t *testing.T) {
			assert.Empty(t, kinds(judgeTree(t, fs, cfg, "2026-11-22")))
		})
	}
}

func TestJudgeWaivers(t *testing.T) {
	cfg := veille + `
[[rule]]
id = "cv"
indicators = [21]
paths = ["cv/*"]

[[waiver]]
rule = "veille"
reason = "Veille confiée à un prestataire, rapport attendu"
owner = "qualite@example.org"
until = 2026-12-31

[[waiver]]
indicator = 21
reason = "Recrutement en cours"
until = 2026-10-01
`
	rep := judgeTree(t, fstest.MapFS{"veille/a.md": file("2025-01-01")}, cfg, "2026-11-22")
	assert.Equal(t, []string{"missing cv cv/*", "waived veille veille/a.md"}, kinds(rep))
	for _, f := range rep.Findings {
		switch f.Rule {
		case "veille":
			assert.EqualValues(t, "info", f.Severity)
			assert.Contains(t, f.Message, "Veille confiée à un prestataire")
		case "cv":
			assert.EqualValues(t, "error", f.Severity, "the waiver expired")
			assert.Contains(t, f.Message, "expired on 2026-10-01")
		}
	}
	assert.Equal(t, StatusOK, rep.Indicators[22].Status, "a waived finding does not count against the indicator")
	assert.True(t, rep.Indicators[22].Waived, "but the indicator is said waived, not conforme")
	assert.Equal(t, 1, rep.Summary.Indicators.Waived)
}

// A waiver on one indicator covers a finding only as it counts for that
// indicator: the same missing proof stays an error for the other one.
func TestJudgeWaiverOnOneIndicatorOfARule(t *testing.T) {
	cfg := `
[[rule]]
id = "emargement"
indicators = [11, 12]
paths = ["emargement*"]

[[waiver]]
indicator = 12
reason = "Aucune formation de plus de deux jours"
until = 2027-06-30
`
	rep := judgeTree(t, fstest.MapFS{"autre.md": file("2026-01-01")}, cfg, "2026-11-22")
	var got []string
	for _, f := range rep.Findings {
		if f.Rule == "emargement" {
			got = append(got, fmt.Sprint(f.Kind, " ", f.Severity, " ", f.Indicators))
		}
	}
	assert.ElementsMatch(t, []string{"missing error [11]", "waived info [12]"}, got)
	assert.Equal(t, StatusMissing, rep.Indicators[10].Status, "11 is not conforme")
	assert.False(t, rep.Indicators[10].Waived)
	assert.Equal(t, StatusOK, rep.Indicators[11].Status)
	assert.True(t, rep.Indicators[11].Waived)
	assert.True(t, rep.Failed("error"), "the exit code reacts")

	// A waiver on the rule covers the finding for all its indicators.
	rep = judgeTree(t, fstest.MapFS{"autre.md": file("2026-01-01")}, strings.Replace(cfg, "indicator = 12", `rule = "emargement"`, 1), "2026-11-22")
	assert.True(t, rep.Indicators[10].Waived)
	assert.True(t, rep.Indicators[11].Waived)
	assert.False(t, rep.Failed("error"))
}

func TestFailedThresholds(t *testing.T) {
	r := &Report{Findings: []Finding{{Severity: "warning"}}}
	assert.False(t, r.Failed("error"))
	assert.True(t, r.Failed("warning"))
	assert.False(t, r.Failed("never"))
}

func TestFindingMessagesAreBilingual(t *testing.T) {
	fs := fstest.MapFS{
		"veille/a.md":                 file("2025-01-01"),
		"sessions/2026-11-30_x/a.pdf": file("2026-01-01"),
		"sessions/2026-11-01_y/a.pdf": file("2026-01-01"),
		"stray.pdf":                   file("2026-01-01"),
	}
	rep := judgeTree(t, fs, veille+sessions+`
[[waiver]]
indicator = 1
reason = "r"
`, "2026-11-22")
	seen := map[Kind]bool{}
	for _, f := range rep.Findings {
		seen[f.Kind] = true
		assert.True(t, f.text.Complete(), "%s: %+v", f.Kind, f.text)
	}
	for _, k := range []Kind{KindStale, KindMissing, KindPending, KindUncovered, KindUnmapped, KindWaived} {
		assert.True(t, seen[k], "no %s finding to check", k)
	}
}

// TestBuiltinPackCoversACFAWithEveryCondition: with the pack, an
// apprenticeship centre that certifies, subcontracts and runs work-linked
// courses has every one of the 32 indicators applicable and covered.
func TestBuiltinPackCoversACFAWithEveryCondition(t *testing.T) {
	cfg := `extends = "qualiopi"
[organization]
categories = ["AF", "BC", "VAE", "CFA"]
certifying = true
subcontracting = true
work_linked = true
`
	rep := judgeTree(t, fstest.MapFS{}, cfg, "2026-11-22")
	assert.Zero(t, rep.Summary.Indicators.Uncovered)
	assert.Zero(t, rep.Summary.Indicators.NotApplicable)
	assert.Equal(t, 32, rep.Summary.Indicators.Missing, "an empty folder misses a proof for every indicator")
	for _, ind := range rep.Indicators {
		assert.NotEmpty(t, ind.Rules, "indicator %d", ind.ID)
	}
}

// TestDatesInTheFutureAreClamped: a commit from a machine whose clock ran
// ahead is counted as updated on the as-of day, with a warning; a date
// after a past as-of day is no warning.
func TestDatesInTheFutureAreClamped(t *testing.T) {
	fs := fstest.MapFS{"veille/a.md": file("2027-03-01")}
	c, err := rules.Parse("qlint.toml", []byte("schema = 1\n"+veille))
	require.NoError(t, err)
	tree, err := WalkTree(fs, nil)
	require.NoError(t, err)
	judgeAt := func(asOf, today rules.Day) *Report {
		rep, err := Judge(Input{Config: c, Ref: rules.Builtin(), Tree: tree, FS: fs, Dates: &History{Kind: "none"},
			AsOf: asOf, Today: today, Lang: i18n.EN})
		require.NoError(t, err)
		return rep
	}
	future := func(rep *Report) []Finding {
		var out []Finding
		for _, f := range rep.Findings {
			if f.Kind == KindFutureDate || f.Rule == "veille" {
				out = append(out, f)
			}
		}
		return out
	}
	rep := judgeAt(rules.NewDay(2026, 11, 22), rules.NewDay(2026, 11, 22))
	fs2 := future(rep)
	require.Len(t, fs2, 1, "a warning, and the file counts as fresh")
	assert.Equal(t, KindFutureDate, fs2[0].Kind)
	assert.EqualValues(t, "warning", fs2[0].Severity)
	assert.Contains(t, fs2[0].Message, "in the future")
	assert.Equal(t, StatusOK, rep.Indicators[22].Status)

	rep = judgeAt(rules.NewDay(2026, 10, 1), rules.NewDay(2027, 3, 10))
	assert.Empty(t, future(rep), "judged at a past day, a later update is no clock error")
}
