package store

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/cayleygraph/quad"
	"github.com/cespare/xxhash/v2"
	badger "github.com/dgraph-io/badger/v4"
)

// The dictionary maps each distinct quad value to a fixed-width uint64 ID
// (0 is never used) and back. IDs are never reused, so a cached mapping
// never goes stale.

// warmAfter is how many ID → value lookups must miss the cache before the
// store warms it with one sequential scan of the dictionary. A process
// that answers one question never gets there; one that answers many (a
// server, an export, a graph build) soon does, and then finds most values
// in memory instead of paying a Badger lookup for each.
const warmAfter = 4096

// warmer runs the one background warm-up of the dictionary cache, and
// the copies of the indexes after writes (see rewarmIndexes).
type warmer struct {
	mu      sync.Mutex
	started bool
	misses  atomic.Int64
	wg      sync.WaitGroup

	keep       atomic.Bool   // Warm copied indexes: copy them again after writes
	rebuilding atomic.Bool   // a copy runs in the background
	builtGen   atomic.Uint64 // the generation the last copy was made at
	lastWrite  atomic.Int64  // when the store last changed, in Unix nanoseconds
}

// missed counts a cache miss and starts the warm-up once there were
// warmAfter of them.
func (s *Store) missed() {
	if s.warm.misses.Add(1) != warmAfter {
		return
	}
	s.warm.mu.Lock()
	defer s.warm.mu.Unlock()
	if s.warm.started || s.closed.Load() {
		return
	}
	s.warm.started = true
	s.warm.wg.Add(1)
	go func() {
		defer s.warm.wg.Done()
		_ = s.warmDict(context.Background(), s.dict.epoch.Load()) // an error only ends it
	}()
}

// rewarm lets a new warm-up start after the cache was cleared.
func (s *Store) rewarm() {
	s.warm.mu.Lock()
	s.warm.started = false
	s.warm.misses.Store(0)
	s.warm.mu.Unlock()
}

// warmDict reads the ID → value half of the dictionary in ID order into
// the cache, both directions, until the ID → value side is full, the cache
// is cleared or the store closes; the value → ID side takes what fits in
// its two generations. Errors only end the warm-up: lookups still go to
// Badger.
func (s *Store) warmDict(ctx context.Context, epoch uint64) error {
	return s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{pfxIDValue}})
		defer it.Close()
		wantIDs := true
		n := 0
		for it.Rewind(); it.Valid(); it.Next() {
			if s.closed.Load() {
				return nil
			}
			if n++; n%ctxCheckEvery == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			item := it.Item()
			last, ok := parseIDValueKey(item.Key())
			if !ok {
				return fmt.Errorf("%w: dictionary key", ErrCorrupt)
			}
			full := false
			var derr error
			err := item.Value(func(b []byte) error {
				ok := eachIDValue(last, b, func(id uint64, enc []byte) bool {
					v, err := decodeValue(enc)
					if err != nil {
						derr = err
						return false
					}
					if wantIDs {
						wantIDs = s.dict.fillID(epoch, enc, id)
					}
					if !s.dict.fill(epoch, id, v) {
						full = true
						return false
					}
					return true
				})
				if !ok {
					return fmt.Errorf("%w: dictionary entry %d", ErrCorrupt, last)
				}
				return derr
			})
			if err != nil {
				return err
			}
			if full {
				return nil
			}
		}
		return nil
	})
}

// lookupEnc finds the ID of an encoded value. It returns 0 when the value is
// not in the dictionary.
func (s *Store) lookupEnc(txn *badger.Txn, enc []byte) (uint64, error) {
	if id, ok := s.dict.id(enc); ok {
		return id, nil
	}
	h := xxhash.Sum64(enc)
	if b := s.valueBits.Load(); b > 0 && !s.bucketMiss.has(enc) {
		id, seen, err := s.lookupBucket(txn, bucketOf(h, b), enc)
		if err != nil || id != 0 {
			return id, err
		}
		if seen {
			// Only a bucket txn holds says the value is not in it: a
			// snapshot older than the load that wrote the buckets has
			// none of them.
			s.bucketMiss.add(enc)
		}
	}
	item, err := txn.Get(appendValueIDKeyHash(make([]byte, 0, 9+len(enc)), h, enc))
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
		s.dict.putID(enc, id)
	}
	return id, err
}

