package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/qlint/qlint/linter"

	"github.com/emersion/go-ical"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/rules"
)

func binderReport(t *testing.T, lang i18n.Lang) *linter.Report {
	rep := goldenReport(t, lang)
	rep.Notes = map[int]string{23: "# Notre veille\n\nNous lisons le Journal officiel chaque mois.\n\n- responsable : Marie\n- diffusion : réunion"}
	return rep
}

func TestHTMLGolden(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.FR, i18n.EN} {
		var b bytes.Buffer
		require.NoError(t, WriteHTML(&b, binderReport(t, lang), HTMLOptions{LinkBase: "../preuves"}))
		golden(t, "binder."+string(lang)+".html", b.Bytes())
	}
}

// TestHTMLEscapesEverythingUserSupplied: a file named like markup, an
// organization name and an approach note with tags are shown, never run.
func TestHTMLEscapesEverythingUserSupplied(t *testing.T) {
	rep := binderReport(t, i18n.FR)
	hostile := `<img src=x onerror=alert(1)>"'.pdf`
	rep.Organization = `<b>Dupont</b> & "fils"`
	rep.Notes[1] = "<script>alert(1)</script>\n- <iframe src=x>"
	rep.RuleTitles["veille"] = "<i>Veille</i>"
	rep.Matches["veille"] = append(rep.Matches["veille"], linter.Match{Path: "veille/" + hostile, LastUpdate: rules.NewDay(2026, 1, 1), DateSource: linter.SourceGit})
	rep.Findings = append(rep.Findings, linter.Finding{Kind: linter.KindStale, Severity: "error", Indicators: []int{23}, Rule: "veille", Message: "</li><script>alert(2)</script>"})
	var b bytes.Buffer
	require.NoError(t, WriteHTML(&b, rep, HTMLOptions{}))
	out := b.String()
	for _, raw := range []string{"<img", "<script", "<iframe", "<b>", "<i>"} {
		assert.NotContains(t, out, raw, "raw markup from user data")
	}
	assert.Contains(t, out, "&lt;img src=x onerror=alert(1)&gt;")
	assert.Contains(t, out, `href="veille/%3Cimg%20src=x%20onerror=alert%281%29%3E%22%27.pdf"`)
	assert.Contains(t, out, "&lt;b&gt;Dupont&lt;/b&gt; &amp; &#34;fils&#34;")
	assert.Contains(t, out, "&lt;script&gt;alert(1)&lt;/script&gt;")
}

func TestHTMLStructure(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, WriteHTML(&b, binderReport(t, i18n.EN), HTMLOptions{LinkBase: "p"}))
	out := b.String()
	assert.Equal(t, 7, strings.Count(out, `<section class="criterion" id="critere-`))
	assert.Equal(t, 32, strings.Count(out, `<article class="indicator"`))
	assert.Contains(t, out, `<html lang="en">`)
	assert.Contains(t, out, `<th scope="col">`)
	assert.Contains(t, out, "@media print")
	assert.Contains(t, out, "break-before: page")
	assert.Contains(t, out, "<h4>Notre veille</h4>")
	assert.Contains(t, out, `href="p/veille/2025-01.md"`)
	assert.NotContains(t, out, "http://", "no external resource")
	assert.NotContains(t, out, "https://")
	assert.NotContains(t, out, "<script")
}

// parseICS reads the calendar back with an iCalendar library.
func parseICS(t *testing.T, data []byte) *ical.Calendar {
	t.Helper()
	cal, err := ical.NewDecoder(bytes.NewReader(data)).Decode()
	require.NoError(t, err, "%s", data)
	return cal
}

