package store

import (
	"context"
	"fmt"
	"time"
)

// Warm brings the store into memory now. It fills the dictionary cache,
// with the one sequential scan the store otherwise starts in the
// background once lookups begin to miss. Then it reads the four quad
// indexes in key order: it copies each one that fits in what is left of
// Options.IndexCacheSize into memory, where lookups read it without going
// through Badger until the next write, and the blocks it reads stay in
// Badger's block cache, decompressed, for lookups after that. A
// long-running process (a server, a benchmark) calls it after Open or a
// bulk load, so that its lookups find values and index entries in memory.
// Once Warm has copied an index, the store copies the indexes again in
// the background after writes, when a lookup finds the copies stale and
// nothing was written for rewarmQuiet. Warm returns when it is done or
// the budgets are spent; ctx cancels it.
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
	gen := s.gen.Load()
	copied, err := s.warmIndexes(ctx)
	if err != nil {
		return fmt.Errorf("store: warm: %w", err)
	}
	s.warm.builtGen.Store(gen)
	s.warm.keep.Store(copied > 0)
	return nil
}

// rewarmQuiet is how long the store must go without a write before a
// lookup that finds the index copies stale starts copying them again (a
// variable for tests).
var rewarmQuiet = 2 * time.Second

// rewarmIndexes copies the indexes into memory again, in the background,
// if Warm copied some before, a write has made the copies stale since,
// and nothing was written for rewarmQuiet: a store written to in bursts
// gets its copies back between them, and one written to all the time
// does not spend its time copying. One copy runs at a time; Close waits
// for it.
func (s *Store) rewarmIndexes() {
	w := &s.warm
	if !w.keep.Load() || s.gen.Load() == w.builtGen.Load() ||
		time.Since(time.Unix(0, w.lastWrite.Load())) < rewarmQuiet || !w.rebuilding.CompareAndSwap(false, true) {
		return
	}
	w.mu.Lock()
	if s.closed.Load() {
		w.mu.Unlock()
		w.rebuilding.Store(false)
		return
	}
	w.wg.Add(1)
	w.mu.Unlock()
	go func() {
		defer w.wg.Done()
		defer w.rebuilding.Store(false)
		gen := s.gen.Load()
		if _, err := s.warmIndexes(context.Background()); err == nil {
			w.builtGen.Store(gen) // an error only ends it: lookups use Badger
		}
	}()
}
