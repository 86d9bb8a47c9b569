package rules

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/lang"
)

func TestOffsetWords(t *testing.T) {
	w := OffsetWords{Start: lang.T("le début", "the start"), End: lang.T("la fin", "the end"),
		AtStart: lang.T("au début", "at the start"), AtEnd: lang.T("à la fin", "at the end")}
	tests := []struct{ in, fr, en string }{
		{"start", "au début", "at the start"},
		{"end", "à la fin", "at the end"},
		{"start-15d", "15 jours avant le début", "15 days before the start"},
		{"end+7d", "7 jours après la fin", "7 days after the end"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			o, err := ParseOffset(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.fr, o.Words(w).In(lang.FR))
			assert.Equal(t, tt.en, o.Words(w).In(lang.EN))
		})
	}
}
