package store

import (
	"context"
	"errors"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/cayleygraph/quad"
	badger "github.com/dgraph-io/badger/v4"
)

func TestChunkRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for trial := 0; trial < 200; trial++ {
		n := r.IntN(80)
		set := map[ids]bool{}
		for len(set) < n {
			// small IDs share prefixes often; large ones take long varints
			lim := uint64(4)
			if r.IntN(4) == 0 {
				lim = 1 << 62
			}
			set[ids{r.Uint64N(lim), r.Uint64N(lim), r.Uint64N(lim), r.Uint64N(lim)}] = true
		}
		var tuples []ids
		for t := range set {
			tuples = append(tuples, t)
		}
		slices.SortFunc(tuples, cmpIDs)
		v := appendChunk(nil, tuples)
		got, ok := decodeChunk(nil, v)
		if !ok || !slices.Equal(got, tuples) {
			t.Fatalf("trial %d: decode(encode(%d quads)) = %d quads, ok %v", trial, len(tuples), len(got), ok)
		}
		if m, ok := chunkLen(v); !ok || m != len(tuples) {
			t.Fatalf("chunkLen = %d, %v; want %d", m, ok, len(tuples))
		}
		if len(v) > 2 {
			if _, ok := decodeChunk(nil, v[:len(v)-1]); ok {
				t.Fatalf("trial %d: a truncated chunk decoded", trial)
			}
		}
	}
	bad := map[string][]byte{
		"format":       append([]byte{9}, appendChunk(nil, []ids{{1, 2, 3, 4}})[1:]...),
		"descending":   appendChunkUnchecked([]ids{{2, 0, 0, 0}, {1, 0, 0, 0}}),
		"repeated":     appendChunkUnchecked([]ids{{1, 2, 3, 4}, {1, 2, 3, 4}}),
		"shared>3":     {chunkFormat, 2, 0, 1, 1, 1, 1, 4},
		"first-shares": {chunkFormat, 1, 2, 1, 1},
		"trailing":     append(appendChunk(nil, []ids{{1, 2, 3, 4}}), 0),
		"huge-count":   {chunkFormat, 0xff, 0xff, 0xff, 0xff, 0x0f},
	}
	for name, v := range bad {
		if _, ok := decodeChunk(nil, v); ok {
			t.Errorf("%s: decodeChunk accepted %x", name, v)
		}
	}
}

// appendChunkUnchecked encodes tuples as given, without sharing, so that
// tests can build chunks the encoder would never write.
func appendChunkUnchecked(tuples []ids) []byte {
	v := []byte{chunkFormat, byte(len(tuples))}
	for _, t := range tuples {
		v = append(v, 0)
		for _, id := range t {
			v = append(v, byte(id))
		}
	}
	return v
}

func FuzzDecodeChunk(f *testing.F) {
	f.Add(appendChunk(nil, []ids{{1, 2, 3, 4}, {1, 2, 3, 5}, {1, 9, 0, 0}, {300, 1, 1, 1 << 40}}))
	f.Add([]byte{chunkFormat, 0})
	f.Fuzz(func(t *testing.T, v []byte) {
		got, ok := decodeChunk(nil, v)
		if !ok {
			return
		}
		for i := 1; i < len(got); i++ {
			if cmpIDs(got[i-1], got[i]) >= 0 {
				t.Fatalf("decoded quads not ascending: %v then %v", got[i-1], got[i])
			}
		}
		again, ok := decodeChunk(nil, appendChunk(nil, got))
		if !ok || !slices.Equal(again, got) {
			t.Fatalf("re-encoding changed the quads")
		}
	})
}

// entryCount returns how many Badger keys index ix has.
func entryCount(t *testing.T, s *Store, ix index) int {
	t.Helper()
	n := 0
	s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{indexPrefix[ix]}})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			n++
		}
		return nil
	})
	return n
}

