package store

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"sync"

	"github.com/cayleygraph/quad"
	badger "github.com/dgraph-io/badger/v4"
)

// The dictionary maps each distinct quad value to a fixed-width uint64 ID
// (0 is never used) and back. IDs are never reused, so a cached mapping
// never goes stale.

// dictCacheMax bounds each direction of the cache; when full it is cleared.
const dictCacheMax = 1 << 20

type dictCache struct {
	mu   sync.RWMutex
	byID map[uint64]quad.Value
	byV  map[string]uint64
}

func (c *dictCache) init() {
	c.byID = make(map[uint64]quad.Value)
	c.byV = make(map[string]uint64)
}

func (c *dictCache) value(id uint64) (quad.Value, bool) {
	c.mu.RLock()
	v, ok := c.byID[id]
	c.mu.RUnlock()
	return v, ok
}

func (c *dictCache) id(enc []byte) (uint64, bool) {
	c.mu.RLock()
	id, ok := c.byV[string(enc)]
	c.mu.RUnlock()
	return id, ok
}

func (c *dictCache) put(id uint64, enc []byte, v quad.Value) {
	c.mu.Lock()
	if len(c.byID) >= dictCacheMax || len(c.byV) >= dictCacheMax {
		c.byID = make(map[uint64]quad.Value)
		c.byV = make(map[string]uint64)
	}
	if v != nil {
		c.byID[id] = v
	}
	c.byV[string(enc)] = id
	c.mu.Unlock()
}

func (c *dictCache) clear() {
	c.mu.Lock()
	c.init()
	c.mu.Unlock()
}

// lookupEnc finds the ID of an encoded value. It returns 0 when the value is
// not in the dictionary.
func (s *Store) lookupEnc(txn *badger.Txn, enc []byte) (uint64, error) {
	if id, ok := s.dict.id(enc); ok {
		return id, nil
	}
	item, err := txn.Get(valueIDKey(enc))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	var id uint64
	err = item.Value(func(b []byte) error {
		if len(b) != 8 {
			return fmt.Errorf("%w: dictionary entry", ErrCorrupt)
		}
		id = binary.BigEndian.Uint64(b)
		return nil
	})
	if err == nil {
		s.dict.put(id, enc, nil)
	}
	return id, err
}

// lookup finds the ID of v, 0 if v is not in the dictionary.
func (s *Store) lookup(txn *badger.Txn, v quad.Value) (uint64, error) {
	enc, err := encodeValue(nil, v)
	if err != nil {
		return 0, err
	}
	return s.lookupEnc(txn, enc)
}

// nextID allocates a new ID. IDs start at 1.
func (s *Store) nextID() (uint64, error) {
	for {
		id, err := s.seq.Next()
		if err != nil {
			return 0, err
		}
		if id != 0 {
			return id, nil
		}
	}
}

// assign returns the ID of v, allocating one and writing both dictionary
// entries in txn if v is new. The caller holds s.wmu.
func (s *Store) assign(txn *badger.Txn, v quad.Value, pending map[string]uint64) (uint64, error) {
	enc, err := encodeValue(nil, v)
	if err != nil {
		return 0, err
	}
	if id, ok := pending[string(enc)]; ok {
		return id, nil
	}
	id, err := s.lookupEnc(txn, enc)
	if err != nil || id != 0 {
		return id, err
	}
	if id, err = s.nextID(); err != nil {
		return 0, err
	}
	if err := txn.Set(valueIDKey(enc), binary.BigEndian.AppendUint64(nil, id)); err != nil {
		return 0, err
	}
	if err := txn.Set(idValueKey(id), enc); err != nil {
		return 0, err
	}
	pending[string(enc)] = id
	return id, nil
}

// valueOf returns the value with the given ID.
func (s *Store) valueOf(txn *badger.Txn, id uint64) (quad.Value, error) {
	if v, ok := s.dict.value(id); ok {
		return v, nil
	}
	item, err := txn.Get(idValueKey(id))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, fmt.Errorf("value id %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	var v quad.Value
	err = item.Value(func(b []byte) error {
		var err error
		v, err = decodeValue(b)
		if err == nil {
			s.dict.mu.Lock()
			if len(s.dict.byID) >= dictCacheMax {
				s.dict.byID = make(map[uint64]quad.Value)
			}
			s.dict.byID[id] = v
			s.dict.mu.Unlock()
		}
		return err
	})
	return v, err
}

// ValueOf returns the quad value with the given dictionary ID.
func (s *Store) ValueOf(id uint64) (quad.Value, error) {
	if err := s.check(context.Background()); err != nil {
		return nil, fmt.Errorf("store: value of %d: %w", id, err)
	}
	var v quad.Value
	err := s.db.View(func(txn *badger.Txn) error {
		var err error
		v, err = s.valueOf(txn, id)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: value of %d: %w", id, err)
	}
	return v, nil
}

// IDOf returns the dictionary ID of v, or ErrNotFound.
func (s *Store) IDOf(v quad.Value) (uint64, error) {
	if err := s.check(context.Background()); err != nil {
		return 0, fmt.Errorf("store: id of %v: %w", v, err)
	}
	var id uint64
	err := s.db.View(func(txn *badger.Txn) error {
		var err error
		id, err = s.lookup(txn, v)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store: id of %v: %w", v, err)
	}
	if id == 0 {
		return 0, fmt.Errorf("store: id of %v: %w", v, ErrNotFound)
	}
	return id, nil
}
