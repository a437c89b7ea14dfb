package depparse

import (
	"strings"
	"sync"
)

// Model is a trained parser. It is safe for concurrent use.
type Model struct {
	labels []string // label ids; may include lifted labels "rel↑headrel"
	root   int      // id of "root"
	tab    table
	pool   sync.Pool
}

// workspace holds the per-call buffers of Parse.
type workspace struct {
	sn     sentence
	st     state
	feats  []uint64
	scores []int32
}

// classes returns the number of output classes: SHIFT, then LEFT-l, then
// RIGHT-l for every label l.
func (m *Model) classes() int { return 1 + 2*len(m.labels) }

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

// decode splits a class into transition and label.
func decode(c, nl int) (act, label int) {
	switch {
	case c == 0:
		return actShift, none
	case c <= nl:
		return actLeft, c - 1
	default:
		return actRight, c - 1 - nl
	}
}

// bestClass returns the highest-scoring class valid in st. The root label
// is reserved for the final attachment to the root and for nothing else.
func bestClass[S int32 | float32](st *state, scores []S, nl, root int) int {
	best := -1
	var bs S
	if st.canShift() {
		best, bs = 0, scores[0]
	}
	if st.canLeft() {
		for l := 0; l < nl; l++ {
			if l == root {
				continue
			}
			if c := 1 + l; best < 0 || scores[c] > bs {
				best, bs = c, scores[c]
			}
		}
	}
	if st.canRight() {
		if st.s(1) == 0 {
			if c := 1 + nl + root; best < 0 || scores[c] > bs {
				best, bs = c, scores[c]
			}
		} else {
			for l := 0; l < nl; l++ {
				if l == root {
					continue
				}
				if c := 1 + nl + l; best < 0 || scores[c] > bs {
					best, bs = c, scores[c]
				}
			}
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
	if cap(ws.scores) < m.classes() {
		ws.scores = make([]int32, m.classes())
	}
	scores := ws.scores[:m.classes()]
	ws.sn.reset(words, tags)
	st := &ws.st
	st.reset(n)
	for !st.terminal() {
		ws.feats = features(ws.feats[:0], &ws.sn, st)
		clear(scores)
		m.tab.score(ws.feats, scores)
		act, label := decode(bestClass(st, scores, nl, m.root), nl)
		st.apply(act, label)
	}
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
	copy(heads, h[1:])
	copy(rels, r[1:])
	return heads, rels
}
