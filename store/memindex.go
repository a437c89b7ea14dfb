package store

import (
	"context"
	"fmt"
	"slices"
	"time"

	badger "github.com/dgraph-io/badger/v4"
)

// A memIndex is one quad index copied into memory by Warm: its entries'
// keys (each entry's largest quad, in index order) and values (a chunk's
// bytes, or nothing for a single quad), as they stood at generation gen.
// Lookups in a snapshot of that same generation read it instead of
// Badger: a binary search in place of an iterator's seek through the
// levels, the block index and the block cache, and no per-entry copies.
// The first write makes it stale; it is then dropped, and lookups go to
// Badger until the next Warm.
type memIndex struct {
	gen  uint64
	keys []ids
	offs []uint32 // value i is vals[offs[i]:offs[i+1]]; len(keys)+1 of them
	vals []byte
}

// memEntryCost is a memIndex's bytes for one entry beside its value: the
// key and the offset.
const memEntryCost = 32 + 4

func (m *memIndex) cost() int64 { return int64(len(m.keys))*memEntryCost + int64(len(m.vals)) }

// search returns the position of the first entry whose key is ≥ t: the
// only entry that can hold t, since entries never overlap.
func (m *memIndex) search(t ids) int {
	i, _ := slices.BinarySearchFunc(m.keys, t, cmpIDs)
	return i
}

func (m *memIndex) value(i int) []byte { return m.vals[m.offs[i]:m.offs[i+1]] }

// indexSizeHint estimates the number of entries of index ix and the bytes
// of their values from the statistics of the Badger tables that hold
// only that index (keys and values, uncompressed: an overestimate of the
// values alone; tables still in memory are not counted).
func (s *Store) indexSizeHint(ix index) (keys int, size int64) {
	pfx := indexPrefix[ix]
	for _, t := range s.db.Tables() {
		if len(t.Left) > 0 && len(t.Right) > 0 && t.Left[0] == pfx && t.Right[0] == pfx {
			keys += int(t.KeyCount)
			size += int64(t.UncompressedSize)
		}
	}
	return keys, size
}

// memIndexFor returns the in-memory copy of index ix if there is one for
// generation gen.
func (s *Store) memIndexFor(ix index, gen uint64) *memIndex {
	if m := s.mem[ix].Load(); m != nil && m.gen == gen {
		return m
	}
	return nil
}

// dropMemIndexes forgets the in-memory copies (after a write, on Close)
// and notes the time of the write.
func (s *Store) dropMemIndexes() {
	s.warm.lastWrite.Store(time.Now().UnixNano())
	for i := range s.mem {
		s.mem[i].Store(nil)
	}
}

// warmIndexes reads the quad indexes in key order, one after the other,
// and returns how many it copied.
// Each index that fits in what is left of Options.IndexCacheSize is
// copied into memory (see memIndex). Reading also puts the blocks in
// Badger's block cache, decompressed, for lookups once a write has made
// the copies stale; past the copies' budget it goes on only until it has
// read half the block cache's worth.
func (s *Store) warmIndexes(ctx context.Context) (copied int, err error) {
	memLeft := int64(s.opts.IndexCacheSize)
	blockBudget := s.db.Opts().BlockCacheSize / 2
	gen := s.gen.Load() // before the transaction, as in snapshot
	var read int64
	err = s.db.View(func(txn *badger.Txn) error {
		for ix := range index(numIndexes) {
			var m *memIndex
			if memLeft > 0 {
				// sized from Badger's table statistics, so that the copy
				// is not built by doubling (which would take up to three
				// times its size while it grows and is trimmed)
				keys, size := s.indexSizeHint(ix)
				size = min(size, memLeft)
				keys = min(keys, int(size/memEntryCost)+1)
				m = &memIndex{
					gen:  gen,
					keys: make([]ids, 0, keys),
					offs: append(make([]uint32, 0, keys+1), 0),
					vals: make([]byte, 0, size),
				}
			}
			it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{indexPrefix[ix]}})
			n := 0
			for it.Rewind(); it.Valid() && (m != nil || read < blockBudget); it.Next() {
				if s.closed.Load() {
					it.Close()
					return nil
				}
				if n++; n%ctxCheckEvery == 0 {
					if err := ctx.Err(); err != nil {
						it.Close()
						return err
					}
				}
				item := it.Item()
				read += int64(len(item.Key())) + item.ValueSize()
				if m == nil {
					continue
				}
				k, ok := parseEntryKey(ix, item.Key())
				if !ok {
					it.Close()
					return corruptKey(ix, item.Key())
				}
				if m.cost()+memEntryCost+item.ValueSize() > memLeft || int64(len(m.vals))+item.ValueSize() > 1<<32-1 {
					m = nil // does not fit: this index stays in Badger
					continue
				}
				if err := item.Value(func(v []byte) error { m.vals = append(m.vals, v...); return nil }); err != nil {
					it.Close()
					return fmt.Errorf("%s index: %w", indexName[ix], err)
				}
				m.keys = append(m.keys, k)
				m.offs = append(m.offs, uint32(len(m.vals)))
			}
			it.Close()
			if m != nil && s.gen.Load() == gen {
				if cap(m.vals) > len(m.vals)+len(m.vals)/4 { // the estimate was high
					m.vals = slices.Clone(m.vals)
				}
				if cap(m.keys) > len(m.keys)+len(m.keys)/4 {
					m.keys, m.offs = slices.Clone(m.keys), slices.Clone(m.offs)
				}
				memLeft -= m.cost()
				s.mem[ix].Store(m)
				copied++
			}
		}
		return nil
	})
	return copied, err
}
