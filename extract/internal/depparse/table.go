package depparse

import "math"

// table holds the frozen, quantised weights of a trained model in an
// open-addressing hash table keyed by the top 32 bits of the feature hash.
// Feature i's entries are cls[start[i]:start[i+1]] and w[start[i]:start[i+1]].
type table struct {
	mask  uint32
	keys  []uint32 // per slot; 0 = empty
	feat  []uint32 // per slot: feature index
	start []uint32 // per feature, plus one
	cls   []uint8
	w     []int16
	scale float32 // weight = w * scale
}

func key32(f uint64) uint32 {
	k := uint32(f >> 32)
	if k == 0 {
		k = 1
	}
	return k
}

// build fills the slot arrays from sorted, unique keys and start.
func (t *table) build(keys []uint32) {
	n := len(keys)
	size := uint32(1)
	for int(size) < 2*n+2 {
		size <<= 1
	}
	t.mask = size - 1
	t.keys = make([]uint32, size)
	t.feat = make([]uint32, size)
	for i, k := range keys {
		j := (k * 0x9e3779b1) & t.mask
		for t.keys[j] != 0 {
			j = (j + 1) & t.mask
		}
		t.keys[j] = k
		t.feat[j] = uint32(i)
	}
}

// lookup returns the entry range of feature f, empty if absent.
func (t *table) lookup(f uint64) (lo, hi uint32) {
	k := key32(f)
	j := (k * 0x9e3779b1) & t.mask
	for {
		switch t.keys[j] {
		case k:
			i := t.feat[j]
			return t.start[i], t.start[i+1]
		case 0:
			return 0, 0
		}
		j = (j + 1) & t.mask
	}
}

// score adds the weights of feats to scores, in units of t.scale.
func (t *table) score(feats []uint64, scores []int32) {
	if len(t.keys) == 0 {
		return
	}
	for _, f := range feats {
		lo, hi := t.lookup(f)
		cls := t.cls[lo:hi]
		w := t.w[lo:hi:hi]
		for i, c := range cls {
			scores[c] += int32(w[i])
		}
	}
}

// freeze converts averaged weights (sorted 64-bit keys with their rows)
// into a quantised table. Features whose 32-bit keys collide are merged.
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
	// Group by 32-bit key; 64-bit keys sorted means 32-bit keys sorted.
	var k32 []uint32
	t.start = append(t.start, 0)
	acc := map[uint16]float64{}
	flush := func() {
		if len(acc) == 0 {
			return
		}
		var cs []int
		for c := range acc {
			cs = append(cs, int(c))
		}
		sortInts(cs)
		for _, c := range cs {
			q := math.Round(acc[uint16(c)] / float64(t.scale))
			if q == 0 {
				continue
			}
			q = math.Max(-32767, math.Min(32767, q))
			t.cls = append(t.cls, uint8(c))
			t.w = append(t.w, int16(q))
		}
		clear(acc)
		if uint32(len(t.cls)) == t.start[len(t.start)-1] {
			k32 = k32[:len(k32)-1] // every weight rounded to zero
			return
		}
		t.start = append(t.start, uint32(len(t.cls)))
	}
	for i, k := range keys {
		kk := key32(k)
		if len(k32) == 0 || k32[len(k32)-1] != kk {
			flush()
			k32 = append(k32, kk)
		}
		for _, e := range rows[i] {
			acc[e.cls] += float64(e.w)
		}
	}
	flush()
	t.build(k32)
	return t
}

func sortInts(xs []int) {
	for i := 1; i < len(xs); i++ {
		for j := i; j > 0 && xs[j] < xs[j-1]; j-- {
			xs[j], xs[j-1] = xs[j-1], xs[j]
		}
	}
}

// sortedKeys returns the 32-bit key of each feature in index order.
func (t *table) sortedKeys() []uint32 {
	out := make([]uint32, len(t.start)-1)
	for j, k := range t.keys {
		if k != 0 {
			out[t.feat[j]] = k
		}
	}
	return out
}
