package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/linter"
	"github.com/qlint/qlint/report"
	"github.com/qlint/qlint/rules"
	"github.com/qlint/qlint/watcher"
)

const watchUsage = `Usage : qlint watch [DOSSIER] [options]

Vérifie le dossier de preuves, puis le vérifie à nouveau après chaque
changement (fichiers déplacés, ajoutés, modifiés, supprimés, commit,
qlint.toml modifié), jusqu'à Ctrl-C. Les rafales de changements (déplacer
un dossier de 500 fichiers) ne donnent qu'une vérification, sur l'état
final. En texte, le premier rapport est complet ; ensuite, à chaque
changement, qlint écrit une ligne qui résume ce qui a changé (les fichiers
par leur nom) et la liste à faire, par date (--full pour le rapport entier
à chaque fois, ou relancez qlint). En JSON (-f json), chaque vérification
écrit un rapport sur une ligne (NDJSON).

Une erreur dans qlint.toml est affichée (fichier:ligne:colonne) et la
surveillance continue avec les dernières règles valides.

Exemples :
  qlint watch
  qlint watch preuves --lang en
  qlint watch -f json > rapports.ndjson
  qlint watch --poll 5s             sur un lecteur réseau ou synchronisé
  qlint watch --serve --open        le classeur en direct dans le navigateur
  qlint watch --serve 127.0.0.1:8080   sur un port choisi
`

func cmdWatch(args []string, stdout, stderr io.Writer) (int, error) {
	var debounce, poll time.Duration
	var live liveFlags
	var full bool
	args, maybeHost := joinServeAddr(args)
	c, root, err := parseFolderCommand("watch", watchUsage, args, stdout, func(fs *flag.FlagSet) {
		fs.DurationVar(&debounce, "debounce", 300*time.Millisecond, "attendre ce calme après un changement avant de vérifier")
		fs.DurationVar(&poll, "poll", 0, "scruter le dossier à cet intervalle au lieu d'écouter le système (ex. 5s)")
		fs.BoolVar(&full, "full", false, "réafficher le rapport entier à chaque changement, pas seulement ce qui a changé et la liste à faire")
		live.register(fs)
	})
	if err != nil {
		return exitError, err
	}
	if err := live.check(); err != nil {
		return exitError, err
	}
	if err := checkWatchTimes(debounce, poll); err != nil {
		return exitError, err
	}
	if maybeHost != "" && root == maybeHost {
		if _, err := os.Stat(root); err != nil {
			return exitError, notAFolderButAHost(root)
		}
	}
	if root, err = evidenceFolder(root); err != nil {
		return exitError, err
	}
	if c.config == "" {
		root = configRoot(root)
	}
	// Resolved once, at start: a relative folder (the default ".") is
	// looked up again from the working directory, which stays the
	// deleted folder when the evidence folder is deleted and recreated.
	if abs, err := filepath.Abs(root); err == nil {
		root = abs
	}
	cfg, cfgPath, _, err := loadRules(root, c)
	if err != nil {
		return exitError, err
	}
	if abs, err := filepath.Abs(cfgPath); err == nil {
		cfgPath = abs
	}
	leaveRoot(root)
	w := &watchSession{c: c, root: root, cfgPath: cfgPath, cfg: cfg, stdout: stdout, stderr: stderr,
		history: &linter.HistoryCache{}, tty: isTerminal(stdout), skip: linter.Skipper(cfg.Ignore), full: full}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if live.serve.on {
		served, err := w.startLive(ctx, live)
		if err != nil {
			return exitError, err
		}
		defer served()
	}
	// Freshness is counted from today: a new day is judged again.
	var days sync.WaitGroup
	days.Add(1)
	go func() { defer days.Done(); watchDays(ctx, now, time.After, w.newDay) }()
	defer days.Wait()
	ready := false
	err = watcher.Watch(ctx, watcher.Options{
		// The first report comes once every folder is watched, so that no
		// change made after it is missed.
		Ready: func() {
			if !ready { // a fall back to polling is ready a second time
				ready = true
				w.run(nil)
			}
		},
		Root: root, Debounce: debounce, Poll: poll, Extra: rulesFiles(cfgPath),
		// The rules file is watched through Extra; the skip test is built
		// once per rules, not once per event.
		Skip:   func(rel string, dir bool) bool { return w.skip(rel, dir) },
		Notice: w.notice,
	}, func(ch watcher.Change) { w.run(&ch) })
	if err != nil {
		return exitError, err
	}
	return exitOK, nil
}

