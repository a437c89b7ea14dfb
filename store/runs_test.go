package store

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"testing"

	"github.com/dgraph-io/badger/v4/pb"
	"google.golang.org/protobuf/proto"
)

// TestAppendKVMatchesProtobuf checks the hand-written KV encoding against
// the protobuf library on random keys, values and streams.
func TestAppendKVMatchesProtobuf(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	for i := 0; i < 2000; i++ {
		key := make([]byte, r.IntN(300))
		val := make([]byte, r.IntN(3)*r.IntN(200))
		for j := range key {
			key[j] = byte(r.Uint32())
		}
		for j := range val {
			val[j] = byte(r.Uint32())
		}
		stream := uint32(r.IntN(3)) * uint32(r.Uint32()>>uint(r.IntN(32)))
		done := r.IntN(10) == 0
		kv := &pb.KV{Key: key, Value: val, StreamId: stream, StreamDone: done}
		if done {
			kv.Key, kv.Value = nil, nil
		} else {
			kv.Version = 1
		}
		want, err := proto.MarshalOptions{Deterministic: true}.Marshal(kv)
		if err != nil {
			t.Fatal(err)
		}
		got := appendKV(nil, kv.Key, kv.Value, stream, done)
		if !bytes.Equal(got, want) {
			t.Fatalf("appendKV(%d-byte key, %d-byte value, stream %d, done %v) = %x, protobuf %x", len(key), len(val), stream, done, got, want)
		}
		var back pb.KV
		if err := proto.Unmarshal(got, &back); err != nil || !bytes.Equal(back.Key, kv.Key) || back.StreamId != stream {
			t.Fatalf("round trip: %v %v", &back, err)
		}
	}
}

// TestRadixSortMatchesComparisonSort checks the radix sort against
// slices.SortFunc on random tuples of several ID widths.
func TestRadixSortMatchesComparisonSort(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 4))
	for _, bitsWide := range []int{1, 7, 11, 12, 23, 40, 64} {
		for _, n := range []int{0, 1, 100, 5000, 20000} {
			maxID := uint64(1)<<uint(bitsWide) - 1
			if bitsWide == 64 {
				maxID = ^uint64(0)
			}
			a := make([]ids, n)
			for i := range a {
				for j := range a[i] {
					a[i][j] = r.Uint64() & maxID
					if r.IntN(5) == 0 {
						a[i][j] = 0 // missing labels, repeated values
					}
				}
			}
			want := slices.Clone(a)
			slices.SortFunc(want, cmpIDs)
			radixSort(a, maxID)
			if !slices.Equal(a, want) {
				t.Fatalf("radix sort of %d tuples with %d-bit IDs differs", n, bitsWide)
			}
		}
	}
	// Digits or whole words the same in every tuple, whose passes are
	// skipped: small IDs under a large maxID, a constant predicate, no
	// labels at all.
	for _, n := range []int{5000, 20000} {
		a := make([]ids, n)
		for i := range a {
			a[i] = ids{r.Uint64N(1 << 10), 7, r.Uint64N(1 << 30), 0}
		}
		want := slices.Clone(a)
		slices.SortFunc(want, cmpIDs)
		radixSort(a, 1<<40)
		if !slices.Equal(a, want) {
			t.Fatalf("radix sort of %d tuples with constant digits differs", n)
		}
	}
}

// TestValueTableAgainstMap checks the pointer-free value table against a
// Go map, with forced hash collisions.
func TestValueTableAgainstMap(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 8))
	for _, explicit := range []bool{false, true} {
		vt := newValueTable(explicit)
		want := map[string]uint64{}
		for i := 0; i < 20000; i++ {
			v := []byte(fmt.Sprintf("v%d", r.IntN(8000)))
			h := hashValue(v)
			if r.IntN(3) == 0 {
				h = uint64(r.IntN(4)) // collisions
			}
			if id, ok := want[string(v)+fmt.Sprint(h)]; ok {
				j, found := vt.lookup(v, h)
				if !found || vt.id(j) != id || !bytes.Equal(vt.value(j), v) {
					t.Fatalf("lookup %s: %d %v, want id %d", v, j, found, id)
				}
				continue
			}
			if _, found := vt.lookup(v, h); found {
				t.Fatalf("found %s before adding it", v)
			}
			id := uint64(vt.len()) + 1
			if explicit {
				id = uint64(r.IntN(1 << 40))
			}
			j := vt.add(v, h, id)
			want[string(v)+fmt.Sprint(h)] = vt.id(j)
		}
	}
}

func TestRadixSortWordsMatchesSort(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	for _, bitsWide := range []int{0, 1, 11, 12, 33, 64} {
		for _, n := range []int{0, 1, 100, 5000, 20000} {
			a := make([]uint64, n)
			for i := range a {
				if bitsWide > 0 {
					a[i] = r.Uint64() >> (64 - bitsWide)
				}
			}
			want := slices.Clone(a)
			slices.Sort(want)
			radixSortWords(a)
			if !slices.Equal(a, want) {
				t.Fatalf("radix sort of %d %d-bit words differs", n, bitsWide)
			}
		}
	}
}

// TestMergerAgainstSort merges sorted runs, in memory and spilled to
// files (longer than a file block, and empty), and compares the result
// with sorting and deduplicating their union.
func TestMergerAgainstSort(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	dir := t.TempDir()
	for trial := 0; trial < 30; trial++ {
		var srcs []runSource
		var all []ids
		for n := r.IntN(6); n >= 0; n-- {
			run := make([]ids, r.IntN(3*fileBlock))
			if r.IntN(5) == 0 {
				run = run[:0]
			}
			for i := range run {
				run[i] = ids{r.Uint64N(50), r.Uint64N(50), r.Uint64N(4), r.Uint64N(3)}
			}
			slices.SortFunc(run, cmpIDs)
			all = append(all, run...)
			if r.IntN(2) == 0 {
				srcs = append(srcs, &memRun{run: run})
				continue
			}
			path, err := writeRun(dir, run)
			if err != nil {
				t.Fatal(err)
			}
			fr, err := openRun(path)
			if err != nil {
				t.Fatal(err)
			}
			srcs = append(srcs, fr)
		}
		slices.SortFunc(all, cmpIDs)
		want := slices.Compact(all)
		m, err := newMerger(srcs)
		if err != nil {
			t.Fatal(err)
		}
		var got []ids
		for {
			k, ok, err := m.next()
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				break
			}
			got = append(got, k)
		}
		closeAll(srcs)
		if !slices.Equal(got, want) {
			t.Fatalf("trial %d: merged %d tuples, want %d", trial, len(got), len(want))
		}
	}
}

func TestFileRunTruncated(t *testing.T) {
	path, err := writeRun(t.TempDir(), []ids{{1, 2, 3, 4}, {5, 6, 7, 8}})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, recLen+5); err != nil {
		t.Fatal(err)
	}
	fr, err := openRun(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fr.close()
	if _, err := fr.nextBlock(); err == nil {
		t.Fatal("a run cut inside a tuple read without error")
	}
}
