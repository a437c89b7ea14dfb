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
	if err := s.update(ctx, func(txn *badger.Txn, pending map[string]uint64) error {
		return s.addFacts(txn, facts, pending)
	}); err != nil {
		return fmt.Errorf("store: add: %w", err)
	}
	return nil
}

// AddFacts stores facts with their evidence in one transaction.
func (s *Store) AddFacts(ctx context.Context, facts []Fact) error {
	if err := s.update(ctx, func(txn *badger.Txn, pending map[string]uint64) error {
		return s.addFacts(txn, facts, pending)
	}); err != nil {
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
	err := s.update(ctx, func(txn *badger.Txn, pending map[string]uint64) error {
		if err := s.deleteDocument(ctx, txn, doc.ID); err != nil {
			return err
		}
		rec, err := marshalRecord(doc)
		if err != nil {
			return err
		}
		if err := txn.Set(documentKey(doc.ID), rec); err != nil {
			return err
		}
		for _, sent := range sentences {
			sent.Doc = doc.ID
			lid, err := s.assign(txn, Label(doc.ID, sent.Index), pending)
			if err != nil {
				return err
			}
			rec, err := marshalRecord(sent)
			if err != nil {
				return err
			}
			if err := txn.Set(sentenceKey(lid), rec); err != nil {
				return err
			}
			if err := txn.Set(docLabelKey(doc.ID, lid), nil); err != nil {
				return err
			}
		}
		return s.addFacts(txn, facts, pending)
	})
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
func (s *Store) update(ctx context.Context, fn func(*badger.Txn, map[string]uint64) error) error {
	if err := s.check(ctx); err != nil {
		return err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if s.closed.Load() {
		return ErrClosed
	}
	var next uint64
	err := s.db.Update(func(txn *badger.Txn) error {
		if err := fn(txn, make(map[string]uint64)); err != nil {
			return err
		}
		var err error
		next, err = s.bumpGeneration(txn)
		return err
	})
	if err == nil {
		s.gen.Store(next)
	}
	if errors.Is(err, badger.ErrTxnTooBig) {
		return fmt.Errorf("%w (use a bulk writer for big loads)", err)
	}
	return err
}

func (s *Store) addFacts(txn *badger.Txn, facts []Fact, pending map[string]uint64) error {
	for _, f := range facts {
		q := f.Quad
		if q.Subject == nil || q.Predicate == nil || q.Object == nil {
			return fmt.Errorf("%w: quad %v lacks a subject, predicate or object", ErrInvalidValue, q)
		}
		var id ids
		for i, v := range [4]quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
			if v == nil {
				continue
			}
			var err error
			if id[i], err = s.assign(txn, v, pending); err != nil {
				return err
			}
		}
		if err := s.setQuad(txn, id, q.Label); err != nil {
			return err
		}
		if f.Evidence != nil {
			rec, err := marshalRecord(f.Evidence)
			if err != nil {
				return err
			}
			if err := txn.Set(evidenceKey(id), rec); err != nil {
				return err
			}
		}
	}
	return nil
}

// setQuad writes the four index entries of q and its document link.
func (s *Store) setQuad(txn *badger.Txn, q ids, label quad.Value) error {
	var buf [quadKeyLen]byte
	for ix := index(0); ix < numIndexes; ix++ {
		if err := txn.Set(append([]byte(nil), quadKey(buf[:], ix, q)...), nil); err != nil {
			return err
		}
	}
	if q[3] != 0 {
		doc, _ := DocumentOf(label)
		if err := txn.Set(docLabelKey(doc, q[3]), nil); err != nil {
			return err
		}
	}
	return nil
}

// Delete removes quads (with their evidence) in one transaction. Quads not
// in the store are ignored.
func (s *Store) Delete(ctx context.Context, quads ...quad.Quad) error {
	err := s.update(ctx, func(txn *badger.Txn, _ map[string]uint64) error {
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
			if err := s.deleteQuad(txn, id); err != nil {
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

func (s *Store) deleteQuad(txn *badger.Txn, q ids) error {
	var buf [quadKeyLen]byte
	for ix := index(0); ix < numIndexes; ix++ {
		if err := txn.Delete(append([]byte(nil), quadKey(buf[:], ix, q)...)); err != nil {
			return err
		}
	}
	return txn.Delete(evidenceKey(q))
}

// dropLabelIfEmpty removes a label's document link and sentence when no
// quad carries the label any more.
func (s *Store) dropLabelIfEmpty(txn *badger.Txn, label uint64, lv quad.Value) error {
	it := txn.NewIterator(badger.IteratorOptions{Prefix: quadPrefix(idxLSPO, ids{3: label}, 1)})
	it.Rewind()
	empty := !it.Valid()
	it.Close()
	if !empty {
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
	err := s.update(ctx, func(txn *badger.Txn, _ map[string]uint64) error {
		return s.deleteDocument(ctx, txn, doc)
	})
	if err != nil {
		return fmt.Errorf("store: delete document %s: %w", doc, err)
	}
	return nil
}

func (s *Store) deleteDocument(ctx context.Context, txn *badger.Txn, doc string) error {
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
		it := txn.NewIterator(badger.IteratorOptions{Prefix: quadPrefix(idxLSPO, ids{3: l}, 1)})
		for it.Rewind(); it.Valid(); it.Next() {
			if q, ok := parseQuadKey(idxLSPO, it.Item().Key()); ok {
				victims = append(victims, q)
			}
		}
		it.Close()
		if err := ctx.Err(); err != nil {
			return err
		}
		for _, q := range victims {
			if err := s.deleteQuad(txn, q); err != nil {
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
