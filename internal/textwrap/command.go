package textwrap

import (
	"strings"
	"unicode"
)

// command follows a command written in a sentence ("qlint hook install
// 'Mes preuves'", "git init \"Dossier d'Anne\""), so that Units keeps it in
// one piece: a command split across two lines cannot be copied. It starts
// at the word qlint or git and goes on while the words look like its
// parts: a subcommand, an option, a placeholder (DOSSIER, [FOLDER]), a
// number, a path, or a quoted argument up to its closing quote.
type command struct {
	on    bool
	quote byte // the quote of an argument still open
	value bool // the word before is an option that takes a value
}

// valued are the options whose value is the next word.
var valued = map[string]bool{
	"-f": true, "--format": true, "-o": true, "--output": true, "-c": true, "--config": true,
	"--lang": true, "--as-of": true, "--fail-on": true, "--categories": true, "--name": true,
	"--initial-audit": true, "--new-from-rev": true, "--git": true,
}

// subcommands are the words that follow qlint or git in the commands
// qlint suggests.
var subcommands = map[string]bool{
	"lint": true, "init": true, "explain": true, "watch": true, "hook": true, "calendar": true,
	"demo": true, "version": true, "install": true, "uninstall": true, "add": true, "commit": true,
	"help": true,
}

// start begins a command at w when w is its program.
func (c *command) start(w string) {
	*c = command{on: w == "qlint" || w == "git"}
}

// takes reports whether w continues the command, and follows it.
func (c *command) takes(w string) bool {
	if !c.on {
		return false
	}
	if c.value {
		c.value = false
		if w[0] == '\'' || w[0] == '"' {
			c.quote = w[0]
			if rest := strings.TrimRight(w[1:], ".,;:)"); strings.HasSuffix(rest, string(w[0])) {
				c.quote = 0
			}
		}
		return true
	}
	if c.quote != 0 {
		if strings.HasSuffix(strings.TrimRight(w, ".,;:)"), string(c.quote)) {
			c.quote = 0
		}
		return true
	}
	switch {
	case w[0] == '\'' || w[0] == '"':
		rest := strings.TrimRight(w[1:], ".,;:)")
		if !strings.HasSuffix(rest, string(w[0])) {
			c.quote = w[0]
		}
		return true
	case valued[strings.TrimRight(w, ",;")]:
		c.value = !strings.ContainsAny(w, ",;")
		return true
	case w[0] == '-' && len(w) > 1, subcommands[w], placeholder(w), number(w),
		strings.ContainsAny(w, "/.=") && !strings.HasSuffix(w, "."):
		return true
	}
	c.on = false
	return false
}

// placeholder reports whether w stands for a value: DOSSIER, [FOLDER], N.
func placeholder(w string) bool {
	w = strings.Trim(w, "[]")
	if w == "" {
		return false
	}
	for _, r := range w {
		if !unicode.IsUpper(r) && r != '-' && r != '_' && r != '.' {
			return false
		}
	}
	return true
}

func number(w string) bool {
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return w != ""
}
