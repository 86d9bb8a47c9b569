package main

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	goruntime "runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/browsertest"
	"github.com/qlint/qlint/internal/gitbuild"
	"github.com/qlint/qlint/linter"
)

// liveWatch is a running `qlint watch -f json --serve`: its reports as
// they come, its stderr, and the page's address.
type liveWatch struct {
	cmd     *exec.Cmd
	stderr  *syncBuffer
	url     string
	mu      sync.Mutex
	reports []linter.Report
	raw     []string
	other   []string // stdout lines that are not a report
}

// startLiveWatch starts qlint watch --serve on dir and waits for the
// address it prints.
func startLiveWatch(t *testing.T, dir string, extra ...string) *liveWatch {
	t.Helper()
	args := append([]string{"watch", dir, "-f", "json", "--serve", "--debounce", "100ms", "--as-of", "2026-11-22"}, extra...)
	lw := &liveWatch{cmd: exec.Command("qlint", args...), stderr: &syncBuffer{}}
	stdout, err := lw.cmd.StdoutPipe()
	require.NoError(t, err)
	lw.cmd.Stderr = lw.stderr
	require.NoError(t, lw.cmd.Start())
	t.Cleanup(func() { _ = lw.cmd.Process.Kill(); _ = lw.cmd.Wait() })
	go func() {
		sc := bufio.NewScanner(stdout)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		for sc.Scan() {
			var rep linter.Report
			err := json.Unmarshal(sc.Bytes(), &rep)
			lw.mu.Lock()
			if err == nil {
				lw.reports = append(lw.reports, rep)
				lw.raw = append(lw.raw, sc.Text())
			} else {
				lw.other = append(lw.other, sc.Text())
			}
			lw.mu.Unlock()
		}
	}()
	addr := regexp.MustCompile(`classeur en direct sur (http://127\.0\.0\.1:[0-9]+/)`)
	require.Eventually(t, func() bool { return addr.MatchString(lw.stderr.String()) }, 15*time.Second, 20*time.Millisecond,
		"no address printed; stderr:\n%s", lw.stderr.String())
	lw.url = addr.FindStringSubmatch(lw.stderr.String())[1]
	return lw
}

// last is the last NDJSON report printed, as a decoded JSON value.
func (lw *liveWatch) last() (linter.Report, any, int) {
	lw.mu.Lock()
	defer lw.mu.Unlock()
	if len(lw.raw) == 0 {
		return linter.Report{}, nil, 0
	}
	var v any
	_ = json.Unmarshal([]byte(lw.raw[len(lw.raw)-1]), &v)
	return lw.reports[len(lw.reports)-1], v, len(lw.raw)
}

// stop sends Ctrl-C and returns the exit error.
func (lw *liveWatch) stop(t *testing.T) error {
	t.Helper()
	require.NoError(t, lw.cmd.Process.Signal(syscall.SIGINT))
	done := make(chan error, 1)
	go func() { done <- lw.cmd.Wait() }()
	select {
	case err := <-done:
		return err
	case <-time.After(10 * time.Second):
		t.Fatal("qlint watch --serve did not stop on SIGINT")
		return nil
	}
}

func httpGet(t *testing.T, url string) (*http.Response, []byte) {
	t.Helper()
	res, err := http.Get(url)
	require.NoError(t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res, b
}

// liveFolder is a git repository with the watch rules: indicator 1
// missing, indicator 23 stale.
func liveFolder(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "Dossier qualité")
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "veille"), 0o755))
	r, err := gitbuild.Init(dir)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "qlint.toml"), []byte(watchRules), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "veille", "note de veille.md"), []byte("v1"), 0o644))
	_, err = r.CommitWorktree("début", gitbuild.MustDay("2025-01-10"))
	require.NoError(t, err)
	return dir
}

