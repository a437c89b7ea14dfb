package ner

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"

	"github.com/kgraph/kg/extract/internal/lexicon"
	"github.com/kgraph/kg/extract/internal/modelfile"
	"github.com/kgraph/kg/extract/internal/perceptron"
)

// Classes are the tagger's BIO classes.
var Classes = []string{"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"}

const magic = "kg-ner-2\n"

// ErrFormat is wrapped by Load errors for data that is not an NER model.
var ErrFormat = errors.New("not an NER model")

// Tagger tags entities.
type Tagger struct {
	model  *perceptron.Model
	model2 *perceptron.Model // second pass, or nil
	lex    *lexicon.Lexicon
	pool   sync.Pool
}

type scratch struct {
	c      context
	out    []string
	f      perceptron.Features
	scores []float32
}

func newTagger(m *perceptron.Model, lex *lexicon.Lexicon) *Tagger {
	t := &Tagger{model: m, lex: lex}
	t.pool.New = func() any { return &scratch{scores: make([]float32, len(m.Classes))} }
	return t
}

// valid reports whether class c may follow the tag prev.
func valid(c, prev string) bool {
	if !strings.HasPrefix(c, "I-") {
		return true
	}
	return len(prev) > 2 && prev[2:] == c[2:]
}

// Tag writes a BIO tag for each token into out: B-/I- PER, ORG, LOC from
// the model and curated gazetteer, then DATE and NUMBER by rule, O
// elsewhere. forms are normalised forms, pos their Penn tags; forms, pos
// and out have the same length.
func (t *Tagger) Tag(forms, pos, out []string) {
	if len(forms) == 0 {
		return
	}
	s := t.pool.Get().(*scratch)
	defer t.pool.Put(s)
	s.c.prepare(t.lex, forms, pos)
	tags := t.run(s, t.model, nil)
	if t.model2 != nil {
		tags = t.run(s, t.model2, slices.Clone(tags))
	}
	copy(out, tags)
	t.curated(&s.c, out)
	Rules(forms, pos, out)
}

// run tags a prepared sentence greedily with m, keeping BIO valid; p1,
// if not nil, are the first pass's tags for a second pass. The result is
// scratch space.
func (t *Tagger) run(s *scratch, m *perceptron.Model, p1 []string) []string {
	n := len(s.c.forms)
	if cap(s.out) < n {
		s.out = make([]string, n)
	}
	out := s.out[:n]
	prev, prev2 := startTok, startTok
	for i := 0; i < n; i++ {
		s.c.features(&s.f, i, prev, prev2)
		if p1 != nil {
			s.c.features2(&s.f, i, prev, p1)
		}
		clear(s.scores)
		m.Scores(s.f.Keys, s.scores)
		best := -1
		for c, sc := range s.scores {
			if valid(m.Classes[c], prev) && (best < 0 || sc > s.scores[best]) {
				best = c
			}
		}
		out[i] = m.Classes[best]
		prev2, prev = prev, out[i]
	}
	return out
}

// curated tags spans that match a curated gazetteer name exactly and that
// the model left entirely O.
func (t *Tagger) curated(c *context, out []string) {
	for i := 0; i < len(out); i++ {
		g := c.gaz[i]
		if !strings.Contains(g, "B-"+lexicon.Curated) {
			continue
		}
		typ := "LOC"
		if strings.Contains(g, "B-ORG") {
			typ = "ORG"
		}
		j := i + 1
		for j < len(out) && strings.HasPrefix(c.gaz[j], "I-") {
			j++
		}
		allO := true
		for k := i; k < j; k++ {
			allO = allO && out[k] == "O"
		}
		if allO && (j == len(out) || !strings.HasPrefix(out[j], "I-")) {
			out[i] = "B-" + typ
			for k := i + 1; k < j; k++ {
				out[k] = "I-" + typ
			}
		}
		i = j - 1
	}
}

