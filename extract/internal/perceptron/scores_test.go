package perceptron

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestScoresInOrder checks Scores against a brute-force scorer that adds
// each feature's weights one feature after the other: the floating-point
// sums must be equal bit for bit, over feature lists longer than Scores'
// blocks and with repeated and unknown features.
func TestScoresInOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	classes := []string{"a", "b", "c", "d", "e", "f", "g"}
	tr := NewTrainer(classes)
	var pool []uint64
	for range 3000 {
		pool = append(pool, r.Uint64()|1)
	}
	for range 20000 {
		fs := make([]uint64, 1+r.IntN(12))
		for i := range fs {
			fs[i] = pool[r.IntN(len(pool))]
		}
		tr.Train(fs, r.IntN(len(classes)))
	}
	m := tr.Model(1, 0)
	rows := map[uint64]row{}
	for _, rw := range m.rows {
		rows[rw.key] = rw
	}
	if len(rows) < 1000 {
		t.Fatalf("only %d features trained", len(rows))
	}
	for range 300 {
		fs := make([]uint64, r.IntN(300))
		for i := range fs {
			if r.IntN(4) == 0 {
				fs[i] = r.Uint64() // unknown
			} else {
				fs[i] = pool[r.IntN(len(pool))]
			}
		}
		got := make([]float32, len(classes))
		want := make([]float32, len(classes))
		for i := range got {
			got[i] = float32(i) * 0.1 // Scores adds to what is there
			want[i] = got[i]
		}
		m.Scores(fs, got)
		for _, k := range fs {
			rw, ok := rows[k]
			if !ok {
				continue
			}
			for _, e := range m.entries[rw.start : rw.start+rw.n] {
				want[e.class] += math.Float32frombits(uint32(e.w) << 16)
			}
		}
		for c := range got {
			if math.Float32bits(got[c]) != math.Float32bits(want[c]) {
				t.Fatalf("%d features: class %d scores %v, brute force %v", len(fs), c, got[c], want[c])
			}
		}
	}
}
