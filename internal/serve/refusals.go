package serve

import (
	"net/http"
	"runtime"
	"strings"

	"github.com/qlint/qlint/internal/i18n"
)

// refusal is why a proof asked for is not served.
type refusal int

const (
	refusedNot        refusal = iota // served
	refusedFolder                    // a folder: the page lists no folder
	refusedBadPath                   // a path no file of the folder can have
	refusedOut                       // the path climbs out of the folder (..)
	refusedGit                       // under .git
	refusedLinkOut                   // a link that leads out of the folder
	refusedLinkGit                   // a link that leads into .git
	refusedBrokenLink                // a link whose target is gone
	refusedGone                      // no such file (moved or renamed since the check)
	refusedNotAFile                  // a device, a socket, a pipe
	refusedUnreadable                // the file cannot be read
)

// proofRefusal checks a proof's path as asked (relative to the evidence
// folder, with /): no "." or ".." element, no back slash, nothing under a
// .git folder (or a .git file, in a worktree or a submodule), even spelt
// ".GIT" or ".git." as Windows and macOS read them; an empty element (a
// trailing slash, or nothing) names a folder.
func proofRefusal(rel string) refusal {
	if strings.ContainsAny(rel, "\\\x00") {
		return refusedBadPath
	}
	if runtime.GOOS == "windows" && strings.Contains(rel, ":") {
		return refusedBadPath // drive letters and alternate data streams
	}
	parts := strings.Split(rel, "/")
	why := refusedNot
	for i, part := range parts {
		switch {
		case part == "..":
			return refusedOut
		case strings.EqualFold(strings.TrimRight(part, ". "), ".git"):
			return refusedGit
		case part == "." || (part == "" && i < len(parts)-1):
			why = refusedBadPath
		case part == "" && why == refusedNot:
			why = refusedFolder
		}
	}
	return why
}

// refuseProof answers a refused proof with its reason, in plain words.
func (s *Server) refuseProof(w http.ResponseWriter, l i18n.Lang, why refusal, rel string) {
	name := strings.TrimSuffix(rel, "/")
	if name == "" {
		name = "."
	}
	code := http.StatusForbidden
	var msg i18n.Text
	switch why {
	case refusedFolder:
		code = http.StatusNotFound
		msg = i18n.T("qlint : "+name+" est un dossier ; la page ne montre pas le contenu des dossiers, seulement les fichiers vers lesquels le classeur renvoie (ouvrez le dossier dans l'explorateur de fichiers)",
			"qlint: "+name+" is a folder; the page does not list folders, it opens only the files the binder links to (open the folder in the file explorer)")
	case refusedBadPath:
		code = http.StatusBadRequest
		msg = i18n.T("qlint : ce chemin ne peut désigner aucun fichier du dossier de preuves (« . », élément vide ou barre oblique inverse)",
			"qlint: this path cannot name a file of the evidence folder (\".\", an empty element or a back slash)")
	case refusedOut:
		msg = i18n.T("qlint : ce chemin remonte hors du dossier de preuves (..) ; seuls les fichiers du dossier sont servis",
			"qlint: this path climbs out of the evidence folder (..); only the folder's files are served")
	case refusedGit:
		msg = i18n.T("qlint : rien sous .git n'est servi : c'est l'historique du dépôt, pas une preuve",
			"qlint: nothing under .git is served: it is the repository's history, not a proof")
	case refusedLinkOut:
		msg = i18n.T("qlint : "+name+" est un lien qui mène hors du dossier de preuves ; ce qui est hors du dossier n'est jamais servi",
			"qlint: "+name+" is a link that leads out of the evidence folder; nothing outside the folder is ever served")
	case refusedLinkGit:
		msg = i18n.T("qlint : "+name+" est un lien qui mène dans .git ; rien sous .git n'est servi",
			"qlint: "+name+" is a link that leads into .git; nothing under .git is served")
	case refusedBrokenLink:
		code = http.StatusNotFound
		msg = i18n.T("qlint : "+name+" est un lien dont la cible n'existe plus",
			"qlint: "+name+" is a link whose target no longer exists")
	case refusedGone:
		code = http.StatusNotFound
		msg = i18n.T("qlint : "+name+" n'est plus dans le dossier de preuves (déplacé, renommé ou supprimé depuis le dernier contrôle) ; la page montre son nouvel emplacement dès le prochain contrôle",
			"qlint: "+name+" is no longer in the evidence folder (moved, renamed or deleted since the last check); the page shows where it is now after the next check")
	case refusedNotAFile:
		msg = i18n.T("qlint : "+name+" n'est pas un fichier ordinaire ; il n'est pas servi",
			"qlint: "+name+" is not a regular file; it is not served")
	default:
		code = http.StatusForbidden
		msg = i18n.T("qlint : "+name+" ne peut pas être lu (droits d'accès ?)",
			"qlint: "+name+" cannot be read (access rights?)")
	}
	refuse(w, code, l, msg)
}