// watchSession is the state kept from one check to the next.
type watchSession struct {
	c              common
	root, cfgPath  string
	cfg            *rules.Config // the last good rules
	skip           func(rel string, dir bool) bool
	stdout, stderr io.Writer
	history        *linter.HistoryCache
	tree           *linter.Tree // kept up to date from the changes
	prev           *linter.Report
	tty            bool
	// report, when set, gets every check's result: the report (nil when
	// none could be made) and the problem to show ("" for none; a bad
	// qlint.toml stays the problem until the rules load again).
	report  func(rep *linter.Report, ch *watcher.Change, problem string)
	problem string
	full    bool // the whole report at every change (--full)
	// mu makes one check at a time: the watcher's and the new day's.
	mu sync.Mutex
	// day is the new day a check is made for (zero when a change caused it).
	day rules.Day
}

func (w *watchSession) lang() i18n.Lang { return reportLang(w.c, w.cfg) }

func (w *watchSession) notice(n watcher.Notice) {
	l := w.lang()
	switch n.Kind {
	case "watch-limit":
		fmt.Fprintln(w.stderr, "qlint: "+i18n.T(
			"la limite du système sur le nombre de dossiers surveillés est atteinte ; qlint passe en scrutation toutes les 2 s.\n  conseil : augmentez fs.inotify.max_user_watches (sudo sysctl fs.inotify.max_user_watches=524288), ou utilisez --poll",
			"the system's limit on watched folders is reached; qlint falls back to polling every 2 s.\n  hint: raise fs.inotify.max_user_watches (sudo sysctl fs.inotify.max_user_watches=524288), or use --poll").In(l))
	case "overflow":
		fmt.Fprintln(w.stderr, "qlint: "+i18n.T("trop de changements d'un coup : tout est revérifié", "too many changes at once: everything is checked again").In(l))
	case "root-gone":
		fmt.Fprintln(w.stderr, "qlint: "+i18n.T(
			"le dossier de preuves "+w.root+" a été supprimé ou renommé : qlint attend qu'il revienne (Ctrl-C pour arrêter)",
			"the evidence folder "+w.root+" was deleted or renamed: qlint waits for it to come back (Ctrl-C to stop)").In(l))
	case "root-back":
		fmt.Fprintln(w.stderr, "qlint: "+i18n.T("le dossier de preuves "+w.root+" est de retour : tout est revérifié",
			"the evidence folder "+w.root+" is back: everything is checked again").In(l))
	default:
		fmt.Fprintln(w.stderr, "qlint: "+i18n.T("surveillance : "+osReason(n.Err, i18n.FR), "watching: "+osReason(n.Err, i18n.EN)).In(l))
	}
}

// run reloads the rules when they changed, checks the folder and prints the
// report; errors are printed and the watch goes on.
func (w *watchSession) run(ch *watcher.Change) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.runLocked(ch)
}

