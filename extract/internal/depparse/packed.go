package depparse

import (
	"cmp"
	"math/bits"
	"slices"
)

// packed is the form of a table made for lookups: one 8-byte slot per
// feature that holds a 16-bit tag of its key and, in most cases, all its
// weights, so that a lookup touches one cache line instead of two and the
// table takes about half the memory of the general form. Scores are the
// same as the general form's: both hold the same keys and weights, and
// weights are summed as integers.
//
// Slots are an open-addressing table with linear probing where key k's
// home slot is k>>shift, as in the general form. A slot is tag<<48 |
// payload, and 0 when empty (a stored feature's payload is not 0). The tag
// is d<<shift | k&(1<<shift-1), where d is the slot's distance from the
// key's home: the home gives the key's high bits, so the tag identifies
// the whole 32-bit key.
//
// The payload has one of two layouts. In the narrow one, for tables whose
// features only have non-zero weights for classes 0, 1 and 2 (the
// transition table), it is uint16(w2)<<32 | uint16(w1)<<16 | uint16(w0).
// In the wide one, for classes below 128 (the label table), its low two
// bits give the kind of slot:
//
//	1: one weight: class in bits 2-8, weight in bits 9-24
//	2: two weights: as 1, then the second class in bits 25-31 and its
//	   weight in bits 32-47
//	3: more weights: bits 2-33 are the offset of the feature's run in
//	   data, laid out as in the general form
type packed struct {
	slots []uint64
	data  []uint32 // wide layout: the runs of features with more than two weights
	mask  uint32
	shift uint32 // at most 16, so that the low bits of a key fit a tag
	wide  bool
}

// maxPackedGrowth bounds how many times pack doubles the table to make
// every feature's distance from its home fit in its tag.
const maxPackedGrowth = 4

// pack returns the packed form of the features given as to table.build,
// or false when they fit neither layout: a class above 127, or features
// that pile up so far from their home slots that the distance does not
// fit a tag even in a larger table.
func pack(keys []uint32, counts []uint8, cls []uint8, w []int16) (packed, bool) {
	wide := !narrow(counts, cls, w)
	if wide && slices.ContainsFunc(cls, func(c uint8) bool { return c > 127 }) {
		return packed{}, false
	}
	n := len(keys)
	size := uint32(1)
	for float64(size) < 1.5*float64(n)+2 {
		size <<= 1
	}
	// at least 2¹⁷ slots, so that shift is at most 15 and a tag has room
	// for a distance
	size = max(size, 1<<17)
	for range maxPackedGrowth + 1 {
		if p, ok := packInto(size, wide, keys, counts, cls, w); ok {
			return p, true
		}
		if size >= 1<<31 {
			break
		}
		size <<= 1
	}
	return packed{}, false
}

// narrow reports whether the features fit the narrow layout: every
// feature has weights, all non-zero, for increasing classes below 3.
func narrow(counts []uint8, cls []uint8, w []int16) bool {
	e := 0
	for _, c := range counts {
		if c == 0 {
			return false
		}
		last := -1
		for _, x := range cls[e : e+int(c)] {
			if int(x) > 2 || int(x) <= last || w[e] == 0 {
				return false
			}
			last = int(x)
			e++
		}
	}
	return true
}

