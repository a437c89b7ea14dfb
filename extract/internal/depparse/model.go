package depparse

import (
	"slices"
	"strings"
	"sync"
)

// Model is a trained parser. It is safe for concurrent use.
//
// It has two linear models over hashed features: one scores the three
// transitions, the other labels the arc that a LEFT or RIGHT transition
// makes, once the transition is chosen.
type Model struct {
	labels []string          // label ids; may include lifted labels "rel↑headrel"
	root   int               // id of "root"
	amb    map[string]string // word (normWord) -> its ambiguity class
	ambH   map[string]uint64 // the same, hashed
	tight  []bool            // per label: a relation that practically never spans a comma
	act    table             // classes: actShift, actLeft, actRight
	lab    table             // classes: label ids
	pool   sync.Pool
}

// workspace holds the per-call buffers of Parse.
type workspace struct {
	sn     sentence
	st     state
	feats  []uint64
	scores []int32
	idx    []uint32
	sink   uint32
	beam   beamSpace
}

// Labels returns the dependency relations the model can output, without
// the internal lifted labels of pseudo-projective parsing.
func (m *Model) Labels() []string {
	seen := map[string]bool{}
	var out []string
	for _, l := range m.labels {
		b := baseRel(l)
		if !seen[b] {
			seen[b] = true
			out = append(out, b)
		}
	}
	return out
}

// bestAction returns the highest-scoring valid transition (ties go to the
// lower number). Some transition is always valid in a non-final state.
func bestAction[S int32 | float32](st *state, scores []S) int {
	best := -1
	for a := actShift; a <= actRight; a++ {
		if st.valid(a) && (best < 0 || scores[a] > scores[best]) {
			best = a
		}
	}
	return best
}

// bestLabel returns the highest-scoring label for an arc from h. The root
// label is reserved for the arc from the root and is the only label it
// gets.
func bestLabel[S int32 | float32](scores []S, h, root int) int {
	if h == 0 {
		return root
	}
	best := -1
	for l := range scores {
		if l != root && (best < 0 || scores[l] > scores[best]) {
			best = l
		}
	}
	return best
}

// Parse returns the dependency tree of a sentence given its words and
// their part-of-speech tags (Penn Treebank XPOS, as in UD English-EWT).
// heads[i] is the 1-based index of the head of words[i], 0 for the root;
// rels[i] is its Universal Dependencies relation. Exactly one word has head
// 0 and the heads form a tree. A missing tag counts as unknown; an empty
// sentence gives empty slices. Time and memory are linear in len(words).
func (m *Model) Parse(words, tags []string) (heads []int, rels []string) {
	n := len(words)
	heads = make([]int, n)
	rels = make([]string, n)
	if n == 0 {
		return heads, rels
	}
	ws, _ := m.pool.Get().(*workspace)
	if ws == nil {
		ws = &workspace{}
	}
	defer m.pool.Put(ws)
	nl := len(m.labels)
	if cap(ws.scores) < nl {
		ws.scores = make([]int32, nl)
	}
	ws.sn.reset(words, tags, m.ambH)
	st := &ws.st
	st.reset(n)
	for !st.terminal() {
		var act int
		var as [3]int32
		if st.canShift() && !st.canLeft() && !st.canRight() {
			act = actShift // forced: nothing to score
		} else {
			scores := m.actScores(ws, st)
			copy(as[:], scores)
			act = bestAction(st, scores)
		}
		label := m.label(ws, act)
		if label >= 0 && m.tight[label] {
			// Compounds, determiners, case markers and the like do not
			// reach across a comma: fall back to the next best transition.
			if h, d := st.arc(act); ws.sn.commaBetween(h, d) {
				alt := -1
				for a := actShift; a <= actRight; a++ {
					if a != act && st.valid(a) && (alt < 0 || as[a] > as[alt]) {
						alt = a
					}
				}
				if alt >= 0 {
					act = alt
					label = m.label(ws, act)
				}
			}
		}
		st.apply(act, label)
	}
	m.finish(ws, st, heads, rels)
	return heads, rels
}

// finish writes the tree of the final state st into heads and rels (per
// word), undoing the pseudo-projective lifts and flattening conjunctions.
func (m *Model) finish(ws *workspace, st *state, heads []int, rels []string) {
	n := st.n
	h := make([]int, n+1)
	r := make([]string, n+1)
	lifted := false
	for i := 1; i <= n; i++ {
		h[i] = st.heads[i]
		r[i] = m.labels[st.labels[i]]
		if strings.Contains(r[i], liftMark) {
			lifted = true
		}
	}
	if lifted {
		deprojectivize(h, r)
	}
	flattenConj(h, r, &ws.sn)
	copy(heads, h[1:])
	copy(rels, r[1:])
}

