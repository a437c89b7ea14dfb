package graph

import (
	"math"

	gonum "gonum.org/v1/gonum/graph"
)

// Node is a node of a Snapshot; its ID is the dense node index.
type Node int64

// ID returns the dense node index.
func (n Node) ID() int64 { return int64(n) }

// Line is a fact viewed as a gonum line. Its ID is the line index in the
// snapshot (use Snapshot.Fact to get the fact back); its weight is 1.
type Line struct {
	F, T gonum.Node
	UID  int64
	Fact Fact
}

// From returns the subject node.
func (l Line) From() gonum.Node { return l.F }

// To returns the object node.
func (l Line) To() gonum.Node { return l.T }

// ID returns the line index.
func (l Line) ID() int64 { return l.UID }

// ReversedLine returns the line with its end points swapped; its fact is
// unchanged.
func (l Line) ReversedLine() gonum.Line { l.F, l.T = l.T, l.F; return l }

// Weight returns 1.
func (l Line) Weight() float64 { return 1 }

// Edge is the set of lines between two nodes, viewed as a gonum edge whose
// weight is the number of lines.
type Edge struct {
	F, T  gonum.Node
	Lines []Line
}

// From returns the from node.
func (e Edge) From() gonum.Node { return e.F }

// To returns the to node.
func (e Edge) To() gonum.Node { return e.T }

// ReversedEdge returns the edge with its end points swapped.
func (e Edge) ReversedEdge() gonum.Edge { e.F, e.T = e.T, e.F; return e }

// Weight returns the number of lines of the edge.
func (e Edge) Weight() float64 { return float64(len(e.Lines)) }

var (
	_ gonum.Directed                   = (*Snapshot)(nil)
	_ gonum.WeightedDirected           = (*Snapshot)(nil)
	_ gonum.DirectedMultigraph         = (*Snapshot)(nil)
	_ gonum.WeightedDirectedMultigraph = (*Snapshot)(nil)
)

// Node returns the node with dense ID id, or nil.
func (s *Snapshot) Node(id int64) gonum.Node {
	if !s.valid(id) {
		return nil
	}
	return s.nodes[id]
}

// Nodes returns all nodes in ID order. It takes O(1).
func (s *Snapshot) Nodes() gonum.Nodes { return newNodeIter(s.nodes, nil, true) }

// From returns the distinct nodes u has lines to, in ID order. It takes O(1).
func (s *Snapshot) From(id int64) gonum.Nodes {
	if !s.valid(id) {
		return gonum.Empty
	}
	return newNodeIter(s.nodes, s.outNbr.row(int32(id)), false)
}

// To returns the distinct nodes that have lines to v, in ID order.
func (s *Snapshot) To(id int64) gonum.Nodes {
	if !s.valid(id) {
		return gonum.Empty
	}
	return newNodeIter(s.nodes, s.inNbr.row(int32(id)), false)
}

// HasEdgeBetween reports whether a line joins x and y in either direction.
// It takes O(log d) for degree d.
func (s *Snapshot) HasEdgeBetween(xid, yid int64) bool {
	return s.HasEdgeFromTo(xid, yid) || s.HasEdgeFromTo(yid, xid)
}

// HasEdgeFromTo reports whether a line runs from u to v.
func (s *Snapshot) HasEdgeFromTo(uid, vid int64) bool {
	if !s.valid(uid) || !s.valid(vid) {
		return false
	}
	a, b := s.lineRange(int32(uid), int32(vid))
	return b > a
}

// Edge returns the Edge holding the lines from u to v, or nil.
func (s *Snapshot) Edge(uid, vid int64) gonum.Edge {
	if e := s.edge(uid, vid); e != nil {
		return *e
	}
	return nil
}

// WeightedEdge returns the Edge from u to v, or nil. Its weight is the number
// of lines.
func (s *Snapshot) WeightedEdge(uid, vid int64) gonum.WeightedEdge {
	if e := s.edge(uid, vid); e != nil {
		return *e
	}
	return nil
}

