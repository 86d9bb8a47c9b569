package main

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/qlint/qlint/internal/i18n"
)

// slowReadAfter and slowReadEvery pace the notices of a slow history read
// off a terminal: nothing for a quick run, one plain line after 5 s, then
// one every 30 s (a partial clone made with --filter=tree:0 makes git fetch
// every tree one by one, and a CI log would otherwise show nothing for
// minutes).
var (
	slowReadAfter = 5 * time.Second
	slowReadEvery = 30 * time.Second
)

// slowReadNotice writes to w, when the read of history is still going on
// after slowReadAfter, a line saying what qlint is doing and why it may
// take long, then a line every slowReadEvery; whole lines only (w is a
// file or a pipe, never the report's standard output); the first line says
// why it may be slow when partial says the repository is a partial clone.
// progress counts the
// commits read; stop ends the notices and waits for any being written.
func slowReadNotice(w io.Writer, l i18n.Lang, partial func() bool) (progress func(int), stop func()) {
	var mu sync.Mutex
	commits, stopped := 0, false
	start := time.Now()
	quit := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		timer := time.NewTimer(slowReadAfter)
		defer timer.Stop()
		first := true
		for {
			select {
			case <-quit:
				return
			case <-timer.C:
			}
			mu.Lock()
			if stopped {
				mu.Unlock()
				return
			}
			n, secs := commits, int(time.Since(start).Seconds())
			fr, en := fmt.Sprintf("%d s", secs), fmt.Sprintf("%d s", secs)
			if n > 0 { // counted every few hundred commits
				fr, en = fmt.Sprintf("%d s, %d commits lus", secs, n), fmt.Sprintf("%d s, %d commits read", secs, n)
			}
			switch {
			case first && partial():
				fmt.Fprintln(w, wrapMessage(w, i18n.T(
					"qlint: la lecture de l'historique git prend du temps ("+fr+") ; qlint continue. Ce dépôt est un clone partiel (--filter) : git télécharge chaque version des dossiers une à une ; un clone complet se lit bien plus vite",
					"qlint: reading the git history is taking a while ("+en+"); qlint carries on. This repository is a partial clone (--filter): git downloads every version of the folders one by one; a full clone reads much faster").In(l), l))
			case first:
				fmt.Fprintln(w, wrapMessage(w, i18n.T(
					"qlint: la lecture de l'historique git prend du temps ("+fr+") ; qlint continue",
					"qlint: reading the git history is taking a while ("+en+"); qlint carries on").In(l), l))
			default:
				fmt.Fprintln(w, wrapMessage(w, i18n.T(
					"qlint: lecture de l'historique git toujours en cours ("+fr+")",
					"qlint: still reading the git history ("+en+")").In(l), l))
			}
			mu.Unlock()
			first = false
			timer.Reset(slowReadEvery)
		}
	}()
	progress = func(n int) {
		mu.Lock()
		commits = n
		mu.Unlock()
	}
	stop = func() {
		mu.Lock()
		stopped = true
		mu.Unlock()
		close(quit)
		<-done
	}
	return progress, stop
}
