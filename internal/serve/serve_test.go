package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/lang"
	"github.com/qlint/qlint/linter"
	"github.com/qlint/qlint/report"
	"github.com/qlint/qlint/rules"
)

const testRules = `schema = 1
[[rule]]
id = "catalogue"
indicators = [1]
paths = ["catalogue/*.pdf"]

[[rule]]
id = "veille"
indicators = [23]
paths = ["veille/*.md"]
`

// folder makes an evidence folder (outside git: dates are modification
// times) with a secret file beside it, and returns the folder.
func folder(t *testing.T) string {
	t.Helper()
	top := t.TempDir()
	dir := filepath.Join(top, "Mes preuves")
	write := func(rel, content string) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
	write("qlint.toml", testRules)
	write("veille/note de veille.md", "# Veille\n")
	require.NoError(t, os.WriteFile(filepath.Join(top, "secret.txt"), []byte("SECRET hors du dossier"), 0o644))
	return dir
}

// check judges the folder as qlint watch does.
func check(t *testing.T, dir string, l i18n.Lang) *linter.Report {
	t.Helper()
	cfgPath := filepath.Join(dir, "qlint.toml")
	cfg, err := rules.Load(cfgPath)
	require.NoError(t, err)
	// The files are dated by their real modification times: judging on a
	// fixed day would make them future-dated once the clock passes it.
	day := rules.DayOf(time.Now())
	rep, err := linter.Run(linter.Options{Root: dir, Config: cfg, ConfigPath: cfgPath, AsOf: day, Today: day, Lang: l})
	require.NoError(t, err)
	return rep
}

var clock = func() time.Time { return time.Date(2026, 12, 1, 10, 30, 0, 0, time.UTC) }

// start serves dir until the test ends; it returns the server and a
// function that stops it and returns Serve's error.
func start(t *testing.T, o Options) (*Server, func() error) {
	t.Helper()
	if o.Now == nil {
		o.Now = clock
	}
	s, err := Listen(o)
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- s.Serve(ctx) }()
	var stopped error
	done := false
	stop := func() error {
		if !done {
			done = true
			cancel()
			select {
			case stopped = <-errc:
			case <-time.After(10 * time.Second):
				stopped = errors.New("Serve did not return 10 s after its context ended")
			}
		}
		return stopped
	}
	t.Cleanup(func() { _ = stop() })
	return s, stop
}

// get asks path with the given Host ("" for the served one).
func get(t *testing.T, s *Server, method, path, host string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, strings.TrimSuffix(s.URL(), "/")+path, nil)
	require.NoError(t, err)
	if host != "" {
		req.Host = host
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res, string(b)
}

func TestListenOnTheLoopbackByDefault(t *testing.T) {
	dir := folder(t)
	for _, tc := range []struct{ name, addr string }{{"no address", ""}, {"port only", ":0"}, {"localhost", "localhost:0"}, {"host alone", "127.0.0.1"}} {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := start(t, Options{Root: dir, Addr: tc.addr})
			assert.True(t, strings.HasPrefix(s.URL(), "http://127.0.0.1:"), s.URL())
			assert.False(t, s.Remote())
			assert.True(t, s.ln.Addr().(*net.TCPAddr).IP.IsLoopback(), "listening on %s", s.ln.Addr())
		})
	}
	t.Run("every interface needs --expose", func(t *testing.T) {
		_, err := Listen(Options{Root: dir, Addr: "0.0.0.0:0"})
		require.Error(t, err)
		var ue *lang.Error
		require.ErrorAs(t, err, &ue)
		assert.Contains(t, ue.Localize(i18n.FR), "n'est pas celle de cet ordinateur seul")
		assert.Contains(t, ue.Localize(i18n.FR), "--expose")
		assert.Contains(t, ue.Localize(i18n.EN), "anyone on the network could read")
	})
	t.Run("with --expose", func(t *testing.T) {
		s, _ := start(t, Options{Root: dir, Addr: "0.0.0.0:0", Expose: true})
		assert.True(t, s.Remote())
		res, _ := get(t, s, "GET", "/live.js", "")
		assert.Equal(t, http.StatusOK, res.StatusCode)
		res, _ = get(t, s, "GET", "/live.js", "rebound.example:"+s.port)
		assert.Equal(t, http.StatusMisdirectedRequest, res.StatusCode, "a name is still refused")
	})
	for _, bad := range []string{"127.0.0.1:99999", "127.0.0.1:port", "a b:80", "[::1]:x"} {
		t.Run("bad "+bad, func(t *testing.T) {
			_, err := Listen(Options{Root: dir, Addr: bad})
			var ue *lang.Error
			require.ErrorAs(t, err, &ue)
			assert.Contains(t, ue.Localize(i18n.FR), "invalide")
		})
	}
}

