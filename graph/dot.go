package graph

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	gonum "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/encoding"
	"gonum.org/v1/gonum/graph/encoding/dot"
	"gonum.org/v1/gonum/graph/iterator"
)

// typeStyle is the DOT look of an entity type.
type typeStyle struct{ shape, color string }

var typeStyles = map[string]typeStyle{
	"PERSON": {"ellipse", "#a6cee3"},
	"ORG":    {"box", "#b2df8a"},
	"LOC":    {"hexagon", "#fdbf6f"},
	"GPE":    {"hexagon", "#fdbf6f"},
	"EVENT":  {"diamond", "#fb9a99"},
	"DATE":   {"note", "#cab2d6"},
	"NUMBER": {"octagon", "#ffff99"},
	"THING":  {"component", "#e5e5e5"},
}

var otherStyle = typeStyle{"ellipse", "#ffffff"}

func styleOf(typ string) typeStyle {
	if st, ok := typeStyles[strings.ToUpper(typ)]; ok {
		return st
	}
	return otherStyle
}

// clusterColors fill community clusters.
var clusterColors = []string{"#f7f7f7", "#eef5fb", "#f3f9ee", "#fdf4ea", "#fbeeee", "#f4f0f8", "#fcfcee", "#eeeeee"}

// maxTooltipFacts bounds the evidence listed in one edge tooltip.
const maxTooltipFacts = 8

// WriteDOT writes the snapshot (or, above opt.MaxNodes, its most central
// nodes) as a Graphviz DOT digraph using gonum's dot.MarshalMulti:
//
//   - nodes have safe IDs (n0, n1, ...) and their display name as label,
//     with shape and colour by entity type and a tooltip with type and IRI;
//   - an edge stands for the facts with one subject, predicate, object and
//     negation; it is labelled with the predicate, dashed when negated,
//     and lists the evidence in its tooltip;
//   - communities become cluster_N subgraphs, labelled with their most
//     central member;
//   - a cluster_legend subgraph shows the types used and the negation style;
//   - above opt.SFDPThreshold nodes the graph asks for layout=sfdp.
//
// The output parses with gonum's dot.UnmarshalMulti and renders with
// Graphviz. It takes O(N log N + L) time for the exported nodes and lines.
// Errors come from the Namer, from w, or wrap ErrBadOption.
func (s *Snapshot) WriteDOT(w io.Writer, opt *ExportOptions) (ExportReport, error) {
	v, err := s.exportView(opt)
	if err != nil {
		return ExportReport{}, err
	}
	g, err := v.dotGraph()
	if err != nil {
		return ExportReport{}, err
	}
	b, err := dot.MarshalMulti(g, "", "", "  ")
	if err != nil {
		return ExportReport{}, fmt.Errorf("graph: export dot: %w", err)
	}
	b = append(b, '\n')
	if _, err := w.Write(b); err != nil {
		return ExportReport{}, fmt.Errorf("graph: export dot: %w", err)
	}
	return v.report, nil
}

