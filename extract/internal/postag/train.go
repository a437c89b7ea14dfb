package postag

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"

	"github.com/kgraph/kg/extract/internal/lexicon"
	"github.com/kgraph/kg/extract/internal/perceptron"
)

// Sentence is one training sentence: normalised forms and gold tags.
type Sentence struct {
	Forms, XPOS, UPOS []string
}

// TrainOptions control training. The zero value gets sensible defaults.
type TrainOptions struct {
	Iterations int    // passes over the data (default 8)
	Seed       uint64 // shuffling seed
	MinCount   int    // drop features seen in fewer examples (default 2)
	// Passes is 1 (the default) for a single left-to-right pass, 2 to add
	// a second pass that also sees the first pass's tags to the right
	// (about 6 times the training time: 4 jackknife folds).
	Passes int
	// Folds is the number of jackknife folds giving the second pass its
	// training input (default 4).
	Folds int
	// Lexicon, if set, gives word-class features from WordNet; its word
	// classes and exceptions are stored in the tagger file.
	Lexicon *lexicon.Lexicon
	// Ensemble is the number of taggers trained with different shuffles
	// whose averaged weights make the tagger (default 1).
	Ensemble int
	// Progress, if set, is called after each iteration with the
	// training accuracy of that pass.
	// iter counts 1, 2, ... for the final pass-1 model, 101, 102, ... for
	// the first jackknife model, and so on.
	Progress func(iter int, acc float64)
}

// Train learns a tagger from gold-tagged sentences. It is deterministic
// for given data and options.
func Train(data []Sentence, opt TrainOptions) (*Tagger, error) {
	lex := opt.Lexicon
	if opt.Iterations == 0 {
		opt.Iterations = 8
	}
	if opt.MinCount == 0 {
		opt.MinCount = 2
	}
	if opt.Folds == 0 {
		opt.Folds = 4
	}
	if len(data) == 0 {
		return nil, fmt.Errorf("postag: train: no sentences")
	}
	// classes: XPOS+UPOS pairs seen 20 times or more; rarer pairs fall back
	// to the most frequent pair with the same XPOS.
	pairCount := map[string]int{}
	for _, s := range data {
		if len(s.XPOS) != len(s.Forms) || len(s.UPOS) != len(s.Forms) {
			return nil, fmt.Errorf("postag: train: sentence with %d forms, %d XPOS, %d UPOS", len(s.Forms), len(s.XPOS), len(s.UPOS))
		}
		for i := range s.Forms {
			pairCount[s.XPOS[i]+" "+s.UPOS[i]]++
		}
	}
	var classes []string
	bestForX := map[string]string{}
	for p, n := range pairCount {
		if n >= 20 {
			classes = append(classes, p)
		}
		x, _, _ := strings.Cut(p, " ")
		if b, ok := bestForX[x]; !ok || n > pairCount[b] || (n == pairCount[b] && p < b) {
			bestForX[x] = p
		}
	}
	for _, b := range bestForX {
		if pairCount[b] < 20 {
			classes = append(classes, b)
		}
	}
	sort.Strings(classes)
	classes = slices.Compact(classes)
	classOf := map[string]int32{}
	for i, c := range classes {
		classOf[c] = int32(i)
	}
	gold := make([][]int32, len(data))
	for si, s := range data {
		g := make([]int32, len(s.Forms))
		for i := range s.Forms {
			p := s.XPOS[i] + " " + s.UPOS[i]
			c, ok := classOf[p]
			if !ok {
				c = classOf[bestForX[s.XPOS[i]]]
			}
			g[i] = c
		}
		gold[si] = g
	}

	// ambiguity classes and the tag dictionary
	type counts map[int32]int
	byLower := map[string]counts{}
	byForm := map[string]counts{}
	for si, s := range data {
		for i, f := range s.Forms {
			l := lower(f)
			if byLower[l] == nil {
				byLower[l] = counts{}
			}
			if byForm[f] == nil {
				byForm[f] = counts{}
			}
			c := gold[si][i]
			byLower[l][c]++
			byForm[f][c]++
		}
	}
	ambOf := func(byLower map[string]counts) map[string]string {
		amb := map[string]string{}
		for w, cs := range byLower {
			total := 0
			for _, n := range cs {
				total += n
			}
			if total < 3 {
				continue
			}
			var tags []string
			seen := map[string]bool{}
			for c, n := range cs {
				x, _, _ := strings.Cut(classes[c], " ")
				if float64(n) >= 0.05*float64(total) && !seen[x] {
					seen[x] = true
					tags = append(tags, x)
				}
			}
			sort.Strings(tags)
			amb[w] = strings.Join(tags, "|")
		}
		return amb
	}
	amb, ambForm := ambOf(byLower), ambOf(byForm)
	dict := map[string]int32{}
	for f, cs := range byForm {
		total, best, bestN := 0, int32(-1), 0
		for c, n := range cs {
			total += n
			if n > bestN || (n == bestN && c < best) {
				best, bestN = c, n
			}
		}
		if total >= 20 && float64(bestN) >= 0.995*float64(total) {
			dict[f] = best
		}
	}

	a := aux{Dict: dict, Amb: amb, AmbForm: ambForm}
	t := newTagger(&perceptron.Model{Classes: classes}, a, lex)
	all := make([]int, len(data))
	for i := range all {
		all[i] = i
	}
	members := max(opt.Ensemble, 1)
	var m1s []*perceptron.Model
	for k := range members {
		m1s = append(m1s, t.trainModel(data, gold, all, nil, opt, 1000*k))
	}
	m1, err := averaged(m1s)
	if err != nil {
		return nil, err
	}
	if opt.Passes < 2 {
		return newTagger(m1, a, lex), nil
	}
	// pass-1 tags for every training sentence from models that did not
	// see it (jackknifing), so that pass 2 learns from realistic errors
	folds := max(opt.Folds, 2)
	p1 := make([][]int32, len(data))
	for k := 0; k < folds; k++ {
		var train []int
		for i := range data {
			if i%folds != k {
				train = append(train, i)
			}
		}
		mk := newTagger(t.trainModel(data, gold, train, nil, opt, k+1), a, lex)
		for i := k; i < len(data); i += folds {
			p1[i] = mk.pass1(data[i].Forms)
		}
	}
	var m2s []*perceptron.Model
	for k := range members {
		m2s = append(m2s, t.trainModel(data, gold, all, p1, opt, folds+1+1000*k))
	}
	m2, err := averaged(m2s)
	if err != nil {
		return nil, err
	}
	out := newTagger(m1, a, lex)
	out.model2 = m2
	return out, nil
}

