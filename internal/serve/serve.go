// Package serve is qlint watch --serve: the audit binder (the HTML of
// --format html) served as a live page on the loopback, updated in place
// through Server-Sent Events after each check, with the proofs it links to
// served read-only from the evidence folder.
//
// Only the person at the machine can ask: the server listens on the
// loopback unless told otherwise explicitly, answers only requests whose
// Host is the address it serves (a web page cannot reach it by DNS
// rebinding), answers only GET and HEAD, and serves no file outside the
// evidence folder nor under .git.
package serve

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/lang"
)

// Options tune the live page's server.
type Options struct {
	// Addr is the address to listen on, as the user gave it: "" (the
	// loopback, a free port), "HOST:PORT", ":PORT" (the loopback) or HOST.
	Addr string
	// Expose accepts an address that is not the loopback: every file of the
	// evidence folder can then be read by whoever reaches it.
	Expose bool
	// Root is the evidence folder; proofs are served from it.
	Root string
	// Lang is the page's language until the first report gives its own.
	Lang i18n.Lang
	// Now is the clock of the "checked at" times (default time.Now).
	Now func() time.Time
}

// Server serves the live page. Publish gives it each new report.
type Server struct {
	o      Options
	ln     net.Listener
	url    string
	port   string
	hosts  map[string]bool // the Host values accepted, lower-case, with the port
	anyIP  bool            // listening on every interface: any IP literal is accepted as Host
	remote bool            // listening beyond the loopback
	root   string          // the evidence folder, absolute, links resolved
	fsroot *os.Root

	mu         sync.Mutex
	st         *state
	changed    chan struct{} // closed and replaced at each Publish
	done       chan struct{} // closed when the server stops
	publishing sync.Mutex    // one Publish at a time
	live       liveState     // kept by Publish
}

// Listen checks the address and starts listening on it; Serve answers.
func Listen(o Options) (*Server, error) {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Lang == "" {
		o.Lang = i18n.FR
	}
	host, port, err := splitAddr(o.Addr)
	if err != nil {
		return nil, err
	}
	loopback, err := isLoopback(host)
	if err != nil {
		return nil, err
	}
	if !loopback && !o.Expose {
		return nil, &lang.Error{
			Msg: i18n.T(fmt.Sprintf("l'adresse %s n'est pas celle de cet ordinateur seul (le loopback) : toute personne du réseau pourrait lire le classeur et les fichiers du dossier de preuves", o.Addr),
				fmt.Sprintf("the address %s is not this computer alone (the loopback): anyone on the network could read the binder and the evidence folder's files", o.Addr)),
			Hint: i18n.T("gardez l'adresse par défaut (qlint watch --serve), ou ajoutez --expose si vous voulez vraiment partager le dossier sur le réseau, sans mot de passe",
				"keep the default address (qlint watch --serve), or add --expose if you really mean to share the folder on the network, without a password"),
		}
	}
	root, err := filepath.Abs(o.Root)
	if err == nil {
		root, err = filepath.EvalSymlinks(root)
	}
	if err != nil {
		return nil, fmt.Errorf("serving %s: %w", o.Root, err)
	}
	fsroot, err := os.OpenRoot(root)
	if err != nil {
		return nil, fmt.Errorf("serving %s: %w", o.Root, err)
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(host, port))
	if err != nil {
		fsroot.Close()
		return nil, &lang.Error{
			Msg: i18n.T(fmt.Sprintf("impossible d'ouvrir la page sur %s : %v", net.JoinHostPort(host, port), err),
				fmt.Sprintf("cannot serve the page on %s: %v", net.JoinHostPort(host, port), err)),
			Hint: i18n.T("le port est peut-être déjà pris : lancez qlint watch --serve sans adresse, il en choisit un libre",
				"the port may be taken already: run qlint watch --serve without an address, it picks a free one"),
			Err: err,
		}
	}
	s := &Server{o: o, ln: ln, root: root, fsroot: fsroot, remote: !loopback, hosts: map[string]bool{},
		changed: make(chan struct{}), done: make(chan struct{})}
	// Updates are numbered from the time the server starts: a page that
	// reconnects to a later qlint watch on the same port never takes the
	// new server's report for the one it shows (a few thousand per second
	// stay below 2^53, a number JavaScript reads exactly).
	s.live.seq = uint64(o.Now().UnixMilli())
	bound := ln.Addr().(*net.TCPAddr)
	s.port = strconv.Itoa(bound.Port)
	shown := host
	switch {
	case bound.IP.IsUnspecified():
		s.anyIP, shown = true, "127.0.0.1"
	case net.ParseIP(host) == nil: // a name: the name itself, and the address it gave
		s.hosts[strings.ToLower(net.JoinHostPort(host, s.port))] = true
		shown = host
	}
	s.hosts[strings.ToLower(net.JoinHostPort(bound.IP.String(), s.port))] = true
	if bound.IP.IsLoopback() || bound.IP.IsUnspecified() {
		s.hosts["localhost:"+s.port] = true
	}
	s.url = "http://" + net.JoinHostPort(shown, s.port) + "/"
	return s, nil
}

