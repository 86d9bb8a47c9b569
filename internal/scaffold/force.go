package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/qlint/qlint/internal/safefile"
	"github.com/qlint/qlint/rules"
)

// Rewrite is what `init --force` did to an existing qlint.toml.
type Rewrite struct {
	// Merged is true when only the profile ([organization], and the
	// initial audit when given) was rewritten: her rules, waivers, audit
	// dates and comments are kept as they were.
	Merged bool
	// Unchanged is true when the file already had that profile: it was
	// not written again.
	Unchanged bool
	// Backup is where the old file was saved when it could not be merged
	// (relative to the folder); empty otherwise.
	Backup string
}

// rewriteConfig writes the profile p into the existing qlint.toml old:
// the [organization] table is replaced, [audit] initial too when p gives
// one, and everything else is kept line for line. When the result would not
// read back (a file qlint cannot place the profile in), old is saved next
// to it and a fresh file is written instead.
func rewriteConfig(b *builder, old []byte, p Profile) (string, Rewrite, error) {
	if text, ok := mergeProfile(string(old), p); ok {
		if _, err := rules.Parse("qlint.toml", []byte(text)); err == nil {
			return text, Rewrite{Merged: true}, nil
		}
	}
	backup, err := saveBackup(b, old)
	if err != nil {
		return "", Rewrite{}, err
	}
	return Config(p), Rewrite{Backup: backup}, nil
}

// saveBackup copies the old file to qlint.toml.ancien (.ancien-2, -3… when
// taken), never overwriting anything.
func saveBackup(b *builder, old []byte) (string, error) {
	for i := 1; i < 100; i++ {
		name := "qlint.toml.ancien"
		if i > 1 {
			name = fmt.Sprintf("qlint.toml.ancien-%d", i)
		}
		err := b.writeNew(name, string(old))
		if err == nil {
			return name, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return "", err
		}
	}
	return "", fmt.Errorf("saving qlint.toml: too many old copies already")
}

// mergeProfile replaces the [organization] table of text with p's, and
// [audit] initial when p gives one; false when text has no place for it.
func mergeProfile(text string, p Profile) (string, bool) {
	fresh := strings.Split(Config(p), "\n")
	org, ok := table(fresh, "organization")
	if !ok {
		return "", false
	}
	newOrg := fresh[org.start:org.end]
	lines := strings.Split(text, "\n")
	old, ok := table(lines, "organization")
	if p.NameFromFolder && ok {
		// No --name: her organization's name stays.
		for _, l := range lines[old.start:old.end] {
			if keyOf(l) == "name" {
				newOrg = replaceKey(newOrg, "name", l)
			}
		}
	}
	if ok {
		newOrg = keepComments(newOrg, lines[old.start:old.end])
	}
	var out []string
	if ok {
		out = append(append(append(out, lines[:old.start]...), newOrg...), lines[old.end:]...)
	} else {
		// No [organization] yet: it goes before the first table.
		first := len(lines)
		for i, l := range lines {
			if isHeader(l) {
				first = i
				break
			}
		}
		out = append(append(append(out, lines[:first]...), newOrg...), lines[first:]...)
	}
	if !p.InitialAudit.IsZero() {
		line := "initial = " + p.InitialAudit.String()
		if a, ok := table(out, "audit"); ok {
			found := false
			for i := a.start + 1; i < a.end; i++ {
				if keyOf(out[i]) == "initial" {
					// Her comment on the line stays.
					out[i], found = line+trailingComment(out[i]), true
				}
			}
			if !found {
				out = append(out[:a.start+1], append([]string{line}, out[a.start+1:]...)...)
			}
		} else {
			out = append(out, "", "[audit]", line)
		}
	}
	return strings.Join(out, "\n"), true
}

// keepComments puts back, on each line of fresh that sets a key, the
// comment she wrote at the end of that key's line in old: her words on the
// name, the categories or any other line of the profile survive --force.
func keepComments(fresh, old []string) []string {
	mine := map[string]string{}
	for _, l := range old {
		if k := keyOf(l); k != "" {
			if c := trailingComment(l); c != "" {
				mine[k] = c
			}
		}
	}
	out := make([]string, len(fresh))
	for i, l := range fresh {
		out[i] = l
		if c, ok := mine[keyOf(l)]; ok {
			out[i] = strings.TrimRight(stripComment(l), " ") + c
		}
	}
	return out
}

type span struct{ start, end int } // lines [start, end): header to next header

// table finds [name] in lines; its span runs to the next table header,
// without the blank and comment lines that introduce the next one.
func table(lines []string, name string) (span, bool) {
	for i, l := range lines {
		if strings.TrimSpace(stripComment(l)) != "["+name+"]" {
			continue
		}
		end := len(lines)
		for j := i + 1; j < len(lines); j++ {
			if isHeader(lines[j]) {
				end = j
				break
			}
		}
		for end > i+1 {
			t := strings.TrimSpace(lines[end-1])
			if t != "" && !strings.HasPrefix(t, "#") {
				break
			}
			end--
		}
		return span{i, end}, true
	}
	return span{}, false
}

func isHeader(l string) bool { return strings.HasPrefix(strings.TrimSpace(l), "[") }

// stripComment is l without its comment: the first # outside a quoted
// string ("Formations #1" is a name, not a comment).
func stripComment(l string) string {
	var quote byte
	for i := 0; i < len(l); i++ {
		c := l[i]
		switch {
		case quote == '"' && c == '\\':
			i++ // an escaped character, a quote included
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#':
			return l[:i]
		}
	}
	return l
}

// keyOf is the key a "key = value" line sets ("" for other lines).
func keyOf(l string) string {
	t := strings.TrimSpace(l)
	if strings.HasPrefix(t, "#") || strings.HasPrefix(t, "[") {
		return ""
	}
	k, _, ok := strings.Cut(t, "=")
	if !ok {
		return ""
	}
	return strings.Trim(strings.TrimSpace(k), `"`)
}

func replaceKey(lines []string, key, with string) []string {
	out := make([]string, len(lines))
	copy(out, lines)
	for i, l := range out {
		if keyOf(l) == key {
			out[i] = with
		}
	}
	return out
}

// readExisting returns the qlint.toml already there, or nil.
func readExisting(cfgPath string) ([]byte, error) {
	data, err := safefile.ReadPath(cfgPath, rules.MaxConfigSize)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return data, err
}

// trailingComment is the comment that ends a "key = value" line, with the
// spaces before it ("" when there is none).
func trailingComment(l string) string {
	v := stripComment(l)
	if len(v) == len(l) {
		return ""
	}
	// Her spacing before the #, as she (or init) aligned it.
	return l[len(strings.TrimRight(v, " \t")):]
}