// TestHostMustBeTheServedAddress: a page of another site that rebinds its
// name to 127.0.0.1 sends its own name as Host, and is refused.
func TestHostMustBeTheServedAddress(t *testing.T) {
	dir := folder(t)
	s, _ := start(t, Options{Root: dir})
	require.NoError(t, s.Publish(check(t, dir, i18n.FR), Change{}, ""))
	for _, tc := range []struct {
		name, host string
		want       int
	}{
		{"the address printed", "", http.StatusOK},
		{"localhost", "localhost:" + s.port, http.StatusOK},
		{"upper case", "LOCALHOST:" + s.port, http.StatusOK},
		{"a rebound name", "attaquant.example:" + s.port, http.StatusMisdirectedRequest},
		{"a rebound name without port", "attaquant.example", http.StatusMisdirectedRequest},
		{"another port", "127.0.0.1:1", http.StatusMisdirectedRequest},
		{"another address", "10.0.0.1:" + s.port, http.StatusMisdirectedRequest},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, path := range []string{"/", "/events?seq=1", "/report.json", "/files/veille/note%20de%20veille.md"} {
				if strings.HasPrefix(path, "/events") && tc.want == http.StatusOK {
					continue // a stream: tested below
				}
				res, body := get(t, s, "GET", path, tc.host)
				assert.Equal(t, tc.want, res.StatusCode, path)
				assert.Equal(t, "nosniff", res.Header.Get("X-Content-Type-Options"), path)
				if tc.want != http.StatusOK {
					assert.NotContains(t, body, "Veille", path)
					assert.Contains(t, body, "ne répond qu'à l'adresse", path)
				}
			}
		})
	}
}

// TestNothingChanges: no method but GET and HEAD is answered.
func TestNothingChanges(t *testing.T) {
	dir := folder(t)
	s, _ := start(t, Options{Root: dir})
	require.NoError(t, s.Publish(check(t, dir, i18n.FR), Change{}, ""))
	for _, m := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS"} {
		for _, path := range []string{"/", "/files/veille/note%20de%20veille.md", "/events", "/report.json"} {
			res, _ := get(t, s, m, path, "")
			assert.Equal(t, http.StatusMethodNotAllowed, res.StatusCode, m+" "+path)
			assert.Equal(t, "GET, HEAD", res.Header.Get("Allow"))
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "veille", "note de veille.md"))
	require.NoError(t, err)
	assert.Equal(t, "# Veille\n", string(b))
	res, body := get(t, s, "HEAD", "/files/veille/note%20de%20veille.md", "")
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Empty(t, body)
}

