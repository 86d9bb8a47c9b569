package report

import (
	"sort"
	"strings"

	"github.com/qlint/qlint/linter"

	"github.com/qlint/qlint/internal/i18n"
)

// NBSP is the non-breaking space French puts before « : », « ; », « ? »,
// « ! », « » » and after « « »: the punctuation stays with its word, so a
// line never starts with ":" or "»".
const NBSP = "\u00a0"

// frenchSpace returns line with the ordinary space before a French double
// punctuation mark and after an opening guillemet made non-breaking. Only
// the spaces the sentence puts there change: a mark glued to a word
// (12:30, https://, a file named "a;b") is left alone, and so are the
// names in keep (files whose own name holds " : " or « » shown inside
// the sentence), which are printed exactly as they are.
func frenchSpace(line string, keep []string) string {
	if !strings.ContainsAny(line, ":;?!»«") {
		return line
	}
	// Spans of line that are names, not prose.
	var spans [][2]int
	for _, k := range keep {
		for off := 0; ; {
			i := strings.Index(line[off:], k)
			if i < 0 {
				break
			}
			spans = append(spans, [2]int{off + i, off + i + len(k)})
			off += i + len(k)
		}
	}
	inName := func(i int) bool {
		for _, s := range spans {
			if i >= s[0] && i < s[1] {
				return true
			}
		}
		return false
	}
	var b strings.Builder
	for i := 0; i < len(line); i++ {
		if line[i] == ' ' && !inName(i) && (spaceBefore(line, i) || spaceAfter(line, i)) {
			b.WriteString(NBSP)
			continue
		}
		b.WriteByte(line[i])
	}
	return b.String()
}

// spaceBefore reports whether the space at i comes before a double
// punctuation mark or a closing guillemet that ends its word.
func spaceBefore(line string, i int) bool {
	rest := line[i+1:]
	if strings.HasPrefix(rest, "»") {
		return i > 0 && line[i-1] != ' '
	}
	if rest == "" || !strings.ContainsRune(":;?!", rune(rest[0])) {
		return false
	}
	// The mark ends its word: a space, the end of the line, or more
	// punctuation follows (« ?! », « : » before a closing bracket).
	j := 1
	for j < len(rest) && strings.ContainsRune(":;?!)]….,", rune(rest[j])) {
		j++
	}
	return (j == len(rest) || rest[j] == ' ' || strings.HasPrefix(rest[j:], "»")) && i > 0 && line[i-1] != ' '
}

// spaceAfter reports whether the space at i follows an opening guillemet.
func spaceAfter(line string, i int) bool {
	return strings.HasSuffix(line[:i], "«") && i+1 < len(line) && line[i+1] != ' '
}

// frenchNames are the names among names that frenchSpace would otherwise
// change, longest first (a name inside a longer one is found in it).
func frenchNames(names []string) []string {
	var keep []string
	seen := map[string]bool{}
	for _, n := range names {
		v := Visible(n)
		if seen[v] || frenchSpace(v, nil) == v {
			continue
		}
		seen[v] = true
		keep = append(keep, v)
	}
	sort.Slice(keep, func(a, b int) bool { return len(keep[a]) > len(keep[b]) })
	return keep
}

// reportNames are the file names r shows inside its sentences.
func reportNames(r *linter.Report) []string {
	if r == nil {
		return nil
	}
	var names []string
	for _, f := range r.Findings {
		if f.Path != "" {
			names = append(names, f.Path)
		}
	}
	for _, ms := range r.Matches {
		for _, m := range ms {
			names = append(names, m.Path, m.Dir)
		}
	}
	return frenchNames(names)
}

// french makes lw write French spacing when l is French, keeping the
// names in r as they are.
func (lw *lineWrapper) french(l i18n.Lang, r *linter.Report) {
	if l == i18n.EN {
		return
	}
	lw.fr = true
	lw.keep = reportNames(r)
}
