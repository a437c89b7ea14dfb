package depparse

import (
	"math"
	"slices"
)

// Training weights: a sparse averaged perceptron. Each feature that has
// ever been updated owns a short row of (class, weight) entries; most
// features are seen with only a few classes, so rows stay short. Weights are
// float32; the averaging uses the Daumé trick (w - u/c), with u kept in
// float64 because it grows with the instance counter.

type entry struct {
	cls uint16
	w   float32
	u   float64
}

type trainWeights struct {
	idx  map[uint64]int32
	rows [][]entry
	c    float64 // instances seen, for averaging
}

// newTrainWeights makes room for about hint features.
func newTrainWeights(hint int) *trainWeights {
	return &trainWeights{idx: make(map[uint64]int32, min(hint, 1<<20))}
}

// score adds the weights of feats to scores and records each feature's row
// (or -1) in rowsOut for a following update.
func (t *trainWeights) score(feats []uint64, scores []float32, rowsOut []int32) []int32 {
	rowsOut = rowsOut[:0]
	for _, f := range feats {
		r, ok := t.idx[f]
		if !ok {
			rowsOut = append(rowsOut, -1)
			continue
		}
		rowsOut = append(rowsOut, r)
		for _, e := range t.rows[r] {
			scores[e.cls] += e.w
		}
	}
	return rowsOut
}

// update adds delta to class cls of every feature.
func (t *trainWeights) update(feats []uint64, rows []int32, cls int, delta float32) {
	for i, f := range feats {
		r := rows[i]
		if r < 0 {
			if r2, ok := t.idx[f]; ok {
				r = r2
			} else {
				r = int32(len(t.rows))
				t.idx[f] = r
				t.rows = append(t.rows, nil)
			}
			rows[i] = r
		}
		row := t.rows[r]
		j := 0
		for j < len(row) && int(row[j].cls) != cls {
			j++
		}
		if j == len(row) {
			t.rows[r] = append(row, entry{cls: uint16(cls)})
			row = t.rows[r]
		}
		row[j].w += delta
		row[j].u += t.c * float64(delta)
	}
}

// averaged returns the averaged weights as sorted (feature, class, weight)
// triples, dropping those whose magnitude is below minAbs.
func (t *trainWeights) averaged(minAbs float64) (keys []uint64, rows [][]entry) {
	keys = make([]uint64, 0, len(t.idx))
	for k := range t.idx {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := keys[:0]
	c := t.c
	if c == 0 {
		c = 1
	}
	for _, k := range keys {
		var row []entry
		for _, e := range t.rows[t.idx[k]] {
			a := float64(e.w) - e.u/c
			if math.Abs(a) >= minAbs && minAbs >= 0 {
				row = append(row, entry{cls: e.cls, w: float32(a)})
			}
		}
		if len(row) == 0 {
			continue
		}
		slices.SortFunc(row, func(a, b entry) int { return int(a.cls) - int(b.cls) })
		out = append(out, k)
		rows = append(rows, row)
	}
	return out, rows
}
