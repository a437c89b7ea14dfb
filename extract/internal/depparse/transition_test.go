package depparse

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// randomProjective returns a random projective single-root tree over n
// words, per token (index 0 is the root, heads[0] = -1), with labels in
// 1..nl-1 (0 is the root label).
func randomProjective(rng *rand.Rand, n, nl int) (heads, labels []int) {
	heads = make([]int, n+1)
	labels = make([]int, n+1)
	heads[0], labels[0] = -1, none
	var build func(lo, hi, parent int)
	build = func(lo, hi, parent int) { // words lo..hi-1 hang from parent
		for lo < hi {
			// A run of subtrees: pick a head, its left part and right part.
			h := lo + rng.IntN(hi-lo)
			end := h + 1 + rng.IntN(hi-h)
			heads[h] = parent
			if parent == 0 {
				labels[h] = 0
			} else {
				labels[h] = 1 + rng.IntN(nl-1)
			}
			build(lo, h, h)
			build(h+1, end, h)
			if parent == 0 {
				// Single root: everything else hangs below h.
				build(end, hi, h)
				return
			}
			lo = end
		}
	}
	build(1, n+1, 0)
	return heads, labels
}

// randomTree returns a random single-root tree, usually non-projective.
func randomTree(rng *rand.Rand, n int) []int {
	heads := make([]int, n+1)
	heads[0] = -1
	perm := rng.Perm(n)
	heads[perm[0]+1] = 0
	for i := 1; i < n; i++ {
		heads[perm[i]+1] = perm[rng.IntN(i)] + 1
	}
	return heads
}

// run applies transitions chosen by choose until the end and returns the
// tree.
func run(n int, choose func(st *state) (act, label int)) *state {
	st := newState(n)
	for !st.terminal() {
		act, l := choose(st)
		if !st.valid(act) {
			panic("invalid transition chosen")
		}
		st.apply(act, l)
	}
	return st
}

// oracleStep returns the first zero-cost transition, labelled with the
// gold label when its arc is gold.
func oracleStep(st *state, gh, gl []int) (act, label, cost int) {
	var c [3]int
	st.costs(gh, &c)
	best := -1
	for a := 0; a < 3; a++ {
		if c[a] >= 0 && (best < 0 || c[a] < c[best]) {
			best = a
		}
	}
	label = none
	if best != actShift {
		label = 1
		if h, d := st.arc(best); gh[d] == h {
			label = gl[d]
		}
	}
	return best, label, c[best]
}

func TestOracleReproducesProjectiveTrees(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for it := 0; it < 2000; it++ {
		n := 1 + rng.IntN(25)
		gh, gl := randomProjective(rng, n, 6)
		if !isProjective(gh) {
			t.Fatalf("generator made a non-projective tree %v", gh)
		}
		st := run(n, func(st *state) (int, int) {
			a, l, c := oracleStep(st, gh, gl)
			if c != 0 {
				t.Fatalf("tree %v: no zero-cost transition in %v", gh, st.stack)
			}
			return a, l
		})
		if !slices.Equal(st.heads[1:], gh[1:]) || !slices.Equal(st.labels[1:], gl[1:]) {
			t.Fatalf("oracle tree %v %v, gold %v %v", st.heads, st.labels, gh, gl)
		}
	}
}

func TestOracleReproducesTreebank(t *testing.T) {
	sents := loadTreebank(t, "ud-ewt/en_ewt-ud-dev.conllu", "")
	exact := 0
	for _, s := range sents {
		h, r, _ := projectivize(append([]int{-1}, s.Heads...), append([]string{""}, s.Rels...))
		lid := map[string]int{"root": 0}
		gl := []int{none}
		for _, l := range r[1:] {
			if _, ok := lid[l]; !ok {
				lid[l] = len(lid)
			}
			gl = append(gl, lid[l])
		}
		st := run(len(s.Words), func(st *state) (int, int) {
			a, l, _ := oracleStep(st, h, gl)
			return a, l
		})
		if slices.Equal(st.heads[1:], h[1:]) && slices.Equal(st.labels[1:], gl[1:]) {
			exact++
		}
	}
	if exact != len(sents) {
		t.Errorf("oracle reproduced %d of %d projectivised dev trees", exact, len(sents))
	}
}

