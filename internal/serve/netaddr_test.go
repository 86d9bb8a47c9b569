package serve

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestNetworkURLs: with --expose on every interface, the addresses given
// for a colleague are this computer's network addresses, and each serves
// the page; on the loopback there is none.
func TestNetworkURLs(t *testing.T) {
	dir := folder(t)
	s, _ := start(t, Options{Root: dir})
	assert.Empty(t, s.NetworkURLs(), "the loopback is for this computer alone")

	s, _ = start(t, Options{Root: dir, Addr: "0.0.0.0:0", Expose: true})
	urls := s.NetworkURLs()
	if len(urls) == 0 {
		t.Skip("this computer has no network address")
	}
	for _, u := range urls {
		assert.NotContains(t, u, "127.0.0.1")
		assert.NotContains(t, u, "0.0.0.0")
		assert.NotContains(t, u, "[fe80:")
		assert.True(t, strings.HasSuffix(u, ":"+s.port+"/"), u)
		res, err := http.Get(u + "live.js")
		require.NoError(t, err, u)
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		assert.Equal(t, http.StatusOK, res.StatusCode, u)
	}
	t.Logf("%v", urls)
}