// TestWatchServeSameJudgement: the report the page shows is the one
// --format json prints, check after check; Ctrl-C ends with 0.
func TestWatchServeSameJudgement(t *testing.T) {
	dir := liveFolder(t)
	lw := startLiveWatch(t, dir)
	same := func(what string, n int) {
		t.Helper()
		require.Eventually(t, func() bool {
			_, want, count := lw.last()
			if count < n {
				return false
			}
			res, b := httpGet(t, lw.url+"report.json")
			var got any
			return res.StatusCode == 200 && json.Unmarshal(b, &got) == nil && assert.ObjectsAreEqual(want, got)
		}, 15*time.Second, 25*time.Millisecond, "%s: the page's report is not --format json's; stderr:\n%s", what, lw.stderr.String())
	}
	same("the first check", 1)
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "catalogue"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "catalogue", "Catalogue été 2026.pdf"), []byte("%PDF"), 0o644))
	require.Eventually(t, func() bool { rep, _, _ := lw.last(); return rep.Indicators[0].Status == "ok" }, 15*time.Second, 25*time.Millisecond)
	same("after a proof appeared", 2)
	assert.NoError(t, lw.stop(t), "exit 0 on Ctrl-C; stderr:\n%s", lw.stderr.String())
	lw.mu.Lock()
	defer lw.mu.Unlock()
	assert.Empty(t, lw.other, "nothing but reports on stdout: the address goes to stderr")
}

// TestWatchServeFlags: the mistakes a user can make with the new flags.
func TestWatchServeFlags(t *testing.T) {
	wideMessages(t)
	dir := liveFolder(t)
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"--open alone", []string{"--open"}, "--open ne sert qu'avec --serve"},
		{"--expose alone", []string{"--expose"}, "--expose ne sert qu'avec --serve"},
		{"every interface without --expose", []string{"--serve", "0.0.0.0:0"}, "n'est pas celle de cet ordinateur seul"},
		{"a bad address", []string{"--serve=127.0.0.1:99999"}, "adresse \"127.0.0.1:99999\" invalide pour --serve"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr strings.Builder
			code := run(append([]string{"watch", dir}, tc.args...), &stdout, &stderr)
			assert.Equal(t, exitError, code)
			assert.Contains(t, stderr.String(), tc.want)
			assert.Contains(t, stderr.String(), "conseil")
			assert.Empty(t, stdout.String())
		})
	}
	t.Run("--serve ADDR is the address, not the folder", func(t *testing.T) {
		join := func(args ...string) []string { out, _ := joinServeAddr(args); return out }
		assert.Equal(t, []string{"watch", "--serve=127.0.0.1:8080", "preuves"}, join("watch", "--serve", "127.0.0.1:8080", "preuves"))
		assert.Equal(t, []string{"--serve=:8080"}, join("--serve", ":8080"))
		assert.Equal(t, []string{"demo", "--serve=0.0.0.0"}, join("demo", "--serve", "0.0.0.0"))
		assert.Equal(t, []string{"--serve=localhost"}, join("--serve", "localhost"))
		assert.Equal(t, []string{"--serve=::1"}, join("--serve", "::1"))
		assert.Equal(t, []string{"--serve", "preuves"}, join("--serve", "preuves"))
		_, maybe := joinServeAddr([]string{"--serve", "preuves"})
		assert.Equal(t, "preuves", maybe, "a name that could be a host")
		_, maybe = joinServeAddr([]string{"--serve", "Dossier qualité"})
		assert.Empty(t, maybe, "a name that cannot be a host")
	})
	t.Run("an existing folder named like an address stays the folder", func(t *testing.T) {
		t.Chdir(filepath.Dir(dir))
		require.NoError(t, os.Mkdir("localhost", 0o755))
		out, _ := joinServeAddr([]string{"--serve", "localhost"})
		assert.Equal(t, []string{"--serve", "localhost"}, out)
	})
	t.Run("a bare host after the folder is the address", func(t *testing.T) {
		var stdout, stderr strings.Builder
		code := run([]string{"watch", dir, "--serve", "0.0.0.0"}, &stdout, &stderr)
		assert.Equal(t, exitError, code)
		assert.Contains(t, stderr.String(), "l'adresse 0.0.0.0 n'est pas celle de cet ordinateur seul")
		assert.NotContains(t, stderr.String(), "un seul dossier")
	})
	t.Run("a name that is neither a folder nor an address said plainly", func(t *testing.T) {
		t.Chdir(dir)
		var stdout, stderr strings.Builder
		code := run([]string{"watch", "--serve", "monpc"}, &stdout, &stderr)
		assert.Equal(t, exitError, code)
		assert.Contains(t, strings.ReplaceAll(stderr.String(), "\u00a0", " "), "le dossier de preuves monpc n'existe pas ; si monpc est l'adresse où servir la page, écrivez-la avec un signe égal : --serve=monpc")
		assert.Contains(t, stderr.String(), "--serve monpc:8080")
	})
}

