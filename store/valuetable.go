package store

import (
	"bytes"

	"github.com/cespare/xxhash/v2"
)

// valueTable holds the values a bulk load adds to the dictionary. It
// contains no pointers — values are back to back in one byte arena, found
// through an open-addressing hash table of their indexes — so that the
// garbage collector does not scan millions of strings during a large load,
// and it costs about 30 bytes a value beside the value's own bytes (a
// map and hash chains cost about twice that).
type valueTable struct {
	arena  []byte
	ends   []uint64 // ends[i] is where value i ends in arena
	hashes []uint64 // hashes[i] is value i's hash
	slots  []uint32 // 1 + a value's index, 0 for empty; linear probing
	ids    []uint64 // the ID of value i (nil when IDs are i+1)
}

func newValueTable(explicitIDs bool) *valueTable {
	t := &valueTable{slots: make([]uint32, 1024)}
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

// hash is the hash value i was added with.
func (t *valueTable) hash(i int) uint64 { return t.hashes[i] }

// id is the ID of value i.
func (t *valueTable) id(i int) uint64 {
	if t.ids == nil {
		return uint64(i) + 1
	}
	return t.ids[i]
}

// lookup returns the index of enc, added with hash h, if present.
func (t *valueTable) lookup(enc []byte, h uint64) (int, bool) {
	mask := uint64(len(t.slots) - 1)
	for s := h & mask; ; s = (s + 1) & mask {
		j := t.slots[s]
		if j == 0 {
			return 0, false
		}
		if t.hashes[j-1] == h && bytes.Equal(t.value(int(j-1)), enc) {
			return int(j - 1), true
		}
	}
}

// add appends enc with its hash and ID (ignored when IDs are implicit)
// and returns its index. enc must not be in the table.
func (t *valueTable) add(enc []byte, h uint64, id uint64) int {
	i := len(t.ends)
	if 2*(i+1) > len(t.slots) {
		t.grow()
	}
	t.arena = append(t.arena, enc...)
	t.ends = append(t.ends, uint64(len(t.arena)))
	t.hashes = append(t.hashes, h)
	if t.ids != nil {
		t.ids = append(t.ids, id)
	}
	t.place(i)
	return i
}

// place puts value i in the first free slot from its hash on.
func (t *valueTable) place(i int) {
	mask := uint64(len(t.slots) - 1)
	s := t.hashes[i] & mask
	for t.slots[s] != 0 {
		s = (s + 1) & mask
	}
	t.slots[s] = uint32(i + 1)
}

// grow doubles the slots, keeping the load at most one half.
func (t *valueTable) grow() {
	t.slots = make([]uint32, 2*len(t.slots))
	for i := range t.ends {
		t.place(i)
	}
}

func hashValue(enc []byte) uint64 { return xxhash.Sum64(enc) }
