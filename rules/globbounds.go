package rules

import (
	"fmt"

	"github.com/qlint/qlint/internal/i18n"
)

// Bounds on one file pattern. {a,b} alternatives are tried one by one when
// matching, so nested or chained braces multiply the work: a pattern of
// thousands of nested braces keeps the matcher busy for seconds on a
// single name (BENCHMARKS.md). Real patterns have one or two groups of a
// few variants.
const (
	maxGlobLen        = 1024 // characters
	maxBraceDepth     = 4    // {a,{b,c}} is 2
	maxGlobExpansions = 256  // the names {a,b}{c,d} stands for: 4
)

// checkGlobBounds refuses a pattern too long, with braces nested too deep,
// or standing for too many variants.
func checkGlobBounds(s string) (i18n.Text, bool) {
	if len(s) > maxGlobLen {
		return i18n.T(fmt.Sprintf("motif de fichier de %d caractères, plus que les %d acceptés", len(s), maxGlobLen),
			fmt.Sprintf("file pattern of %d characters, more than the %d accepted", len(s), maxGlobLen)), false
	}
	g := globScan{s: s}
	n := g.sequence(0)
	switch {
	case g.deep:
		return i18n.T(fmt.Sprintf("motif de fichier aux accolades imbriquées sur plus de %d niveaux", maxBraceDepth),
			fmt.Sprintf("file pattern with braces nested more than %d levels deep", maxBraceDepth)), false
	case n > maxGlobExpansions:
		return i18n.T(fmt.Sprintf("motif de fichier aux variantes {a,b} trop nombreuses (plus de %d combinaisons)", maxGlobExpansions),
			fmt.Sprintf("file pattern with too many {a,b} variants (more than %d combinations)", maxGlobExpansions)), false
	}
	return i18n.Text{}, true
}

// globScan counts the names a pattern's braces stand for, capped just
// above the limit so that the count itself stays small.
type globScan struct {
	s    string
	i    int
	deep bool
}

func capped(n int) int { return min(n, maxGlobExpansions+1) }

// sequence reads up to the end, or to the , or } that closes the current
// alternative, and returns the product of its groups' counts.
func (g *globScan) sequence(depth int) int {
	n := 1
	for g.i < len(g.s) {
		switch g.s[g.i] {
		case '\\':
			g.i += 2
		case '[':
			for g.i++; g.i < len(g.s) && g.s[g.i] != ']'; g.i++ {
			}
			g.i++
		case '{':
			g.i++
			if depth+1 > maxBraceDepth {
				g.deep = true
				g.i = len(g.s)
				return n
			}
			n = capped(n * g.alternatives(depth+1))
		case ',', '}':
			if depth > 0 {
				return n
			}
			g.i++
		default:
			g.i++
		}
	}
	return n
}

// alternatives reads a {…} group after its {, and returns the sum of its
// alternatives' counts.
func (g *globScan) alternatives(depth int) int {
	n := 0
	for {
		n = capped(n + g.sequence(depth))
		if g.i >= len(g.s) {
			return n
		}
		c := g.s[g.i]
		g.i++
		if c == '}' {
			return n
		}
	}
}