// TestLivePageInARealBrowser opens the live page in headless Chromium,
// files a proof and sees its indicator turn green without a reload; a bad
// qlint.toml is shown on the page, which keeps the last good report;
// printing gives the binder without the live strip; Ctrl-C tells the page.
func TestLivePageInARealBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	dir := liveFolder(t)
	lw := startLiveWatch(t, dir)

	ctx, problems := browsertest.Start(t, 120*time.Second)
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(lw.url), chromedp.WaitReady("#live-bar")))
	eval := func(js string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		require.NoError(t, err, js)
		return v
	}
	// waitFor polls the page until js gives want.
	waitFor := func(what, js, want string, within time.Duration) time.Duration {
		t.Helper()
		start := time.Now()
		got := ""
		for time.Since(start) < within {
			if got = eval(js); got == want {
				return time.Since(start)
			}
			time.Sleep(20 * time.Millisecond)
		}
		t.Fatalf("%s: %q after %s, want %q; stderr:\n%s", what, got, within, want, lw.stderr.String())
		return 0
	}
	status := `(function(){var s=document.querySelector('#indicateur-1 .status');return s?s.className+' '+s.textContent:'none'})()`
	waitFor("indicator 1 before", status, "status status-missing MANQUANT", 10*time.Second)
	eval(`window.qlintSamePage = 'yes'; 'ok'`)
	// The live strip waits for the event stream to be open before the proof
	// is filed: the connection message is hidden once it is.
	waitFor("the stream open", `document.getElementById('live-conn').hidden ? 'open' : 'closed'`, "open", 10*time.Second)

	// A proof is filed: the page shows it within 2 s, without a reload.
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "catalogue"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "catalogue", "Catalogue été 2026.pdf"), []byte("%PDF-1.4"), 0o644))
	took := waitFor("indicator 1 after the proof", status, "status status-ok CONFORME", 2*time.Second)
	t.Logf("file written -> page updated: %s (debounce 100 ms)", took)
	assert.Equal(t, "yes", eval(`window.qlintSamePage || 'reloaded'`), "no reload")
	strip := eval(`document.querySelector('.live-strip li').textContent`)
	assert.Contains(t, strip, "indicateur 1 : MANQUANT → CONFORME")
	assert.Contains(t, strip, "catalogue/Catalogue été 2026.pdf")
	assert.Equal(t, "0", eval(`String(document.querySelectorAll('.live-todo a[href="#indicateur-1"]').length)`), "indicator 1 leaves the to-do")
	assert.Equal(t, "1", eval(`String(document.querySelectorAll('.live-todo a[href="#indicateur-23"]').length)`), "the stale watch note stays in it")
	assert.Equal(t, "live-bar", eval(`document.body.firstElementChild.id`), "the to-do is on top")

	// Every indicator's status on the page is the one --format json printed.
	rep, _, _ := lw.last()
	var want []string
	for _, ind := range rep.Indicators {
		want = append(want, "indicateur-"+strconv.Itoa(ind.ID)+"="+string(ind.Status))
	}
	got := eval(`Array.from(document.querySelectorAll('article.indicator')).map(function(a){return a.id+'='+a.querySelector('.status').className.replace('status status-','')}).join(',')`)
	assert.Equal(t, strings.Join(want, ","), got)

	// The proof's link opens the file.
	href := eval(`document.querySelector('#indicateur-1 a[href^="files/"]').href`)
	res, body := httpGet(t, href)
	assert.Equal(t, 200, res.StatusCode)
	assert.Equal(t, "application/pdf", res.Header.Get("Content-Type"))
	assert.Equal(t, "%PDF-1.4", string(body))

	// A bad qlint.toml: the page says so and keeps the last good report.
	broken := strings.Replace(watchRules, `max_age = "1mo"`, `max_age = "bientôt"`, 1)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "qlint.toml"), []byte(broken), 0o644))
	waitFor("the problem shown", `(function(){var p=document.querySelector('.live-problem pre');return p&&p.textContent.indexOf('qlint.toml:11:11')>=0?'shown':'no'})()`, "shown", 10*time.Second)
	assert.Equal(t, "status status-ok CONFORME", eval(status), "the last good report stays")

	// Printing gives the binder, without the live strip.
	_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
	require.NoError(t, err)
	assert.Equal(t, "none", eval(`getComputedStyle(document.getElementById('live-bar')).display`))
	_, err = chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{})
	require.NoError(t, err)
	yes := true
	printed, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{PrintBackground: &yes, PreferCSSPageSize: &yes})
	require.NoError(t, err)
	pages := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(printed.Data, -1))
	assert.Greater(t, pages, 1, "the A4 binder, a page per criterion")

	// Ctrl-C: exit 0, and the page says it is no longer updated.
	assert.NoError(t, lw.stop(t), "exit 0 on Ctrl-C; stderr:\n%s", lw.stderr.String())
	waitFor("the goodbye", `(function(){var c=document.getElementById('live-conn');return !c.hidden&&c.textContent.indexOf('qlint watch est arrêté')===0?'bye':'no'})()`, "bye", 5*time.Second)

	assert.Empty(t, problems.List(), "no console error")
}

