package store

import (
	"context"
	"fmt"
)

// Warm brings the store into memory now. It fills the dictionary cache,
// with the one sequential scan the store otherwise starts in the
// background once lookups begin to miss. Then it reads the four quad
// indexes in key order: it copies each one that fits in what is left of
// Options.IndexCacheSize into memory, where lookups read it without going
// through Badger until the next write, and the blocks it reads stay in
// Badger's block cache, decompressed, for lookups after that. A
// long-running process (a server, a benchmark) calls it after Open or a
// bulk load, and again after a batch of writes, so that its lookups find
// values and index entries in memory. It returns when it is done or the
// budgets are spent; ctx cancels it.
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
