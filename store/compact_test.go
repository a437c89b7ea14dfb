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

// TestCompact: a store built by transactions (one key per quad per index)
// is packed into chunks; it holds the same quads, every pattern shape
// still matches the model, the chunk flag survives a reopen, and edits
// afterwards split chunks correctly.
func TestCompact(t *testing.T) {
	for _, mode := range []string{"memory", "disk"} {
		t.Run(mode, func(t *testing.T) {
			ctx := context.Background()
			r := rand.New(rand.NewPCG(21, 22))
			pool := randomQuads(r, 3000)
			open := opener(t, mode, t.TempDir())
			s := open()
			model := map[string]quad.Quad{}
			for i := 0; i < len(pool)*4/5; i += 50 {
				b := pool[i:min(i+50, len(pool)*4/5)]
				if err := s.Add(ctx, b...); err != nil {
					t.Fatal(err)
				}
				for _, q := range b {
					model[key(q)] = q
				}
			}
			for i := 0; i < 40; i++ { // holes in the runs
				q := pool[r.IntN(len(pool)*4/5)]
				if err := s.Delete(ctx, q); err != nil {
					t.Fatal(err)
				}
				delete(model, key(q))
			}
			live := func() []quad.Quad {
				var out []quad.Quad
				for _, q := range model {
					out = append(out, q)
				}
				return out
			}
			n := len(model)
			if e := entryCount(t, s, idxSPOL); e != n || s.chunked.Load() {
				t.Fatalf("before: %d spol entries for %d quads, chunked %v", e, n, s.chunked.Load())
			}
			res, err := s.Compact(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if res.Singles < n*4*9/10 || res.Chunks*chunkSize < res.Singles {
				t.Fatalf("Compact = %+v for %d quads in four indexes", res, n)
			}
			for ix := range index(numIndexes) {
				if e := entryCount(t, s, ix); e*8 > n {
					t.Fatalf("%s: %d entries for %d quads after Compact", indexName[ix], e, n)
				}
				checkIndexesAgree(t, s, ix)
			}
			for i := 0; i < 5; i++ {
				checkShapes(t, s, live(), pool[r.IntN(len(pool))], "after Compact")
			}
			if mode == "disk" {
				s.Close()
				s = open()
			}
			if !s.chunked.Load() {
				t.Fatal("a compacted store does not record its chunks")
			}
			// Edits inside and between the new chunks, then again.
			for step := 0; step < 6; step++ {
				b := make([]quad.Quad, 30)
				for i := range b {
					b[i] = pool[r.IntN(len(pool))]
				}
				if step%2 == 0 {
					err = s.Add(ctx, b...)
					for _, q := range b {
						model[key(q)] = q
					}
				} else {
					err = s.Delete(ctx, b...)
					for _, q := range b {
						delete(model, key(q))
					}
				}
				if err != nil {
					t.Fatal(err)
				}
				if step == 3 {
					if _, err := s.Compact(ctx); err != nil {
						t.Fatal(err)
					}
				}
				for ix := range index(numIndexes) {
					checkIndexesAgree(t, s, ix)
				}
				checkShapes(t, s, live(), pool[r.IntN(len(pool))], fmt.Sprintf("edit %d after Compact", step))
			}
		})
	}
}

// TestCompactCancelled: a cancelled Compact says so and leaves the store
// whole.
func TestCompactCancelled(t *testing.T) {
	s := openMem(t)
	r := rand.New(rand.NewPCG(3, 3))
	qs := randomQuads(r, 500)
	if err := s.Add(context.Background(), qs...); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Compact(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("Compact with a cancelled context: %v", err)
	}
	for ix := range index(numIndexes) {
		checkIndexesAgree(t, s, ix)
	}
	s.Close()
	if _, err := s.Compact(context.Background()); !errors.Is(err, ErrClosed) {
		t.Fatalf("Compact after Close: %v, want ErrClosed", err)
	}
}

// TestCompactVersionOne: chunks in a version 1 database would be misread
// by a build that reads only version 1, so Compact makes it version 2.
func TestCompactVersionOne(t *testing.T) {
	dir := t.TempDir()
	s := openDir(t, dir)
	r := rand.New(rand.NewPCG(8, 8))
	qs := randomQuads(r, 200)
	if err := s.Add(context.Background(), qs...); err != nil {
		t.Fatal(err)
	}
	schema := func() []byte {
		var v []byte
		s.db.View(func(txn *badger.Txn) error {
			item, err := txn.Get(keySchema)
			if err != nil {
				t.Fatal(err)
			}
			v, _ = item.ValueCopy(nil)
			return nil
		})
		return v
	}
	if err := s.db.Update(func(txn *badger.Txn) error { return txn.Set(keySchema, []byte{0, 0, 0, 0, 0, 0, 0, 1}) }); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = openDir(t, dir)
	if res, err := s.Compact(context.Background()); err != nil || res.Chunks == 0 {
		t.Fatalf("Compact = %+v, %v", res, err)
	}
	if v := schema(); !slices.Equal(v, []byte{0, 0, 0, 0, 0, 0, 0, 2}) {
		t.Fatalf("schema after Compact = %x, want version 2", v)
	}
	if got, want := sortedKeys(collect(t, s, Pattern{})), sortedKeys(qs); !slices.Equal(got, want) {
		t.Fatalf("after Compact: %d quads, want %d", len(got), len(want))
	}
	// a version 3 database keeps its version
	s3 := openMem(t)
	if err := s3.Add(context.Background(), qs...); err != nil {
		t.Fatal(err)
	}
	if _, err := s3.Compact(context.Background()); err != nil {
		t.Fatal(err)
	}
	s3.db.View(func(txn *badger.Txn) error {
		item, _ := txn.Get(keySchema)
		v, _ := item.ValueCopy(nil)
		if !slices.Equal(v, schemaValue()) {
			t.Fatalf("schema of a current database after Compact = %x", v)
		}
		return nil
	})
}