// averaged returns the one model of ms, or their average with the
// tagger's weight threshold (see TrainOptions.Ensemble).
func averaged(ms []*perceptron.Model) (*perceptron.Model, error) {
	if len(ms) == 1 {
		return ms[0], nil
	}
	return perceptron.Average(ms, 0.5)
}

// trainModel trains a pass-1 model (p1 nil) or a pass-2 model on the
// sentences idx.
func (t *Tagger) trainModel(data []Sentence, gold [][]int32, idx []int, p1 [][]int32, opt TrainOptions, run int) *perceptron.Model {
	var c context
	var f perceptron.Features
	feats := func(si, i int, prev, prev2 uint64) {
		if p1 == nil {
			c.features(&f, i, prev, prev2)
		} else {
			c.features2(&f, i, prev, prev2, p1[si], t.classHash)
		}
	}
	// count features in gold context, to drop rare ones before training
	counter := perceptron.NewCounter()
	for _, si := range idx {
		s := data[si]
		t.prepare(&c, s.Forms)
		prev, prev2 := hStart, hStart
		for i := range s.Forms {
			g := gold[si][i]
			if _, ok := t.dict[s.Forms[i]]; !ok {
				feats(si, i, prev, prev2)
				counter.Add(f.Keys)
			}
			prev2, prev = prev, t.classHash[g]
		}
	}
	tr := perceptron.NewTrainer(t.model.Classes)
	tr.Restrict(counter, opt.MinCount)
	order := slices.Clone(idx)
	rng := rand.New(rand.NewPCG(opt.Seed, 0x9e3779b97f4a7c15+uint64(run)))
	for it := 0; it < opt.Iterations; it++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		correct, total := 0, 0
		for _, si := range order {
			s := data[si]
			t.prepare(&c, s.Forms)
			prev, prev2 := hStart, hStart
			for i := range s.Forms {
				g := gold[si][i]
				guess := g
				if dc, ok := t.dict[s.Forms[i]]; ok {
					guess = dc
				} else {
					feats(si, i, prev, prev2)
					guess = int32(tr.Train(f.Keys, int(g)))
				}
				if guess == g {
					correct++
				}
				total++
				prev2, prev = prev, t.classHash[guess]
			}
		}
		if opt.Progress != nil {
			opt.Progress(run*100+it+1, float64(correct)/float64(total))
		}
	}
	return tr.Model(opt.MinCount, 0.5)
}