// TestProofsAreServedFromTheFolderOnly: files of the folder open with
// their type; nothing outside it, nothing under .git, no folder listing.
func TestProofsAreServedFromTheFolderOnly(t *testing.T) {
	dir := folder(t)
	write := func(rel, content string) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
	write("catalogue/Catalogue été 2026.PDF", "%PDF-1.4 catalogue")
	write("enquêtes/résultats.xlsx", "PK xlsx")
	write("divers/page.html", "<script>alert(1)</script>")
	write("divers/sans extension", "<html><script>alert(1)</script>")
	write(".git/config", "[core] SECRET du dépôt")
	write("sous-module/.git", "gitdir: ../.git/modules/x")
	write(".GIT-like/notes.txt", "a folder whose name only starts like .git")
	links := map[string]string{
		"lien-dehors":       filepath.Join("..", "secret.txt"),
		"lien-absolu":       filepath.Join(filepath.Dir(dir), "secret.txt"),
		"lien-vers-git":     filepath.Join(".git", "config"),
		"catalogue/dossier": filepath.Join("..", ".."),
		"lien-dedans":       filepath.Join("veille", "note de veille.md"),
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	s, _ := start(t, Options{Root: dir})
	for _, tc := range []struct {
		name, path string
		want       int
		ctype      string
		body       string
	}{
		{"a proof with accents and spaces", "/files/catalogue/Catalogue%20%C3%A9t%C3%A9%202026.PDF", 200, "application/pdf", "%PDF-1.4 catalogue"},
		{"a note", "/files/veille/note%20de%20veille.md", 200, "text/plain; charset=utf-8", "# Veille\n"},
		{"a spreadsheet", "/files/enqu%C3%AAtes/r%C3%A9sultats.xlsx", 200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "PK xlsx"},
		{"an unknown type is not guessed", "/files/divers/sans%20extension", 200, "application/octet-stream", ""},
		{"a link inside the folder", "/files/lien-dedans", 200, "text/plain; charset=utf-8", "# Veille\n"},
		{"a folder whose name starts like .git", "/files/.GIT-like/notes.txt", 200, "text/plain; charset=utf-8", ""},
		{"dot dot", "/files/../secret.txt", 403, "", ""},
		{"dot dot escaped", "/files/%2e%2e/secret.txt", 403, "", ""},
		{"dot dot with an escaped slash", "/files/veille%2F..%2F..%2Fsecret.txt", 403, "", ""},
		{"back slashes", "/files/veille%5C..%5C..%5Csecret.txt", 400, "", ""},
		{"a link out", "/files/lien-dehors", 403, "", ""},
		{"an absolute link out", "/files/lien-absolu", 403, "", ""},
		{"a linked folder out", "/files/catalogue/dossier/secret.txt", 403, "", ""},
		{".git", "/files/.git/config", 403, "", ""},
		{".git in capitals", "/files/.GIT/config", 403, "", ""},
		{".git with a trailing dot", "/files/.git./config", 403, "", ""},
		{"a submodule's .git", "/files/sous-module/.git", 403, "", ""},
		{"a link into .git", "/files/lien-vers-git", 403, "", ""},
		{"a folder is not listed", "/files/veille", 404, "", ""},
		{"a folder with a slash", "/files/veille/", 404, "", ""},
		{"nothing", "/files/", 404, "", ""},
		{"a file that does not exist", "/files/veille/absent.md", 404, "", ""},
		{"outside /files", "/qlint.toml", 404, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, body := get(t, s, "GET", tc.path, "")
			assert.Equal(t, tc.want, res.StatusCode)
			assert.Equal(t, "nosniff", res.Header.Get("X-Content-Type-Options"))
			assert.NotContains(t, body, "SECRET")
			if tc.want == 200 {
				assert.Equal(t, tc.ctype, res.Header.Get("Content-Type"))
				want := "sandbox" // nothing in the file runs, but a PDF opens in the browser's viewer
				if tc.ctype == "application/pdf" {
					want = ""
				}
				assert.Equal(t, want, res.Header.Get("Content-Security-Policy"))
				if tc.body != "" {
					assert.Equal(t, tc.body, body)
				}
			}
		})
	}
	res, _ := get(t, s, "GET", "/files/divers/page.html", "")
	assert.Equal(t, "text/html; charset=utf-8", res.Header.Get("Content-Type"))
	assert.Equal(t, "sandbox", res.Header.Get("Content-Security-Policy"), "a saved web page runs no script")
}

// event is one Server-Sent Event.
type event struct {
	id, name string
	data     payload
}

// readEvent reads the next event of a stream, skipping comments and the
// retry field; it fails when the stream's format is not the standard one.
func readEvent(t *testing.T, r *bufio.Reader) (event, bool) {
	t.Helper()
	var ev event
	seen := false
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return ev, false
		}
		line = strings.TrimSuffix(line, "\n")
		switch {
		case line == "":
			if seen {
				return ev, true
			}
		case strings.HasPrefix(line, ":"), strings.HasPrefix(line, "retry: "):
		case strings.HasPrefix(line, "id: "):
			ev.id, seen = strings.TrimPrefix(line, "id: "), true
		case strings.HasPrefix(line, "event: "):
			ev.name, seen = strings.TrimPrefix(line, "event: "), true
		case strings.HasPrefix(line, "data: "):
			require.NoError(t, json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &ev.data), "one JSON document on one data line: %q", line)
			seen = true
		default:
			t.Fatalf("not a line of an event stream: %q", line)
		}
	}
}

