package depparse

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
)

// Sentence is a training or evaluation sentence: words with their tags and
// gold tree. Heads are 1-based (0 is the root), as in CoNLL-U.
type Sentence struct {
	Words []string
	Tags  []string
	Heads []int
	Rels  []string
}

// TrainOptions controls training. The zero value gives the defaults.
type TrainOptions struct {
	// Epochs is the number of passes over the data (default 15).
	Epochs int
	// Seed fixes the shuffling and exploration; training is deterministic
	// for given data, options and seed.
	Seed uint64
	// Explore is the probability of following the model's own wrong
	// prediction during training, from epoch ExploreFrom on (default 0.9
	// from epoch 1; negative disables exploration).
	Explore     float64
	ExploreFrom int
	// MinLift is the number of times a lifted label must occur to be kept
	// as a label of its own (default 2); rarer lifts keep the plain label.
	MinLift int
	// Prune drops averaged weights of smaller magnitude (default 1, the
	// size of one perceptron update: it shrinks the model about threefold at
	// no cost in accuracy).
	Prune float64
	// Ensemble is the number of models trained with different shuffles and
	// exploration (seeds Seed, Seed+1, ...) whose averaged weights make the
	// final model: the same as summing their scores, at the cost of one
	// model when parsing (default 1).
	Ensemble int
	// Dev, if not empty, is parsed after every epoch and its score passed
	// to Progress.
	Dev []Sentence
	// Progress, if set, is called after every epoch.
	Progress func(Progress)
}

// Progress reports the end of a training epoch.
type Progress struct {
	Member      int     // which model of the ensemble, from 0
	Epoch       int     // 1-based
	Transitions int     // transitions made in this epoch
	Errors      int     // of which the model got wrong (cost > 0)
	Features    int     // features with weights so far
	Dev         *Score  // score on TrainOptions.Dev, if any
	Skipped     int     // training sentences skipped as malformed
	Lifted      int     // arcs lifted to projectivise the training trees
	Labels      int     // labels, including lifted ones
	Accuracy    float64 // 1 - Errors/Transitions
	// LabelAccuracy is the share of gold arcs made in this epoch that the
	// label model labelled right before its update.
	LabelAccuracy float64
}

// Errors returned by Train.
var (
	ErrNoData     = errors.New("depparse: no usable training sentences")
	ErrTooManyRel = errors.New("depparse: more than 127 dependency labels")
)

// validTree reports whether s has matching lengths and its heads form a
// tree with a single word attached to the root.
func validTree(s Sentence) error {
	n := len(s.Words)
	if n == 0 {
		return errors.New("empty sentence")
	}
	if len(s.Tags) != n || len(s.Heads) != n || len(s.Rels) != n {
		return fmt.Errorf("%d words but %d tags, %d heads, %d relations", n, len(s.Tags), len(s.Heads), len(s.Rels))
	}
	roots := 0
	for i, h := range s.Heads {
		if h < 0 || h > n || h == i+1 {
			return fmt.Errorf("word %d: head %d out of range", i+1, h)
		}
		if h == 0 {
			roots++
		}
		if s.Rels[i] == "" {
			return fmt.Errorf("word %d: empty relation", i+1)
		}
	}
	if roots != 1 {
		return fmt.Errorf("%d words attached to the root, want 1", roots)
	}
	heads := append([]int{-1}, s.Heads...)
	for d := 1; d <= n; d++ {
		if !dominates(heads, 0, d) {
			return fmt.Errorf("word %d: cycle", d)
		}
	}
	return nil
}

type goldTree struct {
	words, tags []string
	heads       []int // per token, [0] = -1
	labels      []int
}