// tightRels are relations that span a comma in under 0.7% of their EWT
// training arcs.
var tightRels = map[string]bool{
	"compound": true, "flat": true,
}

// setLabels installs the label set.
func (m *Model) setLabels(labels []string, root int) {
	m.labels, m.root = labels, root
	m.tight = make([]bool, len(labels))
	for i, l := range labels {
		m.tight[i] = tightRels[baseRel(l)]
	}
}

// label returns the label of the arc that transition act makes in ws's
// state, or none for SHIFT.
func (m *Model) label(ws *workspace, act int) int {
	return m.labelIn(ws, &ws.st, act)
}

// labelIn returns the label of the arc that transition act makes in state
// st (whose sentence is ws.sn), or none for SHIFT.
func (m *Model) labelIn(ws *workspace, st *state, act int) int {
	if act == actShift {
		return none
	}
	h, d := st.arc(act)
	if h == 0 {
		return m.root
	}
	return bestLabel(m.labelScores(ws, st, h, d), h, m.root)
}

// actScores scores the three transitions of state st, in ws.scores.
func (m *Model) actScores(ws *workspace, st *state) []int32 {
	ws.feats = features(ws.feats[:0], &ws.sn, st)
	scores := ws.scores[:3]
	clear(scores)
	var sink uint32
	ws.idx, sink = m.act.score(ws.feats, scores, ws.idx)
	ws.sink += sink
	return scores
}

// labelScores scores every label of the arc h → d in state st, in
// ws.scores.
func (m *Model) labelScores(ws *workspace, st *state, h, d int) []int32 {
	ws.feats = labelFeatures(ws.feats[:0], &ws.sn, st, h, d)
	scores := ws.scores[:len(m.labels)]
	clear(scores)
	var sink uint32
	ws.idx, sink = m.lab.score(ws.feats, scores, ws.idx)
	ws.sink += sink
	return scores
}

// setClasses installs the ambiguity classes.
func (m *Model) setClasses(amb map[string]string) {
	m.amb = amb
	m.ambH = make(map[string]uint64, len(amb))
	for w, c := range amb {
		m.ambH[w] = hashString("\x00amb" + c)
	}
}

// ambiguityClasses maps each word seen at least twice in the training data
// to the tags it had in at least 5% of its occurrences, sorted and joined
// by spaces.
func ambiguityClasses(sents []Sentence) map[string]string {
	count := map[string]map[string]int{}
	for _, s := range sents {
		for i, w := range s.Words {
			nw := normWord(w)
			if count[nw] == nil {
				count[nw] = map[string]int{}
			}
			count[nw][s.Tags[i]]++
		}
	}
	out := map[string]string{}
	for w, tags := range count {
		total := 0
		for _, c := range tags {
			total += c
		}
		if total < 2 {
			continue
		}
		var keep []string
		for t, c := range tags {
			if c*20 >= total {
				keep = append(keep, t)
			}
		}
		slices.Sort(keep)
		out[w] = strings.Join(keep, " ")
	}
	return out
}

// flattenConj applies the UD rule that every conjunct attaches to the first
// one: in "A, B and C" the parser sometimes hangs C on B. A conjunct w of a
// conjunct y of z, where a comma separates z and y and w is introduced by a
// coordinating conjunction or a comma, is moved to z. heads and rels are
// per token (index 0 is the root).
func flattenConj(heads []int, rels []string, sn *sentence) {
	n := len(heads) - 1
	var cc []bool
	for w := 1; w <= n; w++ {
		if rels[w] != "conj" {
			continue
		}
		y := heads[w]
		if y <= 0 || y >= w || rels[y] != "conj" {
			continue
		}
		z := heads[y]
		if z <= 0 || z >= y || !sn.commaBetween(z, y) {
			continue
		}
		if cc == nil {
			cc = make([]bool, n+1)
			for c := 1; c <= n; c++ {
				if rels[c] == "cc" && heads[c] > c {
					cc[heads[c]] = true
				}
			}
		}
		if cc[w] || sn.commaBetween(y, w) {
			heads[w] = z
		}
	}
}
