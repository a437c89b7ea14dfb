package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/cayleygraph/quad"
	badger "github.com/dgraph-io/badger/v4"
)

// Add stores quads in one transaction: all of them or, on error, none.
// Quads already present are left as they are (a store is a set). Add is
// for small batches; use a BulkWriter for big loads.
func (s *Store) Add(ctx context.Context, quads ...quad.Quad) error {
	facts := make([]Fact, len(quads))
	for i, q := range quads {
		facts[i] = Fact{Quad: q}
	}
	pf, err := prepareFacts(facts)
	if err == nil {
		err = s.update(ctx, func(w *writeTxn) error { return s.addFacts(w, pf) })
	}
	if err != nil {
		return fmt.Errorf("store: add: %w", err)
	}
	return nil
}

// AddFacts stores facts with their evidence in one transaction.
func (s *Store) AddFacts(ctx context.Context, facts []Fact) error {
	pf, err := prepareFacts(facts)
	if err == nil {
		err = s.update(ctx, func(w *writeTxn) error { return s.addFacts(w, pf) })
	}
	if err != nil {
		return fmt.Errorf("store: add facts: %w", err)
	}
	return nil
}

// PutDocument replaces everything stored for doc.ID (its facts, sentences
// and record) with the given ones, in one transaction. Re-ingesting an
// edited document this way replaces its old facts; readers see either the
// old version or the new one.
func (s *Store) PutDocument(ctx context.Context, doc Document, sentences []Sentence, facts []Fact) error {
	if err := validDocName(doc.ID); err != nil {
		return fmt.Errorf("store: put document: %w", err)
	}
	// Everything that does not need the store (encoding values, records)
	// is done before the writer lock, so that concurrent ingest workers
	// wait on one another as little as possible.
	err := func() error {
		docRec, err := marshalRecord(doc)
		if err != nil {
			return err
		}
		labels := make([][]byte, len(sentences))
		recs := make([][]byte, len(sentences))
		for i, sent := range sentences {
			sent.Doc = doc.ID
			if labels[i], err = encodeValue(nil, Label(doc.ID, sent.Index)); err != nil {
				return err
			}
			if recs[i], err = marshalRecord(sent); err != nil {
				return err
			}
		}
		pf, err := prepareFacts(facts)
		if err != nil {
			return err
		}
		return s.update(ctx, func(w *writeTxn) error {
			txn := w.txn
			if err := s.deleteDocument(ctx, w, doc.ID); err != nil {
				return err
			}
			if err := txn.Set(documentKey(doc.ID), docRec); err != nil {
				return err
			}
			for i := range sentences {
				lid, err := s.assignEnc(txn, labels[i], w.pending)
				if err != nil {
					return err
				}
				if err := txn.Set(sentenceKey(lid), recs[i]); err != nil {
					return err
				}
				if err := txn.Set(docLabelKey(doc.ID, lid), nil); err != nil {
					return err
				}
			}
			return s.addFacts(w, pf)
		})
	}()
	if err != nil {
		return fmt.Errorf("store: put document %s: %w", doc.ID, err)
	}
	return nil
}

func validDocName(doc string) error {
	if doc == "" {
		return fmt.Errorf("%w: empty document id", ErrInvalidValue)
	}
	for i := 0; i < len(doc); i++ {
		if doc[i] == 0 {
			return fmt.Errorf("%w: document id %q contains a NUL byte", ErrInvalidValue, doc)
		}
	}
	return nil
}

// update runs fn in one read-write transaction under the writer lock.
// writeTxn is one transactional write: its transaction, the dictionary IDs
// it assigned, and the editor of its index entries.
type writeTxn struct {
	txn     *badger.Txn
	pending map[string]uint64
	ed      *entryEditor
}

func (w *writeTxn) set(k, v []byte) error { return w.txn.Set(k, v) }
func (w *writeTxn) del(k []byte) error    { return w.txn.Delete(k) }

