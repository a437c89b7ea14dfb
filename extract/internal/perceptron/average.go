package perceptron

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// Average returns the model whose weights are the mean of the weights of
// ms, which must have the same classes (models of the same task trained
// with different shuffles: their mean is a cheap ensemble that scores as
// fast as one model). Weights whose magnitude is below minWeight after
// averaging are dropped.
func Average(ms []*Model, minWeight float32) (*Model, error) {
	if len(ms) == 0 {
		return nil, fmt.Errorf("perceptron: average: no models")
	}
	nc := len(ms[0].Classes)
	for _, m := range ms[1:] {
		if !slices.Equal(m.Classes, ms[0].Classes) {
			return nil, fmt.Errorf("perceptron: average: models with different classes")
		}
	}
	sums := map[uint64][]float32{}
	for _, m := range ms {
		for _, r := range m.rows {
			s := sums[r.key]
			if s == nil {
				s = make([]float32, nc)
				sums[r.key] = s
			}
			for _, e := range m.entries[r.start : r.start+r.n] {
				s[e.class] += math.Float32frombits(uint32(e.w) << 16)
			}
		}
	}
	keys := make([]uint64, 0, len(sums))
	for k := range sums {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, cmp.Compare[uint64])
	out := &Model{Classes: slices.Clone(ms[0].Classes)}
	k := float32(len(ms))
	for _, key := range keys {
		start := uint32(len(out.entries))
		n := uint32(0)
		for c, w := range sums[key] {
			avg := bf16(w / k)
			if avg != 0 && (avg >= minWeight || avg <= -minWeight) {
				out.entries = append(out.entries, entry{uint16(c), uint16(math.Float32bits(avg) >> 16)})
				n++
			}
		}
		if n > 0 {
			out.rows = append(out.rows, row{key, start, n})
		}
	}
	out.build()
	return out, nil
}
