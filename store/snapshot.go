package store

import (
	"sync"
	"time"

	badger "github.com/dgraph-io/badger/v4"
)

// A lookup's fixed cost is mostly Badger's: a read transaction, an
// iterator, and the iterator's first seek, which builds and fills its
// per-level state. Lookups therefore borrow a read snapshot, with one
// cursor per index already open, from a small pool, and give it back when
// done. A snapshot is reused only while the store's generation is the one
// it was opened at (no write since), and for at most snapMaxAge, so that
// it never pins tables that compaction has replaced for long. An idle
// snapshot is discarded once it is that old, by a timer, even when no
// lookup comes to find it stale.

const snapPoolSize = 8

// snapMaxAge is how long a snapshot is reused (a variable for tests).
var snapMaxAge = 2 * time.Second

// readSnap is a pooled read transaction and its cursors.
type readSnap struct {
	txn     *badger.Txn
	gen     uint64
	born    time.Time
	cursors [numIndexes]*cursor
	mems    [numIndexes]*cursor // on in-memory index copies (memindex.go)
}

// cursor returns the snapshot's cursor on index ix, opening it the first
// time: on m, an in-memory copy of the index of the snapshot's
// generation, when m is not nil, else on Badger. Its position is wherever
// its last user left it: seek or rewind.
func (rs *readSnap) cursor(ix index, m *memIndex) *cursor {
	var c *cursor
	if m != nil {
		if rs.mems[ix] == nil || rs.mems[ix].mem != m {
			rs.mems[ix] = newMemCursor(ix, m)
		}
		c = rs.mems[ix]
	} else {
		if rs.cursors[ix] == nil {
			rs.cursors[ix] = newCursor(rs.txn, ix, true)
		}
		c = rs.cursors[ix]
	}
	c.err = nil
	return c
}

func (rs *readSnap) discard() {
	for _, c := range rs.cursors {
		if c != nil {
			c.close()
		}
	}
	rs.txn.Discard()
}

// snapPool holds idle snapshots.
type snapPool struct {
	mu    sync.Mutex
	idle  []*readSnap
	sweep *time.Timer // pending sweepSnapshots, or nil
}

// snapshot lends a read snapshot of the store's current content. Give it
// back with release.
func (s *Store) snapshot() *readSnap {
	gen := s.gen.Load() // before the transaction: it then sees gen's writes
	now := time.Now()
	p := &s.snaps
	p.mu.Lock()
	for len(p.idle) > 0 {
		rs := p.idle[len(p.idle)-1]
		p.idle = p.idle[:len(p.idle)-1]
		if rs.gen == gen && now.Sub(rs.born) < snapMaxAge {
			p.mu.Unlock()
			return rs
		}
		rs.discard()
	}
	p.mu.Unlock()
	return &readSnap{txn: s.db.NewTransaction(false), gen: gen, born: now}
}

// release returns a snapshot to the pool, or discards it when the pool is
// full, the store changed or closed, or the snapshot failed.
func (s *Store) release(rs *readSnap) {
	p := &s.snaps
	p.mu.Lock()
	keep := len(p.idle) < snapPoolSize && rs.gen == s.gen.Load() && !s.closed.Load()
	for _, c := range append(rs.cursors[:], rs.mems[:]...) {
		if c != nil && c.err != nil {
			keep = false
		}
	}
	if keep {
		p.idle = append(p.idle, rs)
		if p.sweep == nil {
			p.sweep = time.AfterFunc(snapMaxAge, s.sweepSnapshots)
		}
	}
	p.mu.Unlock()
	if !keep {
		rs.discard()
	}
}

// dropSnapshots discards every idle snapshot and Warm's in-memory index
// copies: after a write, and on Close.
func (s *Store) dropSnapshots() {
	s.dropMemIndexes()
	p := &s.snaps
	p.mu.Lock()
	idle := p.idle
	p.idle = nil
	p.mu.Unlock()
	for _, rs := range idle {
		rs.discard()
	}
}

// sweepSnapshots discards the idle snapshots that are too old or stale,
// and comes back later while some are left.
func (s *Store) sweepSnapshots() {
	p := &s.snaps
	p.mu.Lock()
	defer p.mu.Unlock()
	p.sweep = nil
	if s.closed.Load() {
		return // Close discards the rest; it waits for p.mu first
	}
	gen, now := s.gen.Load(), time.Now()
	kept := p.idle[:0]
	for _, rs := range p.idle {
		if rs.gen == gen && now.Sub(rs.born) < snapMaxAge {
			kept = append(kept, rs)
		} else {
			rs.discard()
		}
	}
	clear(p.idle[len(kept):])
	p.idle = kept
	if len(kept) > 0 {
		p.sweep = time.AfterFunc(snapMaxAge/2, s.sweepSnapshots)
	}
}
