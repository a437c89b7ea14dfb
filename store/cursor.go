package store

import (
	"fmt"

	badger "github.com/dgraph-io/badger/v4"
)

// cursor walks the quads of one index in the index's order, one quad at a
// time, whether its entries are single quads or chunks (see keys.go).
// Quads are in index order (see permute) until the caller unpermutes them.
// A chunk is decoded lazily, one quad per call to next, so that a short
// lookup decodes only the quads it reads.
//
// A cursor over a read-write transaction sees the transaction's own
// writes, as Badger's iterators do.
type cursor struct {
	it   *badger.Iterator
	mem  *memIndex // instead of it, an in-memory copy of the index
	mpos int       // the entry of mem the cursor is at
	ix   index
	all  bool // the iterator returns every version: keep the newest of each key

	inEntry bool        // the iterator's entry is loaded
	key     ids         // the entry's key, its largest quad, returned last
	keyDone bool        // key returned
	chunk   chunkReader // the rest of the entry's chunk
	back    ids         // a quad pushed back by seek
	hasBack bool

	prevKey ids // the last key read, to skip its older versions
	started bool
	err     error
	kbuf    [quadKeyLen]byte
	vbuf    []byte
}

// newCursor opens a cursor on index ix of txn. allVersions makes the
// iterator return every version of a key and the cursor keep the newest
// itself, which is cheaper in read-only scans (see scanIDs); it must be
// false in read-write transactions. Close the cursor when done.
func newCursor(txn *badger.Txn, ix index, allVersions bool) *cursor {
	it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{indexPrefix[ix]}, AllVersions: allVersions})
	return &cursor{it: it, ix: ix, all: allVersions}
}

// newMemCursor opens a cursor on m, an in-memory copy of index ix.
func newMemCursor(ix index, m *memIndex) *cursor {
	return &cursor{mem: m, ix: ix, mpos: len(m.keys)}
}

func (c *cursor) close() {
	if c.it != nil {
		c.it.Close()
	}
}

// seek positions the cursor at the first quad ≥ t, in index order. A
// prefix of t followed by zeros seeks to the first quad with that prefix.
func (c *cursor) seek(t ids) {
	c.started, c.hasBack = false, false
	if c.mem != nil {
		c.mpos = c.mem.search(t)
	} else {
		c.it.Seek(entryKey(c.kbuf[:], c.ix, t))
	}
	c.load()
	for {
		u, ok := c.next()
		if !ok {
			return
		}
		if cmpIDs(u, t) >= 0 {
			c.back, c.hasBack = u, true
			return
		}
	}
}

// rewind positions the cursor at the index's first quad.
func (c *cursor) rewind() {
	c.started, c.hasBack = false, false
	if c.mem != nil {
		c.mpos = 0
	} else {
		c.it.Rewind()
	}
	c.load()
}

// next returns the next quad in index order; ok is false at the end of the
// index or after an error (see failed).
func (c *cursor) next() (t ids, ok bool) {
	if c.hasBack {
		c.hasBack = false
		return c.back, true
	}
	for c.err == nil {
		if !c.inEntry {
			return t, false
		}
		if !c.keyDone {
			t, ok, done := c.chunk.next()
			if ok && cmpIDs(t, c.key) < 0 {
				return t, true
			}
			if ok || !done {
				c.fail()
				return t, false
			}
			c.keyDone = true
			return c.key, true
		}
		if c.mem != nil {
			c.mpos++
		} else {
			c.it.Next()
		}
		c.load()
	}
	return t, false
}

func (c *cursor) fail() {
	c.err = corruptChunk(c.ix, entryKey(c.kbuf[:], c.ix, c.key))
}

// failed returns the error that ended the walk, if any.
func (c *cursor) failed() error { return c.err }

// load reads the entry the cursor is at: in Badger, skipping older
// versions and deletions (moving the iterator forward past them).
func (c *cursor) load() {
	c.inEntry, c.keyDone, c.chunk = false, false, chunkReader{first: true}
	if m := c.mem; m != nil {
		if c.mpos >= len(m.keys) {
			return
		}
		c.key, c.inEntry = m.keys[c.mpos], true
		if v := m.value(c.mpos); len(v) > 0 && !c.chunk.reset(v) {
			c.fail()
		}
		return
	}
	for ; c.it.Valid(); c.it.Next() {
		item := c.it.Item()
		k, ok := parseEntryKey(c.ix, item.Key())
		if !ok {
			c.err = corruptKey(c.ix, item.Key())
			return
		}
		if c.all {
			if c.started && k == c.prevKey {
				continue // an older version of the key before
			}
			c.prevKey, c.started = k, true
		}
		if item.IsDeletedOrExpired() {
			continue
		}
		c.key, c.inEntry = k, true
		if item.ValueSize() == 0 {
			return
		}
		v, err := item.ValueCopy(c.vbuf[:0])
		if err != nil {
			c.err = err
			return
		}
		c.vbuf = v
		if !c.chunk.reset(v) {
			c.fail()
		}
		return
	}
}

func corruptKey(ix index, k []byte) error {
	return fmt.Errorf("%w: %s key %x", ErrCorrupt, indexName[ix], k)
}

func corruptChunk(ix index, k []byte) error {
	return fmt.Errorf("%w: %s chunk at key %x", ErrCorrupt, indexName[ix], k)
}
