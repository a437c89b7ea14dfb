package store

import (
	"bytes"

	"github.com/cespare/xxhash/v2"
)

// valueTable holds the values a bulk load adds to the dictionary. It
// contains no pointers — values are back to back in one byte arena, found
// through a map from their 64-bit hash to an index, with a chain for the
// rare values that share a hash — so that the garbage collector does not
// scan millions of strings during a large load.
type valueTable struct {
	arena []byte
	ends  []uint64          // ends[i] is where value i ends in arena
	index map[uint64]uint32 // hash → 1 + the latest value with that hash
	next  []uint32          // next[i] is 1 + the previous value with value i's hash
	ids   []uint64          // the ID of value i (nil when IDs are i+1)
}

func newValueTable(explicitIDs bool) *valueTable {
	t := &valueTable{index: make(map[uint64]uint32)}
	if explicitIDs {
		t.ids = []uint64{}
	}
	return t
}

// len is the number of values.
func (t *valueTable) len() int { return len(t.ends) }

// value returns value i; the slice is valid until the next add.
func (t *valueTable) value(i int) []byte {
	start := uint64(0)
	if i > 0 {
		start = t.ends[i-1]
	}
	return t.arena[start:t.ends[i]]
}

// id is the ID of value i.
func (t *valueTable) id(i int) uint64 {
	if t.ids == nil {
		return uint64(i) + 1
	}
	return t.ids[i]
}

// lookup returns the index of enc, if present.
func (t *valueTable) lookup(enc []byte, h uint64) (int, bool) {
	for j := t.index[h]; j != 0; j = t.next[j-1] {
		if bytes.Equal(t.value(int(j-1)), enc) {
			return int(j - 1), true
		}
	}
	return 0, false
}

// add appends enc with its hash and ID (ignored when IDs are implicit)
// and returns its index.
func (t *valueTable) add(enc []byte, h uint64, id uint64) int {
	i := len(t.ends)
	t.arena = append(t.arena, enc...)
	t.ends = append(t.ends, uint64(len(t.arena)))
	t.next = append(t.next, t.index[h])
	t.index[h] = uint32(i + 1)
	if t.ids != nil {
		t.ids = append(t.ids, id)
	}
	return i
}

func hashValue(enc []byte) uint64 { return xxhash.Sum64(enc) }
