package serve

import (
	"errors"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
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
func cleanProof(rel string) bool { return proofRefusal(rel) == refusedNot }

// file serves one proof read-only. The path is checked as asked, then as
// its links resolve: a link that leads out of the folder, or into .git, is
// refused; the file is then opened inside the folder (os.Root), so that a
// link changed meanwhile cannot lead out either. Each refusal says its
// own reason.
func (s *Server) file(w http.ResponseWriter, r *http.Request, rel string) {
	l := s.lang()
	if why := proofRefusal(rel); why != refusedNot {
		s.refuseProof(w, l, why, rel)
		return
	}
	full := filepath.Join(s.root, filepath.FromSlash(rel))
	real, err := filepath.EvalSymlinks(full)
	if err != nil {
		if _, lerr := os.Lstat(full); lerr == nil {
			s.refuseProof(w, l, refusedBrokenLink, rel)
		} else {
			s.refuseProof(w, l, refusedGone, rel)
		}
		return
	}
	inside, err := filepath.Rel(s.root, real)
	if err != nil || !filepath.IsLocal(inside) {
		s.refuseProof(w, l, refusedLinkOut, rel)
		return
	}
	if why := proofRefusal(filepath.ToSlash(inside)); why != refusedNot {
		if why == refusedGit {
			why = refusedLinkGit
		}
		s.refuseProof(w, l, why, rel)
		return
	}
	f, err := s.fsroot.Open(inside)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			s.refuseProof(w, l, refusedGone, rel)
		} else {
			s.refuseProof(w, l, refusedUnreadable, rel)
		}
		return
	}
	defer f.Close()
	info, err := f.Stat()
	switch {
	case err != nil:
		s.refuseProof(w, l, refusedUnreadable, rel)
		return
	case info.IsDir():
		s.refuseProof(w, l, refusedFolder, rel)
		return
	case !info.Mode().IsRegular():
		s.refuseProof(w, l, refusedNotAFile, rel)
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
