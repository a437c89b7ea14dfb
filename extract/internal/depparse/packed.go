package depparse

import (
	"cmp"
	"math/bits"
	"slices"
)

// packed is the form of a table whose features only have weights for
// classes 0, 1 and 2 (the transition table): one 8-byte slot per feature
// that holds a 16-bit tag of its key and its three weights, so that a
// lookup touches one cache line instead of two and the table takes about
// half the memory of the general form. Scores are the same as the general
// form's: both hold the same keys and weights, and weights are summed as
// integers.
//
// A slot is tag<<48 | uint16(w2)<<32 | uint16(w1)<<16 | uint16(w0), and 0
// when empty (a stored feature has a non-zero weight). Slots are an
// open-addressing table with linear probing where key k's home slot is
// k>>shift, as in the general form. The tag is d<<shift | k&(1<<shift-1),
// where d is the slot's distance from the key's home: the home gives the
// key's high bits, so the tag identifies the whole 32-bit key.
type packed struct {
	slots []uint64
	mask  uint32
	shift uint32 // at most 16, so that the low bits of a key fit a tag
}

// maxPackedGrowth bounds how many times pack doubles the table to make
// every feature's distance from its home fit in its tag.
const maxPackedGrowth = 4

// pack returns the packed form of the features given as to table.build,
// or false when they do not fit it: a class above 2, a zero weight, a
// class repeated within a feature, or a feature without weights.
func pack(keys []uint32, counts []uint8, cls []uint8, w []int16) (packed, bool) {
	n := len(keys)
	size := uint32(1)
	for float64(size) < 1.5*float64(n)+2 {
		size <<= 1
	}
	size = max(size, 1<<17)
	for range maxPackedGrowth + 1 {
		if p, ok := packInto(size, keys, counts, cls, w); ok {
			return p, true
		}
		if size >= 1<<31 {
			break
		}
		size <<= 1
	}
	return packed{}, false
}

// packInto tries to pack the features into size slots.
func packInto(size uint32, keys []uint32, counts []uint8, cls []uint8, w []int16) (packed, bool) {
	p := packed{mask: size - 1, shift: 32 - uint32(bits.Len32(size-1))}
	if p.shift > 16 {
		return packed{}, false
	}
	maxDist := uint32(1)<<(16-p.shift) - 1
	low := uint32(1)<<p.shift - 1
	p.slots = make([]uint64, size)
	e := 0
	for i, k := range keys {
		c := int(counts[i])
		if c == 0 {
			return packed{}, false
		}
		var v uint64
		last := -1
		for _, x := range cls[e : e+c] {
			if int(x) > 2 || int(x) <= last || w[e] == 0 {
				return packed{}, false
			}
			last = int(x)
			v |= uint64(uint16(w[e])) << (16 * x)
			e++
		}
		home := slotOf(k, p.shift)
		j := home
		for p.slots[j] != 0 {
			j = (j + 1) & p.mask
		}
		d := (j - home) & p.mask
		if d > maxDist {
			return packed{}, false
		}
		p.slots[j] = uint64(d<<p.shift|k&low)<<48 | v
	}
	return p, true
}

// score adds the weights of feats to scores[0:3], as table.score does.
func (p *packed) score(feats []uint64, scores []int32, idx []uint32) ([]uint32, uint32) {
	slots, mask, shift := p.slots, p.mask, p.shift
	scores = scores[:3]
	low := uint32(1)<<shift - 1
	idx = idx[:0]
	var sink uint32
	// Touch every home slot first, in a loop without data-dependent
	// branches, so that the cache misses overlap.
	for _, f := range feats {
		j := slotOf(key32(f), shift)
		idx = append(idx, j)
		sink += uint32(slots[j])
	}
	for i, f := range feats {
		k := key32(f)
		// the tag the feature has at distance d from its home is
		// want + d<<shift; past the largest distance a tag holds it
		// exceeds 16 bits and matches nothing
		want := uint64(k & low)
		j := idx[i]
		for {
			s := slots[j]
			if s == 0 {
				break
			}
			if s>>48 == want {
				scores[0] += int32(int16(s))
				scores[1] += int32(int16(s >> 16))
				scores[2] += int32(int16(s >> 32))
				break
			}
			want += uint64(1) << shift
			j = (j + 1) & mask
		}
	}
	return idx, sink
}

// arrays returns the features sorted by key, in the form build takes.
func (p *packed) arrays() (keys []uint32, counts []uint8, cls []uint8, w []int16) {
	type feat struct {
		key uint32
		s   uint64
	}
	var fs []feat
	low := uint32(1)<<p.shift - 1
	for j, s := range p.slots {
		if s == 0 {
			continue
		}
		tag := uint32(s >> 48)
		home := (uint32(j) - tag>>p.shift) & p.mask
		fs = append(fs, feat{home<<p.shift | tag&low, s})
	}
	slices.SortFunc(fs, func(a, b feat) int { return cmp.Compare(a.key, b.key) })
	for _, f := range fs {
		keys = append(keys, f.key)
		n := uint8(0)
		for c := range 3 {
			if x := int16(f.s >> (16 * c)); x != 0 {
				cls = append(cls, uint8(c))
				w = append(w, x)
				n++
			}
		}
		counts = append(counts, n)
	}
	return
}