func TestCalendar(t *testing.T) {
	rep := binderReport(t, i18n.FR)
	// A watch note updated on 1 October, valid 3 months.
	rep.Matches["veille"][0].LastUpdate = rules.NewDay(2026, 10, 1)
	rep.Matches["veille"][0].Expires = rules.NewDay(2027, 1, 1)
	var first, second bytes.Buffer
	require.NoError(t, WriteICS(&first, rep, "test"))
	require.NoError(t, WriteICS(&second, rep, "test"))
	assert.Equal(t, first.String(), second.String(), "the same report gives the same file")
	for _, line := range strings.Split(first.String(), "\r\n") {
		assert.LessOrEqual(t, len(line), 75, "folded at 75 octets: %q", line)
	}

	cal := parseICS(t, first.Bytes())
	events := cal.Events()
	byUID := map[string]ical.Event{}
	summaries := map[string]string{}
	for _, e := range events {
		uid, err := e.Props.Text(ical.PropUID)
		require.NoError(t, err)
		byUID[uid] = e
		s, err := e.Props.Text(ical.PropSummary)
		require.NoError(t, err)
		start, err := e.DateTimeStart(nil)
		require.NoError(t, err)
		summaries[s] = start.Format("2006-01-02")
		assert.Len(t, e.Children, 1, "a reminder for %s", s)
		if len(e.Children) == 1 {
			trigger := e.Children[0].Props.Get(ical.PropTrigger)
			require.NotNil(t, trigger)
			want := "-P30D" // warn_within before a coming date
			if strings.Contains(s, "en retard") {
				want = "PT9H" // a late proof's event is today: it rings that morning
			}
			assert.Equal(t, want, trigger.Value, "the reminder of %s", s)
		}
	}
	assert.Len(t, byUID, len(events), "UIDs are unique")
	assert.Equal(t, "2027-01-01", summaries["Qualiopi : à renouveler — veille"], "the expiry of the newest watch note")
	assert.Equal(t, "2026-12-05", summaries["Qualiopi : à fournir — emargement — sessions/2026-12-05_acme"], "a pending session proof")
	assert.Equal(t, "2026-08-12", summaries["Qualiopi : fenêtre de l'audit de surveillance"])
	assert.Equal(t, "2028-06-12", summaries["Qualiopi : renouvellement de la certification (au plus tard)"])
	// Proofs already late get one event on the day judged.
	assert.Equal(t, "2026-11-22", summaries["Qualiopi : en retard depuis le 02/11/2026 — emargement — sessions/2026-11-02_mairie"], "a missing session proof")
	assert.Equal(t, "2026-11-22", summaries["Qualiopi : en retard depuis le 11/04/2025 — veille — veille/2025-01.md"], "a stale proof")
	var window ical.Event
	for _, e := range events {
		if s, _ := e.Props.Text(ical.PropSummary); strings.Contains(s, "fenêtre") {
			window = e
		}
	}
	end, err := window.DateTimeEnd(nil)
	require.NoError(t, err)
	assert.Equal(t, "2027-04-13", end.Format("2006-01-02"), "the window runs to 12 April included")

	// A newer proof moves its event; the UID stays, so an import updates it.
	rep.Matches["veille"][0].LastUpdate = rules.NewDay(2026, 11, 1)
	rep.Matches["veille"][0].Expires = rules.NewDay(2027, 2, 1)
	var moved bytes.Buffer
	require.NoError(t, WriteICS(&moved, rep, "test"))
	after := map[string]string{}
	for _, e := range parseICS(t, moved.Bytes()).Events() {
		uid, _ := e.Props.Text(ical.PropUID)
		start, _ := e.DateTimeStart(nil)
		after[uid] = start.Format("2006-01-02")
	}
	assert.Equal(t, len(byUID), len(after), "the same events")
	for uid := range byUID {
		assert.Contains(t, after, uid)
	}
	assert.Equal(t, "2027-02-01", after[uid("expiry", "veille", "")])

	// An expiry already passed is no event in the past: the proof is late,
	// said on the day judged.
	rep.Matches["veille"][0].Expires = rules.NewDay(2026, 11, 1)
	var stale bytes.Buffer
	require.NoError(t, WriteICS(&stale, rep, "test"))
	assert.NotContains(t, stale.String(), "à renouveler — veille")
	assert.Contains(t, stale.String(), "en retard depuis le")
}
