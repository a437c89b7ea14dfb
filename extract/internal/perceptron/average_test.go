package perceptron

import (
	"math/rand/v2"
	"testing"
)

// TestAverage checks that the averaged model scores every input with the
// mean of its members' scores (to bfloat16 precision), and that it still
// solves the toy task.
func TestAverage(t *testing.T) {
	ms := []*Model{trainSeeded(1), trainSeeded(5), trainSeeded(9)}
	avg, err := Average(ms, 0)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(3, 4))
	var f Features
	for i := 0; i < 300; i++ {
		w, c := toy(r)
		keys := feats(&f, w)
		want := make([]float32, 3)
		for _, m := range ms {
			m.Scores(keys, want)
		}
		got := make([]float32, 3)
		avg.Scores(keys, got)
		for k := range want {
			mean := want[k] / 3
			if d := got[k] - mean; d > 0.02*abs(mean)+0.02 || d < -0.02*abs(mean)-0.02 {
				t.Fatalf("%q class %d: averaged score %g, mean of members %g", w, k, got[k], mean)
			}
		}
		if p := avg.Predict(keys, got); p != c {
			t.Fatalf("%q: got class %d, want %d", w, p, c)
		}
	}
	// a high minWeight drops weights
	pruned, err := Average(ms, 1e6)
	if err != nil {
		t.Fatal(err)
	}
	if pruned.NumWeights() != 0 || avg.NumWeights() == 0 {
		t.Errorf("weights: %d with minWeight 1e6, %d with 0", pruned.NumWeights(), avg.NumWeights())
	}
	// one model averages to itself
	one, err := Average(ms[:1], 0)
	if err != nil {
		t.Fatal(err)
	}
	if one.NumWeights() != ms[0].NumWeights() || one.NumFeatures() != ms[0].NumFeatures() {
		t.Errorf("average of one model: %d weights %d features, want %d, %d", one.NumWeights(), one.NumFeatures(), ms[0].NumWeights(), ms[0].NumFeatures())
	}
	if _, err := Average(nil, 0); err == nil {
		t.Error("average of no models: no error")
	}
	other := NewTrainer([]string{"x", "y"}).Model(1, 0)
	if _, err := Average([]*Model{ms[0], other}, 0); err == nil {
		t.Error("average of models with different classes: no error")
	}
}

func abs(x float32) float32 {
	if x < 0 {
		return -x
	}
	return x
}
