package rules

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// TestDaysStayPrintable: arithmetic never leaves four-digit years, nor
// reaches the zero day.
func TestDaysStayPrintable(t *testing.T) {
	late := NewDay(9999, time.June, 1)
	assert.Equal(t, "9999-12-31", late.AddMonths(12).String())
	assert.Equal(t, "9999-12-31", late.AddDays(400).String())
	early := NewDay(1, time.March, 1)
	assert.Equal(t, "0001-01-02", early.AddMonths(-5).String())
	assert.False(t, early.AddDays(-100).IsZero())
	d, err := ParseDuration("100y")
	assert.NoError(t, err)
	assert.Equal(t, "9999-12-31", d.After(NewDay(9950, time.January, 1)).String())
}
