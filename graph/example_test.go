package graph_test

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
	"gonum.org/v1/gonum/graph/topo"

	"github.com/kgraph/kg/graph"
)

// store is a minimal in-memory graph.Source and graph.Namer over N-Quads,
// standing in for kg's store.
type store struct {
	vals  []quad.Value
	ids   map[string]uint64
	quads [][4]uint64
}

func newStore(text string) *store {
	st := &store{ids: map[string]uint64{}}
	r := nquads.NewReader(strings.NewReader(text), false)
	for {
		q, err := r.ReadQuad()
		if err == io.EOF {
			return st
		}
		if err != nil {
			panic(err)
		}
		st.quads = append(st.quads, [4]uint64{st.ID(q.Subject), st.ID(q.Predicate), st.ID(q.Object), st.ID(q.Label)})
	}
}

func (st *store) ID(v quad.Value) uint64 {
	if v == nil {
		return 0
	}
	if id, ok := st.ids[v.String()]; ok {
		return id
	}
	st.vals = append(st.vals, v)
	st.ids[v.String()] = uint64(len(st.vals))
	return uint64(len(st.vals))
}

func (st *store) ScanIDs(ctx context.Context, fn func(s, p, o, l uint64) error) error {
	for _, q := range st.quads {
		if err := fn(q[0], q[1], q[2], q[3]); err != nil {
			return err
		}
	}
	return nil
}

func (st *store) ValueOf(id uint64) (quad.Value, error) {
	if id == 0 || id > uint64(len(st.vals)) {
		return nil, fmt.Errorf("no value %d", id)
	}
	return st.vals[id-1], nil
}

// name shows a value as a person would read it.
func (st *store) name(id uint64) string {
	v, _ := st.ValueOf(id)
	return graph.LocalName(v)
}

const news = `
<Bazoum> <type> <PERSON> .
<Bazoum> <name> "Mohamed Bazoum" .
<Guard> <type> <ORG> .
<Guard> <name> "Presidential Guard" .
<army> <type> <ORG> .
<Guterres> <type> <PERSON> .
<coup> <type> <EVENT> .
<Bazoum> <detained_by> <Guard> <a1#2> .
<Bazoum> <detained_by> <army> <a1#3> .
<Guard> <confine> <Bazoum> <a1#2> .
<Guterres> <condemn> <coup> <a2#1> .
<coup> <target> <Bazoum> <a2#1> .
<Bazoum> <elected> "2021" <a3#1> .
`

func Example() {
	st := newStore(news)
	s, err := graph.Build(context.Background(), st, st, nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(s.Len(), "entities,", s.Size(), "facts as lines")

	// Who is Bazoum connected to, and how is Guterres linked to him?
	p, err := s.ShortestPath(st.ID(quad.IRI("Guterres")), st.ID(quad.IRI("Bazoum")), graph.PathOptions{})
	if err != nil {
		panic(err)
	}
	for _, h := range p.Hops {
		for _, f := range h.Facts {
			fmt.Printf("%s %s %s (evidence %s)\n", st.name(f.S), st.name(f.P), st.name(f.O), st.name(f.L))
		}
	}
	// Output:
	// 5 entities, 5 facts as lines
	// Guterres condemn coup (evidence a2#1)
	// coup target Bazoum (evidence a2#1)
}

func ExampleBuild_selection() {
	st := newStore(news)
	// Only detentions, only among organisations and people.
	s, err := graph.Build(context.Background(), st, st, &graph.BuildOptions{
		Predicates: []quad.Value{quad.IRI("detained_by"), quad.IRI("confine")},
		Types:      []string{"PERSON", "ORG"},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(s.Len(), "entities,", s.Size(), "facts")
	// Output:
	// 3 entities, 3 facts
}

func ExampleSnapshot_KShortestPaths() {
	st := newStore(news)
	s, _ := graph.Build(context.Background(), st, st, nil)
	paths, err := s.KShortestPaths(st.ID(quad.IRI("Guard")), st.ID(quad.IRI("army")), 3, graph.PathOptions{MaxDepth: 3})
	if err != nil {
		panic(err)
	}
	for _, p := range paths {
		var names []string
		for _, n := range p.Nodes {
			names = append(names, st.name(n))
		}
		fmt.Println(strings.Join(names, " - "))
	}
	// Output:
	// Guard - Bazoum - army
}

func ExampleSnapshot_Rank() {
	st := newStore(news)
	s, _ := graph.Build(context.Background(), st, st, nil)
	top, err := s.Rank(graph.Degree, graph.RankOptions{Top: 2})
	if err != nil {
		panic(err)
	}
	for _, sc := range top {
		fmt.Println(st.name(sc.ID), sc.Score)
	}
	// Output:
	// Bazoum 4
	// Guard 2
}

func ExampleSnapshot_Communities() {
	st := newStore(news)
	s, _ := graph.Build(context.Background(), st, st, nil)
	c, err := s.Communities(graph.CommunityOptions{})
	if err != nil {
		panic(err)
	}
	for _, g := range c.Groups {
		fmt.Println(len(g.Members), "members, most central:", st.name(g.Central))
	}
	// Output:
	// 3 members, most central: Bazoum
	// 2 members, most central: coup
}

func ExampleSnapshot_WriteDOT() {
	st := newStore(news)
	s, _ := graph.Build(context.Background(), st, st, nil)
	var out strings.Builder
	rep, err := s.WriteDOT(&out, &graph.ExportOptions{MaxNodes: 4})
	if err != nil {
		panic(err)
	}
	fmt.Println(strings.SplitN(out.String(), "\n", 2)[0])
	fmt.Println(rep.Nodes, "entities and", rep.Facts, "facts written")
	fmt.Println(rep.OmittedNodes, "left out:", st.name(rep.Omitted[0]))
	fmt.Println(strings.Contains(out.String(), `label="Mohamed Bazoum"`))
	// Output:
	// digraph kg {
	// 4 entities and 4 facts written
	// 1 left out: Guterres
	// true
}

// Any gonum algorithm runs on the snapshot or its undirected view.
func ExampleSnapshot_gonum() {
	st := newStore(news)
	s, _ := graph.Build(context.Background(), st, st, nil)
	cc := topo.ConnectedComponents(s.Undirected())
	fmt.Println(len(cc), "connected component(s);", "cyclic:", len(topo.DirectedCyclesIn(s)) > 0)
	// Output:
	// 1 connected component(s); cyclic: true
}
