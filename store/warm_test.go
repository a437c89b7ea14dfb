package store

import (
	"context"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
)

// TestWarmFillsBlockCache checks that lookups after Warm (with the
// in-memory index copies turned off, as they are after a write) find every
// index block they read in Badger's block cache, and, so that the test can
// fail, that the same lookups without Warm miss it.
func TestWarmFillsBlockCache(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	n := 20000
	if testing.Short() {
		n = 5000
	}
	qs := randomQuads(r, n)
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
		for _, q := range qs[:100] {
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
		s, err := Open(DefaultOptions(dir).WithIndexCacheSize(-1))
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

// TestWarmCopiesIndexes: Warm copies the indexes that fit its budget into
// memory; lookups read them and agree with the store; a write drops them,
// and lookups after it see the write.
func TestWarmCopiesIndexes(t *testing.T) {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(9, 9))
	n, probes := 5000, 50
	if testing.Short() {
		n, probes = 2000, 15
	}
	qs := randomQuads(r, n)
	copied := func(s *Store) (n int) {
		for ix := range index(numIndexes) {
			if s.memIndexFor(ix, s.gen.Load()) != nil {
				n++
			}
		}
		return n
	}
	check := func(s *Store, live []quad.Quad) {
		t.Helper()
		for _, q := range live[:probes] {
			for _, p := range []Pattern{{Subject: q.Subject}, {Predicate: q.Predicate, Object: q.Object}, {Object: q.Object}, {Label: q.Label}, {}} {
				want := bruteMatch(live, p)
				if got := sortedKeys(collect(t, s, p)); !slices.Equal(got, want) {
					t.Fatalf("Match(%v) = %d quads, want %d", p, len(got), len(want))
				}
			}
		}
	}

	s := openMem(t)
	bulkLoad(t, s, qs)
	if err := s.Warm(ctx); err != nil {
		t.Fatal(err)
	}
	if n := copied(s); n != int(numIndexes) {
		t.Fatalf("%d indexes copied by Warm, want all %d", n, numIndexes)
	}
	check(s, qs)
	extra := quad.MakeIRI("warm-s", "warm-p", "warm-o", "warm-doc")
	if err := s.Add(ctx, extra); err != nil {
		t.Fatal(err)
	}
	if n := copied(s); n != 0 {
		t.Fatalf("%d in-memory indexes left after a write", n)
	}
	live := append(slices.Clone(qs), extra)
	if got := collect(t, s, Pattern{Subject: extra.Subject}); len(got) != 1 {
		t.Fatalf("after Add: %d quads for the new subject, want 1", len(got))
	}
	if err := s.Warm(ctx); err != nil {
		t.Fatal(err)
	}
	if n := copied(s); n != int(numIndexes) {
		t.Fatalf("%d indexes copied by a second Warm, want %d", n, numIndexes)
	}
	check(s, live)

	// A budget for about one index: the others stay in Badger, and
	// lookups agree all the same.
	m := s.mem[idxSPOL].Load()
	small, err := Open(DefaultOptions("").WithInMemory(true).WithIndexCacheSize(int(m.cost() * 3 / 2)))
	if err != nil {
		t.Fatal(err)
	}
	defer small.Close()
	bulkLoad(t, small, qs)
	if err := small.Warm(ctx); err != nil {
		t.Fatal(err)
	}
	if n := copied(small); n < 1 || n >= int(numIndexes) {
		t.Fatalf("%d indexes copied within a budget of %d bytes", n, m.cost()*3/2)
	}
	check(small, qs)
}

// TestRewarmAfterWrites: once Warm has copied the indexes, a lookup that
// finds the copies stale after a write, with the store quiet since, gets
// them copied again in the background; a store never warmed gets no
// copies.
func TestRewarmAfterWrites(t *testing.T) {
	old := rewarmQuiet
	rewarmQuiet = 50 * time.Millisecond
	defer func() { rewarmQuiet = old }()
	ctx := context.Background()
	qs := randomQuads(rand.New(rand.NewPCG(3, 4)), 1000)
	copied := func(s *Store) (n int) {
		for ix := range index(numIndexes) {
			if s.memIndexFor(ix, s.gen.Load()) != nil {
				n++
			}
		}
		return n
	}
	for _, warm := range []bool{true, false} {
		s, err := Open(DefaultOptions("").WithInMemory(true))
		if err != nil {
			t.Fatal(err)
		}
		bulkLoad(t, s, qs)
		if warm {
			if err := s.Warm(ctx); err != nil {
				t.Fatal(err)
			}
		}
		extra := quad.MakeIRI("rewarm-s", "rewarm-p", "rewarm-o", "rewarm-doc")
		if err := s.Add(ctx, extra); err != nil {
			t.Fatal(err)
		}
		collect(t, s, Pattern{Subject: extra.Subject}) // too soon after the write
		if n := copied(s); n != 0 {
			t.Fatalf("warm=%v: %d copies right after a write", warm, n)
		}
		time.Sleep(2 * rewarmQuiet)
		wait := 5 * time.Second // for the copy to come back
		if !warm {
			wait = 6 * rewarmQuiet // time enough for a copy that should not come
		}
		deadline := time.Now().Add(wait)
		for {
			if got := collect(t, s, Pattern{Subject: extra.Subject}); len(got) != 1 {
				t.Fatalf("warm=%v: %d quads for the new subject, want 1", warm, len(got))
			}
			if copied(s) == int(numIndexes) || time.Now().After(deadline) {
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
		n := copied(s)
		switch {
		case warm && n != int(numIndexes):
			t.Errorf("warmed store: %d indexes copied again after the write, want %d", n, numIndexes)
		case !warm && n != 0:
			t.Errorf("store never warmed: %d indexes copied", n)
		}
		live := append(slices.Clone(qs), extra)
		for _, q := range live[:20] {
			p := Pattern{Object: q.Object}
			if got, want := sortedKeys(collect(t, s, p)), bruteMatch(live, p); !slices.Equal(got, want) {
				t.Fatalf("warm=%v: Match(%v) = %d quads, want %d", warm, p, len(got), len(want))
			}
		}
		s.Close() // before rewarmQuiet is restored
	}
}
