package depparse

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
)

var (
	toyOnce  sync.Once
	toyModel *Model
)

var toyTags = []string{"DT", "NN", "VBD", "IN", "JJ", ",", "NNP", "RB", "PRP", "CC"}

// toy returns a small model trained on random trees over a small
// vocabulary, with non-projective ones among them, so that its decisions
// are varied. It needs no data files.
func toy(t testing.TB) *Model {
	toyOnce.Do(func() {
		rng := rand.New(rand.NewPCG(11, 12))
		rels := []string{"det", "nsubj", "obj", "obl", "case", "amod", "punct", "conj", "cc", "advmod"}
		var data []Sentence
		for i := 0; i < 300; i++ {
			n := 1 + rng.IntN(15)
			var heads []int
			if i%5 == 0 {
				heads = randomTree(rng, n)
			} else {
				heads, _ = randomProjective(rng, n, 3)
			}
			s := Sentence{}
			for d := 1; d <= n; d++ {
				k := rng.IntN(len(toyTags))
				s.Words = append(s.Words, fmt.Sprint("w", rng.IntN(30)))
				s.Tags = append(s.Tags, toyTags[k])
				s.Heads = append(s.Heads, heads[d])
				if heads[d] == 0 {
					s.Rels = append(s.Rels, "root")
				} else {
					s.Rels = append(s.Rels, rels[k])
				}
			}
			data = append(data, s)
		}
		m, err := Train(data, TrainOptions{Epochs: 3, Seed: 1, MinLift: 1})
		if err != nil {
			panic(err)
		}
		toyModel = m
	})
	return toyModel
}

// checkTree fails t unless heads/rels is a single-root tree over n words
// with non-empty relations and no lift marks.
func checkTree(t testing.TB, n int, heads []int, rels []string) {
	t.Helper()
	if len(heads) != n || len(rels) != n {
		t.Fatalf("%d words, %d heads, %d relations", n, len(heads), len(rels))
	}
	if n == 0 {
		return
	}
	if !isTree(heads) {
		t.Fatalf("not a single-root tree: %v", heads)
	}
	for i, r := range rels {
		if r == "" || strings.Contains(r, liftMark) {
			t.Fatalf("word %d: bad relation %q", i+1, r)
		}
		if (r == "root") != (heads[i] == 0) {
			t.Fatalf("word %d: relation %q with head %d", i+1, r, heads[i])
		}
	}
}

// TestParseMakesTrees is a property test: whatever the words and tags,
// the output is a well-formed tree with one root.
func TestParseMakesTrees(t *testing.T) {
	m := toy(t)
	rng := rand.New(rand.NewPCG(13, 14))
	for it := 0; it < 500; it++ {
		n := rng.IntN(40)
		words := make([]string, n)
		tags := make([]string, n)
		for i := range words {
			words[i] = fmt.Sprint("w", rng.IntN(40))
			tags[i] = toyTags[rng.IntN(len(toyTags))]
			if rng.IntN(10) == 0 {
				tags[i] = "UNSEEN"
			}
		}
		heads, rels := m.Parse(words, tags)
		checkTree(t, n, heads, rels)
	}
}

func TestParseMismatchedTags(t *testing.T) {
	m := toy(t)
	words := []string{"w1", "w2", "w3"}
	for _, tags := range [][]string{nil, {"DT"}, {"DT", "NN", "VBD", "IN"}} {
		heads, rels := m.Parse(words, tags)
		checkTree(t, len(words), heads, rels)
	}
}

// TestParseLong parses a 30,000-word sentence (time and memory are linear
// in its length).
func TestParseLong(t *testing.T) {
	m := toy(t)
	n := 30000
	words := make([]string, n)
	tags := make([]string, n)
	for i := range words {
		words[i] = fmt.Sprint("w", i%37)
		tags[i] = toyTags[i%len(toyTags)]
	}
	heads, rels := m.Parse(words, tags)
	checkTree(t, n, heads, rels)
}

func TestParseConcurrent(t *testing.T) {
	m := toy(t)
	words := strings.Fields("w1 w2 w3 w4 w5 w6 w7 w8")
	tags := []string{"DT", "NN", "VBD", "IN", "DT", "JJ", "NN", ","}
	wantH, wantR := m.Parse(words, tags)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				h, r := m.Parse(words, tags)
				if fmt.Sprint(h, r) != fmt.Sprint(wantH, wantR) {
					t.Errorf("concurrent parse differs")
					return
				}
			}
		}()
	}
	wg.Wait()
}

func FuzzParse(f *testing.F) {
	f.Add("he had been detained by the military", "PRP VBD VBN VBN IN DT NN")
	f.Add("", "")
	f.Add("a\x00b \xff\xfe ü", "NN")
	f.Add(strings.Repeat("x ", 3000), strings.Repeat("NN ", 10))
	f.Fuzz(func(t *testing.T, text, tagText string) {
		m := toy(t)
		words := strings.Fields(text)
		tags := strings.Fields(tagText)
		heads, rels := m.Parse(words, tags)
		checkTree(t, len(words), heads, rels)
		heads, rels = m.ParseBeam(words, tags, 2)
		checkTree(t, len(words), heads, rels)
	})
}

func TestReadRejects(t *testing.T) {
	var good bytes.Buffer
	if err := toy(t).Write(&good); err != nil {
		t.Fatal(err)
	}
	cases := map[string][]byte{
		"empty":     nil,
		"not zstd":  []byte("hello world"),
		"truncated": good.Bytes()[:good.Len()/2],
	}
	for name, b := range cases {
		if _, err := Read(bytes.NewReader(b)); !errors.Is(err, ErrFormat) {
			t.Errorf("%s: err = %v, want ErrFormat", name, err)
		}
	}
	if _, err := Read(bytes.NewReader(good.Bytes())); err != nil {
		t.Errorf("good model: %v", err)
	}
}

func FuzzRead(f *testing.F) {
	var good bytes.Buffer
	toy(f).Write(&good)
	f.Add(good.Bytes())
	f.Add([]byte{0x1f, 0x8b})
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := Read(bytes.NewReader(b))
		if err != nil {
			return
		}
		// Whatever loaded must parse without panicking.
		words := []string{"w1", "w2", "w3"}
		heads, rels := m.Parse(words, []string{"DT", "NN", "VBD"})
		checkTree(t, 3, heads, rels)
	})
}
