package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"os"
	"os/exec"
	"runtime"
	"strings"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/internal/lazyre"
	"github.com/qlint/qlint/internal/serve"
	"github.com/qlint/qlint/linter"
	"github.com/qlint/qlint/report"
	"github.com/qlint/qlint/watcher"
)

// serveFlag is --serve [ADDR]: alone it serves on a free port of the
// loopback; --serve=ADDR or --serve ADDR names the address.
type serveFlag struct {
	on   bool
	addr string
}

func (f *serveFlag) String() string   { return f.addr }
func (f *serveFlag) IsBoolFlag() bool { return true }
func (f *serveFlag) Set(v string) error {
	switch v {
	case "true":
		f.on = true
	case "false":
		f.on, f.addr = false, ""
	default:
		f.on, f.addr = true, v
	}
	return nil
}

// liveFlags are watch's flags for the live page.
type liveFlags struct {
	serve        serveFlag
	open, expose bool
}

func (l *liveFlags) register(fs *flag.FlagSet) {
	fs.Var(&l.serve, "serve", "montrer le classeur d'audit en direct dans le navigateur, à l'ADRESSE facultative (par défaut 127.0.0.1, un port libre) : HÔTE:PORT (ex. --serve 127.0.0.1:8080) ou HÔTE seul, un port libre (ex. --serve=localhost)")
	fs.BoolVar(&l.open, "open", false, "avec --serve : ouvrir la page dans le navigateur")
	fs.BoolVar(&l.expose, "expose", false, "avec --serve : accepter une adresse autre que cet ordinateur (le dossier devient lisible par le réseau, sans mot de passe)")
}

func (l *liveFlags) check() error {
	if !l.serve.on && (l.open || l.expose) {
		name := "--open"
		if l.expose {
			name = "--expose"
		}
		return usageError(name+" ne sert qu'avec --serve", name+" only goes with --serve",
			"qlint watch --serve "+name, "qlint watch --serve "+name)
	}
	return nil
}

// addrArg is what an address given after --serve looks like: HOST:PORT,
// [IPv6]:PORT or :PORT.
var addrArg = lazyre.New(`^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]*):[0-9]{1,5}$`)

// hostArg is a bare host name, which could as well be a folder's name.
var hostArg = lazyre.New(`^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$`)

// isServeAddr reports whether v, given after --serve, is the address
// rather than the folder: HOST:PORT, an IP address or localhost, and not
// an existing file or folder.
func isServeAddr(v string) bool {
	if _, err := os.Stat(v); err == nil {
		return false
	}
	return addrArg.MatchString(v) || net.ParseIP(strings.Trim(v, "[]")) != nil || strings.EqualFold(v, "localhost")
}

// joinServeAddr turns "--serve ADDR" into "--serve=ADDR" when ADDR is an
// address and not a folder, since the flag package reads a value only
// after "=" for a flag that can stand alone. It also returns the word
// after --serve that was left as the folder although it could be a host
// name ("" if none): if no such folder exists, the user is told how to
// give it as the address.
func joinServeAddr(args []string) (out []string, maybeHost string) {
	out = make([]string, 0, len(args))
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return append(out, args[i:]...), maybeHost
		}
		if (a == "--serve" || a == "-serve") && i+1 < len(args) {
			if isServeAddr(args[i+1]) {
				out = append(out, a+"="+args[i+1])
				i++
				continue
			}
			if hostArg.MatchString(args[i+1]) {
				maybeHost = args[i+1]
			}
		}
		out = append(out, a)
	}
	return out, maybeHost
}

// notAFolderButAHost is the error for "qlint watch --serve NAME" when no
// folder NAME exists: NAME was probably meant as the address.
func notAFolderButAHost(name string) error {
	return usageError(
		fmt.Sprintf("le dossier de preuves %s n'existe pas ; si %s est l'adresse où servir la page, écrivez-la avec un signe égal : --serve=%s", name, name, name),
		fmt.Sprintf("the evidence folder %s does not exist; if %s is the address to serve the page at, write it with an equals sign: --serve=%s", name, name, name),
		fmt.Sprintf("qlint watch DOSSIER --serve=%s (un port libre) ou --serve %s:8080 (un port choisi)", name, name),
		fmt.Sprintf("qlint watch FOLDER --serve=%s (a free port) or --serve %s:8080 (a chosen port)", name, name))
}

