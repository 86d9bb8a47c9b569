package rules

import (
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hostileConfigs are small qlint.toml files built to make a decoder or a
// scanner run away; a pull request can bring one to CI.
func hostileConfigs() []struct{ name, src string } {
	const kb128 = 128 << 10
	dotted := "[" + strings.Repeat("a.", 50000) + "a]\n"
	return []struct{ name, src string }{
		{"nested arrays 128 KB", "schema = 1\nx = " + strings.Repeat("[", kb128) + strings.Repeat("]", kb128) + "\n"},
		{"unclosed nested arrays 128 KB", "schema = 1\nx = " + strings.Repeat("[", kb128) + "\n"},
		{"nested inline tables", "schema = 1\nx = " + strings.Repeat("{a=", 20000) + "1" + strings.Repeat("}", 20000) + "\n"},
		{"dotted header of 50k parts", "schema = 1\n" + dotted},
		{"dotted key of 50k parts", "schema = 1\n" + strings.Repeat("a.", 50000) + "a = 1\n"},
		{"100k keys", "schema = 1\n[t]\n" + strings.Repeat("k = 1\n", 1) + func() string {
			var b strings.Builder
			for i := 0; i < 100000; i++ {
				b.WriteString("k")
				b.WriteString(strings.Repeat("x", i%7))
				b.WriteString(string(rune('a' + i%26)))
				b.WriteString(" = 1\n")
			}
			return b.String()
		}()},
		{"100k array elements", "schema = 1\nx = [" + strings.Repeat("1,", 100000) + "1]\n"},
		{"2 MB of comment", "schema = 1\n#" + strings.Repeat("x", 2<<20) + "\n"},
	}
}

// TestHostileConfigsAreRefusedQuickly: each small hostile file is judged
// (refused, with a placed error) in under 10 s and 256 MB.
func TestHostileConfigsAreRefusedQuickly(t *testing.T) {
	for _, tt := range hostileConfigs() {
		t.Run(tt.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			_, err := Parse("qlint.toml", []byte(tt.src))
			took := time.Since(start)
			runtime.ReadMemStats(&after)
			require.Error(t, err)
			var list ErrorList
			require.True(t, errors.As(err, &list), "%v", err)
			assert.Less(t, took, 10*time.Second)
			assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(256<<20), "bytes allocated")
			assert.True(t, list[0].Msg.Complete())
		})
	}
}

// TestPositionScannerIsLinearOnDeepNesting: the scanner alone, given what
// checkBounds would refuse, still stays small.
func TestPositionScannerIsLinearOnDeepNesting(t *testing.T) {
	const n = 128 << 10
	for _, src := range []string{
		"x = " + strings.Repeat("[", n) + strings.Repeat("]", n),
		"x = " + strings.Repeat("{a=", n/3),
		"x = " + strings.Repeat("[\"a\",", n/5),
	} {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		pos := scanPositions(src)
		runtime.ReadMemStats(&after)
		assert.LessOrEqual(t, len(pos), 2*maxDepth+2)
		assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(64<<20), "bytes allocated")
	}
}

// TestRealConfigsPassTheBounds: the bounds leave real files alone.
func TestRealConfigsPassTheBounds(t *testing.T) {
	assert.NoError(t, checkBounds("qlint.toml", validConfig))
	assert.NoError(t, checkBounds("qlint.toml", "a = \"[[[[[[[[[[[[[[[[[[[[[[[[[[\" # {{{{{{{{{{{{{{{{{{{{{{{\nb = '''\n"+strings.Repeat("{", 40)+"\n'''\n"))
}
