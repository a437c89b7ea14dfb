package graph

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/graph/community"
)

// CommunityMethod chooses the community detection algorithm.
type CommunityMethod int

const (
	// Auto uses gonum's Modularize up to MaxGonumNodes nodes and this
	// package's Louvain above.
	Auto CommunityMethod = iota
	// Louvain is this package's Louvain method over the CSR arrays:
	// O(E) per pass, for graphs of any size.
	Louvain
	// GonumLouvain is gonum's community.Modularize on the undirected
	// view. Its local moves are quadratic in community sizes (19.6 s
	// measured at 12k nodes), so it is refused above MaxGonumNodes.
	GonumLouvain
)

// DefaultMaxGonumNodes is the default MaxGonumNodes.
const DefaultMaxGonumNodes = 2000

// CommunityOptions tunes Communities. The zero value is usable.
type CommunityOptions struct {
	Method CommunityMethod

	// Resolution is the modularity resolution γ (default 1); higher
	// values give more, smaller communities.
	Resolution float64

	// Seed makes the node visiting order reproducible.
	Seed uint64

	// MaxGonumNodes bounds the graphs given to gonum's Modularize
	// (default DefaultMaxGonumNodes).
	MaxGonumNodes int
}

// Community is one group of nodes.
type Community struct {
	// Members are the store IDs of the members, most central first
	// (by number of lines, ties by node ID).
	Members []uint64
	// Nodes are the dense node IDs of Members, in the same order.
	Nodes []int64
	// Central is Members[0].
	Central uint64
}

// Communities is a partition of a snapshot's nodes.
type Communities struct {
	// Groups are the communities, largest first (ties by most central
	// member's node ID).
	Groups []Community
	// Modularity is Q of the partition on the undirected view, weighted
	// by line counts, at the resolution used.
	Modularity float64
	// Method is the algorithm that produced it (Louvain or GonumLouvain).
	Method CommunityMethod

	of []int32
}

// Of returns the index in Groups of the community of node n, or -1.
func (c *Communities) Of(n int64) int {
	if n < 0 || n >= int64(len(c.of)) {
		return -1
	}
	return int(c.of[n])
}

// Communities partitions the nodes of s into communities of the undirected
// view by modularity optimisation, edges weighted by their number of lines.
// It returns an error wrapping ErrBadOption for an invalid option and
// ErrTooLarge if GonumLouvain is asked for above MaxGonumNodes nodes.
func (s *Snapshot) Communities(opt CommunityOptions) (*Communities, error) {
	if opt.Resolution < 0 || opt.MaxGonumNodes < 0 || opt.Method < Auto || opt.Method > GonumLouvain {
		return nil, fmt.Errorf("%w: community options %+v", ErrBadOption, opt)
	}
	if opt.Resolution == 0 {
		opt.Resolution = 1
	}
	if opt.MaxGonumNodes == 0 {
		opt.MaxGonumNodes = DefaultMaxGonumNodes
	}
	method := opt.Method
	if method == Auto {
		method = Louvain
		if s.Len() <= opt.MaxGonumNodes {
			method = GonumLouvain
		}
	}
	g := s.levelZero()
	var comm []int32
	switch method {
	case GonumLouvain:
		if s.Len() > opt.MaxGonumNodes {
			return nil, fmt.Errorf("%w: %d nodes for gonum's Modularize (limit %d)", ErrTooLarge, s.Len(), opt.MaxGonumNodes)
		}
		comm = make([]int32, s.Len())
		if s.Len() > 0 {
			r := community.Modularize(s.Undirected(), opt.Resolution, rand.NewPCG(opt.Seed, 0x676f6e756d))
			for i, c := range r.Communities() {
				for _, n := range c {
					comm[n.ID()] = int32(i)
				}
			}
		}
	default:
		comm = louvain(g, opt.Resolution, opt.Seed)
	}
	c := s.groups(comm, g)
	c.Modularity = modularity(g, comm, opt.Resolution)
	c.Method = method
	return c, nil
}

// groups turns a community index per node into sorted Communities.
func (s *Snapshot) groups(comm []int32, g *wgraph) *Communities {
	k := 0
	for _, c := range comm {
		k = max(k, int(c)+1)
	}
	nodes := make([][]int64, k)
	for u, c := range comm {
		nodes[c] = append(nodes[c], int64(u))
	}
	nodes = slices.DeleteFunc(nodes, func(x []int64) bool { return len(x) == 0 })
	for _, ns := range nodes {
		slices.SortStableFunc(ns, func(a, b int64) int {
			switch {
			case g.k[a] > g.k[b]:
				return -1
			case g.k[a] < g.k[b]:
				return 1
			}
			return 0
		})
	}
	slices.SortStableFunc(nodes, func(a, b []int64) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return int(a[0] - b[0])
	})
	out := &Communities{Groups: make([]Community, len(nodes)), of: make([]int32, len(comm))}
	for i, ns := range nodes {
		c := Community{Nodes: ns, Members: make([]uint64, len(ns))}
		for j, n := range ns {
			c.Members[j] = s.ids[n]
			out.of[n] = int32(i)
		}
		c.Central = c.Members[0]
		out.Groups[i] = c
	}
	return out
}
