package store

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/cayleygraph/quad"
)

// TestDictCacheAgainstMap fills a small cache with more values than fit and
// checks every hit against a map of the truth, and the budget after every
// insert.
func TestDictCacheAgainstMap(t *testing.T) {
	var c dictCache
	c.init(8 << 20) // 6 MB for IDs: a few pages a shard
	truth := map[uint64]quad.Value{}
	r := rand.New(rand.NewPCG(3, 4))
	const n = 300_000
	hits := 0
	for i := 0; i < 2*n; i++ {
		id := 1 + uint64(r.IntN(n))
		if r.IntN(4) == 0 {
			id = 1 + uint64(r.IntN(n/50)) // a hot set, which should stay
		}
		v, ok := c.value(id)
		if ok {
			hits++
			if v != truth[id] {
				t.Fatalf("value(%d) = %v, want %v", id, v, truth[id])
			}
			continue
		}
		want := quad.IRI(fmt.Sprintf("v%d", id))
		truth[id] = want
		c.putValue(id, want)
		sh := c.idShardOf(id >> pageBits)
		if sh.bytes > c.idMax {
			t.Fatalf("shard holds %d bytes, budget %d", sh.bytes, c.idMax)
		}
	}
	for i := range c.ids {
		sum := 0
		if tab := c.ids[i].table.Load(); tab != nil {
			for j := range tab.pages {
				if p := tab.pages[j].Load(); p != nil {
					sum += p.bytes
				}
			}
		}
		if sum != c.ids[i].bytes {
			t.Fatalf("shard %d: pages hold %d bytes, counted %d", i, sum, c.ids[i].bytes)
		}
	}
	hot := 0
	for id := uint64(1); id <= n/50; id++ {
		if _, ok := c.value(id); ok {
			hot++
		}
	}
	if hot < n/50/2 {
		t.Errorf("only %d of %d hot values cached", hot, n/50)
	}
	if hits == 0 {
		t.Error("no hits")
	}
	c.clear()
	if _, ok := c.value(1); ok {
		t.Error("value after clear")
	}
}

func TestDictCacheValueToID(t *testing.T) {
	var c dictCache
	c.init(1 << 16) // 256 bytes a generation: rotates all the time
	for i := uint64(1); i < 5000; i++ {
		c.putID([]byte(fmt.Sprint("I", i)), i)
		for _, j := range []uint64{i, i / 2, 1} {
			if id, ok := c.id([]byte(fmt.Sprint("I", j))); ok && id != j {
				t.Fatalf("id(%d) = %d", j, id)
			}
		}
		if id, ok := c.id([]byte(fmt.Sprint("I", i))); !ok || id != i {
			t.Fatalf("id(%d) just put = %d, %v", i, id, ok)
		}
	}
}

// TestMatchTinyCache runs lookups through a store whose dictionary cache is
// too small for its values, so that they go through eviction and Badger,
// and after the background warm-up.
func TestMatchTinyCache(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	qs := randomQuads(r, 3000)
	for _, size := range []int{1, 1 << 16, 64 << 20} {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			s, err := Open(DefaultOptions(t.TempDir()).WithDictCacheSize(size))
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			bulkLoad(t, s, qs)
			for i := 0; i < 3*warmAfter/len(qs)+2; i++ { // enough misses to warm up
				if got, want := sortedKeys(collect(t, s, Pattern{})), sortedKeys(qs); !slices.Equal(got, want) {
					t.Fatalf("store holds %d quads, want %d", len(got), len(want))
				}
			}
			for i := 0; i < 200; i++ {
				probe := qs[r.IntN(len(qs))]
				for _, p := range []Pattern{{Subject: probe.Subject}, {Object: probe.Object}, {Predicate: probe.Predicate, Label: probe.Label}} {
					got := sortedKeys(collect(t, s, p))
					if want := bruteMatch(qs, p); !slices.Equal(got, want) {
						t.Fatalf("Match(%v) = %d quads, brute force %d", p, len(got), len(want))
					}
				}
			}
			if _, err := s.Count(context.Background(), Pattern{}); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestWarmFillsBothDirections warms the cache of a freshly loaded store
// and checks that every value's ID and every ID's value is then cached,
// and right.
func TestWarmFillsBothDirections(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	qs := randomQuads(r, 500)
	s := openDir(t, t.TempDir())
	bulkLoad(t, s, qs) // clears the cache
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.Warm(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("Warm with a cancelled context = %v", err)
	}
	if err := s.Warm(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, q := range qs {
		for _, v := range []quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
			if v == nil {
				continue
			}
			enc, err := encodeValue(nil, v)
			if err != nil {
				t.Fatal(err)
			}
			id, ok := s.dict.id(enc)
			if !ok {
				t.Fatalf("%v: no cached ID after the warm-up", v)
			}
			got, ok := s.dict.value(id)
			if !ok {
				t.Fatalf("%v: no cached value for ID %d after the warm-up", v, id)
			}
			if want, _ := canonical(v, enc); got != want {
				t.Fatalf("ID %d: cached %v, want %v", id, got, want)
			}
		}
	}
}

func TestWarmClosedStore(t *testing.T) {
	s, err := Open(DefaultOptions(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if err := s.Warm(context.Background()); !errors.Is(err, ErrClosed) {
		t.Fatalf("Warm after Close = %v, want ErrClosed", err)
	}
}

// TestDictCacheConcurrent reads, fills and evicts from several goroutines
// at once (run it under -race): a hit must always be the value put for
// that ID.
func TestDictCacheConcurrent(t *testing.T) {
	var c dictCache
	c.init(1 << 20) // small: pages are evicted all the time
	want := func(id uint64) quad.Value { return quad.IRI(fmt.Sprintf("v%d", id)) }
	const workers, rounds, ids = 4, 20_000, 50_000
	errs := make(chan error, workers)
	for w := range workers {
		go func() {
			r := rand.New(rand.NewPCG(uint64(w), 11))
			for range rounds {
				id := 1 + uint64(r.IntN(ids))
				if v, ok := c.value(id); ok {
					if v != want(id) {
						errs <- fmt.Errorf("value(%d) = %v", id, v)
						return
					}
					continue
				}
				c.putValue(id, want(id))
			}
			errs <- nil
		}()
	}
	for range workers {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}