// Save writes the model to w as a model file (see modelfile).
func (t *Tagger) Save(w io.Writer) error {
	zw := modelfile.NewWriter(w)
	bw := bufio.NewWriter(zw)
	bw.WriteString(magic)
	t.model.Encode(bw)
	if t.model2 != nil {
		bw.WriteByte(2)
		t.model2.Encode(bw)
	} else {
		bw.WriteByte(1)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("ner: save: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("ner: save: %w", err)
	}
	return nil
}

// Load reads a model written by Save; lex must be the lexicon it was
// trained with.
func Load(r io.Reader, lex *lexicon.Lexicon) (*Tagger, error) {
	// decompress in one go, then decode from memory
	data, err := modelfile.Read(r, 1<<30)
	if err != nil {
		return nil, fmt.Errorf("ner: load: %w: %w", ErrFormat, err)
	}
	br := bufio.NewReaderSize(bytes.NewReader(data), 1<<16)
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magic {
		return nil, fmt.Errorf("ner: load: %w", ErrFormat)
	}
	m, err := perceptron.Decode(br)
	if err != nil {
		return nil, fmt.Errorf("ner: load: %w", err)
	}
	if len(m.Classes) != len(Classes) {
		return nil, fmt.Errorf("ner: load: %w: %d classes", ErrFormat, len(m.Classes))
	}
	t := newTagger(m, lex)
	switch passes, err := br.ReadByte(); {
	case err != nil || (passes != 1 && passes != 2):
		return nil, fmt.Errorf("ner: load: %w: bad pass count", ErrFormat)
	case passes == 2:
		if t.model2, err = perceptron.Decode(br); err != nil {
			return nil, fmt.Errorf("ner: load: %w", err)
		}
		if len(t.model2.Classes) != len(Classes) {
			return nil, fmt.Errorf("ner: load: %w: %d classes", ErrFormat, len(t.model2.Classes))
		}
	}
	return t, nil
}

// TrainSentence is one training sentence.
type TrainSentence struct {
	Forms, POS, Tags []string
}

// TrainOptions control training.
type TrainOptions struct {
	Iterations int // default 10
	// Passes is 1 (the default) or 2 for a second pass that also sees
	// the first pass's labels to the right, trained on Folds (default 4)
	// jackknifed first passes.
	Passes   int
	Folds    int
	Seed     uint64 // shuffling seed
	MinCount int    // drop rarer features (default 2)
	Progress func(iter int, acc float64)
}

// Train learns an NER tagger. It is deterministic for given data and
// options.
func Train(data []TrainSentence, lex *lexicon.Lexicon, opt TrainOptions) (*Tagger, error) {
	if opt.Iterations == 0 {
		opt.Iterations = 10
	}
	if opt.MinCount == 0 {
		opt.MinCount = 2
	}
	if opt.Folds == 0 {
		opt.Folds = 4
	}
	if len(data) == 0 {
		return nil, errors.New("ner: train: no sentences")
	}
	for _, s := range data {
		if len(s.POS) != len(s.Forms) || len(s.Tags) != len(s.Forms) {
			return nil, fmt.Errorf("ner: train: %d forms, %d tags, %d POS", len(s.Forms), len(s.Tags), len(s.POS))
		}
	}
	all := make([]int, len(data))
	for i := range all {
		all[i] = i
	}
	m1 := trainModel(data, lex, all, nil, opt, 0)
	if opt.Passes < 2 {
		return newTagger(m1, lex), nil
	}
	// first-pass labels from models that did not see the sentence
	folds := max(opt.Folds, 2)
	p1 := make([][]string, len(data))
	for k := 0; k < folds; k++ {
		var part []int
		for i := range data {
			if i%folds != k {
				part = append(part, i)
			}
		}
		mk := newTagger(trainModel(data, lex, part, nil, opt, k+1), lex)
		for i := k; i < len(data); i += folds {
			s := mk.pool.Get().(*scratch)
			s.c.prepare(lex, data[i].Forms, data[i].POS)
			p1[i] = slices.Clone(mk.run(s, mk.model, nil))
			mk.pool.Put(s)
		}
	}
	t := newTagger(m1, lex)
	t.model2 = trainModel(data, lex, all, p1, opt, folds+1)
	return t, nil
}

// trainModel trains a first-pass model (p1 nil) or a second-pass model on
// the sentences idx.
func trainModel(data []TrainSentence, lex *lexicon.Lexicon, idx []int, p1 [][]string, opt TrainOptions, run int) *perceptron.Model {
	classOf := map[string]int{}
	for i, c := range Classes {
		classOf[c] = i
	}
	var c context
	var f perceptron.Features
	feats := func(si, i int, prev, prev2 string) {
		c.features(&f, i, prev, prev2)
		if p1 != nil {
			c.features2(&f, i, prev, p1[si])
		}
	}
	counter := perceptron.NewCounter()
	for _, si := range idx {
		s := data[si]
		c.prepare(lex, s.Forms, s.POS)
		prev, prev2 := startTok, startTok
		for i := range s.Forms {
			feats(si, i, prev, prev2)
			counter.Add(f.Keys)
			prev2, prev = prev, s.Tags[i]
		}
	}
	tr := perceptron.NewTrainer(Classes)
	tr.Restrict(counter, opt.MinCount)
	order := slices.Clone(idx)
	rng := rand.New(rand.NewPCG(opt.Seed, 0x5eed+uint64(run)))
	for it := 0; it < opt.Iterations; it++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		correct, total := 0, 0
		for _, si := range order {
			s := data[si]
			c.prepare(lex, s.Forms, s.POS)
			prev, prev2 := startTok, startTok
			for i := range s.Forms {
				feats(si, i, prev, prev2)
				g, ok := classOf[s.Tags[i]]
				if !ok {
					g = 0
				}
				guess := tr.Train(f.Keys, g)
				if guess == g {
					correct++
				}
				total++
				prev2, prev = prev, Classes[guess]
			}
		}
		if opt.Progress != nil {
			opt.Progress(run*100+it+1, float64(correct)/float64(total))
		}
	}
	return tr.Model(opt.MinCount, 0)
}
