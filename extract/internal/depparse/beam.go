package depparse

import (
	"cmp"
	"math"
	"slices"
)

// Beam decoding.
//
// The greedy parser takes the best transition at every step. ParseBeam
// keeps the width best partial parses instead, ranked by the sum of the
// log-probabilities of their transitions and labels: the scores of the
// valid transitions of a configuration (and of the labels of an arc) are
// turned into probabilities by a softmax at a temperature tuned on EWT
// dev. Raw perceptron scores do not work as path scores (on EWT dev a beam
// of two loses 3 points of UAS with them); normalised per step they let
// the parser put off a decision it is unsure of until the next words
// settle it. Every partial parse of a sentence takes the same number of
// transitions (2n), so they all end together.

// DefaultBeam is the beam width kg's analyzer parses with. On UD
// English-EWT test with predicted tags, the shipped model scores UAS/LAS
// 85.48/82.44 greedy, 86.28/83.31 with a beam of 2 and 86.50/83.55 with a
// beam of 3 (dev: 84.77/81.38, 85.57/82.21, 85.68/82.33), both pruned by
// beamMargin; they parse at about 0.7 and 0.5 times the greedy speed. The
// analyzer's whole pipeline keeps more of its speed with 2.
const DefaultBeam = 2

// beamMargin prunes the beam: a partial parse whose log-probability is
// more than beamMargin below the best one's is dropped, so the beam
// narrows to one parse wherever the model is sure, and parsing costs
// little more than greedy parsing there. On EWT dev with a beam of 2,
// margins of 1, 1.5, 2 and none give UAS 85.53, 85.57, 85.53 and 85.53 at
// 0.72, 0.69, 0.55 and 0.52 times the greedy speed.
const beamMargin = 1.5

// Softmax temperatures, in units of the models' weights, tuned on EWT dev
// with the shipped model and a beam of 2: transition temperatures of 60,
// 80 and 100 give dev UAS 85.58, 85.53 and 85.35, label temperatures of 2,
// 4 and 8 give 85.36, 85.53 and 84.87; far from these the per-step
// normalisation favours paths through configurations with few valid
// transitions and accuracy collapses (30 points lower at 1000).
const (
	beamActTemp   = 80
	beamLabelTemp = 4
)

// beamNoBound makes beam search label every candidate (for tests).
var beamNoBound = false

// beamItem is a partial parse in the beam.
type beamItem struct {
	st    *state
	score float64
}

// beamSpace holds the buffers of beam search, reused between sentences.
type beamSpace struct {
	pool      []state
	spare     []*state
	cur, next []beamItem
	cands     []beamCand
	sel       []beamCand
	nvalid    []int
}

// beamCand is a transition from a beam item: its score is the item's plus
// the transition's log-probability (plus its label's once known, which
// can only lower it).
type beamCand struct {
	from  int
	act   int
	label int
	score float64
}

// copyFrom makes s a copy of o.
func (s *state) copyFrom(o *state) {
	if cap(s.heads) < o.n+1 {
		s.reset(o.n)
	}
	m := o.n + 1
	s.n = o.n
	s.heads, s.labels = s.heads[:m], s.labels[:m]
	s.lc1, s.lc2, s.rc1, s.rc2 = s.lc1[:m], s.lc2[:m], s.rc1[:m], s.rc2[:m]
	s.nl, s.nr = s.nl[:m], s.nr[:m]
	s.lset, s.rset = s.lset[:m], s.rset[:m]
	s.on = s.on[:m]
	s.stack = append(s.stack[:0], o.stack...)
	s.b = o.b
	copy(s.heads, o.heads)
	copy(s.labels, o.labels)
	copy(s.lc1, o.lc1)
	copy(s.lc2, o.lc2)
	copy(s.rc1, o.rc1)
	copy(s.rc2, o.rc2)
	copy(s.nl, o.nl)
	copy(s.nr, o.nr)
	copy(s.lset, o.lset)
	copy(s.rset, o.rset)
	copy(s.on, o.on)
}

// beamParser is a Model that parses with a beam.
type beamParser struct {
	m     *Model
	width int
}

func (b beamParser) Parse(words, tags []string) (heads []int, rels []string) {
	return b.m.ParseBeam(words, tags, b.width)
}

// Beam returns a parser that parses as ParseBeam with the given width. It
// is safe for concurrent use.
func (m *Model) Beam(width int) Parser { return beamParser{m, width} }

// ParseBeam is Parse with beam search: it keeps the width best partial
// parses at each step, ranked by the sum of the log-probabilities (a
// softmax of the model's scores) of their transitions and arc labels, less
// those more than beamMargin below the best, and returns the best complete
// one. Width 1 or less is Parse. As in Parse, compound and flat arcs do not
// span a comma: such a transition is dropped when its configuration has
// another valid one. Scoring takes time linear in len(words) and width;
// copying up to width configurations of size O(len(words)) at each of the
// 2·len(words) steps makes the worst case quadratic in len(words), a small
// share of the time for sentences of the analyzer's length (at most 150
// tokens); a 2,000-word sentence takes 6 times as long as greedy parsing
// with a small test model.
func (m *Model) ParseBeam(words, tags []string, width int) (heads []int, rels []string) {
	n := len(words)
	if width <= 1 || n == 0 {
		return m.Parse(words, tags)
	}
	heads = make([]int, n)
	rels = make([]string, n)
	ws, _ := m.pool.Get().(*workspace)
	if ws == nil {
		ws = &workspace{}
	}
	defer m.pool.Put(ws)
	st, _ := m.beamSearch(ws, words, tags, width, beamMargin)
	m.finish(ws, st, heads, rels)
	return heads, rels
}

