package store

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cespare/xxhash/v2"
	badger "github.com/dgraph-io/badger/v4"
)

func TestValueBucketRoundTrip(t *testing.T) {
	vals := [][]byte{[]byte("Ia"), []byte("Sa longer literal"), {}, []byte("Bb0")}
	var entries []byte
	for i, v := range vals {
		entries = appendBucketEntry(entries, v, uint64(1000*i+1))
	}
	b := appendValueBucket(nil, len(vals), entries)
	for i, v := range vals {
		if id, ok := findInBucket(b, v); !ok || id != uint64(1000*i+1) {
			t.Errorf("findInBucket(%q) = %d, %v; want %d", v, id, ok, 1000*i+1)
		}
	}
	if id, ok := findInBucket(b, []byte("Sabsent")); !ok || id != 0 {
		t.Errorf("absent value: %d, %v; want 0, true", id, ok)
	}
	for name, bad := range map[string][]byte{
		"truncated":   b[:len(b)-1],
		"trailing":    append(slices.Clone(b), 'x'),
		"format":      append([]byte{chunkFormat}, b[1:]...),
		"count-over":  appendValueBucket(nil, len(vals)+1, entries),
		"length-over": {valueBucketFormat, 1, 9, 'I'},
		"id-zero":     appendValueBucket(nil, 1, appendBucketEntry(nil, []byte("Ia"), 0)),
		"empty":       {},
	} {
		if id, ok := findInBucket(bad, []byte("Sabsent")); ok {
			t.Errorf("%s: findInBucket accepted %x (id %d)", name, bad, id)
		}
	}
	// about valueBucketFill values a bucket, never fewer than two buckets
	for _, c := range []struct {
		n    int
		bits uint32
	}{{1, 1}, {64, 1}, {65, 2}, {700_000, 15}, {1 << 40, 32}} {
		if got := valueBucketBits(c.n); got != c.bits {
			t.Errorf("valueBucketBits(%d) = %d, want %d", c.n, got, c.bits)
		}
	}
}

func FuzzFindInBucket(f *testing.F) {
	f.Add(appendValueBucket(nil, 2, appendBucketEntry(appendBucketEntry(nil, []byte("Ia"), 3), []byte("Sb"), 9)), []byte("Sb"))
	f.Fuzz(func(t *testing.T, v, enc []byte) {
		id, ok := findInBucket(v, enc)
		if id != 0 && !ok {
			t.Fatalf("id %d from a bucket it calls damaged", id)
		}
	})
}

// idsByValue returns every value of s with its ID, read from the ID →
// value half of the dictionary.
func idsByValue(t *testing.T, s *Store) map[string]uint64 {
	t.Helper()
	out := map[string]uint64{}
	for id := uint64(1); id < s.nextIDForTest(t); id++ {
		v, err := s.ValueOf(id)
		if err != nil {
			t.Fatalf("ValueOf(%d): %v", id, err)
		}
		out[v.String()] = id
	}
	return out
}

// checkIDOf checks that IDOf finds every value of want, with a cache too
// small to answer.
func checkIDOf(t *testing.T, dir string, want map[string]uint64, values map[string]quad.Value) {
	t.Helper()
	s, err := Open(DefaultOptions(dir).WithDictCacheSize(1))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for k, id := range want {
		got, err := s.IDOf(values[k])
		if err != nil || got != id {
			t.Fatalf("IDOf(%s) = %d, %v; want %d", k, got, err, id)
		}
	}
	if got, err := s.IDOf(quad.String("a value no quad has")); err == nil || got != 0 {
		t.Fatalf("IDOf of an absent value = %d, %v; want an error", got, err)
	}
}

