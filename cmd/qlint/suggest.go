package main

import (
	"flag"
	"os"
	"strconv"
	"strings"

	"github.com/qlint/qlint/internal/i18n"

	"github.com/qlint/qlint/rules"
)

// misspelledFlag returns the option of fs that name (given without its
// dashes) was probably meant to be, as --format; for lint, --version too,
// which qlint reads before any command.
func misspelledFlag(fs *flag.FlagSet, name string) string {
	var names []string
	fs.VisitAll(func(f *flag.Flag) {
		if len(f.Name) > 1 {
			names = append(names, f.Name)
		}
	})
	if fs.Name() == "lint" {
		names = append(names, "version", "help")
	}
	if c := rules.Closest(name, names, true); c != "" {
		return "--" + c
	}
	return ""
}

// helpWords are what people type for help, as a command or a folder.
var helpWords = map[string]bool{"aide": true, "help": true, "?": true, "aidez-moi": true, "-aide": true, "--aide": true}

// frenchCommands are the commands as a French speaker may type them, taken
// for a folder that does not exist.
var frenchCommands = map[string]string{
	"calendrier": "calendar", "expliquer": "explain", "explique": "explain", "surveiller": "watch",
	"initialiser": "init", "démo": "demo", "crochet": "hook",
}

// quotedList lists words as people read them: « a », « b » in French,
// "a", "b" in English; each word whole, so that two folder names with
// spaces never run together.
func quotedList(words []string) i18n.Text {
	fr := make([]string, len(words))
	en := make([]string, len(words))
	for i, w := range words {
		fr[i], en[i] = "« "+w+" »", strconv.Quote(w)
	}
	return i18n.T(strings.Join(fr, ", "), strings.Join(en, ", "))
}

// isNumber reports whether s is written in digits only.
func isNumber(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil
}

func isDir(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.IsDir()
}