// TestChunkEdits starts from a bulk load into an empty store, which packs
// the indexes into chunks, then adds, deletes, replaces documents and
// bulk-loads into the non-empty store at random, checking after every step
// that every index holds the model's quads in order without overlapping
// entries, and that every pattern shape matches what a brute-force filter
// finds.
func TestChunkEdits(t *testing.T) {
	for _, mode := range []string{"memory", "disk"} {
		t.Run(mode, func(t *testing.T) {
			r := rand.New(rand.NewPCG(11, 12))
			pool := randomQuads(r, 6000)
			dir := t.TempDir()
			open := func() *Store {
				if mode == "memory" {
					return openMem(t)
				}
				return openDir(t, dir)
			}
			s := open()
			ctx := context.Background()
			model := map[string]quad.Quad{}
			bulkLoad(t, s, pool[:5000])
			for _, q := range pool[:5000] {
				model[key(q)] = q
			}
			for ix := index(0); ix < numIndexes; ix++ {
				if e, n := entryCount(t, s, ix), len(model); e*8 > n {
					t.Fatalf("%s: %d entries for %d quads: the bulk load wrote no chunks", indexName[ix], e, n)
				}
			}
			batchOf := func(max int) []quad.Quad {
				b := make([]quad.Quad, 1+r.IntN(max))
				for i := range b {
					b[i] = pool[r.IntN(len(pool))]
				}
				return b
			}
			for step := 0; step < 40; step++ {
				op := [10]int{0, 0, 0, 0, 1, 1, 1, 1, 3, 3}[r.IntN(10)]
				if step >= 30 && step%3 == 0 {
					op = 2 // a document spans most chunks: explodes them
				}
				if step == 30 {
					// Edits explode only the chunks they touch.
					if e, n := entryCount(t, s, idxSPOL), len(model); e >= n {
						t.Fatalf("spol: %d entries for %d quads: no chunk survived the edits", e, n)
					}
				}
				switch op {
				case 0:
					b := batchOf(20)
					if err := s.Add(ctx, b...); err != nil {
						t.Fatal(err)
					}
					for _, q := range b {
						model[key(q)] = q
					}
				case 1:
					b := batchOf(20)
					if err := s.Delete(ctx, b...); err != nil {
						t.Fatal(err)
					}
					for _, q := range b {
						delete(model, key(q))
					}
				case 2:
					doc, _ := DocumentOf(pool[r.IntN(len(pool))].Label)
					if doc == "" {
						continue
					}
					if err := s.DeleteDocument(ctx, doc); err != nil {
						t.Fatal(err)
					}
					for k, q := range model {
						if d, _ := DocumentOf(q.Label); d == doc {
							delete(model, k)
						}
					}
				case 3:
					b := batchOf(4)
					bulkLoad(t, s, b)
					for _, q := range b {
						model[key(q)] = q
					}
				}
				if mode == "disk" && step%10 == 9 {
					s.Close()
					s = open()
				}
				for ix := index(0); ix < numIndexes; ix++ {
					checkIndexesAgree(t, s, ix)
				}
				var live []quad.Quad
				for _, q := range model {
					live = append(live, q)
				}
				if st, err := s.Stats(ctx); err != nil || st.Quads != len(live) {
					t.Fatalf("step %d (op %d): Stats = %+v, %v; model has %d quads", step, op, st, err, len(live))
				}
				probe := pool[r.IntN(len(pool))]
				for mask := 0; mask < 16; mask++ {
					var p Pattern
					if mask&1 != 0 {
						p.Subject = probe.Subject
					}
					if mask&2 != 0 {
						p.Predicate = probe.Predicate
					}
					if mask&4 != 0 {
						p.Object = probe.Object
					}
					if mask&8 != 0 {
						p.Label = probe.Label
					}
					want := bruteMatch(live, p)
					if got := sortedKeys(collect(t, s, p)); !slices.Equal(got, want) {
						t.Fatalf("step %d (op %d): Match(%v) = %d quads, model %d", step, op, p, len(got), len(want))
					}
				}
			}
		})
	}
}

// TestBulkIntoChunkedStore loads into a store whose indexes are chunks: the
// load's quads fall before, inside and between chunks, and those it shares
// with the store are already members of them.
func TestBulkIntoChunkedStore(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	pool := randomQuads(r, 3000)
	s := openMem(t)
	bulkLoad(t, s, pool[:2000])
	bulkLoad(t, s, pool[1500:])
	for ix := index(0); ix < numIndexes; ix++ {
		checkIndexesAgree(t, s, ix)
	}
	want := sortedKeys(pool)
	if got := sortedKeys(collect(t, s, Pattern{})); !slices.Equal(got, want) {
		t.Fatalf("store holds %d quads, want %d", len(got), len(want))
	}
}

// TestCorruptChunkIsAnError: a damaged chunk value makes scans fail with
// ErrCorrupt rather than return wrong quads or panic.
func TestCorruptChunkIsAnError(t *testing.T) {
	for name, damage := range map[string]func(v []byte) []byte{
		"truncated":  func(v []byte) []byte { return v[:len(v)-1] },
		"format":     func(v []byte) []byte { v[0] = 7; return v },
		"trailing":   func(v []byte) []byte { return append(v, 1) },
		"past-key":   func(v []byte) []byte { return appendChunk(nil, []ids{{1 << 40, 0, 0, 0}}) },
		"count-only": func(v []byte) []byte { return []byte{chunkFormat, 3} },
	} {
		t.Run(name, func(t *testing.T) {
			s := openMem(t)
			r := rand.New(rand.NewPCG(1, 2))
			bulkLoad(t, s, randomQuads(r, 500))
			err := s.db.Update(func(txn *badger.Txn) error {
				it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{pfxSPOL}})
				defer it.Close()
				it.Rewind()
				k := it.Item().KeyCopy(nil)
				v, err := it.Item().ValueCopy(nil)
				if err != nil {
					return err
				}
				if len(v) == 0 {
					t.Fatal("the first spol entry is not a chunk")
				}
				return txn.Set(k, damage(v))
			})
			if err != nil {
				t.Fatal(err)
			}
			var scanErr error
			for _, err := range s.Match(context.Background(), Pattern{}) {
				if err != nil {
					scanErr = err
					break
				}
			}
			if !errors.Is(scanErr, ErrCorrupt) {
				t.Fatalf("Match over a damaged chunk: %v, want ErrCorrupt", scanErr)
			}
			if _, err := s.Stats(context.Background()); !errors.Is(err, ErrCorrupt) {
				t.Errorf("Stats over a damaged chunk: %v, want ErrCorrupt", err)
			}
		})
	}
}
