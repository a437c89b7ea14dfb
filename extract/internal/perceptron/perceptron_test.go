package perceptron

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"testing"
)

// toy task: class is the word's last letter, among a, b, c; the first
// letter is noise.
func toy(r *rand.Rand) (string, int) {
	last := r.IntN(3)
	return string(rune('a'+r.IntN(26))) + string(rune('a'+last)), last
}

func feats(f *Features, w string) []uint64 {
	f.Reset()
	f.Add0(0)
	f.Add1(1, w[len(w)-1:])
	f.Add1(2, w[:1])
	f.Add2(3, w[:1], w[len(w)-1:])
	return f.Keys
}

func train(t *testing.T) *Model {
	t.Helper()
	return trainSeeded(1)
}

// trainSeeded trains the toy task on examples drawn with seed.
func trainSeeded(seed uint64) *Model {
	r := rand.New(rand.NewPCG(seed, 2))
	tr := NewTrainer([]string{"a", "b", "c"})
	var f Features
	for i := 0; i < 3000; i++ {
		w, c := toy(r)
		tr.Train(feats(&f, w), c)
	}
	return tr.Model(1, 0)
}

func TestLearns(t *testing.T) {
	m := train(t)
	r := rand.New(rand.NewPCG(3, 4))
	var f Features
	scores := make([]float32, 3)
	for i := 0; i < 500; i++ {
		w, c := toy(r)
		if got := m.Predict(feats(&f, w), scores); got != c {
			t.Fatalf("%q: got class %d, want %d", w, got, c)
		}
	}
}

func TestPrune(t *testing.T) {
	tr := NewTrainer([]string{"x", "y"})
	var f Features
	f.Add1(1, "rare")
	tr.Train(f.Keys, 1) // one update: rare feature gets weight
	f.Reset()
	for i := 0; i < 10; i++ {
		f.Reset()
		f.Add1(1, "common")
		tr.Train(f.Keys, i%2)
	}
	if n := tr.Model(1, 0).NumFeatures(); n != 2 {
		t.Errorf("minCount 1: %d features, want 2", n)
	}
	if n := tr.Model(5, 0).NumFeatures(); n != 1 {
		t.Errorf("minCount 5: %d features, want 1", n)
	}
}

func TestSaveLoad(t *testing.T) {
	m := train(t)
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := Load(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if m2.NumFeatures() != m.NumFeatures() || len(m2.Classes) != 3 {
		t.Fatalf("loaded %d features %v", m2.NumFeatures(), m2.Classes)
	}
	var f Features
	s1, s2 := make([]float32, 3), make([]float32, 3)
	for _, w := range []string{"qa", "zb", "ac", "xx"} {
		k := feats(&f, w)
		clear(s1)
		clear(s2)
		m.Scores(k, s1)
		m2.Scores(k, s2)
		if s1 != nil && (s1[0] != s2[0] || s1[1] != s2[1] || s1[2] != s2[2]) {
			t.Errorf("%q: scores %v after load, want %v", w, s2, s1)
		}
	}
	var again bytes.Buffer
	m2.Save(&again)
	if !bytes.Equal(again.Bytes(), buf.Bytes()) {
		t.Error("save is not deterministic")
	}
	if _, err := Load(bytes.NewReader([]byte("junk"))); !errors.Is(err, ErrFormat) {
		t.Errorf("junk: err = %v, want ErrFormat", err)
	}
}

func FuzzLoad(f *testing.F) {
	m := &Model{}
	var buf bytes.Buffer
	tr := NewTrainer([]string{"a", "b"})
	var fs Features
	fs.Add1(1, "x")
	tr.Train(fs.Keys, 1)
	m = tr.Model(1, 0)
	m.Save(&buf)
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Load(bytes.NewReader(data))
		if err == nil {
			m.Scores(fs.Keys, make([]float32, len(m.Classes)))
		}
	})
}

func TestRestrict(t *testing.T) {
	var f Features
	c := NewCounter()
	f.Add1(1, "common")
	for i := 0; i < 3; i++ {
		c.Add(f.Keys)
	}
	f.Reset()
	f.Add1(1, "rare")
	c.Add(f.Keys)
	tr := NewTrainer([]string{"x", "y"})
	tr.Restrict(c, 2)
	for _, w := range []string{"common", "rare"} {
		f.Reset()
		f.Add1(1, w)
		tr.Train(f.Keys, 1)
	}
	if n := tr.Model(1, 0).NumFeatures(); n != 1 {
		t.Errorf("%d features after Restrict, want 1", n)
	}
}
