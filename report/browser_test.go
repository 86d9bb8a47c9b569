package report

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/browsertest"
	"github.com/qlint/qlint/internal/i18n"
)

// TestBinderInARealBrowser loads the HTML binder from disk in headless
// Chromium: no console error, every criterion and the summary present,
// and "Print to PDF" gives a document of several pages.
func TestBinderInARealBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser: TestHTMLGolden and TestHTMLStructure check the binder")
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "classeur.html")
	var b bytes.Buffer
	require.NoError(t, WriteHTML(&b, binderReport(t, i18n.FR), HTMLOptions{}))
	require.NoError(t, os.WriteFile(file, b.Bytes(), 0o644))

	ctx, problems := browsertest.Start(t, 90*time.Second)
	yes := true
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
	assert.Empty(t, problems.List(), "no console error")
}