// stream opens the event stream as a page at seq does.
func stream(t *testing.T, s *Server, seq, lastID string) *bufio.Reader {
	t.Helper()
	req, err := http.NewRequest("GET", s.URL()+"events?seq="+seq, nil)
	require.NoError(t, err)
	if lastID != "" {
		req.Header.Set("Last-Event-ID", lastID)
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	t.Cleanup(func() { res.Body.Close() })
	require.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, "text/event-stream; charset=utf-8", res.Header.Get("Content-Type"))
	assert.Equal(t, "no-store", res.Header.Get("Cache-Control"))
	return bufio.NewReader(res.Body)
}

// TestEventStream follows the page's stream through a proof that appears,
// a bad qlint.toml and the end of the watch.
func TestEventStream(t *testing.T) {
	dir := folder(t)
	s, stop := start(t, Options{Root: dir})
	first := check(t, dir, i18n.FR)
	require.NoError(t, s.Publish(first, Change{}, ""))
	todo := 0
	for _, ind := range first.Indicators {
		if ind.Status.Info().ToFix {
			todo++
		}
	}
	require.EqualValues(t, "missing", first.Indicators[0].Status)

	base := s.live.seq - 1 // the number before the first report
	id := func(n uint64) string { return strconv.FormatUint(base+n, 10) }
	r := stream(t, s, "0", "")
	ev, ok := readEvent(t, r)
	require.True(t, ok)
	assert.Equal(t, id(1), ev.id)
	assert.Equal(t, "update", ev.name)
	assert.True(t, ev.data.Full, "a page that knows nothing gets the whole binder")
	assert.Contains(t, ev.data.Main, `id="indicateur-1"`)
	assert.Contains(t, ev.data.Header, "Classeur de preuves Qualiopi")
	assert.Contains(t, ev.data.Live, fmt.Sprintf("À faire : %d indicateurs à traiter", todo))
	assert.Contains(t, ev.data.Live, fmt.Sprintf("première vérification : %d indicateurs à traiter", todo))

	// A proof appears: the page at 1 gets only what changed.
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "catalogue"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "catalogue", "catalogue 2026.pdf"), []byte("%PDF"), 0o644))
	second := check(t, dir, i18n.FR)
	require.NoError(t, s.Publish(second, Change{Paths: []string{"catalogue/catalogue 2026.pdf"}}, ""))
	ev, ok = readEvent(t, r)
	require.True(t, ok)
	assert.Equal(t, id(2), ev.id)
	assert.False(t, ev.data.Full)
	assert.Equal(t, base+1, ev.data.Prev)
	assert.Empty(t, ev.data.Main)
	require.Contains(t, ev.data.Parts, "indicateur-1")
	assert.Contains(t, ev.data.Parts["indicateur-1"], `status-ok`)
	assert.Contains(t, ev.data.Parts["indicateur-1"], `href="files/catalogue/catalogue%202026.pdf"`)
	assert.NotContains(t, ev.data.Parts, "indicateur-23", "an indicator that did not change is not sent")
	assert.Equal(t, []string{"indicateur-1"}, ev.data.Changed)
	assert.Contains(t, ev.data.Live, "indicateur 1 : MANQUANT → CONFORME")
	assert.Contains(t, ev.data.Live, "catalogue 2026.pdf")
	assert.Contains(t, ev.data.Live, fmt.Sprintf("À faire : %d indicateurs à traiter", todo-1))
	assert.NotContains(t, ev.data.Live, `href="#indicateur-1"`, "indicator 1 leaves the to-do")

	// The report the page shows is --format json's.
	res, body := get(t, s, "GET", "/report.json", "")
	assert.Equal(t, "application/json", res.Header.Get("Content-Type"))
	var want strings.Builder
	require.NoError(t, report.WriteJSON(&want, second))
	assert.Equal(t, want.String(), body)

	// A bad qlint.toml: the problem is shown, the report stays.
	problem := "qlint.toml:3:1 : clé inconnue « pahts »"
	require.NoError(t, s.Publish(nil, Change{Rules: true}, problem))
	ev, ok = readEvent(t, r)
	require.True(t, ok)
	assert.Equal(t, id(3), ev.id)
	assert.Empty(t, ev.data.Parts)
	assert.Contains(t, ev.data.Live, "clé inconnue « pahts »")
	assert.Contains(t, ev.data.Live, "dernier rapport obtenu avec des règles valides")
	assert.Contains(t, ev.data.Live, "indicateur 1 : MANQUANT → CONFORME", "the strip stays")
	_, body = get(t, s, "GET", "/report.json", "")
	assert.Equal(t, want.String(), body, "the last good report stays")
	_, page := get(t, s, "GET", "/", "")
	assert.Contains(t, page, "clé inconnue « pahts »")
	assert.Contains(t, page, `data-seq="`+id(3)+`"`)
	assert.Contains(t, page, `<span class="status status-ok">CONFORME</span>`)

	// A page that reconnects gets what it lacks: everything when it is too
	// far behind, nothing when it is up to date.
	behind := stream(t, s, id(1), id(1))
	ev, ok = readEvent(t, behind)
	require.True(t, ok)
	assert.True(t, ev.data.Full)
	upToDate := stream(t, s, "0", id(3))

	// Ctrl-C: every stream says goodbye, the server stops cleanly.
	require.NoError(t, stop())
	for _, r := range []*bufio.Reader{r, upToDate} {
		ev, ok = readEvent(t, r)
		require.True(t, ok)
		assert.Equal(t, "bye", ev.name)
		_, ok = readEvent(t, r)
		assert.False(t, ok, "the stream ends")
	}
}

