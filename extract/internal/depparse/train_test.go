package depparse

import (
	"bytes"
	"errors"
	"slices"
	"testing"
)

// TestTrainSmoke trains on a few hundred EWT sentences (gold tags) and
// checks that the model learned something, survives a write/read round
// trip unchanged, and that training is deterministic.
func TestTrainSmoke(t *testing.T) {
	train := loadTreebank(t, "ud-ewt/en_ewt-ud-train.conllu", "")[:300]
	dev := loadTreebank(t, "ud-ewt/en_ewt-ud-dev.conllu", "")[:300]
	var epochs []Progress
	opt := TrainOptions{Epochs: 3, Seed: 7, Progress: func(p Progress) { epochs = append(epochs, p) }}
	m, err := Train(train, opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(epochs) != 3 || epochs[2].Accuracy <= epochs[0].Accuracy {
		t.Errorf("training accuracy did not improve: %+v", epochs)
	}
	sc := Evaluate(m, dev)
	t.Logf("dev after 300 sentences: %v", sc)
	// A parser that attaches every word to its neighbour scores about 30.
	if sc.UAS() < 60 || sc.LAS() < 45 {
		t.Errorf("dev score too low: %v", sc)
	}
	if sc.FullLAS() > sc.LAS() || sc.LAS() > sc.UAS() {
		t.Errorf("inconsistent scores: %v", sc)
	}

	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := Read(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range dev[:50] {
		h1, r1 := m.Parse(s.Words, s.Tags)
		h2, r2 := m2.Parse(s.Words, s.Tags)
		if !slices.Equal(h1, h2) || !slices.Equal(r1, r2) {
			t.Fatalf("parse differs after reading the model back: %v %v vs %v %v", h1, r1, h2, r2)
		}
	}
	// Determinism, on less data to keep the test quick.
	var files [2][]byte
	for i := range files {
		mi, err := Train(train[:100], TrainOptions{Epochs: 2, Seed: 7})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := mi.Write(&b); err != nil {
			t.Fatal(err)
		}
		files[i] = b.Bytes()
	}
	if !bytes.Equal(files[0], files[1]) {
		t.Error("training twice with the same seed gave different model files")
	}
	if got := m.Labels(); !slices.Contains(got, "nsubj") || !slices.Contains(got, "root") {
		t.Errorf("labels %v lack nsubj or root", got)
	}
}

func TestTrainRejects(t *testing.T) {
	bad := []Sentence{
		{},
		{Words: []string{"a"}, Tags: []string{"DT"}, Heads: []int{1}, Rels: []string{"root"}},                                             // self loop
		{Words: []string{"a", "b"}, Tags: []string{"DT", "NN"}, Heads: []int{0, 0}, Rels: []string{"root", "root"}},                       // two roots
		{Words: []string{"a", "b", "c"}, Tags: []string{"DT", "NN", "VB"}, Heads: []int{2, 1, 0}, Rels: []string{"det", "nsubj", "root"}}, // cycle
		{Words: []string{"a", "b"}, Tags: []string{"DT"}, Heads: []int{2, 0}, Rels: []string{"det", "root"}},                              // missing tag
		{Words: []string{"a", "b"}, Tags: []string{"DT", "NN"}, Heads: []int{3, 0}, Rels: []string{"det", "root"}},                        // head out of range
	}
	for i, s := range bad {
		if validTree(s) == nil {
			t.Errorf("sentence %d accepted: %+v", i, s)
		}
	}
	if _, err := Train(bad, TrainOptions{Epochs: 1}); !errors.Is(err, ErrNoData) {
		t.Errorf("Train on malformed data: %v, want ErrNoData", err)
	}
	good := Sentence{Words: []string{"a", "b"}, Tags: []string{"DT", "NN"}, Heads: []int{2, 0}, Rels: []string{"det", "root"}}
	if err := validTree(good); err != nil {
		t.Errorf("good sentence rejected: %v", err)
	}
}

func TestEvaluateCounts(t *testing.T) {
	gold := []int{2, 0, 2}
	rels := []string{"nsubj:pass", "root", "obl:tmod"}
	tests := []struct {
		heads []int
		rels  []string
		want  Score
	}{
		{[]int{2, 0, 2}, []string{"nsubj:pass", "root", "obl:tmod"}, Score{3, 3, 3, 3}},
		{[]int{2, 0, 2}, []string{"nsubj", "root", "obl"}, Score{3, 3, 3, 1}},
		{[]int{2, 0, 1}, []string{"nsubj:pass", "root", "obl:tmod"}, Score{3, 2, 2, 2}},
		{[]int{2, 0, 2}, []string{"obj", "root", "obl:tmod"}, Score{3, 3, 2, 2}},
		{[]int{2}, []string{"nsubj:pass"}, Score{3, 1, 1, 1}},
	}
	for _, tt := range tests {
		if got := Compare(gold, rels, tt.heads, tt.rels); got != tt.want {
			t.Errorf("Compare(%v, %v) = %+v, want %+v", tt.heads, tt.rels, got, tt.want)
		}
	}
}

// TestTrainEnsemble checks that an ensemble trains one model per seed,
// deterministically, and that it is a different model from its first
// member alone.
func TestTrainEnsemble(t *testing.T) {
	if testing.Short() {
		t.Skip("trains parsers")
	}
	train := loadTreebank(t, "ud-ewt/en_ewt-ud-train.conllu", "")[:100]
	dev := loadTreebank(t, "ud-ewt/en_ewt-ud-dev.conllu", "")[:100]
	write := func(m *Model) []byte {
		var b bytes.Buffer
		if err := m.Write(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	var members []int
	opt := TrainOptions{Epochs: 1, Seed: 7, Ensemble: 2, Progress: func(p Progress) { members = append(members, p.Member) }}
	m, err := Train(train, opt)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(members, []int{0, 1}) {
		t.Errorf("progress reported members %v, want [0 1]", members)
	}
	again, err := Train(train, TrainOptions{Epochs: 1, Seed: 7, Ensemble: 2})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(write(m), write(again)) {
		t.Error("training an ensemble twice gave different model files")
	}
	one, err := Train(train, TrainOptions{Epochs: 1, Seed: 7, Ensemble: 1})
	if err != nil {
		t.Fatal(err)
	}
	def, err := Train(train, TrainOptions{Epochs: 1, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(write(one), write(def)) {
		t.Error("Ensemble 1 differs from the default")
	}
	if bytes.Equal(write(m), write(one)) {
		t.Error("the ensemble is the same model as its first member")
	}
	if sc := Evaluate(m, dev); sc.UAS() < 50 {
		t.Errorf("ensemble dev score too low: %v", sc)
	}
}

func TestMergeAveraged(t *testing.T) {
	keys := [][]uint64{{1, 3}, {2, 3}}
	rows := [][][]entry{
		{{{cls: 0, w: 2}, {cls: 1, w: -4}}, {{cls: 0, w: 1}}},
		{{{cls: 0, w: 6}}, {{cls: 1, w: 4}}},
	}
	gotK, gotR := mergeAveraged(keys, rows, 1)
	wantK := []uint64{1, 2, 3}
	wantR := [][]entry{{{cls: 0, w: 1}, {cls: 1, w: -2}}, {{cls: 0, w: 3}}, {{cls: 1, w: 2}}}
	if !slices.Equal(gotK, wantK) {
		t.Fatalf("keys %v, want %v", gotK, wantK)
	}
	for i := range wantR {
		if !slices.Equal(gotR[i], wantR[i]) {
			t.Errorf("feature %d: row %v, want %v", gotK[i], gotR[i], wantR[i])
		}
	}
	// A feature all of whose weights fall below minAbs is dropped.
	if k, _ := mergeAveraged(keys[:1], rows[:1], 3); !slices.Equal(k, []uint64{1}) {
		t.Errorf("pruning at 3 kept %v, want [1]", k)
	}
}
