package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/cayleygraph/quad"
	badger "github.com/dgraph-io/badger/v4"
)

func getRecord(txn *badger.Txn, key []byte, v any) error {
	item, err := txn.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return ErrNotFound
	}
	if err != nil {
		return err
	}
	return item.Value(func(b []byte) error { return unmarshalRecord(b, v) })
}

// Document returns the record of an ingested document, or ErrNotFound.
func (s *Store) Document(ctx context.Context, id string) (Document, error) {
	var d Document
	if err := s.check(ctx); err != nil {
		return d, fmt.Errorf("store: document %s: %w", id, err)
	}
	err := s.db.View(func(txn *badger.Txn) error { return getRecord(txn, documentKey(id), &d) })
	if err != nil {
		return d, fmt.Errorf("store: document %s: %w", id, err)
	}
	return d, nil
}

// Documents lists the names of all documents that have quads, in order.
func (s *Store) Documents(ctx context.Context) ([]string, error) {
	if err := s.check(ctx); err != nil {
		return nil, fmt.Errorf("store: documents: %w", err)
	}
	var docs []string
	err := s.db.View(func(txn *badger.Txn) error {
		return s.eachDocument(ctx, txn, func(d string) error { docs = append(docs, d); return nil })
	})
	if err != nil {
		return nil, fmt.Errorf("store: documents: %w", err)
	}
	return docs, nil
}

// Sentence returns the sentence a label names, or ErrNotFound.
func (s *Store) Sentence(ctx context.Context, label quad.Value) (Sentence, error) {
	var sent Sentence
	if err := s.check(ctx); err != nil {
		return sent, fmt.Errorf("store: sentence: %w", err)
	}
	err := s.db.View(func(txn *badger.Txn) error {
		id, err := s.lookup(txn, label)
		if err != nil {
			return err
		}
		if id == 0 {
			return ErrNotFound
		}
		return getRecord(txn, sentenceKey(id), &sent)
	})
	if err != nil {
		return sent, fmt.Errorf("store: sentence %v: %w", label, err)
	}
	return sent, nil
}

// EvidenceOf returns the evidence stored for a quad, or ErrNotFound.
func (s *Store) EvidenceOf(ctx context.Context, q quad.Quad) (Evidence, error) {
	var ev Evidence
	if err := s.check(ctx); err != nil {
		return ev, fmt.Errorf("store: evidence: %w", err)
	}
	err := s.db.View(func(txn *badger.Txn) error {
		ip, ok, err := s.resolve(txn, Pattern(q))
		if err != nil {
			return err
		}
		if !ok {
			return ErrNotFound
		}
		return getRecord(txn, evidenceKey(ids(ip)), &ev)
	})
	if err != nil {
		return ev, fmt.Errorf("store: evidence of %v: %w", q, err)
	}
	return ev, nil
}
