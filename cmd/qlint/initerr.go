package main

import (
	"errors"
	"io/fs"
	"syscall"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/internal/safefile"
	"github.com/qlint/qlint/internal/scaffold"
)

// initError says plainly why qlint init wrote nothing.
func initError(dir string, err error) error {
	var notFolder *scaffold.NotFolderError
	switch {
	case errors.Is(err, scaffold.ErrGitDir):
		return usageError(dir+" est un dossier interne de git (un dépôt nu ou un dossier .git) : qlint init n'y écrit rien",
			dir+" is one of git's own folders (a bare repository or a .git folder): qlint init writes nothing there",
			"lancez qlint init dans le dossier de travail, là où sont les preuves (par exemple après git clone)",
			"run qlint init in the working folder, where the proofs are (for example after git clone)")
	case errors.Is(err, scaffold.ErrLinkOut):
		return usageError("un dossier à créer dans "+dir+" est un lien vers l'extérieur du dossier de preuves : qlint init n'écrit pas à travers (rien n'a été laissé)",
			"a folder to create in "+dir+" is a link out of the evidence folder: qlint init does not write through it (nothing was left)",
			"remplacez le lien par un vrai dossier, puis relancez qlint init",
			"replace the link with a real folder, then run qlint init again")
	case errors.Is(err, syscall.ENOSPC):
		return usageError("le disque est plein : qlint init a tout repris, rien n'est laissé à moitié",
			"the disk is full: qlint init took everything back, nothing is left half-made",
			"libérez de la place puis relancez qlint init", "free some space, then run qlint init again")
	case errors.As(err, &notFolder):
		return usageError(dir+"/"+notFolder.Path+" est un fichier, là où qlint init range un dossier de preuves : rien n'a été créé",
			dir+"/"+notFolder.Path+" is a file where qlint init puts a folder of proofs: nothing was made",
			"renommez ou déplacez ce fichier (ou rangez-le dans un dossier de ce nom), puis relancez qlint init",
			"rename or move that file (or put it in a folder of that name), then run qlint init again")
	case errors.Is(err, safefile.ErrNotRegular):
		return usageError(dir+"/qlint.toml n'est pas un fichier ordinaire : qlint init ne le remplace pas",
			dir+"/qlint.toml is not a regular file: qlint init does not replace it",
			"supprimez-le ou remplacez-le par un fichier, puis relancez qlint init",
			"remove it or replace it with a file, then run qlint init again")
	}
	why := safefile.Reason(err)
	if errors.Is(err, fs.ErrPermission) {
		why = i18n.T("accès refusé", "permission denied") // to read or to write
	}
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Path != "" && pe.Path != "." && pe.Path != dir {
		// Which folder or file, under the evidence folder.
		why = i18n.T(pe.Path+" : "+why.FR, pe.Path+": "+why.EN)
	}
	return usageError("qlint init n'a pas pu préparer "+dir+" : "+why.FR, "qlint init could not prepare "+dir+": "+why.EN,
		"vérifiez le chemin et les droits du dossier ; rien n'a été laissé à moitié", "check the folder's path and rights; nothing was left half-made")
}
