package store

import (
	"context"
	"errors"
	"fmt"
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
			// Short runs (the race detector's) take a third of the work.
			size, steps := 6000, 40
			if testing.Short() {
				size, steps = 2000, 15
			}
			pool := randomQuads(r, size)
			open := opener(t, mode, t.TempDir())
			s := open()
			ctx := context.Background()
			model := map[string]quad.Quad{}
			initial := pool[:size*5/6]
			bulkLoad(t, s, initial)
			for _, q := range initial {
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
			for step := 0; step < steps; step++ {
				op := [10]int{0, 0, 0, 0, 1, 1, 1, 1, 3, 3}[r.IntN(10)]
				if step >= steps*3/4 && step%3 == 0 {
					op = 2 // a document spans most chunks: explodes them
				}
				if step%7 == 6 {
					op = 4 // packs what the edits split back into chunks
				}
				if step == steps*3/4 {
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
				case 4:
					if _, err := s.Compact(ctx); err != nil {
						t.Fatal(err)
					}
				}
				if mode == "disk" && step%10 == 9 {
					s.Close()
					s = open()
				}
				for ix := index(0); ix < numIndexes; ix++ {
					checkIndexesAgree(t, s, ix)
				}
				if step%2 == 1 {
					// every other step, the lookups below read Warm's
					// in-memory copies of the indexes
					if err := s.Warm(ctx); err != nil {
						t.Fatal(err)
					}
					for ix := range index(numIndexes) {
						if s.memIndexFor(ix, s.gen.Load()) == nil {
							t.Fatalf("step %d: no in-memory %s index after Warm", step, indexName[ix])
						}
					}
				}
				var live []quad.Quad
				for _, q := range model {
					live = append(live, q)
				}
				if st, err := s.Stats(ctx); err != nil || st.Quads != len(live) {
					t.Fatalf("step %d (op %d): Stats = %+v, %v; model has %d quads", step, op, st, err, len(live))
				}
				checkShapes(t, s, live, pool[r.IntN(len(pool))], fmt.Sprintf("step %d (op %d)", step, op))
			}
		})
	}
}

// checkShapes checks that every pattern shape (each position bound to
// probe's value or not) matches what a brute-force filter of live finds.
func checkShapes(t *testing.T, s *Store, live []quad.Quad, probe quad.Quad, what string) {
	t.Helper()
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
			t.Fatalf("%s: Match(%v) = %d quads, model %d", what, p, len(got), len(want))
		}
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
		for _, warm := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/warm=%v", name, warm), func(t *testing.T) {
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
				if warm {
					if err := s.Warm(context.Background()); err != nil {
						t.Fatal(err)
					}
					if s.memIndexFor(idxSPOL, s.gen.Load()) == nil {
						t.Fatal("no in-memory spol index after Warm")
					}
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
}

func TestIDChunkRoundTrip(t *testing.T) {
	vals := [][]byte{[]byte("Ia"), []byte("Sa longer literal"), []byte("Bb0"), {}}
	v := appendIDChunk(nil, vals[:3])
	var got [][]byte
	var gotIDs []uint64
	if !eachIDValue(12, v, func(id uint64, enc []byte) bool {
		gotIDs = append(gotIDs, id)
		got = append(got, enc)
		return true
	}) {
		t.Fatal("eachIDValue refused its own chunk")
	}
	if !slices.Equal(gotIDs, []uint64{10, 11, 12}) || len(got) != 3 || string(got[1]) != "Sa longer literal" {
		t.Fatalf("decoded ids %v values %q", gotIDs, got)
	}
	if eachIDValue(2, v, func(uint64, []byte) bool { return true }) {
		t.Error("accepted three IDs ending at ID 2")
	}
	for name, bad := range map[string][]byte{
		"truncated":    v[:len(v)-1],
		"trailing":     append(slices.Clone(v), 'x'),
		"count-over":   {idChunkFormat, 50},
		"length-over":  {idChunkFormat, 1, 9, 'I'},
		"count-zero":   {idChunkFormat, 0},
		"empty-single": {},
	} {
		if eachIDValue(12, bad, func(uint64, []byte) bool { return true }) {
			t.Errorf("%s: eachIDValue accepted %x", name, bad)
		}
	}
}