func (v *exportView) dotGraph() (*dotGraph, error) {
	g := newDotGraph(dotName(v.opt.Name))
	title := fmt.Sprintf("%s: %d entities, %d facts", v.opt.Name, v.report.Nodes, v.report.Facts)
	if v.report.OmittedNodes > 0 {
		title += fmt.Sprintf(" (%d less central entities and %d facts left out)", v.report.OmittedNodes, v.report.OmittedFacts)
	}
	g.graphAttrs = encoding.Attributes{
		{Key: "label", Value: text(title)},
		{Key: "labelloc", Value: "t"},
	}
	if v.report.Layout == "sfdp" {
		g.graphAttrs = append(g.graphAttrs, encoding.Attribute{Key: "layout", Value: "sfdp"})
	} else {
		g.graphAttrs = append(g.graphAttrs, encoding.Attribute{Key: "rankdir", Value: "LR"})
	}
	g.nodeAttrs = encoding.Attributes{{Key: "style", Value: "filled"}, {Key: "fontsize", Value: "11"}}
	g.edgeAttrs = encoding.Attributes{{Key: "fontsize", Value: "9"}}

	nodes := make(map[int32]*dotNode, len(v.nodes))
	for _, u := range v.nodes {
		label, err := v.label(u)
		if err != nil {
			return nil, err
		}
		typ, err := v.typeName(u)
		if err != nil {
			return nil, err
		}
		iri, err := v.valueString(v.s.ids[u])
		if err != nil {
			return nil, err
		}
		st := styleOf(typ)
		tip := iri
		if typ != "" {
			tip = typ + " " + iri
		}
		n := &dotNode{id: int64(u), dotID: "n" + strconv.Itoa(int(u)), label: label, attrs: encoding.Attributes{
			{Key: "label", Value: text(label)},
			{Key: "shape", Value: st.shape},
			{Key: "fillcolor", Value: st.color},
			{Key: "tooltip", Value: text(tip)},
		}}
		nodes[u] = n
		g.addNode(n)
	}
	anyNegated := false
	for i, e := range v.edges {
		pred, err := v.predName(e.pred)
		if err != nil {
			return nil, err
		}
		label := pred
		var tip []string
		for j, f := range e.facts {
			if j == maxTooltipFacts {
				tip = append(tip, fmt.Sprintf("... and %d more", len(e.facts)-j))
				break
			}
			ev, err := v.evidence(f)
			if err != nil {
				return nil, err
			}
			if ev != "" {
				tip = append(tip, ev)
			}
		}
		attrs := encoding.Attributes{{Key: "label", Value: text(label)}}
		if len(e.facts) > 1 {
			attrs = append(attrs, encoding.Attribute{Key: "penwidth", Value: strconv.FormatFloat(min(1+0.5*float64(len(e.facts)-1), 4), 'g', 3, 64)})
		}
		if e.negated {
			anyNegated = true
			attrs[0].Value = text("not " + pred)
			attrs = append(attrs, encoding.Attribute{Key: "style", Value: "dashed"})
		}
		if len(tip) > 0 {
			attrs = append(attrs, encoding.Attribute{Key: "tooltip", Value: text(strings.Join(tip, "\n"))})
		}
		g.addLine(&dotLine{f: nodes[e.from], t: nodes[e.to], id: int64(i), attrs: attrs})
	}

	if c := v.opt.Communities; c != nil {
		members := make([][]*dotNode, len(c.Groups))
		for _, u := range v.nodes {
			gi := c.of[u]
			members[gi] = append(members[gi], nodes[u])
		}
		for gi, ms := range members {
			if len(ms) < 2 {
				continue
			}
			central := ms[0]
			for _, n := range c.Groups[gi].Nodes {
				if cn, ok := nodes[int32(n)]; ok {
					central = cn
					break
				}
			}
			sub := newDotGraph("cluster_" + strconv.Itoa(gi+1))
			sub.graphAttrs = encoding.Attributes{
				{Key: "label", Value: text(fmt.Sprintf("community %d: %s", gi+1, central.label))},
				{Key: "style", Value: "rounded,filled"},
				{Key: "fillcolor", Value: clusterColors[gi%len(clusterColors)]},
				{Key: "color", Value: "#999999"},
			}
			for _, n := range ms {
				sub.addNode(n)
			}
			g.subs = append(g.subs, sub)
		}
	}

	types, err := v.typesUsed()
	if err != nil {
		return nil, err
	}
	legend := newDotGraph("cluster_legend")
	legend.graphAttrs = encoding.Attributes{
		{Key: "label", Value: "Legend"},
		{Key: "style", Value: "rounded"},
		{Key: "color", Value: "#999999"},
	}
	id := int64(-1 << 20) // below every node ID, ascending in legend order
	for _, t := range types {
		st := styleOf(t)
		name := t
		if name == "" {
			name = "no type"
		}
		legend.addNode(&dotNode{id: id, dotID: "legend_" + strconv.Itoa(len(legend.nodes)+1), attrs: encoding.Attributes{
			{Key: "label", Value: text(name)},
			{Key: "shape", Value: st.shape},
			{Key: "fillcolor", Value: st.color},
		}})
		id++
	}
	if anyNegated {
		a := &dotNode{id: id, dotID: "legend_neg_from", attrs: encoding.Attributes{{Key: "label", Value: "X"}, {Key: "shape", Value: "plaintext"}, {Key: "fillcolor", Value: "white"}}}
		b := &dotNode{id: id + 1, dotID: "legend_neg_to", attrs: encoding.Attributes{{Key: "label", Value: "Y"}, {Key: "shape", Value: "plaintext"}, {Key: "fillcolor", Value: "white"}}}
		legend.addNode(a)
		legend.addNode(b)
		legend.addLine(&dotLine{f: a, t: b, id: -1, attrs: encoding.Attributes{{Key: "label", Value: "negated fact"}, {Key: "style", Value: "dashed"}}})
	}
	if len(legend.nodes) > 0 {
		g.subs = append(g.subs, legend)
	}
	return g, nil
}

