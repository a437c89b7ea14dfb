package graph

import "fmt"

// PathOptions controls path searches.
type PathOptions struct {
	// Directed follows lines from subject to object only. By default
	// lines are followed both ways.
	Directed bool

	// MaxDepth, if positive, is the largest number of hops a path may
	// have.
	MaxDepth int
}

// Hop is one step of a path, from node From to node To (store IDs), with
// every fact joining them in the direction(s) allowed by the search. A fact
// whose S is To was followed against its direction.
type Hop struct {
	From, To uint64
	Facts    []Fact
}

// Path is a sequence of hops; Nodes has one more element than Hops.
type Path struct {
	Nodes []uint64
	Hops  []Hop
}

// Len returns the number of hops.
func (p Path) Len() int { return len(p.Hops) }

// pathOf turns dense node indices into a Path with evidence.
func (s *Snapshot) pathOf(nodes []int32, directed bool) Path {
	p := Path{Nodes: make([]uint64, len(nodes))}
	for i, u := range nodes {
		p.Nodes[i] = s.ids[u]
	}
	for i := 1; i < len(nodes); i++ {
		u, v := nodes[i-1], nodes[i]
		h := Hop{From: s.ids[u], To: s.ids[v], Facts: s.Facts(int64(u), int64(v))}
		if !directed && u != v {
			h.Facts = append(h.Facts, s.Facts(int64(v), int64(u))...)
		}
		p.Hops = append(p.Hops, h)
	}
	return p
}

func (o *PathOptions) check() error {
	if o.MaxDepth < 0 {
		return fmt.Errorf("%w: negative max depth %d", ErrBadOption, o.MaxDepth)
	}
	return nil
}