// URL is the page's address, to print and to open.
func (s *Server) URL() string { return s.url }

// Remote reports whether the server listens beyond the loopback.
func (s *Server) Remote() bool { return s.remote }

// Serve answers requests until ctx is done, then ends the event streams
// and stops.
func (s *Server) Serve(ctx context.Context) error {
	defer s.fsroot.Close()
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(s.ln) }()
	select {
	case <-ctx.Done():
	case err := <-errc:
		close(s.done)
		return err
	}
	close(s.done) // the event streams say goodbye and return
	sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		_ = srv.Close()
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// splitAddr reads the address the user gave; no host means the loopback,
// never every interface.
func splitAddr(addr string) (host, port string, err error) {
	addr = strings.TrimSpace(addr)
	bad := func() (string, string, error) {
		return "", "", &lang.Error{
			Msg: i18n.T(fmt.Sprintf("adresse %q invalide pour --serve", addr), fmt.Sprintf("invalid address %q for --serve", addr)),
			Hint: i18n.T("écrivez --serve seul (un port libre sur cet ordinateur), --serve 127.0.0.1:8080 ou --serve :8080",
				"write --serve alone (a free port on this computer), --serve 127.0.0.1:8080 or --serve :8080"),
		}
	}
	switch {
	case addr == "":
		return "127.0.0.1", "0", nil
	case net.ParseIP(strings.Trim(addr, "[]")) != nil:
		host, port = strings.Trim(addr, "[]"), "0"
	case !strings.Contains(addr, ":"):
		host, port = addr, "0"
	default:
		if host, port, err = net.SplitHostPort(addr); err != nil {
			return bad()
		}
	}
	if host == "" || strings.EqualFold(host, "localhost") {
		host = "127.0.0.1"
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return bad()
	}
	if strings.ContainsAny(host, "/\\ ") {
		return bad()
	}
	return host, port, nil
}

// isLoopback reports whether every address host names is the loopback.
func isLoopback(host string) (bool, error) {
	if ip := net.ParseIP(host); ip != nil {
		return ip.IsLoopback(), nil
	}
	ips, err := net.LookupIP(host)
	if err != nil || len(ips) == 0 {
		return false, &lang.Error{
			Msg:  i18n.T(fmt.Sprintf("nom d'ordinateur « %s » inconnu pour --serve", host), fmt.Sprintf("unknown host name %q for --serve", host)),
			Hint: i18n.T("gardez l'adresse par défaut : qlint watch --serve", "keep the default address: qlint watch --serve"),
			Err:  err,
		}
	}
	for _, ip := range ips {
		if !ip.IsLoopback() {
			return false, nil
		}
	}
	return true, nil
}

// hostAllowed reports whether a request's Host header names the address
// served: a page of another site that rebinds its name to 127.0.0.1 sends
// its own name and is refused.
func (s *Server) hostAllowed(h string) bool {
	h = strings.ToLower(h)
	host, port, err := net.SplitHostPort(h)
	if err != nil { // no port: the scheme's default
		host, port = strings.Trim(h, "[]"), "80"
	}
	if port != s.port {
		return false
	}
	if s.hosts[net.JoinHostPort(host, port)] {
		return true
	}
	return s.anyIP && net.ParseIP(host) != nil
}

// ServeHTTP answers GET and HEAD on the page, its script and style, the
// event stream, the report as JSON and the proofs.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	h.Set("X-Frame-Options", "DENY")
	if !s.hostAllowed(r.Host) {
		refuse(w, http.StatusMisdirectedRequest, s.lang(), i18n.T(
			"qlint : cette page ne répond qu'à l'adresse qu'elle a affichée ("+s.url+")",
			"qlint: this page answers only at the address it printed ("+s.url+")"))
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		refuse(w, http.StatusMethodNotAllowed, s.lang(), i18n.T(
			"qlint : cette page ne fait que montrer ; elle ne change rien", "qlint: this page only shows; it changes nothing"))
		return
	}
	switch p := r.URL.Path; {
	case p == "/":
		s.page(w, r)
	case p == "/live.js" || p == "/live.css":
		asset(w, r, strings.TrimPrefix(p, "/"))
	case p == "/events":
		s.events(w, r)
	case p == "/report.json":
		s.reportJSON(w, r)
	case strings.HasPrefix(p, "/files/"):
		s.file(w, r, strings.TrimPrefix(p, "/files/"))
	default:
		notFound(w, s.lang())
	}
}

// refuse answers with a plain sentence.
func refuse(w http.ResponseWriter, code int, l i18n.Lang, msg i18n.Text) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	fmt.Fprintln(w, msg.In(l))
}

func notFound(w http.ResponseWriter, l i18n.Lang) {
	refuse(w, http.StatusNotFound, l, i18n.T("qlint : introuvable", "qlint: not found"))
}

// lang is the language of the last report, else the one asked for.
func (s *Server) lang() i18n.Lang {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.st != nil && s.st.lang != "" {
		return s.st.lang
	}
	return s.o.Lang
}