// dotGraph is the small directed multigraph handed to dot.MarshalMulti.
type dotGraph struct {
	name                             string
	nodes                            []gonum.Node
	byID                             map[int64]*dotNode
	from, to                         map[int64][]gonum.Node
	lines                            map[[2]int64][]gonum.Line
	graphAttrs, nodeAttrs, edgeAttrs encoding.Attributes
	subs                             []*dotGraph
}

func newDotGraph(name string) *dotGraph {
	return &dotGraph{
		name:  name,
		byID:  make(map[int64]*dotNode),
		from:  make(map[int64][]gonum.Node),
		to:    make(map[int64][]gonum.Node),
		lines: make(map[[2]int64][]gonum.Line),
	}
}

func (g *dotGraph) addNode(n *dotNode) {
	g.nodes = append(g.nodes, n)
	g.byID[n.id] = n
}

func (g *dotGraph) addLine(l *dotLine) {
	k := [2]int64{l.f.id, l.t.id}
	if len(g.lines[k]) == 0 {
		g.from[l.f.id] = append(g.from[l.f.id], l.t)
		g.to[l.t.id] = append(g.to[l.t.id], l.f)
	}
	g.lines[k] = append(g.lines[k], l)
}

func (g *dotGraph) DOTID() string { return g.name }

func (g *dotGraph) DOTAttributers() (graph, node, edge encoding.Attributer) {
	return &g.graphAttrs, &g.nodeAttrs, &g.edgeAttrs
}

func (g *dotGraph) Structure() []dot.Multigraph {
	out := make([]dot.Multigraph, len(g.subs))
	for i, s := range g.subs {
		out[i] = s
	}
	return out
}

func (g *dotGraph) Node(id int64) gonum.Node {
	if n, ok := g.byID[id]; ok {
		return n
	}
	return nil
}

func (g *dotGraph) Nodes() gonum.Nodes { return iterator.NewOrderedNodes(g.nodes) }

func (g *dotGraph) From(id int64) gonum.Nodes { return iterator.NewOrderedNodes(g.from[id]) }

func (g *dotGraph) To(id int64) gonum.Nodes { return iterator.NewOrderedNodes(g.to[id]) }

func (g *dotGraph) HasEdgeBetween(x, y int64) bool {
	return g.HasEdgeFromTo(x, y) || g.HasEdgeFromTo(y, x)
}

func (g *dotGraph) HasEdgeFromTo(u, v int64) bool { return len(g.lines[[2]int64{u, v}]) > 0 }

func (g *dotGraph) Edge(u, v int64) gonum.Edge {
	ls := g.lines[[2]int64{u, v}]
	if len(ls) == 0 {
		return nil
	}
	return ls[0].(*dotLine)
}

func (g *dotGraph) Lines(u, v int64) gonum.Lines {
	return iterator.NewOrderedLines(g.lines[[2]int64{u, v}])
}

type dotNode struct {
	id    int64
	dotID string
	label string
	attrs encoding.Attributes
}

func (n *dotNode) ID() int64                        { return n.id }
func (n *dotNode) DOTID() string                    { return n.dotID }
func (n *dotNode) Attributes() []encoding.Attribute { return n.attrs }

type dotLine struct {
	f, t  *dotNode
	id    int64
	attrs encoding.Attributes
}

func (l *dotLine) From() gonum.Node                 { return l.f }
func (l *dotLine) To() gonum.Node                   { return l.t }
func (l *dotLine) ReversedEdge() gonum.Edge         { return l }
func (l *dotLine) ReversedLine() gonum.Line         { return l }
func (l *dotLine) ID() int64                        { return l.id }
func (l *dotLine) Attributes() []encoding.Attribute { return l.attrs }

// text returns s as a double-quoted DOT string, so that gonum's encoder
// neither reads it as an HTML string (<...>) nor as a keyword. Control
// characters other than newline become spaces; newlines become \n, which
// Graphviz shows as line breaks.
func text(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r < ' ' || r == 0x7f || r == utf8.RuneError:
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// dotName returns name as is if it is a plain DOT identifier other than a
// keyword, and as a quoted string otherwise.
func dotName(name string) string {
	switch strings.ToLower(name) {
	case "node", "edge", "graph", "digraph", "subgraph", "strict":
		return text(name)
	}
	for i, r := range name {
		if !(r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || i > 0 && '0' <= r && r <= '9') {
			return text(name)
		}
	}
	if name == "" {
		return text(name)
	}
	return name
}
