package safefile

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/qlint/qlint/internal/i18n"
)

// Reason says, in the user's words, why a file could not be read. It never
// quotes the file's content.
func Reason(err error) i18n.Text {
	var le *LimitError
	switch {
	case errors.As(err, &le):
		return i18n.T(fmt.Sprintf("le fichier dépasse %s, bien plus qu'il ne faut", size(le.Limit)),
			fmt.Sprintf("the file is larger than %s, far more than needed", size(le.Limit)))
	case errors.Is(err, ErrNotRegular):
		return i18n.T("ce n'est pas un fichier ordinaire (un dossier, un tube nommé ou un périphérique)",
			"it is not a regular file (a folder, a named pipe or a device)")
	case Escapes(err):
		return i18n.T("c'est un lien vers un fichier hors du dossier de preuves, que qlint ne suit pas",
			"it is a link to a file outside the evidence folder, which qlint does not follow")
	case errors.Is(err, fs.ErrNotExist):
		return i18n.T("le fichier n'existe pas", "the file does not exist")
	case errors.Is(err, fs.ErrPermission):
		return i18n.T("droits de lecture refusés", "permission to read denied")
	}
	return i18n.T(err.Error(), err.Error())
}

// Escapes reports whether err is os.Root refusing a path that leaves the
// root (a link out, or ..).
func Escapes(err error) bool {
	return err != nil && strings.Contains(err.Error(), "path escapes from parent")
}

func size(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d Mo", n>>20)
	}
	return fmt.Sprintf("%d Ko", n>>10)
}