// TestValueBuckets: an empty-store load writes the value → ID half of the
// dictionary as buckets; every value is found in them, values added later
// get single keys and are found too, and values already in a bucket keep
// their ID.
func TestValueBuckets(t *testing.T) {
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(5, 8))
	qs := randomQuads(r, 4000)
	s, err := Open(DefaultOptions(dir).WithRunSize(700)) // the value streams spill and merge runs
	if err != nil {
		t.Fatal(err)
	}
	bulkLoad(t, s, qs)
	values := map[string]quad.Value{}
	for _, q := range qs {
		for _, v := range []quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
			if v != nil {
				values[v.String()] = v
			}
		}
	}
	if n := entryCountPrefix(t, s, pfxValueID); n != 0 {
		t.Fatalf("the load wrote %d single value→id keys", n)
	}
	nb := entryCountPrefix(t, s, pfxBucket)
	if bits := s.valueBits.Load(); bits == 0 || nb > 1<<bits || nb*valueBucketFill/4 > len(values) {
		t.Fatalf("%d values in %d buckets numbered by %d bits", len(values), nb, s.valueBits.Load())
	}
	want := idsByValue(t, s)
	if len(want) != len(values) {
		t.Fatalf("%d IDs for %d values", len(want), len(values))
	}
	s.Close()
	checkIDOf(t, dir, want, values)

	// Quads of loaded values only: no new ID, no new key.
	s = openDir(t, dir)
	old := []quad.Quad{{Subject: qs[1].Subject, Predicate: qs[2].Predicate, Object: qs[3].Object, Label: qs[4].Label}}
	if err := s.Add(context.Background(), old...); err != nil {
		t.Fatal(err)
	}
	next := s.nextIDForTest(t)
	if next != uint64(len(want))+1 || entryCountPrefix(t, s, pfxValueID) != 0 {
		t.Fatalf("adding loaded values: next ID %d (want %d), %d single keys", next, len(want)+1, entryCountPrefix(t, s, pfxValueID))
	}
	// Quads with new values: single keys beside the buckets.
	var fresh []quad.Quad
	for i := range 50 {
		q := quad.Quad{Subject: qs[i].Subject, Predicate: quad.IRI("new/p"), Object: quad.String(fmt.Sprintf("new value %d", i))}
		fresh = append(fresh, q)
		values[q.Predicate.String()], values[q.Object.String()] = q.Predicate, q.Object
	}
	if err := s.Add(context.Background(), fresh...); err != nil {
		t.Fatal(err)
	}
	if n := entryCountPrefix(t, s, pfxValueID); n != 51 {
		t.Fatalf("%d single value→id keys after adding 51 values", n)
	}
	want = idsByValue(t, s)
	s.Close()
	checkIDOf(t, dir, want, values)
	s = openDir(t, dir)
	defer s.Close()
	if got := sortedKeys(collect(t, s, Pattern{Predicate: quad.IRI("new/p")})); !slices.Equal(got, sortedKeys(fresh)) {
		t.Fatalf("Match on a new value: %d quads, want %d", len(got), len(fresh))
	}
	if got := collect(t, s, Pattern{Subject: old[0].Subject, Object: old[0].Object}); len(got) == 0 {
		t.Fatal("Match on loaded values found nothing")
	}
	// A value looked up absent is remembered as not in its bucket (which
	// never changes); added later, it is found as a single key.
	later := quad.String("absent, then added")
	if id, err := s.IDOf(later); !errors.Is(err, ErrNotFound) {
		t.Fatalf("IDOf before adding: %d, %v", id, err)
	}
	enc, _ := encodeValue(nil, later)
	if !s.bucketMiss.has(enc) {
		t.Fatal("an absent value was not remembered as missing from its bucket")
	}
	if err := s.Add(context.Background(), quad.Quad{Subject: later, Predicate: quad.IRI("p"), Object: quad.IRI("o")}); err != nil {
		t.Fatal(err)
	}
	s.dict.clear()
	if id, err := s.IDOf(later); err != nil || id == 0 {
		t.Fatalf("IDOf after adding: %d, %v", id, err)
	}
}

// TestValueBucketsFlag: a store without buckets looks for none; the
// number of bucket bits survives a reopen, and a damaged record of it is
// an error at Open.
func TestValueBucketsFlag(t *testing.T) {
	dir := t.TempDir()
	s := openDir(t, dir)
	r := rand.New(rand.NewPCG(1, 1))
	if err := s.Add(context.Background(), randomQuads(r, 20)...); err != nil {
		t.Fatal(err)
	}
	if s.valueBits.Load() != 0 || entryCountPrefix(t, s, pfxBucket) != 0 {
		t.Fatal("a store written by transactions has value buckets")
	}
	s.Close()
	dir2 := t.TempDir()
	s = openDir(t, dir2)
	bulkLoad(t, s, randomQuads(r, 500))
	bits := s.valueBits.Load()
	s.Close()
	s = openDir(t, dir2)
	if got := s.valueBits.Load(); got != bits || got == 0 {
		t.Fatalf("after reopen: %d bucket bits, want %d", got, bits)
	}
	s.db.Update(func(txn *badger.Txn) error { return txn.Set(keyValueBits, []byte{0, 0, 0, 0, 0, 0, 0, 99}) })
	s.Close()
	if s, err := Open(DefaultOptions(dir2)); !errors.Is(err, ErrCorrupt) {
		if err == nil {
			s.Close()
		}
		t.Fatalf("Open with 99 bucket bits: %v, want ErrCorrupt", err)
	}
}