// isTree reports whether heads (1-based, per word) is a tree with one root.
func isTree(heads []int) bool {
	n := len(heads)
	roots := 0
	for _, h := range heads {
		if h < 0 || h > n {
			return false
		}
		if h == 0 {
			roots++
		}
	}
	if roots != 1 {
		return false
	}
	hh := append([]int{-1}, heads...)
	for d := 1; d <= n; d++ {
		if !dominates(hh, 0, d) {
			return false
		}
	}
	return true
}

func TestRandomTransitionsMakeTrees(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for it := 0; it < 3000; it++ {
		n := 1 + rng.IntN(30)
		steps := 0
		st := run(n, func(st *state) (int, int) {
			steps++
			for {
				a := rng.IntN(3)
				if st.valid(a) {
					return a, rng.IntN(5)
				}
			}
		})
		if steps != 2*n {
			t.Fatalf("n=%d: %d transitions, want %d", n, steps, 2*n)
		}
		if !isTree(st.heads[1:]) {
			t.Fatalf("not a single-root tree: %v", st.heads)
		}
	}
}

// minLoss is the fewest wrong heads (among unattached words, plus those
// already wrong) over every completion of st, by exhaustive search.
func minLoss(st *state, gh []int) int {
	if st.terminal() {
		loss := 0
		for d := 1; d <= st.n; d++ {
			if st.heads[d] != gh[d] {
				loss++
			}
		}
		return loss
	}
	best := -1
	for a := 0; a < 3; a++ {
		if !st.valid(a) {
			continue
		}
		c := clone(st)
		c.apply(a, 1)
		if l := minLoss(c, gh); best < 0 || l < best {
			best = l
		}
	}
	return best
}

func clone(st *state) *state {
	c := newState(st.n)
	c.stack = append(c.stack[:0], st.stack...)
	c.b = st.b
	copy(c.heads, st.heads)
	copy(c.labels, st.labels)
	copy(c.lc1, st.lc1)
	copy(c.lc2, st.lc2)
	copy(c.rc1, st.rc1)
	copy(c.rc2, st.rc2)
	copy(c.nl, st.nl)
	copy(c.nr, st.nr)
	copy(c.on, st.on)
	copy(c.lset, st.lset)
	copy(c.rset, st.rset)
	return c
}

// TestOracleCostsMatchBruteForce checks the dynamic oracle's unlabelled
// costs against exhaustive search from random reachable configurations:
// the cost of a transition is the loss it adds to the best reachable tree.
func TestOracleCostsMatchBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	positive := 0
	for it := 0; it < 400; it++ {
		n := 1 + rng.IntN(6)
		gh, _ := randomProjective(rng, n, 3)
		st := newState(n)
		// Walk a random prefix.
		for k := rng.IntN(2 * n); k > 0 && !st.terminal(); k-- {
			for {
				a := rng.IntN(3)
				if st.valid(a) {
					st.apply(a, 1)
					break
				}
			}
		}
		if st.terminal() {
			continue
		}
		base := minLoss(st, gh)
		var c [3]int
		st.costs(gh, &c)
		for a := 0; a < 3; a++ {
			if !st.valid(a) {
				if c[a] != -1 {
					t.Fatalf("invalid transition %d has cost %d", a, c[a])
				}
				continue
			}
			nx := clone(st)
			nx.apply(a, 1)
			if c[a] > 0 {
				positive++
			}
			if want := minLoss(nx, gh) - base; c[a] != want {
				t.Fatalf("gold %v, stack %v buffer %d heads %v: transition %d cost %d, brute force %d",
					gh, st.stack, st.b, st.heads, a, c[a], want)
			}
		}
	}
	if positive < 100 {
		t.Errorf("only %d transitions with a positive cost were checked", positive)
	}
}
