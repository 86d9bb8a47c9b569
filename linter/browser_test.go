package linter

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/i18n"
)

func chromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is required in CI (.ci/run installs it)")
	}
	t.Skip("chromium is not installed: the real-browser test of the binder is skipped (apt-get install -y chromium)")
	return ""
}

// TestBinderInARealBrowser loads the HTML binder from disk in headless
// Chromium: no console error, every criterion and the summary present,
// and "Print to PDF" gives a document of several pages.
func TestBinderInARealBrowser(t *testing.T) {
	bin := chromium(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "classeur.html")
	var b bytes.Buffer
	require.NoError(t, WriteHTML(&b, binderReport(t, i18n.FR), HTMLOptions{}))
	require.NoError(t, os.WriteFile(file, b.Bytes(), 0o644))

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin), chromedp.NoSandbox, chromedp.Headless, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.NoFirstRun, chromedp.UserDataDir(t.TempDir()))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	defer cancelTimeout()

	var mu sync.Mutex
	var problems []string
	require.NoError(t, chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventExceptionThrown:
			problems = append(problems, "exception: "+e.ExceptionDetails.Text)
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError {
				problems = append(problems, "console error")
			}
		case *log.EventEntryAdded:
			if e.Entry.Level == log.EntryLevelError {
				problems = append(problems, "log: "+e.Entry.Text)
			}
		}
	}))
	yes := true
	_, err := chromedp.Call(ctx, log.Enable, cdp.Empty{})
	require.NoError(t, err)
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate("file://"+file), chromedp.WaitReady("body")))
	title, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.title`))
	require.NoError(t, err)
	criteria, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('section.criterion[id^="critere-"]').length`))
	require.NoError(t, err)
	summary, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('section.summary table').length`))
	require.NoError(t, err)
	indicators, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('article.indicator').length`))
	require.NoError(t, err)
	printed, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{PrintBackground: &yes, PreferCSSPageSize: &yes})
	require.NoError(t, err)
	pdf := printed.Data
	assert.Contains(t, title, "Classeur de preuves Qualiopi")
	assert.Equal(t, 7, criteria, "every criterion")
	assert.Equal(t, 1, summary, "the summary")
	assert.Equal(t, 32, indicators, "every indicator")
	pages := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf, -1))
	assert.Greater(t, pages, 1, "printed on several pages (a page break per criterion): %d", pages)
	mu.Lock()
	defer mu.Unlock()
	assert.Empty(t, problems, "no console error")
}
