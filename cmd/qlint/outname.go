package main

import "github.com/qlint/qlint/internal/i18n"

// outputExt is the extension of each format's file, for the name -o is
// told to take when it is given a folder.
var outputExt = map[string]string{
	"text": "txt", "github": "txt", "tsv": "tsv", "json": "json", "gitlab": "json",
	"sarif": "sarif", "markdown": "md", "html": "html",
}

// outputName is the file name suggested for format ("ics" for the
// calendar, "explain" for explain): rapport.html, classeur…
func outputName(format string) i18n.Text {
	switch format {
	case "html":
		return i18n.T("classeur.html", "binder.html")
	case "ics":
		return i18n.T("echeances.ics", "deadlines.ics")
	case "explain":
		return i18n.T("explication.txt", "explanation.txt")
	}
	ext := outputExt[format]
	if ext == "" {
		ext = "txt"
	}
	return i18n.T("rapport."+ext, "report."+ext)
}
