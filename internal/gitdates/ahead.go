package gitdates

import (
	"runtime"
	"sync"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
)

// commitsAhead reads, on another core, the commits the built-in reader's
// walk is about to need. The walk is one chain of work: it reads a commit
// (inflating it is a third to a half of a cold run on small histories),
// queues it by date, compares its trees with its parents', and reads the
// parents to queue them. Most of what it reads is the chain of first
// parents from HEAD; that chain is read meanwhile, up to aheadLead commits
// ahead of the walk. What the walk gets is unchanged: a commit read ahead
// is the same commit, one being read is waited for, and one not read yet
// (a merge's other parents, which the walk enters only for the files that
// differ from the first one) is read by the walk as before; no commit is
// read twice. Past the walk's end, at most aheadLead commits are read for
// nothing.
type commitsAhead struct {
	or      objectReader
	shallow map[plumbing.Hash]bool
	done    chan struct{}

	mu      sync.Mutex
	changed sync.Cond // a commit was read, the lead dropped, or stop
	// state holds the commits being read, read ahead and not taken yet,
	// or read by the walk on the chain ahead of the reader; each is
	// dropped once both sides are past it, so that what it holds is
	// bounded by how far one side is ahead of the other.
	state    map[plumbing.Hash]*aheadCommit
	lead     int           // commits read ahead, not taken by the walk yet
	waitLead bool          // the reader waits for the lead to drop
	waitFor  plumbing.Hash // the commit the walk reads that the reader waits for
	// chainTip is the next commit of the chain the walk has not had yet:
	// a commit the walk reads itself is kept for the reader to step over
	// only when it is that one (off the chain, the reader never comes).
	chainTip plumbing.Hash
	stopped  bool
	finished bool // the reader has stopped: the walk reads everything itself
}

// aheadCommit is a commit of the chain: being read (by either side) until
// read is set.
type aheadCommit struct {
	info   *commitInfo   // read ahead, not taken by the walk yet
	parent plumbing.Hash // its first parent, once read
	read   bool
	root   bool // read, and it has no parent
}

// readAhead turns reading ahead on; tests turn it off to compare.
var readAhead = true

// aheadLead is how many commits are read ahead of the walk, at most; the
// reader waits once there, and goes on when half were taken.
const aheadLead = 64

// startAhead starts reading the first-parent chain from head ahead of a
// walk that reads objects with or; nil when there is a single core to run
// on, or when or is not the pack reader (git's log tells the commits then).
func startAhead(or objectReader, shallow map[plumbing.Hash]bool, head plumbing.Hash) *commitsAhead {
	if _, ok := or.(*packReader); !ok || !readAhead || runtime.GOMAXPROCS(0) < 2 {
		return nil
	}
	a := &commitsAhead{or: or, shallow: shallow, done: make(chan struct{}), state: map[plumbing.Hash]*aheadCommit{}, chainTip: head}
	a.changed.L = &a.mu
	go a.run(head)
	return a
}

func (a *commitsAhead) run(h plumbing.Hash) {
	defer close(a.done)
	zones := map[string]*time.Location{}
	a.mu.Lock()
	defer a.mu.Unlock()
	defer func() { a.finished = true }()
	for {
		for !a.stopped && a.lead >= aheadLead {
			a.waitLead = true
			a.changed.Wait()
		}
		a.waitLead = false
		if a.stopped {
			return
		}
		if c, ok := a.state[h]; ok {
			switch {
			case !c.read: // the walk is reading it
				a.waitFor = h
				a.changed.Wait()
				a.waitFor = plumbing.ZeroHash
			case c.root:
				return
			default: // the walk read it: step over it
				if c.info == nil {
					delete(a.state, h)
				}
				h = c.parent
			}
			continue
		}
		c := &aheadCommit{}
		a.state[h] = c
		a.mu.Unlock()
		info, err := readCommit(a.or, h, a.shallow[h], zones)
		a.mu.Lock()
		if err != nil {
			delete(a.state, h) // the walk reads it again and tells
			a.changed.Broadcast()
			return
		}
		a.record(c, info)
		c.info = info
		a.lead++
		a.changed.Broadcast()
		if c.root {
			return
		}
		h = c.parent
	}
}

// record notes that c was read as info.
func (a *commitsAhead) record(c *aheadCommit, info *commitInfo) {
	c.read = true
	if len(info.parents) == 0 {
		c.root = true
	} else {
		c.parent = info.parents[0]
	}
}

// take returns commit h if it was read ahead, waiting for it while it is
// being read; false when the walk must read it itself, and then tell read.
func (a *commitsAhead) take(h plumbing.Hash) (*commitInfo, bool) {
	if a == nil {
		return nil, false
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	for {
		c, ok := a.state[h]
		switch {
		case !ok && a.finished:
			return nil, false
		case !ok:
			a.state[h] = &aheadCommit{} // the walk's own
			return nil, false
		case !c.read:
			a.changed.Wait()
		case c.info == nil: // the walk's own, read already
			return nil, false
		default:
			// The reader is past it: nothing keeps it but the walk.
			delete(a.state, h)
			if h == a.chainTip {
				a.chainTip = c.parent
			}
			a.lead--
			if a.waitLead && a.lead <= aheadLead/2 {
				a.changed.Broadcast()
			}
			return c.info, true
		}
	}
}

// read tells the commit the walk read itself after take said so (info nil:
// it could not be read).
func (a *commitsAhead) read(h plumbing.Hash, info *commitInfo) {
	if a == nil {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if c, ok := a.state[h]; ok && !c.read {
		switch {
		case info != nil && !a.finished && (h == a.chainTip || h == a.waitFor):
			a.record(c, info) // for the reader to step over
		default:
			delete(a.state, h) // the reader will not come
		}
	}
	if info != nil && h == a.chainTip {
		a.chainTip = plumbing.ZeroHash
		if len(info.parents) > 0 {
			a.chainTip = info.parents[0]
		}
	}
	if a.waitFor == h {
		a.changed.Broadcast()
	}
}

// stop ends the reading ahead and waits for it.
func (a *commitsAhead) stop() {
	if a == nil {
		return
	}
	a.mu.Lock()
	a.stopped = true
	a.changed.Broadcast()
	a.mu.Unlock()
	<-a.done
}
