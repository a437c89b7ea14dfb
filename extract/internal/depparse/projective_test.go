package depparse

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestProjectivizeRoundTrip(t *testing.T) {
	// "A hearing is scheduled on the issue today": hearing -> on is
	// non-projective (on the issue modifies hearing across the verb).
	tests := []struct {
		name  string
		heads []int
		rels  []string
		// after lifting
		pHeads []int
		pRels  []string
	}{
		{
			name:   "projective untouched",
			heads:  []int{-1, 2, 0, 2},
			rels:   []string{"", "nsubj", "root", "obj"},
			pHeads: []int{-1, 2, 0, 2},
			pRels:  []string{"", "nsubj", "root", "obj"},
		},
		{
			name: "hearing on the issue",
			//       A  hearing is scheduled on the issue today
			heads:  []int{-1, 2, 4, 4, 0, 7, 7, 2, 4},
			rels:   []string{"", "det", "nsubj:pass", "aux:pass", "root", "case", "det", "nmod", "obl:tmod"},
			pHeads: []int{-1, 2, 4, 4, 0, 7, 7, 4, 4},
			pRels:  []string{"", "det", "nsubj:pass", "aux:pass", "root", "case", "det", "nmod↑nsubj:pass", "obl:tmod"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, r, _ := projectivize(tt.heads, tt.rels)
			if !slices.Equal(h, tt.pHeads) || !slices.Equal(r, tt.pRels) {
				t.Fatalf("projectivize = %v %v, want %v %v", h, r, tt.pHeads, tt.pRels)
			}
			if !isProjective(h) {
				t.Fatal("result is not projective")
			}
			deprojectivize(h, r)
			if !slices.Equal(h, tt.heads) || !slices.Equal(r, tt.rels) {
				t.Fatalf("round trip = %v %v, want %v %v", h, r, tt.heads, tt.rels)
			}
		})
	}
}

// TestProjectivizeRandomTrees: lifting always ends in a projective tree and
// deprojectivising always gives back a tree without lift marks.
func TestProjectivizeRandomTrees(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	back := 0
	const runs = 3000
	for it := 0; it < runs; it++ {
		n := 1 + rng.IntN(12)
		heads := randomTree(rng, n)
		rels := make([]string, n+1)
		for d := 1; d <= n; d++ {
			rels[d] = fmt.Sprint("r", d) // distinct labels: the search is unambiguous
		}
		h, r, _ := projectivize(heads, rels)
		if !isProjective(h) || !isTree(h[1:]) {
			t.Fatalf("projectivize(%v) = %v, not a projective tree", heads, h)
		}
		deprojectivize(h, r)
		if !isTree(h[1:]) {
			t.Fatalf("deprojectivize gave %v from %v", h, heads)
		}
		for _, l := range r {
			if strings.Contains(l, liftMark) {
				t.Fatalf("lift mark left in %v", r)
			}
		}
		if slices.Equal(h, heads) {
			back++
		}
	}
	// With distinct labels the head encoding is exact unless a lifted arc
	// is searched for below a head that was itself lifted elsewhere.
	if back < runs*95/100 {
		t.Errorf("round trip exact for %d of %d random trees", back, runs)
	}
}

func TestProjectivizeTreebank(t *testing.T) {
	sents := loadTreebank(t, "ud-ewt/en_ewt-ud-train.conllu", "")
	nonProj, back := 0, 0
	for _, s := range sents {
		heads := append([]int{-1}, s.Heads...)
		rels := append([]string{""}, s.Rels...)
		if isProjective(heads) {
			continue
		}
		nonProj++
		h, r, _ := projectivize(heads, rels)
		if !isProjective(h) {
			t.Fatalf("not projective after lifting: %v", s.Words)
		}
		deprojectivize(h, r)
		if slices.Equal(h, heads) && slices.Equal(r, rels) {
			back++
		}
	}
	t.Logf("%d non-projective training trees, %d recovered exactly", nonProj, back)
	if nonProj < 200 || back < nonProj*9/10 {
		t.Errorf("%d non-projective trees, %d recovered exactly", nonProj, back)
	}
}

func TestFlattenConj(t *testing.T) {
	tests := []struct {
		words string
		tags  string
		heads []int // per token, [0] = -1
		rels  []string
		want  []int
	}{
		{ // "A , B and C": C moves from B to A.
			"A , B and C", "NNP , NNP CC NNP",
			[]int{-1, 0, 3, 1, 5, 3}, []string{"", "root", "punct", "conj", "cc", "conj"},
			[]int{-1, 0, 3, 1, 5, 1},
		},
		{ // "A , B , C and D": C and D both move to A.
			"A , B , C and D", "NNP , NNP , NNP CC NNP",
			[]int{-1, 0, 3, 1, 5, 3, 7, 5}, []string{"", "root", "punct", "conj", "punct", "conj", "cc", "conj"},
			[]int{-1, 0, 3, 1, 5, 1, 7, 1},
		},
		{ // "A and B or C": no comma before B, nesting kept.
			"A and B or C", "NNP CC NNP CC NNP",
			[]int{-1, 0, 3, 1, 5, 3}, []string{"", "root", "cc", "conj", "cc", "conj"},
			[]int{-1, 0, 3, 1, 5, 3},
		},
	}
	for _, tt := range tests {
		var sn sentence
		sn.reset(strings.Fields(tt.words), strings.Fields(tt.tags), nil)
		h := append([]int(nil), tt.heads...)
		flattenConj(h, tt.rels, &sn)
		if !slices.Equal(h, tt.want) {
			t.Errorf("%q: heads %v, want %v", tt.words, h, tt.want)
		}
	}
}
