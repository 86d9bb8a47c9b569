package lazyre

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCompiledOnFirstUseOnce(t *testing.T) {
	re := New(`^(\d{4})-(\d{2})$`)
	assert.Nil(t, re.re, "not compiled before use")
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			assert.True(t, re.MatchString("2026-12"))
		}()
	}
	wg.Wait()
	first := re.Re()
	assert.Same(t, first, re.Re())
	assert.Equal(t, []string{"2026-12", "2026", "12"}, re.FindStringSubmatch("2026-12"))
	assert.Equal(t, "x", re.ReplaceAllString("2026-12", "x"))
	assert.Equal(t, `^(\d{4})-(\d{2})$`, re.String())
}

func TestBadExpressionPanicsOnUse(t *testing.T) {
	re := New(`(`)
	assert.Panics(t, func() { re.MatchString("x") })
}