// packInto tries to pack the features into size slots.
func packInto(size uint32, wide bool, keys []uint32, counts []uint8, cls []uint8, w []int16) (packed, bool) {
	p := packed{mask: size - 1, shift: 32 - uint32(bits.Len32(size-1)), wide: wide}
	if p.shift > 16 {
		return packed{}, false
	}
	maxDist := uint32(1)<<(16-p.shift) - 1
	low := uint32(1)<<p.shift - 1
	p.slots = make([]uint64, size)
	e := 0
	for i, k := range keys {
		c := int(counts[i])
		cs, ws := cls[e:e+c], w[e:e+c]
		e += c
		var v uint64
		switch {
		case !wide:
			for j, x := range cs {
				v |= uint64(uint16(ws[j])) << (16 * x)
			}
		case c == 1:
			v = 1 | uint64(cs[0])<<2 | uint64(uint16(ws[0]))<<9
		case c == 2:
			v = 2 | uint64(cs[0])<<2 | uint64(uint16(ws[0]))<<9 |
				uint64(cs[1])<<25 | uint64(uint16(ws[1]))<<32
		default:
			if len(p.data) > 1<<32-1-256 {
				return packed{}, false
			}
			v = 3 | uint64(len(p.data))<<2
			p.data = append(p.data, uint32(c))
			for j, x := range cs {
				p.data = append(p.data, uint32(x)<<16|uint32(uint16(ws[j])))
			}
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

// score adds the weights of feats to scores, as table.score does.
func (p *packed) score(feats []uint64, scores []int32, idx []uint32) ([]uint32, uint32) {
	// Touch every home slot first, in a loop without data-dependent
	// branches and with few instructions, so that the processor keeps
	// many of the cache misses in flight at once. (key32 only changes a
	// key of 0, whose home slot is the same as key 1's.)
	slots, shift := p.slots, p.shift
	var sink uint64
	for _, f := range feats {
		sink += slots[uint32(f>>32)>>shift]
	}
	if p.wide {
		return p.scoreWide(feats, scores, idx, uint32(sink))
	}
	scores = scores[:3]
	for _, f := range feats {
		k := key32(f)
		if s := p.find(k, slotOf(k, shift)); s != 0 {
			scores[0] += int32(int16(s))
			scores[1] += int32(int16(s >> 16))
			scores[2] += int32(int16(s >> 32))
		}
	}
	return idx, uint32(sink)
}

// find returns the slot of key k, whose home slot is j, or 0.
func (p *packed) find(k, j uint32) uint64 {
	// the tag that k has at distance d from its home is want + d<<shift;
	// past the largest distance a tag holds, it exceeds 16 bits and
	// matches nothing
	want := uint64(k & (1<<p.shift - 1))
	for {
		s := p.slots[j]
		if s == 0 || s>>48 == want {
			return s
		}
		want += uint64(1) << p.shift
		j = (j + 1) & p.mask
	}
}

// scoreWide is score for the wide layout; idx is scratch space.
func (p *packed) scoreWide(feats []uint64, scores []int32, idx []uint32, sink uint32) ([]uint32, uint32) {
	// Runs in data are added after the probes, whose loads of their
	// first words overlap.
	offs := idx[:0]
	for _, f := range feats {
		k := key32(f)
		s := p.find(k, slotOf(k, p.shift))
		switch s & 3 {
		case 1:
			scores[s>>2&127] += int32(int16(s >> 9))
		case 2:
			scores[s>>2&127] += int32(int16(s >> 9))
			scores[s>>25&127] += int32(int16(s >> 32))
		case 3:
			off := uint32(s >> 2)
			offs = append(offs, off)
			sink += p.data[off]
		}
	}
	for _, off := range offs {
		n := p.data[off]
		for _, e := range p.data[off+1 : off+1+n] {
			scores[e>>16] += int32(int16(e))
		}
	}
	return offs, sink
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
		add := func(c uint64, x int16) {
			cls = append(cls, uint8(c))
			w = append(w, x)
			n++
		}
		switch {
		case !p.wide:
			for c := range uint64(3) {
				if x := int16(f.s >> (16 * c)); x != 0 {
					add(c, x)
				}
			}
		case f.s&3 == 3:
			off := uint32(f.s >> 2)
			for _, e := range p.data[off+1 : off+1+p.data[off]] {
				add(uint64(e>>16), int16(e))
			}
		default:
			add(f.s>>2&127, int16(f.s>>9))
			if f.s&3 == 2 {
				add(f.s>>25&127, int16(f.s>>32))
			}
		}
		counts = append(counts, n)
	}
	return
}
