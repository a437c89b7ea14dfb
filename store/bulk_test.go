package store

import (
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"slices"
	"testing"
)

// TestBulkCancelledMidLoad cancels a bulk load whose runs are being
// spilled on the spiller goroutine, into an empty and into a non-empty
// store: the load fails with the context's error, the store holds what it
// held before, and no run file is left behind.
func TestBulkCancelledMidLoad(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 13))
	qs := randomQuads(r, 3000)
	for _, before := range []int{0, 40} {
		t.Run(map[int]string{0: "empty", 40: "nonempty"}[before], func(t *testing.T) {
			tmp := t.TempDir()
			s, err := Open(DefaultOptions(t.TempDir()).WithRunSize(100).WithTempDir(tmp))
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if before > 0 {
				if err := s.Add(context.Background(), qs[:before]...); err != nil {
					t.Fatal(err)
				}
			}
			want := sortedKeys(collect(t, s, Pattern{}))
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			w, err := s.NewBulkWriter(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var werr error
			for i, q := range qs {
				if i == 1000 {
					cancel() // runs are being spilled by now
				}
				if werr = w.WriteQuad(q); werr != nil {
					break
				}
			}
			_, cerr := w.Commit()
			if !errors.Is(werr, context.Canceled) && !errors.Is(cerr, context.Canceled) {
				t.Fatalf("write error %v, commit error %v: want context.Canceled from one", werr, cerr)
			}
			if got := sortedKeys(collect(t, s, Pattern{})); !slices.Equal(got, want) {
				t.Fatalf("after the cancelled load the store holds %d quads, want the %d from before", len(got), len(want))
			}
			if left, _ := os.ReadDir(tmp); len(left) != 0 {
				t.Fatalf("%d files left in the temporary directory", len(left))
			}
			// The store still takes a load.
			bulkLoad(t, s, qs[:500])
		})
	}
}
