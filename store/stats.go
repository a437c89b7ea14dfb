package store

import (
	"context"
	"fmt"

	badger "github.com/dgraph-io/badger/v4"
)

// Stats are the store's sizes.
type Stats struct {
	Quads      int `json:"quads"`      // stored quads
	Nodes      int `json:"nodes"`      // distinct subjects and objects
	Predicates int `json:"predicates"` // distinct predicates
	Documents  int `json:"documents"`  // distinct documents (labels' documents)
}

// Stats counts the store's quads, nodes, predicates and documents from
// one consistent snapshot. Quads cost one scan of the index entries; the distinct
// counts skip from one value to the next, so they cost one seek per
// distinct value.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	if err := s.check(ctx); err != nil {
		return Stats{}, fmt.Errorf("store: stats: %w", err)
	}
	var st Stats
	err := s.db.View(func(txn *badger.Txn) error {
		var err error
		if st.Quads, err = countIndex(ctx, txn, idxSPOL); err != nil {
			return err
		}
		nodes := newIDSet()
		if err := distinctScan(ctx, txn, idxSPOL, nodes.add); err != nil {
			return err
		}
		if err := distinctScan(ctx, txn, idxOSPL, nodes.add); err != nil {
			return err
		}
		st.Nodes = nodes.n
		if err := distinctFirst(ctx, txn, idxPOSL, func(uint64) { st.Predicates++ }); err != nil {
			return err
		}
		st.Documents, err = s.countDocuments(ctx, txn)
		return err
	})
	if err != nil {
		return Stats{}, fmt.Errorf("store: stats: %w", err)
	}
	return st, nil
}

// countIndex counts the quads of index ix, reading chunk lengths without
// decoding their quads.
func countIndex(ctx context.Context, txn *badger.Txn, ix index) (int, error) {
	it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{indexPrefix[ix]}})
	defer it.Close()
	n, entries := 0, 0
	for it.Rewind(); it.Valid(); it.Next() {
		item := it.Item()
		n++
		if item.ValueSize() > 0 {
			err := item.Value(func(v []byte) error {
				m, ok := chunkLen(v)
				if !ok {
					return fmt.Errorf("%w: %s chunk at key %x", ErrCorrupt, indexName[ix], item.Key())
				}
				n += m
				return nil
			})
			if err != nil {
				return 0, err
			}
		}
		if entries++; entries%(64*ctxCheckEvery) == 0 {
			if err := ctx.Err(); err != nil {
				return 0, err
			}
		}
	}
	return n, nil
}

// distinctScan calls fn once for every distinct leading ID of index ix,
// reading every quad: faster than seeking when most values are distinct.
func distinctScan(ctx context.Context, txn *badger.Txn, ix index, fn func(uint64)) error {
	c := newCursor(txn, ix, false)
	defer c.close()
	c.rewind()
	var last uint64
	for n := 0; ; n++ {
		t, ok := c.next()
		if !ok {
			return c.failed()
		}
		if t[0] != last || n == 0 {
			fn(t[0])
			last = t[0]
		}
		if n%(64*ctxCheckEvery) == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
	}
}

// distinctFirst calls fn once for every distinct leading ID of index ix,
// seeking past each one's quads.
func distinctFirst(ctx context.Context, txn *badger.Txn, ix index, fn func(uint64)) error {
	c := newCursor(txn, ix, false)
	defer c.close()
	c.rewind()
	for n := 1; ; n++ {
		t, ok := c.next()
		if !ok {
			return c.failed()
		}
		fn(t[0])
		if t[0] == ^uint64(0) {
			return nil
		}
		c.seek(ids{t[0] + 1})
		if n%ctxCheckEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
	}
}

func (s *Store) countDocuments(ctx context.Context, txn *badger.Txn) (int, error) {
	n := 0
	err := s.eachDocument(ctx, txn, func(string) error { n++; return nil })
	return n, err
}

// eachDocument calls fn with every document name that has labels, in
// order, seeking past each document's labels.
func (s *Store) eachDocument(ctx context.Context, txn *badger.Txn, fn func(string) error) error {
	it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{pfxDocLabel}})
	defer it.Close()
	for it.Rewind(); it.Valid(); {
		doc, _, ok := parseDocLabelKey(it.Item().Key())
		if !ok {
			return fmt.Errorf("%w: document link key", ErrCorrupt)
		}
		if err := fn(doc); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		it.Seek(prefixEnd(docLabelPrefix(doc)))
	}
	return nil
}

// idSet is a growable bitset of IDs, with a map for IDs too large for a
// bitset (which only a damaged store holds).
type idSet struct {
	words []uint64
	big   map[uint64]bool
	n     int
}

func newIDSet() *idSet { return &idSet{} }

// maxBitsetID bounds the bitset at 512 MB.
const maxBitsetID = 1 << 32

func (s *idSet) add(id uint64) {
	if id >= maxBitsetID {
		if s.big == nil {
			s.big = make(map[uint64]bool)
		}
		if !s.big[id] {
			s.big[id] = true
			s.n++
		}
		return
	}
	w := id / 64
	if w >= uint64(len(s.words)) {
		grown := make([]uint64, max(w+1, uint64(2*len(s.words))))
		copy(grown, s.words)
		s.words = grown
	}
	bit := uint64(1) << (id % 64)
	if s.words[w]&bit == 0 {
		s.words[w] |= bit
		s.n++
	}
}

// PredicateIDs returns the dictionary IDs of every predicate in use, in
// ID order, seeking from one predicate to the next.
func (s *Store) PredicateIDs(ctx context.Context) ([]uint64, error) {
	if err := s.check(ctx); err != nil {
		return nil, fmt.Errorf("store: predicates: %w", err)
	}
	var out []uint64
	err := s.db.View(func(txn *badger.Txn) error {
		return distinctFirst(ctx, txn, idxPOSL, func(id uint64) { out = append(out, id) })
	})
	if err != nil {
		return nil, fmt.Errorf("store: predicates: %w", err)
	}
	return out, nil
}
