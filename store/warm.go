package store

import (
	"context"
	"fmt"

	badger "github.com/dgraph-io/badger/v4"
)

// Warm brings the store into memory now, as a long run of lookups would:
// it fills the dictionary cache, with the one sequential scan the store
// otherwise starts in the background once lookups begin to miss, then
// reads the four quad indexes in key order, which puts their blocks in
// Badger's block cache (up to half of it). A long-running process (a
// server, a benchmark) calls it after Open or a bulk load, so that its
// first lookups find values and index blocks in memory rather than
// decompressing a block from disk for each. It returns when both are done
// or full; ctx cancels it.
func (s *Store) Warm(ctx context.Context) error {
	if err := s.check(ctx); err != nil {
		return fmt.Errorf("store: warm: %w", err)
	}
	s.warm.mu.Lock()
	if s.closed.Load() {
		s.warm.mu.Unlock()
		return fmt.Errorf("store: warm: %w", ErrClosed)
	}
	s.warm.started = true // no background warm-up after this one
	s.warm.wg.Add(1)
	s.warm.mu.Unlock()
	defer s.warm.wg.Done()
	if err := s.warmDict(ctx, s.dict.epoch.Load()); err != nil {
		return fmt.Errorf("store: warm: %w", err)
	}
	if err := s.warmIndexes(ctx); err != nil {
		return fmt.Errorf("store: warm: %w", err)
	}
	return nil
}

// warmIndexes reads the quad indexes in key order, one after the other,
// until it has read half the block cache's worth of entries. Reading a
// block through an iterator puts it in the cache, decompressed; lookups
// that land in it later skip the read and the decompression.
func (s *Store) warmIndexes(ctx context.Context) error {
	budget := s.db.Opts().BlockCacheSize / 2
	if budget <= 0 {
		return nil
	}
	var read int64
	return s.db.View(func(txn *badger.Txn) error {
		for _, pfx := range indexPrefix {
			it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{pfx}})
			n := 0
			for it.Rewind(); it.Valid() && read < budget; it.Next() {
				if s.closed.Load() {
					break
				}
				if n++; n%ctxCheckEvery == 0 {
					if err := ctx.Err(); err != nil {
						it.Close()
						return err
					}
				}
				item := it.Item()
				read += int64(len(item.Key())) + item.ValueSize()
			}
			it.Close()
		}
		return nil
	})
}
