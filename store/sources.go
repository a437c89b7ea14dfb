package store

import (
	"context"
	"fmt"

	"github.com/cayleygraph/quad"
	badger "github.com/dgraph-io/badger/v4"
)

// Sourced is one stored quad, by dictionary IDs, with what the store keeps
// about where it came from.
type Sourced struct {
	// IDs are the subject, predicate, object and label IDs (0 is no
	// label), and Quad their values.
	IDs  [4]uint64
	Quad quad.Quad
	// Sentence is the sentence of the label, nil when none is stored. The
	// quads of one label share it: do not modify it.
	Sentence *Sentence
	// Evidence is the quad's evidence record, nil when none is stored.
	Evidence *Evidence
}

// ScanSources calls fn for every stored quad in label order, with its
// label's sentence and its evidence, in one pass over the label index
// and the sentence and evidence records: no lookup per quad. This is what
// full exports read. A non-nil error from fn stops the scan and is
// returned. It honours ctx.
//
// Memory is bounded by one sentence and one evidence record.
func (s *Store) ScanSources(ctx context.Context, fn func(Sourced) error) error {
	if err := s.check(ctx); err != nil {
		return fmt.Errorf("store: scan sources: %w", err)
	}
	err := s.db.View(func(txn *badger.Txn) error {
		quads := newCursor(txn, idxLSPO, true)
		defer quads.close()
		sents := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{pfxSentence}, PrefetchValues: true, PrefetchSize: 64})
		defer sents.Close()
		evs := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{pfxEvidence}, PrefetchValues: true, PrefetchSize: 64})
		defer evs.Close()
		sents.Rewind()
		evs.Rewind()
		var (
			sentLabel uint64
			sent      *Sentence
			n         int
		)
		for quads.rewind(); ; {
			t, ok := quads.next()
			if !ok {
				return quads.failed()
			}
			if n++; n&1023 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			q := unpermute(idxLSPO, t)
			if q[3] != sentLabel || n == 1 {
				sentLabel, sent = q[3], nil
				// the sentence iterator trails the label: skip labels
				// with no quads left
				for ; sents.Valid(); sents.Next() {
					l, ok := parseSentenceKey(sents.Item().Key())
					if !ok {
						return fmt.Errorf("%w: bad sentence key", ErrCorrupt)
					}
					if l < q[3] {
						continue
					}
					if l == q[3] {
						var st Sentence
						if err := sents.Item().Value(func(b []byte) error { return unmarshalRecord(b, &st) }); err != nil {
							return err
						}
						sent = &st
					}
					break
				}
			}
			var ev *Evidence
			for ; evs.Valid(); evs.Next() {
				e, ok := parseEvidenceKey(evs.Item().Key())
				if !ok {
					return fmt.Errorf("%w: bad evidence key", ErrCorrupt)
				}
				if c := compareLSPO(e, q); c < 0 {
					continue
				} else if c == 0 {
					var r Evidence
					if err := evs.Item().Value(func(b []byte) error { return unmarshalRecord(b, &r) }); err != nil {
						return err
					}
					ev = &r
				}
				break
			}
			var vs [4]quad.Value
			for i, id := range q {
				if id == 0 {
					continue
				}
				v, err := s.valueOf(txn, id)
				if err != nil {
					return err
				}
				vs[i] = v
			}
			src := Sourced{IDs: q, Quad: quad.Quad{Subject: vs[0], Predicate: vs[1], Object: vs[2], Label: vs[3]}, Sentence: sent, Evidence: ev}
			if err := fn(src); err != nil {
				return err
			}
		}
	})
	if err != nil {
		return fmt.Errorf("store: scan sources: %w", err)
	}
	return nil
}

// compareLSPO orders two quads as the label index does.
func compareLSPO(a, b ids) int {
	for _, i := range [4]int{3, 0, 1, 2} {
		switch {
		case a[i] < b[i]:
			return -1
		case a[i] > b[i]:
			return 1
		}
	}
	return 0
}