// startLive starts the live page's server and hooks it to the watch: each
// check's report is published as it is printed. The returned function
// stops the server and waits for it.
func (w *watchSession) startLive(ctx context.Context, lf liveFlags) (func(), error) {
	l := w.lang()
	srv, err := serve.Listen(serve.Options{Addr: lf.serve.addr, Expose: lf.expose, Root: w.root, Lang: l, Now: now})
	if err != nil {
		return nil, err
	}
	if srv.Remote() {
		fmt.Fprintln(w.stderr, i18n.T(
			"qlint: attention, la page écoute au-delà de cet ordinateur : toute personne qui joint cette adresse sur le réseau peut lire, sans mot de passe, le classeur et chaque fichier du dossier de preuves (sauf .git).",
			"qlint: beware, the page listens beyond this computer: anyone who reaches this address on the network can read, without a password, the binder and every file of the evidence folder (except .git).").In(l))
	}
	say := i18n.T("qlint: classeur en direct sur %s (Ctrl-C pour arrêter)", "qlint: live binder at %s (Ctrl-C to stop)").Format(srv.URL())
	if srv.Remote() { // the address for the colleague, not only this computer's
		if urls := srv.NetworkURLs(); len(urls) > 0 {
			say = i18n.T(fmt.Sprintf("qlint: classeur en direct sur %s, et depuis un autre ordinateur du réseau sur %s (Ctrl-C pour arrêter)", srv.URL(), strings.Join(urls, " ou ")),
				fmt.Sprintf("qlint: live binder at %s, and from another computer of the network at %s (Ctrl-C to stop)", srv.URL(), strings.Join(urls, " or ")))
		} else {
			say = i18n.T("qlint: classeur en direct sur %s (Ctrl-C pour arrêter) ; cet ordinateur n'a pas d'adresse réseau en ce moment : personne d'autre ne peut encore le joindre",
				"qlint: live binder at %s (Ctrl-C to stop); this computer has no network address right now: nobody else can reach it yet").Format(srv.URL())
		}
	}
	fmt.Fprintln(w.stderr, say.In(l))
	f, _ := report.Lookup(w.c.format)
	redraw := w.tty && f.Stream == nil // a stream of reports is not redrawn
	w.report = func(rep *linter.Report, ch *watcher.Change, problem string) {
		var c serve.Change
		if ch != nil {
			c = serve.Change{Paths: ch.Paths, Git: ch.Git, Rules: w.rulesChanged(ch)}
			if !w.day.IsZero() {
				c.NewDay = w.day.String()
			}
		}
		if err := srv.Publish(rep, c, problem); err != nil {
			fmt.Fprintln(w.stderr, "qlint: "+err.Error())
		}
		if redraw && rep != nil { // the report was drawn over the screen: the address again
			fmt.Fprintln(w.stderr, say.In(w.lang()))
		}
	}
	ctx, cancel := context.WithCancel(ctx) // the watch may end on an error, before Ctrl-C
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := srv.Serve(ctx); err != nil {
			fmt.Fprintln(w.stderr, "qlint: "+err.Error())
		}
	}()
	if lf.open {
		if err := openBrowser(srv.URL()); err != nil {
			fmt.Fprintln(w.stderr, i18n.T("qlint: impossible d'ouvrir le navigateur (%v) ; ouvrez l'adresse ci-dessus vous-même",
				"qlint: cannot open the browser (%v); open the address above yourself").Format(err).In(l))
		}
	}
	return func() { cancel(); <-done }, nil
}

// openBrowser opens url in the user's browser, without waiting for it.
func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("%s: %w", strings.Fields(cmd.String())[0], err)
	}
	go func() { _ = cmd.Wait() }()
	return nil
}
