package serve

import (
	"net/http"
	"path"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/qlint/qlint/internal/i18n"
)

// contentTypes are the types of the files an evidence folder holds; any
// other file is sent as bytes to download, never guessed from its content.
var contentTypes = map[string]string{
	".pdf":  "application/pdf",
	".txt":  "text/plain; charset=utf-8",
	".md":   "text/plain; charset=utf-8",
	".toml": "text/plain; charset=utf-8",
	".csv":  "text/csv; charset=utf-8",
	".htm":  "text/html; charset=utf-8",
	".html": "text/html; charset=utf-8",
	".json": "application/json",
	".xml":  "application/xml",
	".png":  "image/png",
	".jpg":  "image/jpeg",
	".jpeg": "image/jpeg",
	".gif":  "image/gif",
	".webp": "image/webp",
	".svg":  "image/svg+xml",
	".doc":  "application/msword",
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xls":  "application/vnd.ms-excel",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".ppt":  "application/vnd.ms-powerpoint",
	".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
	".odt":  "application/vnd.oasis.opendocument.text",
	".ods":  "application/vnd.oasis.opendocument.spreadsheet",
	".odp":  "application/vnd.oasis.opendocument.presentation",
	".rtf":  "application/rtf",
	".eml":  "message/rfc822",
	".msg":  "application/vnd.ms-outlook",
	".zip":  "application/zip",
	".mp3":  "audio/mpeg",
	".mp4":  "video/mp4",
}

// shownInline are the types a browser shows without running any script
// of the file: they are served without the sandbox.
var shownInline = map[string]bool{
	"application/pdf": true,
	"image/png":       true,
	"image/jpeg":      true,
	"image/gif":       true,
	"image/webp":      true,
	"audio/mpeg":      true,
	"video/mp4":       true,
}

// contentType is the type a proof is sent with.
func contentType(name string) string {
	if t, ok := contentTypes[strings.ToLower(path.Ext(name))]; ok {
		return t
	}
	return "application/octet-stream"
}

// cleanProof checks a proof's path as asked (relative to the evidence
// folder, with /): no empty, "." or ".." element, no back slash, nothing
// under a .git folder (or a .git file, in a worktree or a submodule), even
// spelt ".GIT" or ".git." as Windows and macOS read them.
func cleanProof(rel string) bool {
	if rel == "" || strings.ContainsAny(rel, "\\\x00") {
		return false
	}
	if runtime.GOOS == "windows" && strings.Contains(rel, ":") {
		return false // drive letters and alternate data streams
	}
	for _, part := range strings.Split(rel, "/") {
		if part == "" || part == "." || part == ".." || strings.EqualFold(strings.TrimRight(part, ". "), ".git") {
			return false
		}
	}
	return true
}

// file serves one proof read-only. The path is checked as asked, then as
// its links resolve: a link that leads out of the folder, or into .git, is
// refused; the file is then opened inside the folder (os.Root), so that a
// link changed meanwhile cannot lead out either.
func (s *Server) file(w http.ResponseWriter, r *http.Request, rel string) {
	l := s.lang()
	forbidden := func() {
		refuse(w, http.StatusForbidden, l, i18n.T(
			"qlint : seuls les fichiers du dossier de preuves sont servis (jamais .git, ni rien en dehors)",
			"qlint: only the evidence folder's files are served (never .git, nor anything outside)"))
	}
	if !cleanProof(rel) {
		forbidden()
		return
	}
	real, err := filepath.EvalSymlinks(filepath.Join(s.root, filepath.FromSlash(rel)))
	if err != nil {
		notFound(w, l)
		return
	}
	inside, err := filepath.Rel(s.root, real)
	if err != nil || !filepath.IsLocal(inside) || !cleanProof(filepath.ToSlash(inside)) {
		forbidden()
		return
	}
	f, err := s.fsroot.Open(inside)
	if err != nil {
		notFound(w, l)
		return
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		notFound(w, l)
		return
	}
	h := w.Header()
	h.Set("Content-Type", contentType(info.Name()))
	// A proof saved from the web (an HTML page, an SVG) runs no script;
	// a PDF or a photo is shown as it is (a sandboxed document may not
	// use the browser's PDF viewer).
	if !shownInline[h.Get("Content-Type")] {
		h.Set("Content-Security-Policy", "sandbox")
	}
	h.Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, info.Name(), info.ModTime(), f)
}