func (w *watchSession) runLocked(ch *watcher.Change) {
	rulesChanged := ch != nil && w.rulesChanged(ch)
	if rulesChanged {
		cfg, err := loadRulesFile(w.root, w.cfgPath)
		if err != nil {
			// One write: a reader never sees the error without what follows.
			fmt.Fprint(w.stderr, "qlint: "+localize(rulesError(w.cfgPath, err), w.lang())+"\n"+i18n.T(
				"qlint: la surveillance continue avec les dernières règles valides.",
				"qlint: watching goes on with the last valid rules.").In(w.lang())+"\n")
			w.problem = localize(rulesError(w.cfgPath, err), w.lang())
			w.tell(nil, ch, w.problem)
			return
		}
		w.cfg, w.skip, w.problem = cfg, linter.Skipper(cfg.Ignore), ""
	}
	// The tree is walked whole at first, after lost events and when the
	// ignore patterns may have changed; otherwise only what changed is read.
	root, err := os.OpenRoot(w.root)
	if err != nil {
		if _, statErr := os.Stat(w.root); statErr != nil {
			return // gone: the watcher says so once, and waits for it
		}
		msg := i18n.T("lecture du dossier "+w.root+" impossible : "+osReason(err, i18n.FR),
			"cannot read the folder "+w.root+": "+osReason(err, i18n.EN)).In(w.lang())
		fmt.Fprintln(w.stderr, "qlint: "+msg)
		w.tell(nil, ch, msg)
		return
	}
	defer root.Close()
	fsys := root.FS()
	if w.tree == nil || ch == nil || ch.Overflow || rulesChanged {
		w.tree = nil
		if tree, err := linter.WalkRoot(root, w.cfg.Ignore); err == nil {
			w.tree = tree
		}
	} else if err := w.tree.Refresh(fsys, w.cfg.Ignore, ch.Paths); err != nil {
		w.tree = nil
	}
	l := w.lang()
	rep, err := judgeWith(w.root, w.cfgPath, w.cfg, w.c, l, w.history, w.tree)
	if err != nil {
		fmt.Fprintln(w.stderr, "qlint: "+localize(err, l))
		w.tell(nil, ch, localize(err, l))
		return
	}
	defer w.tell(rep, ch, w.problem)
	if f, _ := report.Lookup(w.c.format); f.Stream != nil {
		_ = f.Stream(report.Options{Lang: l}).Print(w.stdout, rep)
	} else {
		color := w.tty && !w.c.noColor && os.Getenv("NO_COLOR") == ""
		why := changeWhy{rules: rulesChanged, day: w.day}
		if ch != nil {
			why.names = changedNames(w.root, ch)
			why.files = len(why.names)
		}
		opts := report.TextOptions{Color: color, Width: reportWidth(w.stdout, false)}
		if w.prev == nil || w.full {
			// The whole report: at first, and at every change with --full.
			if w.tty {
				fmt.Fprint(w.stdout, "\x1b[H\x1b[2J") // redraw from the top
			} else if w.prev != nil {
				fmt.Fprintln(w.stdout, strings.Repeat("─", 40))
			}
			_ = report.WriteText(w.stdout, rep, opts)
			fmt.Fprintln(w.stdout, "\n"+wrapMessage(w.stdout, changeLine(w.prev, rep, ch, now(), why).In(l), l))
		} else {
			// Then what changed and what is left to do, not 200 lines
			// again.
			fmt.Fprintln(w.stdout, "\n"+strings.Repeat("─", 40))
			fmt.Fprintln(w.stdout, wrapMessage(w.stdout, changeLine(w.prev, rep, ch, now(), why).In(l), l))
			_ = report.WriteTodo(w.stdout, rep, opts)
		}
	}
	w.prev = rep
}

// tell passes a check's result to the report callback, if any.
func (w *watchSession) tell(rep *linter.Report, ch *watcher.Change, problem string) {
	if w.report != nil {
		w.report(rep, ch, problem)
	}
}

func (w *watchSession) rulesChanged(ch *watcher.Change) bool {
	if len(ch.Extra) > 0 {
		return true
	}
	if rel, err := filepath.Rel(w.root, w.cfgPath); err == nil {
		rel = filepath.ToSlash(rel)
		for _, p := range ch.Paths {
			if p == rel {
				return true
			}
		}
	}
	return false
}