func FuzzIDChunk(f *testing.F) {
	f.Add(uint64(70), appendIDChunk(nil, [][]byte{[]byte("Ia"), []byte("Sb")}))
	f.Fuzz(func(t *testing.T, last uint64, v []byte) {
		eachIDValue(last, v, func(id uint64, enc []byte) bool {
			if id > last {
				t.Fatalf("id %d past the key's %d", id, last)
			}
			return true
		})
	})
}

// TestIDChunksCold: after a bulk load the ID → value half of the
// dictionary is chunked, and a fresh process with a tiny cache still
// resolves every ID, in any order.
func TestIDChunksCold(t *testing.T) {
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(9, 9))
	qs := randomQuads(r, 3000)
	s := openDir(t, dir)
	bulkLoad(t, s, qs)
	if e := entryCountPrefix(t, s, pfxIDValue); e*8 > int(s.nextIDForTest(t)) {
		t.Fatalf("%d id→value entries: the load wrote no ID chunks", e)
	}
	want := map[uint64]string{}
	s.db.View(func(txn *badger.Txn) error {
		for id := uint64(1); id < s.nextIDForTest(t); id++ {
			v, err := s.valueOf(txn, id)
			if err != nil {
				t.Fatalf("id %d: %v", id, err)
			}
			want[id] = v.String()
		}
		return nil
	})
	s.Close()
	cold, err := Open(DefaultOptions(dir).WithDictCacheSize(1))
	if err != nil {
		t.Fatal(err)
	}
	defer cold.Close()
	ids := make([]uint64, 0, len(want))
	for id := range want {
		ids = append(ids, id)
	}
	r.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
	for _, id := range ids {
		v, err := cold.ValueOf(id)
		if err != nil || v.String() != want[id] {
			t.Fatalf("cold ValueOf(%d) = %v, %v; want %s", id, v, err, want[id])
		}
	}
	if _, err := cold.ValueOf(uint64(len(want)) + 1000); !errors.Is(err, ErrNotFound) {
		t.Fatalf("ValueOf past the last ID: %v, want ErrNotFound", err)
	}
	if got := sortedKeys(collect(t, cold, Pattern{})); !slices.Equal(got, sortedKeys(qs)) {
		t.Fatalf("cold Match: %d quads, want %d", len(got), len(sortedKeys(qs)))
	}
}

func entryCountPrefix(t *testing.T, s *Store, pfx byte) int {
	t.Helper()
	n := 0
	s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{pfx}})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			n++
		}
		return nil
	})
	return n
}

// nextIDForTest is one past the largest ID handed out: the ID → value
// keys' largest, plus one.
func (s *Store) nextIDForTest(t *testing.T) uint64 {
	t.Helper()
	var last uint64
	s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{pfxIDValue}, Reverse: true})
		defer it.Close()
		it.Seek([]byte{pfxIDValue, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff})
		if it.Valid() {
			last, _ = parseIDValueKey(it.Item().Key())
		}
		return nil
	})
	return last + 1
}

// TestChunkedFlag: only a store a bulk load wrote chunks into makes its
// writes look for chunks; the flag survives a reopen.
func TestChunkedFlag(t *testing.T) {
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(4, 4))
	qs := randomQuads(r, 300)
	s := openDir(t, dir)
	if err := s.Add(context.Background(), qs[:10]...); err != nil {
		t.Fatal(err)
	}
	if s.chunked.Load() {
		t.Fatal("a store written by transactions claims chunks")
	}
	bulkLoad(t, s, qs) // non-empty: transactions, no chunks
	if s.chunked.Load() {
		t.Fatal("a load into a non-empty store claims chunks")
	}
	s.Close()
	dir2 := t.TempDir()
	s2 := openDir(t, dir2)
	bulkLoad(t, s2, qs)
	if !s2.chunked.Load() {
		t.Fatal("an empty-store load did not record its chunks")
	}
	s2.Close()
	s2 = openDir(t, dir2)
	if !s2.chunked.Load() {
		t.Fatal("the chunked flag did not survive a reopen")
	}
}