// lookupBucket finds the ID of an encoded value in value bucket b, 0 if it
// is not there; seen reports whether txn holds the bucket at all.
func (s *Store) lookupBucket(txn *badger.Txn, b uint32, enc []byte) (id uint64, seen bool, err error) {
	item, err := txn.Get(valueBucketKey(b))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, err
	}
	err = item.Value(func(v []byte) error {
		var ok bool
		if id, ok = findInBucket(v, enc); !ok {
			return fmt.Errorf("%w: value bucket %d", ErrCorrupt, b)
		}
		return nil
	})
	if err == nil && id != 0 {
		s.dict.putID(enc, id)
	}
	return id, true, err
}

// missSet remembers values known not to be in their value bucket, so that
// looking up an absent value again (a query's predicate that the store
// does not have, asked for every result) costs one Badger Get that its
// bloom filters answer, as before buckets, and not a bucket read and scan
// as well. Buckets never change, so an entry stays true; the set forgets
// everything when it reaches missSetMax entries.
type missSet struct {
	mu sync.RWMutex
	m  map[string]struct{}
}

const missSetMax = 1 << 14

func (c *missSet) has(enc []byte) bool {
	c.mu.RLock()
	_, ok := c.m[string(enc)]
	c.mu.RUnlock()
	return ok
}

func (c *missSet) add(enc []byte) {
	c.mu.Lock()
	if c.m == nil || len(c.m) >= missSetMax {
		c.m = make(map[string]struct{})
	}
	c.m[string(enc)] = struct{}{}
	c.mu.Unlock()
}

func (c *missSet) reset() {
	c.mu.Lock()
	c.m = nil
	c.mu.Unlock()
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

// assignEnc returns the ID of the value whose encoding (encodeValue) is
// enc, allocating one and writing both dictionary entries in txn if the
// value is new. The caller holds s.wmu.
func (s *Store) assignEnc(txn *badger.Txn, enc []byte, pending map[string]uint64) (uint64, error) {
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

// valueOf returns the value with the given ID. On a cache miss it reads
// the ID's entry, a single value or the ID chunk holding it, and caches
// the value.
func (s *Store) valueOf(txn *badger.Txn, id uint64) (quad.Value, error) {
	if v, ok := s.dict.value(id); ok {
		return v, nil
	}
	s.missed()
	var found quad.Value
	visit := func(item *badger.Item) error {
		last, ok := parseIDValueKey(item.Key())
		if !ok {
			return fmt.Errorf("%w: dictionary key", ErrCorrupt)
		}
		return item.Value(func(b []byte) error {
			var derr error
			ok := eachIDValue(last, b, func(x uint64, enc []byte) bool {
				if x != id {
					return true
				}
				found, derr = decodeValue(enc)
				if derr == nil {
					s.dict.putValue(x, found)
				}
				return false
			})
			if !ok {
				return fmt.Errorf("%w: dictionary entry %d", ErrCorrupt, last)
			}
			return derr
		})
	}
	item, err := txn.Get(idValueKey(id))
	switch {
	case err == nil:
		err = visit(item)
	case errors.Is(err, badger.ErrKeyNotFound):
		// Not a single entry: the ID chunk holding it, if any, is the
		// first entry after it.
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{pfxIDValue}})
		it.Seek(idValueKey(id))
		err = nil
		if it.Valid() {
			err = visit(it.Item())
		}
		it.Close()
	}
	if err != nil {
		return nil, err
	}
	if found == nil {
		return nil, fmt.Errorf("value id %d: %w", id, ErrNotFound)
	}
	return found, nil
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
