package store

import (
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
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

// TestBulkAbortKeepsEmptyStore: an empty store prepares its StreamWriter
// while the load reads; a load that ends without streaming (Abort, at
// once or after writes, or a failed import) leaves the store as it was:
// no marker, its schema and generation, an ID sequence, and the next
// writes and loads work, also after a reopen.
func TestBulkAbortKeepsEmptyStore(t *testing.T) {
	r := rand.New(rand.NewPCG(14, 15))
	qs := randomQuads(r, 500)
	for _, how := range []string{"at-once", "after-writes", "bad-import"} {
		t.Run(how, func(t *testing.T) {
			dir := t.TempDir()
			s, err := Open(DefaultOptions(dir))
			if err != nil {
				t.Fatal(err)
			}
			gen := s.Generation()
			switch how {
			case "bad-import":
				_, err := s.Import(context.Background(), strings.NewReader(nq("<a> <b> <c> .", "<a> <b> broken")), ImportOptions{Name: "bad.nq"})
				if err == nil {
					t.Fatal("the malformed import succeeded")
				}
			default:
				w, err := s.NewBulkWriter(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				if how == "after-writes" {
					for _, q := range qs {
						if err := w.WriteQuad(q); err != nil {
							t.Fatal(err)
						}
					}
				}
				w.Abort()
			}
			if _, err := os.Stat(filepath.Join(dir, loadingFile)); !os.IsNotExist(err) {
				t.Fatalf("marker after the abandoned load: %v", err)
			}
			if s.Generation() != gen {
				t.Fatalf("generation %d after the abandoned load, was %d", s.Generation(), gen)
			}
			if err := s.Add(context.Background(), qs[0]); err != nil {
				t.Fatal(err)
			}
			s.Close()
			s = openDir(t, dir)
			if got := collect(t, s, Pattern{}); len(got) != 1 {
				t.Fatalf("after reopen: %d quads, want 1", len(got))
			}
			bulkLoad(t, s, qs)
			if got, want := sortedKeys(collect(t, s, Pattern{})), sortedKeys(qs); !slices.Equal(got, want) {
				t.Fatalf("next load: %d quads, want %d", len(got), len(want))
			}
		})
	}
}