func (s *Snapshot) edge(uid, vid int64) *Edge {
	if !s.valid(uid) || !s.valid(vid) {
		return nil
	}
	a, b := s.lineRange(int32(uid), int32(vid))
	if a == b {
		return nil
	}
	return &Edge{F: s.nodes[uid], T: s.nodes[vid], Lines: s.lineSlice(a, b, false)}
}

func (s *Snapshot) lineSlice(a, b int32, reversed bool) []Line {
	out := make([]Line, 0, b-a)
	for l := a; l < b; l++ {
		ln := Line{F: s.nodes[s.lfrom[l]], T: s.nodes[s.lto[l]], UID: int64(l), Fact: s.fact(l)}
		if reversed {
			ln.F, ln.T = ln.T, ln.F
		}
		out = append(out, ln)
	}
	return out
}

// Weight returns the number of lines from x to y and true if there is at
// least one. For x == y without a self loop it returns 0, true; for nodes
// not joined it returns +Inf, false.
func (s *Snapshot) Weight(xid, yid int64) (float64, bool) {
	if s.valid(xid) && s.valid(yid) {
		a, b := s.lineRange(int32(xid), int32(yid))
		if b > a {
			return float64(b - a), true
		}
	}
	if xid == yid {
		return 0, true
	}
	return math.Inf(1), false
}

// Lines returns the lines from u to v.
func (s *Snapshot) Lines(uid, vid int64) gonum.Lines {
	e := s.edge(uid, vid)
	if e == nil {
		return gonum.Empty
	}
	return &lineIter{lines: e.Lines, i: -1}
}

// WeightedLines returns the lines from u to v; each has weight 1.
func (s *Snapshot) WeightedLines(uid, vid int64) gonum.WeightedLines {
	e := s.edge(uid, vid)
	if e == nil {
		return gonum.Empty
	}
	return &lineIter{lines: e.Lines, i: -1}
}

// nodeIter iterates over a slice of dense indices, or over all nodes.
type nodeIter struct {
	nodes []gonum.Node
	idx   []int32
	all   bool
	i     int
}

func newNodeIter(nodes []gonum.Node, idx []int32, all bool) *nodeIter {
	return &nodeIter{nodes: nodes, idx: idx, all: all, i: -1}
}

func (it *nodeIter) len() int {
	if it.all {
		return len(it.nodes)
	}
	return len(it.idx)
}

func (it *nodeIter) Next() bool {
	if it.i+1 >= it.len() {
		it.i = it.len()
		return false
	}
	it.i++
	return true
}

func (it *nodeIter) Len() int {
	if it.i >= it.len() {
		return 0
	}
	return it.len() - it.i - 1
}

func (it *nodeIter) Reset() { it.i = -1 }

func (it *nodeIter) Node() gonum.Node {
	if it.i < 0 || it.i >= it.len() {
		return nil
	}
	if it.all {
		return it.nodes[it.i]
	}
	return it.nodes[it.idx[it.i]]
}

// NodeSlice returns the remaining nodes and exhausts the iterator.
func (it *nodeIter) NodeSlice() []gonum.Node {
	var out []gonum.Node
	for it.Next() {
		out = append(out, it.Node())
	}
	return out
}

type lineIter struct {
	lines []Line
	i     int
}

func (it *lineIter) Next() bool {
	if it.i+1 >= len(it.lines) {
		it.i = len(it.lines)
		return false
	}
	it.i++
	return true
}

func (it *lineIter) Len() int {
	if it.i >= len(it.lines) {
		return 0
	}
	return len(it.lines) - it.i - 1
}

func (it *lineIter) Reset() { it.i = -1 }

func (it *lineIter) Line() gonum.Line {
	if it.i < 0 || it.i >= len(it.lines) {
		return nil
	}
	return it.lines[it.i]
}

func (it *lineIter) WeightedLine() gonum.WeightedLine {
	if it.i < 0 || it.i >= len(it.lines) {
		return nil
	}
	return it.lines[it.i]
}