// update runs fn in one read-write transaction, holding the writer lock,
// and commits it.
func (s *Store) update(ctx context.Context, fn func(*writeTxn) error) error {
	if err := s.check(ctx); err != nil {
		return err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if s.closed.Load() {
		return ErrClosed
	}
	var next uint64
	ed := newEntryEditor(s)
	defer ed.close()
	err := s.db.Update(func(txn *badger.Txn) error {
		if err := fn(&writeTxn{txn: txn, pending: make(map[string]uint64), ed: ed}); err != nil {
			return err
		}
		var err error
		next, err = s.bumpGeneration(txn)
		return err
	})
	if err == nil {
		s.gen.Store(next)
		s.dropSnapshots()
	}
	if errors.Is(err, badger.ErrTxnTooBig) {
		return fmt.Errorf("%w (use a bulk writer for big loads)", err)
	}
	return err
}

// preparedFact is a Fact with its values encoded and its evidence
// marshalled, ready to be written.
type preparedFact struct {
	enc      [4][]byte // nil for a missing label
	label    quad.Value
	evidence []byte // nil without evidence
}

// prepareFacts checks and encodes facts, without touching the store.
func prepareFacts(facts []Fact) ([]preparedFact, error) {
	out := make([]preparedFact, len(facts))
	for n, f := range facts {
		q := f.Quad
		if q.Subject == nil || q.Predicate == nil || q.Object == nil {
			return nil, fmt.Errorf("%w: quad %v lacks a subject, predicate or object", ErrInvalidValue, q)
		}
		p := &out[n]
		p.label = q.Label
		for i, v := range [4]quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
			if v == nil {
				continue
			}
			var err error
			if p.enc[i], err = encodeValue(nil, v); err != nil {
				return nil, err
			}
		}
		if f.Evidence != nil {
			var err error
			if p.evidence, err = marshalRecord(f.Evidence); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

func (s *Store) addFacts(w *writeTxn, facts []preparedFact) error {
	txn := w.txn
	for _, f := range facts {
		var id ids
		for i, enc := range f.enc {
			if enc == nil {
				continue
			}
			var err error
			if id[i], err = s.assignEnc(txn, enc, w.pending); err != nil {
				return err
			}
		}
		if err := s.setQuad(w, id, f.label); err != nil {
			return err
		}
		if f.evidence != nil {
			if err := txn.Set(evidenceKey(id), f.evidence); err != nil {
				return err
			}
		}
	}
	return nil
}

// setQuad writes the four index entries of q and its document link.
func (s *Store) setQuad(w *writeTxn, q ids, label quad.Value) error {
	if err := w.ed.insert(q, w.set); err != nil {
		return err
	}
	if q[3] != 0 {
		doc, _ := DocumentOf(label)
		if err := w.txn.Set(docLabelKey(doc, q[3]), nil); err != nil {
			return err
		}
	}
	return nil
}

// Delete removes quads (with their evidence) in one transaction. Quads not
// in the store are ignored.
func (s *Store) Delete(ctx context.Context, quads ...quad.Quad) error {
	err := s.update(ctx, func(w *writeTxn) error {
		txn := w.txn
		for _, q := range quads {
			var id ids
			found := true
			for i, v := range [4]quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
				if v == nil {
					if i < 3 {
						return fmt.Errorf("%w: quad %v lacks a subject, predicate or object", ErrInvalidValue, q)
					}
					continue
				}
				var err error
				if id[i], err = s.lookup(txn, v); err != nil {
					return err
				}
				if id[i] == 0 {
					found = false
				}
			}
			if !found {
				continue
			}
			if err := s.deleteQuad(w, id); err != nil {
				return err
			}
			if id[3] != 0 {
				if err := s.dropLabelIfEmpty(txn, id[3], q.Label); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: delete: %w", err)
	}
	return nil
}

func (s *Store) deleteQuad(w *writeTxn, q ids) error {
	if err := w.ed.remove(q, w.set, w.del); err != nil {
		return err
	}
	return w.txn.Delete(evidenceKey(q))
}

// dropLabelIfEmpty removes a label's document link and sentence when no
// quad carries the label any more.
func (s *Store) dropLabelIfEmpty(txn *badger.Txn, label uint64, lv quad.Value) error {
	c := newCursor(txn, idxLSPO, false)
	c.seek(ids{label})
	t, ok := c.next()
	c.close()
	if err := c.failed(); err != nil {
		return err
	}
	if ok && t[0] == label {
		return nil
	}
	doc, _ := DocumentOf(lv)
	if err := txn.Delete(docLabelKey(doc, label)); err != nil {
		return err
	}
	return txn.Delete(sentenceKey(label))
}

// DeleteDocument removes every quad whose label belongs to doc, with their
// evidence, the document's sentences and its record. Quads of other
// documents, even identical ones, stay. Deleting an unknown document is
// not an error.
func (s *Store) DeleteDocument(ctx context.Context, doc string) error {
	if err := validDocName(doc); err != nil {
		return fmt.Errorf("store: delete document: %w", err)
	}
	err := s.update(ctx, func(w *writeTxn) error {
		return s.deleteDocument(ctx, w, doc)
	})
	if err != nil {
		return fmt.Errorf("store: delete document %s: %w", doc, err)
	}
	return nil
}

func (s *Store) deleteDocument(ctx context.Context, w *writeTxn, doc string) error {
	txn := w.txn
	var labels []uint64
	it := txn.NewIterator(badger.IteratorOptions{Prefix: docLabelPrefix(doc)})
	for it.Rewind(); it.Valid(); it.Next() {
		if _, l, ok := parseDocLabelKey(it.Item().Key()); ok {
			labels = append(labels, l)
		}
	}
	it.Close()
	for _, l := range labels {
		var victims []ids
		c := newCursor(txn, idxLSPO, false)
		for c.seek(ids{l}); ; {
			t, ok := c.next()
			if !ok || t[0] != l {
				break
			}
			victims = append(victims, unpermute(idxLSPO, t))
		}
		c.close()
		if err := c.failed(); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		for _, q := range victims {
			if err := s.deleteQuad(w, q); err != nil {
				return err
			}
		}
		if err := txn.Delete(sentenceKey(l)); err != nil {
			return err
		}
		if err := txn.Delete(docLabelKey(doc, l)); err != nil {
			return err
		}
	}
	return txn.Delete(documentKey(doc))
}
