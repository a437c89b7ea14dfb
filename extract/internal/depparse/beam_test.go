package depparse

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
)

// bruteBest returns the best score of ParseBeam's objective over every
// transition sequence from st: the sum of the log-probabilities of the
// transitions and of their arcs' best labels, with the transitions that
// make a tight arc across a comma left out when another one is valid.
func bruteBest(m *Model, ws *workspace, st *state, score float64) float64 {
	if st.terminal() {
		return score
	}
	if st.canShift() && !st.canLeft() && !st.canRight() {
		c := clone(st)
		c.apply(actShift, none)
		return bruteBest(m, ws, c, score)
	}
	ws.feats = features(ws.feats[:0], &ws.sn, st)
	scores := make([]int32, 3)
	ws.idx, _ = m.act.score(ws.feats, scores, ws.idx)
	var lp [3]float64
	m.actLogP(st, scores, &lp)
	nvalid := 0
	for a := actShift; a <= actRight; a++ {
		if st.valid(a) {
			nvalid++
		}
	}
	best := math.Inf(-1)
	for a := actShift; a <= actRight; a++ {
		if !st.valid(a) {
			continue
		}
		s := score + lp[a]
		label := none
		if a != actShift {
			var llp float64
			label, llp = m.labelLogP(ws, st, a)
			if h, d := st.arc(a); m.tight[label] && nvalid > 1 && ws.sn.commaBetween(h, d) {
				continue
			}
			s += llp
		}
		c := clone(st)
		c.apply(a, label)
		best = max(best, bruteBest(m, ws, c, s))
	}
	return best
}

// randomTagged returns n random words of the toy vocabulary with tags,
// commas among them.
func randomTagged(rng *rand.Rand, n int) (words, tags []string) {
	for i := 0; i < n; i++ {
		if rng.IntN(6) == 0 {
			words, tags = append(words, ","), append(tags, ",")
			continue
		}
		words = append(words, fmt.Sprint("w", rng.IntN(30)))
		tags = append(tags, toyTags[rng.IntN(len(toyTags))])
	}
	return words, tags
}

// TestBeamMatchesBruteForce checks beam search against exhaustive search
// on short sentences: a beam wide enough to hold every partial parse finds
// the best-scoring parse, and narrower beams never score above it.
func TestBeamMatchesBruteForce(t *testing.T) {
	m := toy(t)
	// Make some toy relations tight, so the comma rule is exercised.
	saved := m.tight
	defer func() { m.tight = saved }()
	m.tight = make([]bool, len(m.labels))
	for i, l := range m.labels {
		m.tight[i] = strings.HasPrefix(l, "amod") || strings.HasPrefix(l, "det")
	}
	rng := rand.New(rand.NewPCG(21, 22))
	improved := 0
	for it := 0; it < 150; it++ {
		words, tags := randomTagged(rng, 1+rng.IntN(6))
		ws := &workspace{scores: make([]int32, len(m.labels))}
		ws.sn.reset(words, tags, m.ambH)
		want := bruteBest(m, ws, newState(len(words)), 0)
		st, got := m.beamSearch(&workspace{}, words, tags, 100000, math.Inf(1))
		if math.Abs(got-want) > 1e-9 {
			t.Fatalf("%v %v: exhaustive beam scores %v, brute force %v", words, tags, got, want)
		}
		if !st.terminal() {
			t.Fatalf("%v: beam returned a non-final state", words)
		}
		_, s1 := m.beamSearch(&workspace{}, words, tags, 1, math.Inf(1))
		for _, w := range []int{2, 3} {
			_, s := m.beamSearch(&workspace{}, words, tags, w, math.Inf(1))
			if s > want+1e-9 {
				t.Fatalf("%v: width %d scores %v above the optimum %v", words, w, s, want)
			}
			if w == 2 && s > s1+1e-9 {
				improved++
			}
		}
	}
	if improved == 0 {
		t.Errorf("a beam of 2 never scored above a beam of 1 in 150 sentences")
	}
}

// TestParseBeamMakesTrees: whatever the words, tags and width, ParseBeam
// returns a well-formed tree, and width 1 is the greedy parse.
func TestParseBeamMakesTrees(t *testing.T) {
	m := toy(t)
	rng := rand.New(rand.NewPCG(23, 24))
	differ := 0
	for it := 0; it < 300; it++ {
		n := rng.IntN(40)
		words, tags := randomTagged(rng, n)
		if rng.IntN(5) == 0 {
			tags = tags[:rng.IntN(n+1)]
		}
		gh, gr := m.Parse(words, tags)
		h1, r1 := m.ParseBeam(words, tags, 1)
		if fmt.Sprint(gh, gr) != fmt.Sprint(h1, r1) {
			t.Fatalf("%v: width 1 differs from Parse", words)
		}
		for _, w := range []int{2, 3, 8} {
			h, r := m.ParseBeam(words, tags, w)
			checkTree(t, n, h, r)
			if fmt.Sprint(h) != fmt.Sprint(gh) {
				differ++
			}
		}
	}
	if differ == 0 {
		t.Errorf("the beam never changed a parse")
	}
}

func TestParseBeamConcurrent(t *testing.T) {
	m := toy(t)
	p := m.Beam(2)
	rng := rand.New(rand.NewPCG(25, 26))
	type input struct{ words, tags []string }
	var in []input
	var want []string
	for i := 0; i < 20; i++ {
		w, tg := randomTagged(rng, 1+rng.IntN(25))
		in = append(in, input{w, tg})
		h, r := p.Parse(w, tg)
		want = append(want, fmt.Sprint(h, r))
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				k := (g + i) % len(in)
				h, r := p.Parse(in[k].words, in[k].tags)
				if fmt.Sprint(h, r) != want[k] {
					t.Errorf("concurrent beam parse differs")
					return
				}
			}
		}()
	}
	wg.Wait()
}

// TestBeamBoundExact: labelling candidates best first and stopping at the
// first that cannot enter the beam (it cannot beat the width-th, or it is
// more than the margin below the best) selects what labelling all would.
func TestBeamBoundExact(t *testing.T) {
	m := toy(t)
	rng := rand.New(rand.NewPCG(27, 28))
	for it := 0; it < 200; it++ {
		words, tags := randomTagged(rng, 1+rng.IntN(30))
		for _, w := range []int{2, 3} {
			for _, margin := range []float64{math.Inf(1), beamMargin, 0.3} {
				st, s := m.beamSearch(&workspace{}, words, tags, w, margin)
				got := fmt.Sprint(st.heads, st.labels, s)
				beamNoBound = true
				st, s = m.beamSearch(&workspace{}, words, tags, w, margin)
				beamNoBound = false
				if want := fmt.Sprint(st.heads, st.labels, s); got != want {
					t.Fatalf("%v width %d margin %v: bounded search %s, exhaustive labelling %s", words, w, margin, got, want)
				}
			}
		}
	}
}