// Train trains a parser on sentences with gold trees. Their tags should be
// like those the parser will see at run time: tags predicted by
// jackknifing (each part tagged by a tagger trained on the rest) make the
// parser robust to tagger errors. Sentences that are not well-formed
// single-root trees are skipped and counted in Progress. Train is
// deterministic for given data and options, uses one goroutine, and needs
// about 200 bytes per distinct feature (well under 1 GB on UD English-EWT,
// 2.7 million features).
func Train(sents []Sentence, opt TrainOptions) (*Model, error) {
	if opt.Epochs <= 0 {
		opt.Epochs = 15
	}
	if opt.Explore == 0 {
		opt.Explore, opt.ExploreFrom = 0.9, 1
	}
	if opt.MinLift <= 0 {
		opt.MinLift = 2
	}
	if opt.Prune == 0 {
		opt.Prune = 1
	}
	if opt.Ensemble <= 0 {
		opt.Ensemble = 1
	}
	// Projectivise and collect labels.
	type proj struct {
		s     Sentence
		heads []int
		rels  []string
	}
	var data []proj
	skipped, lifted := 0, 0
	count := map[string]int{}
	for _, s := range sents {
		if validTree(s) != nil {
			skipped++
			continue
		}
		h, r, k := projectivize(append([]int{-1}, s.Heads...), append([]string{""}, s.Rels...))
		lifted += k
		for _, l := range r[1:] {
			count[l]++
		}
		data = append(data, proj{s, h, r})
	}
	if len(data) == 0 {
		return nil, ErrNoData
	}
	var labels []string
	for l, c := range count {
		if baseRel(l) == l || c >= opt.MinLift {
			labels = append(labels, l)
		}
	}
	if !slices.Contains(labels, "root") {
		labels = append(labels, "root")
	}
	sort.Strings(labels)
	if len(labels) > 127 {
		return nil, ErrTooManyRel
	}
	lid := map[string]int{}
	for i, l := range labels {
		lid[l] = i
	}
	gold := make([]goldTree, len(data))
	for i, d := range data {
		g := goldTree{words: d.s.Words, tags: d.s.Tags, heads: d.heads, labels: make([]int, len(d.rels))}
		g.labels[0] = none
		for j, l := range d.rels[1:] {
			id, ok := lid[l]
			if !ok {
				id = lid[baseRel(l)]
			}
			g.labels[j+1] = id
		}
		gold[i] = g
	}

	m := &Model{}
	m.setLabels(labels, lid["root"])
	var valid []Sentence
	for _, d := range data {
		valid = append(valid, d.s)
	}
	m.setClasses(ambiguityClasses(valid))
	nl := len(labels)
	tokens := 0
	for _, g := range gold {
		tokens += len(g.words)
	}
	var (
		wa, wl       *trainWeights
		rng          *rand.Rand
		order        []int
		actKs, labKs [][]uint64
		actRs, labRs [][][]entry
	)
	freezeAll := func() {
		m.act = freeze(wa.averaged(opt.Prune))
		m.lab = freeze(wl.averaged(opt.Prune))
	}
	for member := 0; member < opt.Ensemble; member++ {
		wa, wl = newTrainWeights(8*tokens), newTrainWeights(2*tokens)
		rng = rand.New(rand.NewPCG(opt.Seed+uint64(member), 0x6b67646570))
		order = make([]int, len(gold))
		for i := range order {
			order[i] = i
		}
		var (
			sn      sentence
			st      state
			feats   []uint64
			lfeats  []uint64
			rows    []int32
			lrows   []int32
			ascores = make([]float32, 3)
			lscores = make([]float32, nl)
		)
		for ep := 0; ep < opt.Epochs; ep++ {
			rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
			explore := opt.Explore > 0 && ep >= opt.ExploreFrom
			trans, errs, arcs, labErrs := 0, 0, 0, 0
			for _, si := range order {
				g := &gold[si]
				sn.reset(g.words, g.tags, m.ambH)
				st.reset(len(g.words))
				for !st.terminal() {
					// The transition.
					feats = features(feats[:0], &sn, &st)
					clear(ascores)
					rows = wa.score(feats, ascores, rows)
					pred := bestAction(&st, ascores)
					var cost [3]int
					st.costs(g.heads, &cost)
					best, minCost := -1, -1
					for a := actShift; a <= actRight; a++ {
						if cost[a] < 0 {
							continue
						}
						if minCost < 0 || cost[a] < minCost || (cost[a] == minCost && ascores[a] > ascores[best]) {
							best, minCost = a, cost[a]
						}
					}
					trans++
					if cost[pred] > minCost {
						errs++
						wa.update(feats, rows, best, 1)
						wa.update(feats, rows, pred, -1)
					}
					wa.c++
					next := best
					if explore && cost[pred] > minCost && rng.Float64() < opt.Explore {
						next = pred
					}
					// Its label.
					label := none
					if next != actShift {
						h, d := st.arc(next)
						label = m.root
						if h != 0 {
							lfeats = labelFeatures(lfeats[:0], &sn, &st, h, d)
							clear(lscores)
							lrows = wl.score(lfeats, lscores, lrows)
							label = bestLabel(lscores, h, m.root)
							if g.heads[d] == h {
								arcs++
								if gl := g.labels[d]; label != gl {
									labErrs++
									wl.update(lfeats, lrows, gl, 1)
									wl.update(lfeats, lrows, label, -1)
									label = gl
								}
								wl.c++
							}
						}
					}
					st.apply(next, label)
				}
			}
			if opt.Progress != nil || len(opt.Dev) > 0 {
				p := Progress{Member: member, Epoch: ep + 1, Transitions: trans, Errors: errs, Features: len(wa.rows) + len(wl.rows),
					Skipped: skipped, Lifted: lifted, Labels: nl, Accuracy: 1 - float64(errs)/float64(trans),
					LabelAccuracy: 1 - float64(labErrs)/float64(max(arcs, 1))}
				if len(opt.Dev) > 0 {
					freezeAll()
					sc := Evaluate(m, opt.Dev)
					p.Dev = &sc
				}
				if opt.Progress != nil {
					opt.Progress(p)
				}
			}
		}
		if opt.Ensemble > 1 {
			k, r := wa.averaged(0)
			actKs, actRs = append(actKs, k), append(actRs, r)
			k, r = wl.averaged(0)
			labKs, labRs = append(labKs, k), append(labRs, r)
		}
	}
	if opt.Ensemble == 1 {
		freezeAll()
		return m, nil
	}
	m.act = freeze(mergeAveraged(actKs, actRs, opt.Prune))
	m.lab = freeze(mergeAveraged(labKs, labRs, opt.Prune))
	return m, nil
}

// mergeAveraged averages the weights of several models given as sorted
// (feature, row) lists, as in an ensemble that sums their scores, and drops
// averaged weights of magnitude below minAbs.
func mergeAveraged(keys [][]uint64, rows [][][]entry, minAbs float64) ([]uint64, [][]entry) {
	sum := map[uint64]map[uint16]float64{}
	for i := range keys {
		for j, k := range keys[i] {
			if sum[k] == nil {
				sum[k] = map[uint16]float64{}
			}
			for _, e := range rows[i][j] {
				sum[k][e.cls] += float64(e.w)
			}
		}
	}
	out := make([]uint64, 0, len(sum))
	for k := range sum {
		out = append(out, k)
	}
	slices.Sort(out)
	n := float64(len(keys))
	kept := out[:0]
	var outRows [][]entry
	for _, k := range out {
		var row []entry
		for c, w := range sum[k] {
			if a := w / n; math.Abs(a) >= minAbs {
				row = append(row, entry{cls: c, w: float32(a)})
			}
		}
		if len(row) == 0 {
			continue
		}
		slices.SortFunc(row, func(a, b entry) int { return int(a.cls) - int(b.cls) })
		kept = append(kept, k)
		outRows = append(outRows, row)
	}
	return kept, outRows
}
