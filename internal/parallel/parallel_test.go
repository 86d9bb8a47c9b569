package parallel

import (
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Every index is done once, whatever the length against the cores.
func TestForDoesEveryIndexOnce(t *testing.T) {
	for _, n := range []int{0, 1, 2, 3, 7, 100, 2501} {
		seen := make([]atomic.Int32, n)
		For(n, func(i int) { seen[i].Add(1) })
		for i := range seen {
			assert.Equal(t, int32(1), seen[i].Load(), "n=%d, i=%d", n, i)
		}
	}
	assert.False(t, Worth(From-1))
	assert.True(t, Worth(From))
}
