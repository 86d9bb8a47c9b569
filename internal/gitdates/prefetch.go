package gitdates

import (
	"container/heap"
	"context"
	"sync"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
)

// prefetch compares commits with their parents ahead of the built-in
// reader's walk, on the other cores. Nearly all of that reader's time goes
// to reading trees, and each commit's comparison with its parents stands
// alone; only carrying the pending paths down is sequential. The prefetch
// goes through history in the walk's own order (committer date, newest
// first) and stays at most prefetchWindow commits ahead of it.
//
// It never reports an error: a commit it could not compare is compared
// again by the walk, which then reports what is wrong.
type prefetch struct {
	ctx    context.Context
	cancel context.CancelFunc
	slots  chan struct{} // one per commit handed out and not yet taken
	wg     sync.WaitGroup

	mu    sync.Mutex
	jobs  map[plumbing.Hash]*job
	order []*job                        // registered and not yet released, in the walk's order
	infos map[plumbing.Hash]*commitInfo // the commits read, for the walk too
}

// job is one commit to compare with its parents.
type job struct {
	hash   plumbing.Hash
	tree   plumbing.Hash
	ptrees []plumbing.Hash
	diffs  [][]change
	ok     bool
	done   chan struct{}
}

// The prefetch hands commits out in runs of prefetchChunk consecutive ones:
// a worker comparing consecutive commits finds most of their trees still in
// its cache, and the delta bases they are rebuilt from in the pack reader's.
// It stays at most prefetchWindow commits ahead of the walk.
const (
	prefetchChunk  = 128
	prefetchWindow = 4 * prefetchChunk
)

// startPrefetch compares the commits reachable from head with workers
// goroutines reading through or, which must be safe for concurrent use.
func startPrefetch(or objectReader, head plumbing.Hash, shallow map[plumbing.Hash]bool, workers, treeBudget int) *prefetch {
	ctx, cancel := context.WithCancel(context.Background())
	p := &prefetch{ctx: ctx, cancel: cancel, slots: make(chan struct{}, prefetchWindow), jobs: map[plumbing.Hash]*job{}, infos: map[plumbing.Hash]*commitInfo{}}
	todo := make(chan []*job)
	p.wg.Add(1 + workers)
	go func() {
		defer p.wg.Done()
		defer close(todo)
		p.produce(or, head, shallow, todo)
	}()
	for range workers {
		go func() {
			defer p.wg.Done()
			tr := newTrees(or, treeBudget/workers)
			for run := range todo {
				for _, j := range run {
					if ctx.Err() == nil {
						j.compare(tr)
					}
					close(j.done)
				}
			}
		}()
	}
	return p
}

// produce goes through history from head, newest first, handing each
// commit out once.
func (p *prefetch) produce(or objectReader, head plumbing.Hash, shallow map[plumbing.Hash]bool, todo chan<- []*job) {
	zones := map[string]*time.Location{}
	var run []*job // registered, not handed out yet
	defer func() {
		for _, j := range run {
			close(j.done) // never compared: the walk compares it
		}
	}()
	handOut := func() bool {
		if len(run) == 0 {
			return true
		}
		select {
		case todo <- run:
			run = nil
			return true
		case <-p.ctx.Done():
			return false
		}
	}
	seen := map[plumbing.Hash]bool{}
	read := func(h plumbing.Hash) *commitInfo {
		if c := p.commit(h); c != nil {
			return c
		}
		c, err := readCommit(or, h, shallow[h], zones)
		if err != nil {
			return nil
		}
		p.mu.Lock()
		p.infos[h] = c
		p.mu.Unlock()
		return c
	}
	c := read(head)
	if c == nil {
		return
	}
	var q queue
	seen[head] = true
	heap.Push(&q, &node{hash: head, info: c})
	for q.Len() > 0 {
		n := heap.Pop(&q).(*node)
		j := &job{hash: n.hash, tree: n.info.tree, done: make(chan struct{})}
		for _, ph := range n.info.parents {
			pc := read(ph)
			if pc == nil {
				handOut()
				return // the walk will say what is missing
			}
			j.ptrees = append(j.ptrees, pc.tree)
			if !seen[ph] {
				seen[ph] = true
				heap.Push(&q, &node{hash: ph, info: pc})
			}
		}
		select {
		case p.slots <- struct{}{}:
		default:
			// The window is full: what is registered must be handed
			// out before waiting, the walk may be waiting for it.
			if !handOut() {
				return
			}
			select {
			case p.slots <- struct{}{}:
			case <-p.ctx.Done():
				return
			}
		}
		p.mu.Lock()
		p.jobs[j.hash] = j
		p.order = append(p.order, j)
		p.mu.Unlock()
		if run = append(run, j); len(run) == prefetchChunk && !handOut() {
			return
		}
	}
	handOut()
}

// commit returns what the prefetch read of commit h, nil when it has not
// read it (yet).
func (p *prefetch) commit(h plumbing.Hash) *commitInfo {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.infos[h]
}

// compare computes the commit's changes against its first parent (the walk
// looks at a merge's other parents only for the files that differ from it).
func (j *job) compare(tr *trees) {
	j.diffs = make([][]change, min(len(j.ptrees), 1))
	if len(j.ptrees) > 0 && j.ptrees[0] != j.tree {
		if err := tr.diff(j.tree, j.ptrees[0], "", func(ch change) { j.diffs[0] = append(j.diffs[0], ch) }); err != nil {
			return
		}
	}
	j.ok = true
}

// take returns the changes of commit h against its first parent, waiting
// for them if they are being computed; false when the prefetch does not have
// them. Taking a commit releases every commit handed out before it: the walk
// goes in the same order, so it will not ask for them (when it does, after
// clock skew, it compares them itself).
func (p *prefetch) take(h plumbing.Hash) ([][]change, bool) {
	p.mu.Lock()
	j, ok := p.jobs[h]
	if ok {
		for len(p.order) > 0 {
			first := p.order[0]
			p.order[0] = nil
			p.order = p.order[1:]
			delete(p.jobs, first.hash)
			<-p.slots
			if first == j {
				break
			}
		}
	}
	p.mu.Unlock()
	if !ok {
		return nil, false
	}
	<-j.done
	return j.diffs, j.ok
}

// stop ends the prefetch and waits for its goroutines, so that every store
// they opened is closed.
func (p *prefetch) stop() {
	p.cancel()
	p.wg.Wait()
}
