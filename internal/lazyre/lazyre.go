// Package lazyre holds regular expressions compiled on first use. qlint
// starts for every run (a pre-commit hook, a CI step, each file saved
// under qlint watch), and most runs use few of its expressions: compiling
// all of them at start was a tenth of the start's processor time.
package lazyre

import (
	"regexp"
	"sync"
)

// Regexp is a regular expression compiled the first time it is used. Its
// methods are those of regexp.Regexp; it is safe for concurrent use.
type Regexp struct {
	src  string
	once sync.Once
	re   *regexp.Regexp
}

// New returns the expression src, to be compiled on first use; a src that
// does not compile panics then, as regexp.MustCompile would at start (the
// tests use every expression).
func New(src string) *Regexp { return &Regexp{src: src} }

// Re returns the compiled expression.
func (l *Regexp) Re() *regexp.Regexp {
	l.once.Do(func() { l.re = regexp.MustCompile(l.src) })
	return l.re
}

// String returns the source text.
func (l *Regexp) String() string { return l.src }

func (l *Regexp) Match(b []byte) bool                  { return l.Re().Match(b) }
func (l *Regexp) MatchString(s string) bool            { return l.Re().MatchString(s) }
func (l *Regexp) FindString(s string) string           { return l.Re().FindString(s) }
func (l *Regexp) FindStringIndex(s string) []int       { return l.Re().FindStringIndex(s) }
func (l *Regexp) FindStringSubmatch(s string) []string { return l.Re().FindStringSubmatch(s) }
func (l *Regexp) ReplaceAllString(src, repl string) string {
	return l.Re().ReplaceAllString(src, repl)
}
func (l *Regexp) ReplaceAllStringFunc(src string, repl func(string) string) string {
	return l.Re().ReplaceAllStringFunc(src, repl)
}