// TestWatchServeExpose: another address than the loopback, with --expose,
// is served after a warning that says what it exposes.
func TestWatchServeExpose(t *testing.T) {
	wideMessages(t)
	lw := startLiveWatch(t, liveFolder(t), "--serve=0.0.0.0:0", "--expose")
	assert.Contains(t, strings.ReplaceAll(lw.stderr.String(), "\u00a0", " "), "attention, la page écoute au-delà de cet ordinateur : toute personne qui joint cette adresse sur le réseau peut lire, sans mot de passe, le classeur et chaque fichier du dossier de preuves (sauf .git)")
	res, _ := httpGet(t, lw.url+"live.js")
	assert.Equal(t, 200, res.StatusCode)
	// The address for the colleague: this computer's on the network.
	network := regexp.MustCompile(`depuis un autre ordinateur du réseau sur (http://[^ ]+/)`).FindStringSubmatch(lw.stderr.String())
	if network == nil {
		assert.Contains(t, lw.stderr.String(), "cet ordinateur n'a pas d'adresse réseau en ce moment")
	} else {
		assert.NotContains(t, network[1], "127.0.0.1")
		res, _ = httpGet(t, network[1]+"live.js")
		assert.Equal(t, 200, res.StatusCode)
	}
	assert.NoError(t, lw.stop(t))
}

// TestWatchServeOpen: --open hands the printed address to the system's
// opener (xdg-open here, replaced by a script that writes it down).
func TestWatchServeOpen(t *testing.T) {
	if goruntime.GOOS != "linux" {
		t.Skip("the opener is xdg-open on Linux only")
	}
	bin := t.TempDir()
	opened := filepath.Join(bin, "opened")
	script := "#!/bin/sh\nprintf '%s' \"$1\" > '" + opened + "'\n"
	require.NoError(t, os.WriteFile(filepath.Join(bin, "xdg-open"), []byte(script), 0o755))
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	lw := startLiveWatch(t, liveFolder(t), "--open")
	require.Eventually(t, func() bool {
		b, err := os.ReadFile(opened)
		return err == nil && string(b) == lw.url
	}, 15*time.Second, 20*time.Millisecond, "the browser was not opened at %s; stderr:\n%s", lw.url, lw.stderr.String())
	assert.NoError(t, lw.stop(t))
}
