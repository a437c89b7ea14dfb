package graph

import (
	"fmt"
	"slices"
	"strings"
)

// DefaultMaxNodes is the default ExportOptions.MaxNodes.
const DefaultMaxNodes = 300

// DefaultSFDPThreshold is the default ExportOptions.SFDPThreshold.
const DefaultSFDPThreshold = 1000

// ExportOptions controls WriteDOT and WriteJSON. The zero value is usable;
// the callbacks supply what the snapshot does not know (negation, evidence
// text), each may be nil.
type ExportOptions struct {
	// Name is the graph name (default "kg").
	Name string

	// MaxNodes is the largest number of nodes exported (default
	// DefaultMaxNodes; negative means no limit). Above it the nodes with
	// the highest Scores are kept and the report says what was left out.
	MaxNodes int

	// Scores ranks nodes for MaxNodes, indexed by dense node ID, e.g.
	// from PageRankScores. By default nodes are ranked by degree.
	Scores []float64

	// Communities, if not nil, groups nodes into cluster_ subgraphs (DOT)
	// or community fields (JSON). It must come from the same snapshot.
	Communities *Communities

	// SFDPThreshold is the number of exported nodes above which the DOT
	// graph asks for layout=sfdp (default DefaultSFDPThreshold).
	SFDPThreshold int

	// NodeLabel returns the label of node n. By default it is the
	// node's display name (its name fact), else the local name of its IRI
	// with '_' shown as spaces.
	NodeLabel func(n int64) string

	// NodeType returns the entity type of node n, which chooses its shape
	// and colour ("PERSON", "ORG", "LOC", "EVENT", "DATE", "NUMBER",
	// "THING"; others are drawn plain). By default it is the local name
	// of the object of the node's type fact.
	NodeType func(n int64) string

	// Negated reports whether a fact is negated ("X did not condemn Y").
	// Negated facts are drawn dashed and never merged with asserted ones.
	Negated func(f Fact) bool

	// Evidence returns the evidence text of a fact (document, date,
	// sentence), shown in DOT tooltips and JSON. By default it is the
	// label's local name, such as "d1#2".
	Evidence func(f Fact) string
}

// ExportReport says what an export wrote and left out.
type ExportReport struct {
	Nodes, Edges, Facts int // written: nodes, edges (grouped facts), facts
	// OmittedNodes and OmittedFacts count what MaxNodes left out.
	OmittedNodes, OmittedFacts int
	// Omitted lists the store IDs of up to 20 of the most central nodes
	// left out, most central first.
	Omitted []uint64
	// Layout is the Graphviz layout engine asked for ("dot" or "sfdp").
	Layout string
}

// exportEdge is a group of facts with the same subject, predicate, object
// and negation.
type exportEdge struct {
	from, to int32
	pred     uint64
	negated  bool
	facts    []Fact
}

// exportView is the part of a snapshot an export writes.
type exportView struct {
	s      *Snapshot
	opt    ExportOptions
	nodes  []int32 // kept nodes, ascending
	edges  []exportEdge
	report ExportReport
}

