package store

import (
	badger "github.com/dgraph-io/badger/v4"
)

// entryEditor adds and removes the index entries of single quads for one
// write (a transaction, or a bulk load into a non-empty store), keeping
// chunks sound: a chunk whose range a write touches is first exploded into
// single entries, one per quad. See keys.go for the layout.
//
// Chunks are looked up in a read snapshot taken when the write began. The
// store's writer lock keeps that snapshot equal to the store the write
// changes, except for the write's own changes, and those are only single
// entries and explosions, which exploded records.
type entryEditor struct {
	snap     *badger.Txn
	its      [numIndexes]*badger.Iterator
	exploded map[[quadKeyLen]byte]struct{}
	tuples   []ids
	kbuf     [quadKeyLen]byte
}

// newEntryEditor returns an editor for a write to s. A store that never
// had chunks (every store built by transactions) needs no lookups: its
// editor writes and deletes single entries straight away.
func newEntryEditor(s *Store) *entryEditor {
	if !s.chunked.Load() {
		return &entryEditor{}
	}
	return &entryEditor{snap: s.db.NewTransaction(false), exploded: make(map[[quadKeyLen]byte]struct{})}
}

// close releases the snapshot.
func (e *entryEditor) close() {
	for _, it := range e.its {
		if it != nil {
			it.Close()
		}
	}
	if e.snap != nil {
		e.snap.Discard()
	}
}

// locate finds the snapshot's entry of index ix that would hold t (in
// index order): the first entry whose key is not below t. It returns the
// entry's key and, when the entry is a chunk not yet exploded by this
// write, its quads. chunk is false for a single entry, an exploded chunk,
// or no entry at all.
func (e *entryEditor) locate(ix index, t ids) (key [quadKeyLen]byte, tuples []ids, chunk bool, err error) {
	if e.snap == nil {
		return key, nil, false, nil // a store without chunks
	}
	it := e.its[ix]
	if it == nil {
		it = e.snap.NewIterator(badger.IteratorOptions{Prefix: []byte{indexPrefix[ix]}})
		e.its[ix] = it
	}
	it.Seek(entryKey(e.kbuf[:], ix, t))
	if !it.Valid() {
		return key, nil, false, nil
	}
	item := it.Item()
	k, ok := parseEntryKey(ix, item.Key())
	if !ok {
		return key, nil, false, corruptKey(ix, item.Key())
	}
	entryKey(key[:], ix, k)
	if item.ValueSize() == 0 {
		return key, nil, false, nil
	}
	if _, done := e.exploded[key]; done {
		return key, nil, false, nil
	}
	err = item.Value(func(v []byte) error {
		var ok bool
		if e.tuples, ok = decodeChunk(e.tuples[:0], v); !ok {
			return corruptChunk(ix, item.Key())
		}
		return nil
	})
	if err != nil {
		return key, nil, false, err
	}
	e.tuples = append(e.tuples, k)
	return key, e.tuples, true, nil
}

// explode rewrites the chunk with key and quads tuples as single entries.
func (e *entryEditor) explode(ix index, key [quadKeyLen]byte, tuples []ids, set func(k, v []byte) error) error {
	for _, t := range tuples {
		if err := set(entryKey(make([]byte, quadKeyLen), ix, t), nil); err != nil {
			return err
		}
	}
	e.exploded[key] = struct{}{}
	return nil
}

// insert writes the entries of quad q (subject, predicate, object, label)
// in every index through set. An index whose chunk already holds q is left
// alone; a chunk whose range q falls in is exploded first.
func (e *entryEditor) insert(q ids, set func(k, v []byte) error) error {
	for ix := index(0); ix < numIndexes; ix++ {
		t := permute(ix, q)
		key, tuples, chunk, err := e.locate(ix, t)
		if err != nil {
			return err
		}
		if chunk {
			if holds(tuples, t) {
				continue
			}
			if cmpIDs(tuples[0], t) < 0 {
				if err := e.explode(ix, key, tuples, set); err != nil {
					return err
				}
			}
		}
		if err := set(entryKey(make([]byte, quadKeyLen), ix, t), nil); err != nil {
			return err
		}
	}
	return nil
}

// remove deletes the entries of quad q in every index through set and
// del, exploding the chunks that hold it.
func (e *entryEditor) remove(q ids, set func(k, v []byte) error, del func(k []byte) error) error {
	for ix := index(0); ix < numIndexes; ix++ {
		t := permute(ix, q)
		key, tuples, chunk, err := e.locate(ix, t)
		if err != nil {
			return err
		}
		if chunk && holds(tuples, t) {
			if err := e.explode(ix, key, tuples, set); err != nil {
				return err
			}
		}
		if err := del(entryKey(make([]byte, quadKeyLen), ix, t)); err != nil {
			return err
		}
	}
	return nil
}

// holds reports whether the ascending tuples hold t.
func holds(tuples []ids, t ids) bool {
	lo, hi := 0, len(tuples)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		switch c := cmpIDs(tuples[m], t); {
		case c == 0:
			return true
		case c < 0:
			lo = m + 1
		default:
			hi = m
		}
	}
	return false
}

// explodeTouched explodes every chunk of the store whose range holds one
// of the load's quads, before the load writes any of them, so that the
// load's own entries are plain single entries that need no lookup. Each
// explosion is one group of tw, and changes no content, so a crash
// between two leaves the store sound.
//
// It reads the load index by index in that index's order, and seeks a
// snapshot taken before its first write: seeks move forward, past the
// chunks already exploded, so they never cross the writes they made.
// (A Badger iterator steps over every newer version its snapshot cannot
// see, so a snapshot sought across a growing memtable would cost time in
// proportion to the load's own writes.)
func (w *BulkWriter) explodeTouched(tw *txnWriter) error {
	if !w.s.chunked.Load() {
		return nil
	}
	ed := newEntryEditor(w.s)
	defer ed.close()
	set := func(k, v []byte) error { tw.add(k, v); return nil }
	for ix := index(0); ix < numIndexes; ix++ {
		srcs, err := w.sources(ix)
		if err != nil {
			return err
		}
		err = w.explodeIndex(ed, ix, srcs, tw, set)
		closeAll(srcs)
		if err != nil {
			return err
		}
	}
	return nil
}

func (w *BulkWriter) explodeIndex(ed *entryEditor, ix index, srcs []runSource, tw *txnWriter, set func(k, v []byte) error) error {
	m, err := newMerger(srcs)
	if err != nil {
		return err
	}
	var (
		bound ids // the key of the entry last located: quads up to it need no seek
		have  bool
	)
	for n := 0; ; n++ {
		if n%ctxCheckEvery == 0 {
			if err := w.ctx.Err(); err != nil {
				return err
			}
		}
		t, ok, err := m.next()
		if err != nil || !ok {
			return err
		}
		if have && cmpIDs(t, bound) <= 0 {
			continue
		}
		key, tuples, chunk, err := ed.locate(ix, t)
		if err != nil {
			return err
		}
		if !chunk {
			if have = key != [quadKeyLen]byte{}; have {
				bound, _ = parseEntryKey(ix, key[:])
			}
			continue
		}
		if cmpIDs(tuples[0], t) > 0 {
			have = false // t falls before the chunk's range; a later quad may not
			continue
		}
		bound, have = tuples[len(tuples)-1], true
		if err := ed.explode(ix, key, tuples, set); err != nil {
			return err
		}
		if err := tw.endGroup(); err != nil {
			return err
		}
	}
}
