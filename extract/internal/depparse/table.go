package depparse

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
)

// table holds the frozen, quantised weights of a trained model in an
// open-addressing hash table keyed by the top 32 bits of the feature hash.
// Each slot points into data, where a feature's run is its number of
// weights followed by the weights packed as class<<16 | uint16(weight), so
// a lookup touches two cache lines at most. A table whose features fit
// the packed form (see packed) is kept in that form instead.
type table struct {
	packed packed // when packed.slots is not nil, the table's only form
	mask   uint32
	shift  uint32 // a key's home slot is key >> shift
	slots  []slot
	data   []uint32
	scale  float32 // weight = w * scale
}

type slot struct {
	key uint32 // 0 = empty
	off uint32 // index of the feature's run in data
}

func key32(f uint64) uint32 {
	k := uint32(f >> 32)
	if k == 0 {
		k = 1
	}
	return k
}

// slotOf returns the home slot of key k: its top bits. Keys are hash bits
// already, and keys inserted in increasing order then fill the table from
// left to right, so building it from a sorted file writes memory in order.
func slotOf(k, shift uint32) uint32 { return k >> shift }

// build makes the table from features given in parallel arrays: feature
// i has key keys[i] (distinct, non-zero) and the next counts[i] entries of
// cls and w.
func (t *table) build(keys []uint32, counts []uint8, cls []uint8, w []int16) {
	*t = table{scale: t.scale}
	if p, ok := pack(keys, counts, cls, w); ok {
		t.packed = p
		return
	}
	t.buildGeneral(keys, counts, cls, w)
}

// buildGeneral makes the general form of the table, as build.
func (t *table) buildGeneral(keys []uint32, counts []uint8, cls []uint8, w []int16) {
	n := len(keys)
	size := uint32(1)
	for float64(size) < 1.5*float64(n)+2 {
		size <<= 1
	}
	t.mask = size - 1
	t.shift = 32 - uint32(bits.Len32(size-1))
	t.slots = make([]slot, size)
	t.data = make([]uint32, 0, n+len(cls))
	e := 0
	for i, k := range keys {
		j := slotOf(k, t.shift)
		for t.slots[j].key != 0 {
			j = (j + 1) & t.mask
		}
		t.slots[j] = slot{k, uint32(len(t.data))}
		c := int(counts[i])
		t.data = append(t.data, uint32(c))
		for _, x := range cls[e : e+c] {
			t.data = append(t.data, uint32(x)<<16|uint32(uint16(w[e])))
			e++
		}
	}
}

// score adds the weights of feats to scores, in units of t.scale. idx is
// scratch space; score returns it for reuse, with a checksum of the loads
// that the caller keeps so that the compiler cannot drop them.
//
// Lookups are random accesses into tables of tens of megabytes, so score
// first touches every feature's slot and then every found feature's run in
// loops without data-dependent branches: the processor can then overlap the
// cache misses instead of taking them one by one.
func (t *table) score(feats []uint64, scores []int32, idx []uint32) ([]uint32, uint32) {
	if t.packed.slots != nil {
		return t.packed.score(feats, scores, idx)
	}
	if len(t.slots) == 0 {
		return idx, 0
	}
	slots, data, mask, shift := t.slots, t.data, t.mask, t.shift
	idx = idx[:0]
	var sink uint32
	for _, f := range feats {
		j := slotOf(key32(f), shift)
		idx = append(idx, j)
		sink += slots[j].key
	}
	// Probe, keeping the offsets of the features found.
	offs := idx[:0]
	for i, f := range feats {
		k := key32(f)
		j := idx[i]
		for {
			s := slots[j]
			if s.key == k {
				offs = append(offs, s.off)
				sink += data[s.off]
				break
			}
			if s.key == 0 {
				break
			}
			j = (j + 1) & mask
		}
	}
	for _, off := range offs {
		n := data[off]
		for _, e := range data[off+1 : off+1+n] {
			scores[e>>16] += int32(int16(e))
		}
	}
	return offs, sink
}

// arrays returns the table's features sorted by key, in the form build
// takes.
func (t *table) arrays() (keys []uint32, counts []uint8, cls []uint8, w []int16) {
	if t.packed.slots != nil {
		return t.packed.arrays()
	}
	var sl []slot
	for _, s := range t.slots {
		if s.key != 0 {
			sl = append(sl, s)
		}
	}
	slices.SortFunc(sl, func(a, b slot) int { return cmp.Compare(a.key, b.key) })
	for _, s := range sl {
		n := t.data[s.off]
		keys = append(keys, s.key)
		counts = append(counts, uint8(n))
		for _, e := range t.data[s.off+1 : s.off+1+n] {
			cls = append(cls, uint8(e>>16))
			w = append(w, int16(e))
		}
	}
	return
}

// freeze converts averaged weights (sorted 64-bit keys with their rows)
// into a quantised table. Features whose 32-bit keys collide are merged;
// weights that round to zero are dropped.
func freeze(keys []uint64, rows [][]entry) table {
	var t table
	maxAbs := 0.0
	for _, r := range rows {
		for _, e := range r {
			maxAbs = math.Max(maxAbs, math.Abs(float64(e.w)))
		}
	}
	if maxAbs == 0 {
		maxAbs = 1
	}
	t.scale = float32(maxAbs / 32767)
	var (
		fkeys   []uint32
		fcounts []uint8
		fcls    []uint8
		fw      []int16
	)
	acc := map[uint16]float64{}
	flush := func(k uint32) {
		if len(acc) == 0 {
			return
		}
		cs := make([]int, 0, len(acc))
		for c := range acc {
			cs = append(cs, int(c))
		}
		slices.Sort(cs)
		n := 0
		for _, c := range cs {
			q := math.Round(acc[uint16(c)] / float64(t.scale))
			if q == 0 {
				continue
			}
			q = math.Max(-32767, math.Min(32767, q))
			fcls = append(fcls, uint8(c))
			fw = append(fw, int16(q))
			n++
		}
		clear(acc)
		if n > 0 {
			fkeys = append(fkeys, k)
			fcounts = append(fcounts, uint8(n))
		}
	}
	// 64-bit keys sorted means 32-bit keys sorted (key32 maps 0 to 1,
	// which keeps the order).
	cur := uint32(0)
	for i, k := range keys {
		if kk := key32(k); kk != cur {
			flush(cur)
			cur = kk
		}
		for _, e := range rows[i] {
			acc[e.cls] += float64(e.w)
		}
	}
	flush(cur)
	t.build(fkeys, fcounts, fcls, fw)
	return t
}