// TestCorruptValueBucketIsAnError: a damaged bucket makes a lookup that
// reads it fail with ErrCorrupt rather than answer wrong or panic.
func TestCorruptValueBucketIsAnError(t *testing.T) {
	for name, damage := range map[string]func(v []byte) []byte{
		"truncated":  func(v []byte) []byte { return v[:len(v)-1] },
		"format":     func(v []byte) []byte { v[0] = chunkFormat; return v },
		"trailing":   func(v []byte) []byte { return append(v, 1) },
		"count-over": func(v []byte) []byte { v[1]++; return v },
	} {
		t.Run(name, func(t *testing.T) {
			s := openMem(t)
			r := rand.New(rand.NewPCG(1, 2))
			bulkLoad(t, s, randomQuads(r, 500))
			bits := s.valueBits.Load()
			err := s.db.Update(func(txn *badger.Txn) error {
				item, err := txn.Get(valueBucketKey(0))
				if err != nil {
					return err
				}
				v, err := item.ValueCopy(nil)
				if err != nil {
					return err
				}
				if v[1] >= 0x7f {
					t.Fatal("bucket 0 holds too many values for this test's count damage")
				}
				return txn.Set(valueBucketKey(0), damage(v))
			})
			if err != nil {
				t.Fatal(err)
			}
			s.dict.clear()
			// an absent value of bucket 0, so that the lookup reads all of it
			var absent quad.Value
			for i := 0; absent == nil; i++ {
				v := quad.String(fmt.Sprint("absent ", i))
				enc, _ := encodeValue(nil, v)
				if bucketOf(xxhash.Sum64(enc), bits) == 0 {
					absent = v
				}
			}
			if _, err := s.IDOf(absent); !errors.Is(err, ErrCorrupt) {
				t.Fatalf("IDOf through a damaged bucket: %v, want ErrCorrupt", err)
			}
			err = s.Add(context.Background(), quad.Quad{Subject: absent, Predicate: quad.IRI("p"), Object: quad.IRI("o")})
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("Add through a damaged bucket: %v, want ErrCorrupt", err)
			}
		})
	}
}

// TestSnapshotWithoutBucketDoesNotHideValues: a lookup in a snapshot that
// holds no bucket for a value (in a store that has buckets) must not
// remember the value as missing from its bucket, or the value would stay
// unfindable in later snapshots that hold the bucket. (The snapshot here
// is made by removing the bucket and putting it back.)
func TestSnapshotWithoutBucketDoesNotHideValues(t *testing.T) {
	s := openMem(t)
	r := rand.New(rand.NewPCG(6, 6))
	qs := randomQuads(r, 300)
	bulkLoad(t, s, qs)
	enc, err := encodeValue(nil, qs[0].Subject)
	if err != nil {
		t.Fatal(err)
	}
	key := valueBucketKey(bucketOf(xxhash.Sum64(enc), s.valueBits.Load()))
	var bucket []byte
	err = s.db.Update(func(txn *badger.Txn) error {
		item, err := txn.Get(key)
		if err != nil {
			return err
		}
		if bucket, err = item.ValueCopy(nil); err != nil {
			return err
		}
		return txn.Delete(key)
	})
	if err != nil {
		t.Fatal(err)
	}
	gap := s.db.NewTransaction(false)
	defer gap.Discard()
	if err := s.db.Update(func(txn *badger.Txn) error { return txn.Set(key, bucket) }); err != nil {
		t.Fatal(err)
	}
	s.dict.clear()
	if id, err := s.lookupEnc(gap, enc); err != nil || id != 0 {
		t.Fatalf("lookup in the snapshot without the bucket: %d, %v; want 0", id, err)
	}
	if id, err := s.IDOf(qs[0].Subject); err != nil || id == 0 {
		t.Fatalf("IDOf after a lookup in a snapshot without the bucket: %d, %v", id, err)
	}
}