// TestPageWaitsForTheFirstCheck: a page asked before the first report
// comes with it; one asked while no report could be made shows why.
func TestPageWaitsForTheFirstCheck(t *testing.T) {
	dir := folder(t)
	s, _ := start(t, Options{Root: dir, Lang: i18n.EN})
	got := make(chan string, 1)
	go func() {
		res, err := http.Get(s.URL())
		if err != nil {
			got <- err.Error()
			return
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		got <- string(b)
	}()
	require.NoError(t, s.Publish(check(t, dir, i18n.EN), Change{}, ""))
	page := <-got
	assert.Contains(t, page, "Qualiopi evidence binder")
	assert.Contains(t, page, `<script src="live.js" defer></script>`)
	assert.Contains(t, page, `<div id="live-bar" class="screen-only" data-seq="`+strconv.FormatUint(s.live.seq, 10)+`"`)
	assert.Contains(t, page, "To do: ")
	assert.NotContains(t, page, liveMarker)

	s2, _ := start(t, Options{Root: dir, Lang: i18n.EN})
	require.NoError(t, s2.Publish(nil, Change{}, "the history cannot be trusted: shallow clone"))
	_, page = get(t, s2, "GET", "/", "")
	assert.Contains(t, page, "data-shell")
	assert.Contains(t, page, "the history cannot be trusted: shallow clone")
}

// TestSplitKeepsTheBinder: the parts put back in the skeleton give the
// binder's main again, and every indicator is a part.
func TestSplitKeepsTheBinder(t *testing.T) {
	dir := folder(t)
	var b strings.Builder
	rep := check(t, dir, i18n.FR)
	require.NoError(t, report.WriteHTML(&b, rep, report.HTMLOptions{LinkBase: "files"}))
	bd, err := split(b.String())
	require.NoError(t, err)
	back := bd.skeleton
	for id, p := range bd.parts {
		back = strings.Replace(back, "\x00"+id+"\x00", p, 1)
	}
	assert.Equal(t, bd.main, back)
	want := len(rep.Indicators)
	if strings.Contains(bd.main, `id="autres-constats"`) {
		want++
	}
	assert.Len(t, bd.parts, want, "the indicators and the other findings")
	assert.Contains(t, bd.parts, "indicateur-1")
	assert.Equal(t, "Classeur de preuves Qualiopi — organisme sans nom", bd.title)
}
