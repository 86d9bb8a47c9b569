package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/internal/textwrap"
	"github.com/qlint/qlint/rules"
)

// commandFlags lists, for each command that judges the folder, the common
// flags it uses: a command accepts only these and lists only these in -h,
// so that no flag is taken and silently ignored (calendar -f json, explain
// --fail-on).
var commandFlags = map[string][]string{
	"lint":     {"config", "format", "output", "as-of", "fail-on", "lang", "no-color", "allow-shallow", "pre-commit", "git", "no-cache"},
	"demo":     {"format", "output", "as-of", "lang", "no-color", "git"},
	"explain":  {"config", "output", "as-of", "lang", "allow-shallow", "git", "no-cache"},
	"calendar": {"config", "output", "as-of", "lang", "allow-shallow", "git", "no-cache"},
	"watch":    {"config", "format", "as-of", "lang", "no-color", "allow-shallow", "git", "no-cache"},
}

// shorthands are the one-letter forms, printed on the long flag's line.
var shorthands = map[string]string{"config": "c", "format": "f", "output": "o"}

// placeholders name a flag's value in the help: "--output FICHIER".
var placeholders = map[string]string{
	"config": "FICHIER", "format": "FORMAT", "output": "FICHIER", "as-of": "DATE", "fail-on": "NIVEAU",
	"lang": "LANGUE", "git": "MODE", "debounce": "DURÉE", "poll": "DURÉE", "categories": "LISTE",
	"initial-audit": "DATE", "name": "NOM",
}

// helpWidth is the width of the help text: it fits an 80-column terminal.
const helpWidth = 80

// printOptions writes the options part of a command's help in qlint's own
// words: "-f, --format FORMAT", the description wrapped under it, and the
// default in French. The flag package's own listing ends lines with
// `(default "text")`, in English.
func printOptions(w io.Writer, fs *flag.FlagSet, l i18n.Lang) {
	short := map[string]bool{}
	for _, s := range shorthands {
		short[s] = true
	}
	fs.VisitAll(func(f *flag.Flag) {
		if short[f.Name] && fs.Lookup(longOf(f.Name)) != nil {
			return // printed with its long form
		}
		head := "  "
		if s, ok := shorthands[f.Name]; ok && fs.Lookup(s) != nil {
			head += "-" + s + ", "
		}
		head += "--" + f.Name
		if !isBoolFlag(f) {
			p := placeholders[f.Name]
			if p == "" {
				p = helpValue.FR
			}
			head += " " + placeholder(p, l)
		}
		desc := helpText(f.Usage, l)
		if !isBoolFlag(f) && f.DefValue != "" && f.DefValue != "0s" && !hasDefault(desc, l) {
			desc += helpDefault.Format(f.DefValue).In(l)
		}
		fmt.Fprintln(w, head)
		fmt.Fprint(w, textwrap.Words(spaced(desc, l), "        ", reportWidth(w, false)))
	})
}

func longOf(short string) string {
	for l, s := range shorthands {
		if s == short {
			return l
		}
	}
	return ""
}

func isDurationFlag(f *flag.Flag) bool {
	g, ok := f.Value.(flag.Getter)
	if !ok {
		return false
	}
	_, ok = g.Get().(time.Duration)
	return ok
}

func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// flagValueHint says how a flag's value is written, by kind of value.
func flagValueHint(fs *flag.FlagSet, name string) (fr, en string) {
	f := fs.Lookup(name)
	switch {
	case f == nil:
	case isBoolFlag(f):
		return "--" + name + " s'écrit seul, sans valeur (ou --" + name + "=false)", "--" + name + " is written alone, without a value (or --" + name + "=false)"
	case isDurationFlag(f):
		return "une durée s'écrit avec son unité : 300ms, 2s, 1m", "a duration is written with its unit: 300ms, 2s, 1m"
	}
	return "qlint " + fs.Name() + " -h liste les options et leurs valeurs", "qlint " + fs.Name() + " -h lists the options and their values"
}

// commands are qlint's commands, for the suggestion on a misspelled one.
var commands = []string{"lint", "init", "explain", "watch", "hook", "calendar", "demo", "version", "help"}

// misspelledCommand returns the command arg was probably meant to be: arg
// is not a folder that exists and is one or two letters away from a
// command ("expalin", "calender"). A folder of that name is judged as
// asked.
func misspelledCommand(arg string) string {
	if arg == "" || arg[0] == '-' || strings.ContainsAny(arg, `/\.`) {
		return ""
	}
	if _, err := os.Stat(arg); err == nil {
		return ""
	}
	return rules.Closest(arg, commands, true)
}

// dashed writes a flag's name as the help does: -f, --format.
func dashed(name string) string {
	name = strings.TrimLeft(name, "-")
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// knownFlag reports whether some command of qlint takes the flag.
func knownFlag(name string) bool {
	name = strings.TrimLeft(name, "-")
	if longOf(name) != "" {
		return true
	}
	for _, names := range commandFlags {
		for _, n := range names {
			if n == name {
				return true
			}
		}
	}
	return false
}
