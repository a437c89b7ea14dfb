package store

import (
	"context"
	"slices"
	"testing"

	badger "github.com/dgraph-io/badger/v4"
)

// indexContents returns the quads of one index, as ID tuples in SPOL order.
func indexContents(t testing.TB, s *Store, ix index) []ids {
	t.Helper()
	var out []ids
	err := s.db.View(func(txn *badger.Txn) error {
		c := newCursor(txn, ix, false)
		defer c.close()
		c.rewind()
		var prev ids
		for n := 0; ; n++ {
			k, ok := c.next()
			if !ok {
				return c.failed()
			}
			if n > 0 && cmpIDs(prev, k) >= 0 {
				t.Fatalf("%s: quad %v after %v: entries overlap or repeat", indexName[ix], k, prev)
			}
			prev = k
			out = append(out, unpermute(ix, k))
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(out, cmpIDs)
	return out
}

// checkIndexesAgree fails unless index ix holds exactly the quads of SPOL,
// every ID resolves in the dictionary, and every labelled quad has its
// document link.
func checkIndexesAgree(t testing.TB, s *Store, ix index) {
	t.Helper()
	spol := indexContents(t, s, idxSPOL)
	if got := indexContents(t, s, ix); !slices.Equal(got, spol) {
		t.Fatalf("index %s holds %d quads, spol %d", indexName[ix], len(got), len(spol))
	}
	if ix != idxSPOL {
		return
	}
	err := s.db.View(func(txn *badger.Txn) error {
		for _, q := range spol {
			for i, id := range q {
				if id == 0 && i == 3 {
					continue
				}
				v, err := s.valueOf(txn, id)
				if err != nil {
					t.Fatalf("quad %v: id %d does not resolve: %v", q, id, err)
				}
				if i == 3 {
					doc, _ := DocumentOf(v)
					if _, err := txn.Get(docLabelKey(doc, id)); err != nil {
						t.Fatalf("quad %v: no document link for %s: %v", q, doc, err)
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	st, err := s.Stats(context.Background())
	if err != nil || st.Quads != len(spol) {
		t.Fatalf("Stats = %+v, %v; spol has %d", st, err, len(spol))
	}
}