// changeLine says what changed since the previous check: findings that
// appeared and were resolved, indicators whose status moved.
func changeLine(prev, cur *linter.Report, ch *watcher.Change, at time.Time, why changeWhy) i18n.Text {
	stamp := at.Format("15:04:05")
	if prev == nil {
		return i18n.T("["+stamp+"] Surveillance en cours : à chaque preuve ajoutée, modifiée, déplacée ou enregistrée dans git, le rapport se met à jour. Ctrl-C pour arrêter.",
			"["+stamp+"] Watching: whenever a proof is added, changed, moved or committed, the report updates. Ctrl-C to stop.")
	}
	addedF, resolvedF := linter.FindingsDiff(prev.Findings, cur.Findings)
	added, resolved := len(addedF), len(resolvedF)
	var movesFR, movesEN []string
	for i, ind := range cur.Indicators {
		if i >= len(prev.Indicators) {
			break
		}
		if old := prev.Indicators[i]; old.Status != ind.Status || old.Waived != ind.Waived {
			from, to := report.IndicatorWord(old), report.IndicatorWord(ind)
			movesFR = append(movesFR, fmt.Sprintf("%d %s → %s", ind.ID, from.FR, to.FR))
			movesEN = append(movesEN, fmt.Sprintf("%d %s → %s", ind.ID, from.EN, to.EN))
		}
	}
	files := i18n.N(why.files, "fichier changé", "fichiers changés", "file changed", "files changed")
	news := i18n.N(added, "nouveau constat", "nouveaux constats", "new finding", "new findings")
	done := i18n.N(resolved, "résolu", "résolus", "resolved", "resolved")
	named := namedFiles(why.names)
	fr := fmt.Sprintf("[%s] %s%s : %s, %s", stamp, files.FR, named.FR, news.FR, done.FR)
	en := fmt.Sprintf("[%s] %s%s: %s, %s", stamp, files.EN, named.EN, news.EN, done.EN)
	commit := newCommit(prev, cur, ch)
	gitOnly := ch != nil && ch.Git && why.files == 0
	switch {
	case gitOnly && commit != "":
		// A commit changes no file: it dates the proofs anew.
		fr = fmt.Sprintf("[%s] nouvel enregistrement (commit %s), dates mises à jour : %s, %s", stamp, commit, news.FR, done.FR)
		en = fmt.Sprintf("[%s] new commit (%s), dates updated: %s, %s", stamp, commit, news.EN, done.EN)
	case gitOnly:
		fr = fmt.Sprintf("[%s] dépôt git modifié (fichiers indexés, branche…) : %s, %s", stamp, news.FR, done.FR)
		en = fmt.Sprintf("[%s] git repository changed (staged files, branch…): %s, %s", stamp, news.EN, done.EN)
	}
	if !why.day.IsZero() {
		fr = fmt.Sprintf("[%s] nouveau jour, état au %s : %s, %s", stamp, why.day.French(), news.FR, done.FR)
		en = fmt.Sprintf("[%s] new day, as of %s: %s, %s", stamp, why.day, news.EN, done.EN)
	}
	if why.rules {
		fr += ", règles de qlint.toml rechargées"
		en += ", qlint.toml rules reloaded"
	}
	switch {
	case gitOnly:
	case commit != "":
		fr += ", nouvel enregistrement (commit " + commit + ")"
		en += ", new commit (" + commit + ")"
	case ch != nil && ch.Git:
		fr += ", dépôt git modifié"
		en += ", git repository changed"
	}
	if len(movesFR) > 0 {
		fr += " ; indicateurs " + strings.Join(movesFR, ", ")
		en += "; indicators " + strings.Join(movesEN, ", ")
	}
	return i18n.T(fr+".", en+".")
}

// newCommit is the short id of the commit made since prev, when the
// repository's HEAD moved; "" otherwise.
func newCommit(prev, cur *linter.Report, ch *watcher.Change) string {
	if ch == nil || !ch.Git || prev == nil || cur == nil {
		return ""
	}
	h := cur.History.Head
	if h == "" || h == prev.History.Head {
		return ""
	}
	if len(h) > 7 {
		h = h[:7]
	}
	return h
}
