package graph

import (
	"fmt"
	"slices"
	"strings"
)

// Measure is a node centrality measure for Rank.
type Measure int

const (
	// PageRank is the PageRank of the directed snapshot, edges weighted
	// by their number of lines, as gonum's network.PageRankSparse
	// computes it (see PageRankScores).
	PageRank Measure = iota
	// Betweenness is the betweenness centrality of the undirected view,
	// by Brandes' algorithm over the CSR, exact or sampled.
	Betweenness
	// Degree is the number of lines at a node, in and out.
	Degree
)

var measureNames = []string{"pagerank", "betweenness", "degree"}

// String returns the measure's name as ParseMeasure accepts it.
func (m Measure) String() string {
	if m < 0 || int(m) >= len(measureNames) {
		return fmt.Sprintf("Measure(%d)", int(m))
	}
	return measureNames[m]
}

// ParseMeasure returns the measure named s ("pagerank", "betweenness" or
// "degree", in any case), or an error wrapping ErrBadOption.
func ParseMeasure(s string) (Measure, error) {
	for i, n := range measureNames {
		if strings.EqualFold(s, n) {
			return Measure(i), nil
		}
	}
	return 0, fmt.Errorf("%w: unknown measure %q (want pagerank, betweenness or degree)", ErrBadOption, s)
}

// RankOptions tunes Rank. The zero value is usable.
type RankOptions struct {
	// Top, if positive, keeps only the Top highest scores.
	Top int

	// Damping and Tolerance are PageRank's damping factor (default 0.85)
	// and convergence tolerance (default 1e-6).
	Damping, Tolerance float64

	// Samples is the number of source nodes betweenness is computed from;
	// scores are scaled by N/Samples. Zero means exact (all N sources) when
	// N ≤ ExactBetweennessNodes, and DefaultBetweennessSamples above that.
	Samples int

	// Seed seeds the choice of sampled sources.
	Seed uint64
}

// ExactBetweennessNodes is the largest graph on which Rank computes exact
// betweenness by default; above it, it samples sources.
const ExactBetweennessNodes = 4000

// DefaultBetweennessSamples is the number of sources sampled for
// betweenness above ExactBetweennessNodes: about 1 s on 1M facts.
const DefaultBetweennessSamples = 64

// Score is the centrality of one node.
type Score struct {
	ID    uint64 // store ID
	Node  int64  // dense node ID
	Score float64
}

// Rank returns the nodes of s scored by the measure by, highest first (ties
// by node ID). See Degree, PageRankScores and BetweennessScores for the cost
// of each measure. It returns an error wrapping ErrBadOption for an unknown
// measure or invalid option.
func (s *Snapshot) Rank(by Measure, opt RankOptions) ([]Score, error) {
	if opt.Top < 0 || opt.Samples < 0 || opt.Damping < 0 || opt.Damping >= 1 || opt.Tolerance < 0 {
		return nil, fmt.Errorf("%w: rank options %+v", ErrBadOption, opt)
	}
	var v []float64
	switch by {
	case PageRank:
		v = s.PageRankScores(opt.Damping, opt.Tolerance)
	case Betweenness:
		v = s.BetweennessScores(opt.Samples, opt.Seed)
	case Degree:
		v = s.DegreeScores()
	default:
		return nil, fmt.Errorf("%w: unknown measure %d", ErrBadOption, int(by))
	}
	return s.top(v, opt.Top), nil
}

// top sorts the scores v (indexed by node) and keeps the k best (all if k is
// 0).
func (s *Snapshot) top(v []float64, k int) []Score {
	out := make([]Score, len(v))
	for i, x := range v {
		out[i] = Score{ID: s.ids[i], Node: int64(i), Score: x}
	}
	slices.SortStableFunc(out, func(a, b Score) int {
		switch {
		case a.Score > b.Score:
			return -1
		case a.Score < b.Score:
			return 1
		}
		return 0
	})
	if k > 0 && k < len(out) {
		out = out[:k]
	}
	return out
}

// DegreeScores returns the number of lines at each node, in and out (a self
// loop counts twice), indexed by dense node ID. It takes O(N).
func (s *Snapshot) DegreeScores() []float64 {
	v := make([]float64, len(s.ids))
	for u := range v {
		v[u] = float64(s.degree(int32(u)))
	}
	return v
}
