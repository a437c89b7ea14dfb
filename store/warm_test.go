package store

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// TestWarmFillsBlockCache checks that lookups after Warm find every index
// block they read in Badger's block cache, and, so that the test can fail,
// that the same lookups without Warm miss it.
func TestWarmFillsBlockCache(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	qs := randomQuads(r, 20000)
	var b strings.Builder
	for _, q := range qs {
		b.WriteString(q.NQuad() + "\n")
	}
	dir := t.TempDir()
	s, err := Open(DefaultOptions(dir))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := s.Import(ctx, strings.NewReader(b.String()), ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	s.Close()

	// misses runs lookups of every shape and returns how many block reads
	// missed the cache.
	misses := func(s *Store) uint64 {
		time.Sleep(100 * time.Millisecond) // the cache admits blocks asynchronously
		before := s.db.BlockCacheMetrics().Misses()
		for _, q := range qs[:200] {
			for _, p := range []Pattern{{Subject: q.Subject}, {Predicate: q.Predicate}, {Object: q.Object}, {Label: q.Label}} {
				for _, err := range s.Match(ctx, p) {
					if err != nil {
						t.Fatal(err)
					}
				}
			}
		}
		return s.db.BlockCacheMetrics().Misses() - before
	}
	for _, warm := range []bool{false, true} {
		s, err := Open(DefaultOptions(dir))
		if err != nil {
			t.Fatal(err)
		}
		if warm {
			if err := s.Warm(ctx); err != nil {
				t.Fatal(err)
			}
		}
		got := misses(s)
		s.Close()
		switch {
		case warm && got != 0:
			t.Errorf("after Warm, lookups missed the block cache %d times", got)
		case !warm && got == 0:
			t.Errorf("without Warm, lookups never missed the block cache: the test shows nothing")
		}
	}
}