// actLogP sets lp[a] to the log-probability of each valid transition a of
// st given its scores.
func (m *Model) actLogP(st *state, scores []int32, lp *[3]float64) {
	k := float64(m.act.scale) / beamActTemp
	hi := math.Inf(-1)
	for a := actShift; a <= actRight; a++ {
		if st.valid(a) {
			lp[a] = float64(scores[a]) * k
			hi = max(hi, lp[a])
		}
	}
	sum := 0.0
	for a := actShift; a <= actRight; a++ {
		if st.valid(a) {
			sum += math.Exp(lp[a] - hi)
		}
	}
	lse := hi + math.Log(sum)
	for a := range lp {
		lp[a] -= lse
	}
}

// labelLogP returns the best label of the arc that LEFT or RIGHT makes in
// st and its log-probability (a softmax over the labels other than root).
func (m *Model) labelLogP(ws *workspace, st *state, act int) (int, float64) {
	h, d := st.arc(act)
	if h == 0 {
		return m.root, 0
	}
	scores := m.labelScores(ws, st, h, d)
	l := bestLabel(scores, h, m.root)
	k := float64(m.lab.scale) / beamLabelTemp
	// Labels less likely than e^-12 times the best do not count (fifty
	// of them change the log-probability by less than 0.0004).
	floor := scores[l] - int32(min(12/k, 1<<30))
	sum := 0.0
	for c, x := range scores {
		if c != m.root && x > floor {
			sum += math.Exp(float64(x-scores[l]) * k)
		}
	}
	return l, -math.Log(sum)
}

// beamSearch runs the search in workspace ws and returns the best final
// state and its score.
func (m *Model) beamSearch(ws *workspace, words, tags []string, width int, margin float64) (*state, float64) {
	nl := len(m.labels)
	if cap(ws.scores) < nl {
		ws.scores = make([]int32, nl)
	}
	ws.sn.reset(words, tags, m.ambH)
	n := len(words)
	b := &ws.beam
	if len(b.pool) < 2*width {
		b.pool = make([]state, 2*width)
	}
	b.spare = b.spare[:0]
	for i := 1; i < 2*width; i++ {
		b.spare = append(b.spare, &b.pool[i])
	}
	spare := b.spare
	cur := append(b.cur[:0], beamItem{st: &b.pool[0]})
	cur[0].st.reset(n)
	cands, nvalid, sel, next := b.cands, b.nvalid, b.sel, b.next
	defer func() {
		b.cur, b.next, b.cands, b.nvalid, b.sel, b.spare = cur[:0], next[:0], cands[:0], nvalid[:0], sel[:0], spare[:0]
	}()
	for !cur[0].st.terminal() {
		// Every valid transition of every item, with its score before
		// its label.
		cands, nvalid = cands[:0], nvalid[:0]
		for i, it := range cur {
			st := it.st
			if st.canShift() && !st.canLeft() && !st.canRight() {
				cands = append(cands, beamCand{i, actShift, none, it.score})
				nvalid = append(nvalid, 1)
				continue
			}
			scores := m.actScores(ws, st)
			var lp [3]float64
			m.actLogP(st, scores, &lp)
			k := 0
			for a := actShift; a <= actRight; a++ {
				if st.valid(a) {
					cands = append(cands, beamCand{i, a, none, it.score + lp[a]})
					k++
				}
			}
			nvalid = append(nvalid, k)
		}
		// The best width of them with their labels: a label only lowers
		// a score, so candidates are labelled best first until the next
		// one cannot enter the selection.
		slices.SortStableFunc(cands, func(x, y beamCand) int { return cmp.Compare(y.score, x.score) })
		sel = sel[:0]
		for _, c := range cands {
			if len(sel) == width && c.score <= sel[width-1].score && !beamNoBound {
				break
			}
			if len(sel) > 0 && c.score < sel[0].score-margin && !beamNoBound {
				break
			}
			if c.act != actShift {
				parent := cur[c.from].st
				var lp float64
				c.label, lp = m.labelLogP(ws, parent, c.act)
				if m.tight[c.label] && nvalid[c.from] > 1 {
					if h, d := parent.arc(c.act); ws.sn.commaBetween(h, d) {
						continue
					}
				}
				c.score += lp
			}
			// Insert after the candidates that score at least as well.
			j := len(sel)
			for j > 0 && sel[j-1].score < c.score {
				j--
			}
			if j < width {
				sel = slices.Insert(sel, j, c)
				if len(sel) > width {
					sel = sel[:width]
				}
			}
		}
		for len(sel) > 1 && sel[len(sel)-1].score < sel[0].score-margin {
			sel = sel[:len(sel)-1]
		}
		next = next[:0]
		for _, c := range sel {
			st := spare[len(spare)-1]
			spare = spare[:len(spare)-1]
			st.copyFrom(cur[c.from].st)
			st.apply(c.act, c.label)
			next = append(next, beamItem{st, c.score})
		}
		for _, it := range cur {
			spare = append(spare, it.st)
		}
		cur, next = next, cur
	}
	return cur[0].st, cur[0].score
}
