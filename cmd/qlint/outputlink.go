package main

import (
	"path/filepath"
	"strings"
)

// -o and links. A report is never written through a link, wherever the
// link lies: a link inside the evidence folder may lead to a file outside
// it (a victim replaced by the report), and one outside to a proof or to
// qlint.toml. The only links followed are the system's streams
// (/dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N): the report is
// written straight into them, replacing nothing. A folder link inside the
// evidence folder that leads out of it is refused too.

// systemStream reports whether the absolute path abs names one of the
// system's streams, which are links on Linux.
func systemStream(abs string) bool {
	abs = filepath.ToSlash(abs)
	switch abs {
	case "/dev/stdout", "/dev/stderr":
		return true
	}
	return strings.HasPrefix(abs, "/dev/fd/") || strings.HasPrefix(abs, "/proc/self/fd/")
}

// outputLinkError refuses an -o path that is a link, or that goes through
// a folder link out of the evidence folder.
func outputLinkError(p string) error {
	return usageError(
		p+" est un lien (ou passe par un dossier lien) : qlint n'écrit pas de rapport à travers un lien, il pourrait remplacer un fichier ailleurs",
		p+" is a link (or goes through a folder link): qlint writes no report through a link, it could replace a file elsewhere",
		"donnez le chemin d'un vrai fichier, hors du dossier de preuves : -o ../rapport.html",
		"give the path of a real file, outside the evidence folder: -o ../report.html")
}
