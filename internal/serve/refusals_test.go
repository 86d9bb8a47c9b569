package serve

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/i18n"
)

// TestRefusalsSayWhy: each proof refused says its own reason, in the
// page's language: a folder is a folder, a moved file is no longer there,
// a link out is a link out.
func TestRefusalsSayWhy(t *testing.T) {
	dir := folder(t)
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "07-amelioration"), 0o755))
	links := map[string]string{
		"lien-dehors":     filepath.Join("..", "secret.txt"),
		"lien-vers-git":   filepath.Join(".git", "config.txt"),
		"lien-casse.pdf":  "parti.pdf",
		".git/config.txt": "", // a file, not a link
	}
	for name, target := range links {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		if target == "" {
			require.NoError(t, os.WriteFile(p, []byte("x"), 0o644))
		} else if err := os.Symlink(target, p); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	for _, tc := range []struct {
		name, path string
		code       int
		fr, en     string
	}{
		{"a folder", "/files/07-amelioration/", 404,
			"qlint : 07-amelioration est un dossier ; la page ne montre pas le contenu des dossiers",
			"qlint: 07-amelioration is a folder; the page does not list folders"},
		{"a folder without its slash", "/files/07-amelioration", 404, "07-amelioration est un dossier", "07-amelioration is a folder"},
		{"a file moved since the check", "/files/catalogue/Catalogue%202026.pdf", 404,
			"qlint : catalogue/Catalogue 2026.pdf n'est plus dans le dossier de preuves (déplacé, renommé ou supprimé depuis le dernier contrôle)",
			"qlint: catalogue/Catalogue 2026.pdf is no longer in the evidence folder (moved, renamed or deleted since the last check)"},
		{"a broken link", "/files/lien-casse.pdf", 404, "lien-casse.pdf est un lien dont la cible n'existe plus", "lien-casse.pdf is a link whose target no longer exists"},
		{"a link out", "/files/lien-dehors", 403, "lien-dehors est un lien qui mène hors du dossier de preuves", "lien-dehors is a link that leads out of the evidence folder"},
		{"a link into .git", "/files/lien-vers-git", 403, "lien-vers-git est un lien qui mène dans .git", "lien-vers-git is a link that leads into .git"},
		{".git", "/files/.git/config.txt", 403, "rien sous .git n'est servi : c'est l'historique du dépôt", "nothing under .git is served"},
		{"dot dot", "/files/veille/../../secret.txt", 403, "ce chemin remonte hors du dossier de preuves (..)", "this path climbs out of the evidence folder (..)"},
		{"a back slash", "/files/veille%5Cnote.md", 400, "ce chemin ne peut désigner aucun fichier du dossier de preuves", "this path cannot name a file of the evidence folder"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, l := range []struct {
				lang i18n.Lang
				want string
			}{{i18n.FR, tc.fr}, {i18n.EN, tc.en}} {
				s, _ := start(t, Options{Root: dir, Lang: l.lang})
				res, body := get(t, s, "GET", tc.path, "")
				assert.Equal(t, tc.code, res.StatusCode)
				assert.Contains(t, body, l.want)
				assert.NotContains(t, body, "SECRET")
				assert.NotContains(t, body, "seuls les fichiers du dossier de preuves sont servis (jamais .git")
			}
		})
	}
}
