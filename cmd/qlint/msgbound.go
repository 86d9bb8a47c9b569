package main

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Error messages quote paths and values that come from files (a .git file,
// a link's target, a setting): a 3 MB one was printed whole and, wrapped
// to the terminal, took the memory. boundMessage keeps every run of
// characters without a space to maxWord characters and the whole message
// to maxMessage, each cut marked with « … ».
const (
	maxWord    = 240
	maxMessage = 4000
)

func boundMessage(s string) string {
	if utf8.RuneCountInString(s) <= maxWord && !strings.ContainsAny(s, "\n") {
		return s
	}
	var b strings.Builder
	run, total := 0, 0
	cut := false
	for _, r := range s {
		if total >= maxMessage {
			b.WriteString("…")
			break
		}
		if unicode.IsSpace(r) {
			run, cut = 0, false
		} else {
			run++
			if run > maxWord {
				if !cut {
					b.WriteString("…")
					cut = true
				}
				continue
			}
		}
		b.WriteRune(r)
		total++
	}
	return b.String()
}