func (s *Snapshot) exportView(opt *ExportOptions) (*exportView, error) {
	v := &exportView{s: s}
	if opt != nil {
		v.opt = *opt
	}
	o := &v.opt
	if o.Name == "" {
		o.Name = "kg"
	}
	if o.MaxNodes == 0 {
		o.MaxNodes = DefaultMaxNodes
	}
	if o.SFDPThreshold <= 0 {
		o.SFDPThreshold = DefaultSFDPThreshold
	}
	if o.Scores != nil && len(o.Scores) != s.Len() {
		return nil, fmt.Errorf("%w: %d scores for %d nodes", ErrBadOption, len(o.Scores), s.Len())
	}
	if o.Communities != nil && len(o.Communities.of) != s.Len() {
		return nil, fmt.Errorf("%w: communities of another graph (%d nodes, not %d)", ErrBadOption, len(o.Communities.of), s.Len())
	}
	n := s.Len()
	keep := make([]bool, n)
	if o.MaxNodes < 0 || n <= o.MaxNodes {
		for u := range keep {
			keep[u] = true
		}
	} else {
		scores := o.Scores
		if scores == nil {
			scores = s.DegreeScores()
		}
		ranked := s.top(scores, 0)
		keep = s.keepConnected(ranked, scores, o.MaxNodes)
		v.report.OmittedNodes = n
		for _, k := range keep {
			if k {
				v.report.OmittedNodes--
			}
		}
		for _, sc := range ranked {
			if len(v.report.Omitted) == 20 {
				break
			}
			if !keep[sc.Node] {
				v.report.Omitted = append(v.report.Omitted, sc.ID)
			}
		}
	}
	for u := int32(0); u < int32(n); u++ {
		if !keep[u] {
			continue
		}
		v.nodes = append(v.nodes, u)
		for l := s.outStart[u]; l < s.outStart[u+1]; l++ {
			t := s.lto[l]
			if !keep[t] {
				v.report.OmittedFacts++
				continue
			}
			f := s.fact(l)
			neg := o.Negated != nil && o.Negated(f)
			// Lines are sorted by to: merge with an edge of the same
			// predicate and negation among the last ones, u to t.
			merged := false
			for i := len(v.edges) - 1; i >= 0; i-- {
				e := &v.edges[i]
				if e.from != u || e.to != t {
					break
				}
				if e.pred == f.P && e.negated == neg {
					e.facts = append(e.facts, f)
					merged = true
					break
				}
			}
			if !merged {
				v.edges = append(v.edges, exportEdge{from: u, to: t, pred: f.P, negated: neg, facts: []Fact{f}})
			}
			v.report.Facts++
		}
	}
	// Lines from omitted nodes to kept ones.
	for u := int32(0); u < int32(n); u++ {
		if !keep[u] {
			v.report.OmittedFacts += int(s.outStart[u+1] - s.outStart[u])
		}
	}
	v.report.Nodes, v.report.Edges = len(v.nodes), len(v.edges)
	v.report.Layout = "dot"
	if len(v.nodes) > o.SFDPThreshold {
		v.report.Layout = "sfdp"
	}
	return v, nil
}

// label returns the display label of node u.
func (v *exportView) label(u int32) (string, error) {
	if v.opt.NodeLabel != nil {
		return v.opt.NodeLabel(int64(u)), nil
	}
	s := v.s
	if id := s.name[u]; id != 0 {
		val, err := s.namer.ValueOf(id)
		if err != nil {
			return "", fmt.Errorf("graph: export: name of node %d: %w", s.ids[u], err)
		}
		if name := LocalName(val); name != "" {
			return name, nil
		}
	}
	val, err := s.namer.ValueOf(s.ids[u])
	if err != nil {
		return "", fmt.Errorf("graph: export: node %d: %w", s.ids[u], err)
	}
	return strings.ReplaceAll(LocalName(val), "_", " "), nil
}

// typeName returns the type of node u, e.g. "PERSON", or "".
func (v *exportView) typeName(u int32) (string, error) {
	if v.opt.NodeType != nil {
		return v.opt.NodeType(int64(u)), nil
	}
	id := v.s.typ[u]
	if id == 0 {
		return "", nil
	}
	val, err := v.s.namer.ValueOf(id)
	if err != nil {
		return "", fmt.Errorf("graph: export: type of node %d: %w", v.s.ids[u], err)
	}
	return LocalName(val), nil
}

// valueString returns the N-Quads form of the value with ID id.
func (v *exportView) valueString(id uint64) (string, error) {
	val, err := v.s.namer.ValueOf(id)
	if err != nil {
		return "", fmt.Errorf("graph: export: value %d: %w", id, err)
	}
	if val == nil {
		return "", nil
	}
	return val.String(), nil
}

func (v *exportView) predName(p uint64) (string, error) {
	val, err := v.s.namer.ValueOf(p)
	if err != nil {
		return "", fmt.Errorf("graph: export: predicate %d: %w", p, err)
	}
	return LocalName(val), nil
}

func (v *exportView) evidence(f Fact) (string, error) {
	if v.opt.Evidence != nil {
		return v.opt.Evidence(f), nil
	}
	if f.L == 0 {
		return "", nil
	}
	val, err := v.s.namer.ValueOf(f.L)
	if err != nil {
		return "", fmt.Errorf("graph: export: label %d: %w", f.L, err)
	}
	return LocalName(val), nil
}

// typesUsed returns the sorted distinct types of the kept nodes.
func (v *exportView) typesUsed() ([]string, error) {
	var out []string
	for _, u := range v.nodes {
		t, err := v.typeName(u)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}
