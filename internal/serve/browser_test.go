package serve

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/browsertest"
)

// onePagePDF is a valid one-page PDF (its cross-reference table counted).
func onePagePDF() []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
	}
	var b strings.Builder
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return []byte(b.String())
}

func browser(t *testing.T) context.Context {
	t.Helper()
	if testing.Short() {
		t.Skip("starts a browser")
	}
	ctx, _ := browsertest.Start(t, 60*time.Second)
	return ctx
}

// TestProofsOpenInARealBrowser: a PDF proof, the usual kind, opens in
// Chromium's own viewer and a photo shows, neither in a sandboxed document
// (older Chromium blocks its PDF viewer there); a saved web page still runs
// no script.
func TestProofsOpenInARealBrowser(t *testing.T) {
	dir := folder(t)
	write := func(rel string, b []byte) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, b, 0o644))
	}
	write("catalogue/Catalogue été 2026.pdf", onePagePDF())
	write("divers/page enregistrée.html", []byte(`<p id="p">avant</p><script>document.getElementById('p').textContent='script'</script>`))
	s, _ := start(t, Options{Root: dir})
	for path, sandboxed := range map[string]bool{
		"/files/catalogue/Catalogue%20%C3%A9t%C3%A9%202026.pdf": false,
		"/files/divers/page%20enregistr%C3%A9e.html":            true,
	} {
		res, _ := get(t, s, "GET", path, "")
		assert.Equal(t, sandboxed, res.Header.Get("Content-Security-Policy") == "sandbox", path)
		assert.Equal(t, "nosniff", res.Header.Get("X-Content-Type-Options"), path)
	}

	ctx := browser(t)
	eval := func(js string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		require.NoError(t, err, js)
		return v
	}
	// The PDF: the page is the PDF itself, and Chromium's viewer opens in it.
	pdf := s.URL() + "files/catalogue/Catalogue%20%C3%A9t%C3%A9%202026.pdf"
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(pdf)))
	assert.Equal(t, pdf+" application/pdf", eval(`location.href + ' ' + document.contentType`))
	viewer := ""
	for start := time.Now(); viewer == "" && time.Since(start) < 15*time.Second; time.Sleep(50 * time.Millisecond) {
		infos, err := chromedp.Call(ctx, target.GetTargets, target.GetTargetsParams{})
		require.NoError(t, err)
		for _, i := range infos.TargetInfos {
			if strings.HasPrefix(i.URL, "chrome-extension://") && strings.HasSuffix(i.URL, "/index.html") {
				viewer = i.URL
			}
		}
	}
	assert.NotEmpty(t, viewer, "Chromium's PDF viewer did not open the proof")

	// The saved web page shows, its script does not run.
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(s.URL()+"files/divers/page%20enregistr%C3%A9e.html"), chromedp.WaitReady("#p")))
	assert.Equal(t, "avant", eval(`document.getElementById('p').textContent`))
}
