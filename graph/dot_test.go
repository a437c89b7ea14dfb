package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"gonum.org/v1/gonum/graph/encoding/dot"
	"gonum.org/v1/gonum/graph/multi"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// sentences is the evidence text of the coup facts, written for these tests.
var sentences = map[string]string{
	"d1#2": "d1 2023-07-26 #2: Soldiers of the presidential guard confined Bazoum.",
	"d1#3": "d1 2023-07-26 #3: He was detained by the military.",
	"d1#5": "d1 2023-07-26 #5: He was held in Niamey.",
	"d1#6": "d1 2023-07-26 #6: The army did not back the guard at first.",
	"d2#1": "d2 2023-07-27 #1: Guterres condemned the attempted coup against Bazoum.",
	"d2#2": "d2 2023-07-27 #2: He called for the president's release.",
	"d2#4": "d2 2023-07-27 #4: The African Union also condemned the coup.",
	"d3#1": "d3 2021-04-02 #1: Bazoum, elected in 2021, succeeds Issoufou.",
}

// coupExport returns export options with negation and evidence callbacks
// for the coup graph.
func coupExport(t testing.TB, m *memStore) *ExportOptions {
	neg := m.iri(t, "d1#6")
	return &ExportOptions{
		Negated: func(f Fact) bool { return f.L == neg },
		Evidence: func(f Fact) string {
			v, err := m.ValueOf(f.L)
			if err != nil {
				return ""
			}
			return sentences[LocalName(v)]
		},
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./graph -run %s -update)", err, t.Name())
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from golden file; got:\n%s", path, got)
	}
}

// coupExported exports the coup graph with its communities, negation and
// evidence through write (WriteDOT or WriteJSON).
func coupExported(t *testing.T, write func(*Snapshot, io.Writer, *ExportOptions) (ExportReport, error)) (bytes.Buffer, ExportReport, error) {
	t.Helper()
	m := parseNQuads(t, coup)
	s := build(t, m, nil)
	c, err := s.Communities(CommunityOptions{Method: Louvain, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	opt := coupExport(t, m)
	opt.Communities = c
	var buf bytes.Buffer
	rep, err := write(s, &buf, opt)
	return buf, rep, err
}

func TestWriteDOTGolden(t *testing.T) {
	buf, rep, err := coupExported(t, (*Snapshot).WriteDOT)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Nodes != 9 || rep.Facts != 10 || rep.Edges != 10 || rep.OmittedNodes != 0 || rep.Layout != "dot" {
		t.Errorf("report %+v", rep)
	}
	out := buf.String()
	for _, want := range []string{
		`label="Mohamed Bazoum"`, `label="detained_by"`, `label="not support"`,
		`style=dashed`, `subgraph cluster_legend`, `subgraph cluster_1`,
		`"He was detained by the military."`, `shape=diamond`,
	} {
		if !strings.Contains(out, strings.TrimSuffix(strings.TrimPrefix(want, `"`), `"`)) {
			t.Errorf("DOT lacks %s", want)
		}
	}
	for _, line := range strings.Split(out, "\n") {
		if l := strings.TrimSpace(line); strings.HasPrefix(l, "<") || strings.Contains(l, "=<") || strings.Contains(l, "-> <") {
			t.Errorf("DOT has an HTML-like ID or value: %s", l)
		}
	}
	checkDOT(t, buf.Bytes(), rep)
	golden(t, "coup.dot", buf.Bytes())
}

// checkDOT parses the output with gonum's decoder and renders it with
// Graphviz, failing on any warning.
func checkDOT(t *testing.T, b []byte, rep ExportReport) {
	t.Helper()
	g := multi.NewDirectedGraph()
	if err := dot.UnmarshalMulti(b, g); err != nil {
		t.Fatalf("gonum cannot parse the DOT output: %v", err)
	}
	// The legend adds up to one node per type and two more with one line.
	if n := g.Nodes().Len(); n < rep.Nodes || n > rep.Nodes+len(typeStyles)+3 {
		t.Errorf("decoded %d nodes, want %d and the legend's", n, rep.Nodes)
	}
	lines := 0
	for es := g.Edges(); es.Next(); {
		e := es.Edge()
		lines += g.Lines(e.From().ID(), e.To().ID()).Len()
	}
	if lines != rep.Edges && lines != rep.Edges+1 {
		t.Errorf("decoded %d lines, want %d and the legend's", lines, rep.Edges)
	}
	path, err := exec.LookPath("dot")
	if err != nil {
		t.Log("Graphviz dot not found; rendering not checked")
		return
	}
	cmd := exec.Command(path, "-Tsvg")
	cmd.Stdin = bytes.NewReader(b)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("dot -Tsvg: %v\n%s", err, stderr.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("dot -Tsvg warned:\n%s", stderr.String())
	}
	if !bytes.Contains(stdout.Bytes(), []byte("<svg")) {
		t.Error("dot -Tsvg wrote no SVG")
	}
}

func TestWriteJSONGolden(t *testing.T) {
	buf, rep, err := coupExported(t, (*Snapshot).WriteJSON)
	if err != nil {
		t.Fatal(err)
	}
	var doc JSONGraph
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Nodes) != rep.Nodes || len(doc.Edges) != rep.Edges {
		t.Errorf("JSON has %d nodes %d edges, report %+v", len(doc.Nodes), len(doc.Edges), rep)
	}
	found := false
	for _, e := range doc.Edges {
		if e.Subject == "<Bazoum>" && e.Predicate == "detained_by" && e.Object == "<military>" {
			found = len(e.Evidence) == 1 && e.Evidence[0].Label == "<d1#3>" && e.Evidence[0].Text == sentences["d1#3"] && !e.Negated
		}
		if e.Predicate == "support" && !e.Negated {
			t.Error("negated fact exported as asserted")
		}
	}
	if !found {
		t.Error("JSON lacks Bazoum detained_by military with its evidence")
	}
	golden(t, "coup.json", buf.Bytes())
}

// starStore is a hub with n spokes plus a chain, to test MaxNodes.
func starStore(n int) *memStore {
	m := newMemStore()
	for i := 0; i < n; i++ {
		m.add(quad.Quad{Subject: quad.IRI("hub"), Predicate: quad.IRI("knows"), Object: quad.IRI("spoke" + itoa(i)), Label: quad.IRI("doc#" + itoa(i))})
	}
	m.add(quad.Quad{Subject: quad.IRI("spoke0"), Predicate: quad.IRI("knows"), Object: quad.IRI("spoke1")})
	return m
}

func TestExportMaxNodes(t *testing.T) {
	m := starStore(40)
	s := build(t, m, nil)
	var buf bytes.Buffer
	rep, err := s.WriteDOT(&buf, &ExportOptions{MaxNodes: 3})
	if err != nil {
		t.Fatal(err)
	}
	// Kept: hub (40), spoke0 and spoke1 (2 each).
	if rep.Nodes != 3 || rep.OmittedNodes != 38 || rep.Facts != 3 || rep.OmittedFacts != 38 || len(rep.Omitted) != 20 {
		t.Errorf("report %+v", rep)
	}
	if !strings.Contains(buf.String(), "38 less central entities and 38 facts left out") {
		t.Error("DOT does not say what it left out")
	}
	checkDOT(t, buf.Bytes(), rep)
	// A NodeType callback chooses shapes and the legend.
	buf.Reset()
	if _, err := s.WriteDOT(&buf, &ExportOptions{MaxNodes: 3, NodeType: func(int64) string { return "EVENT" }}); err != nil {
		t.Fatal(err)
	}
	if strings.Count(buf.String(), "shape=diamond") != 3+1 {
		t.Errorf("NodeType not used:\n%s", buf.String())
	}
	// Custom scores pick other nodes.
	scores := make([]float64, s.Len())
	for i := range scores {
		scores[i] = float64(i)
	}
	// The two best nodes are spokes with no line between them: the best
	// one is kept with its neighbour, the hub, not beside a stranded spoke.
	rep, err = s.WriteJSON(io.Discard, &ExportOptions{MaxNodes: 2, Scores: scores})
	if err != nil || rep.Nodes != 2 || rep.Facts != 1 {
		t.Errorf("custom scores: %+v %v", rep, err)
	}
	if _, err := s.WriteDOT(io.Discard, &ExportOptions{Scores: scores[:3]}); !errors.Is(err, ErrBadOption) {
		t.Errorf("short scores: %v", err)
	}
	// No limit.
	rep, _ = s.WriteDOT(io.Discard, &ExportOptions{MaxNodes: -1})
	if rep.Nodes != 41 || rep.OmittedNodes != 0 {
		t.Errorf("no limit: %+v", rep)
	}
}

func TestExportSFDP(t *testing.T) {
	s := build(t, starStore(60), nil)
	c, err := s.Communities(CommunityOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	rep, err := s.WriteDOT(&buf, &ExportOptions{SFDPThreshold: 50, Communities: c})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Layout != "sfdp" || !strings.Contains(buf.String(), "layout=sfdp") {
		t.Errorf("no sfdp layout: %+v", rep)
	}
	checkDOT(t, buf.Bytes(), rep)
}

// TestExportHostileText exports names and evidence that would break a naive
// DOT writer: HTML-like text, quotes, backslashes, newlines, keywords,
// invalid UTF-8.
func TestExportHostileText(t *testing.T) {
	m := parseNQuads(t, `
<a> <name> "<b>bold</b>" .
<b> <name> "say \"hi\" \\ back\nslash" .
<c> <name> "graph" .
<a> <p> <b> <x#1> .
<b> <q> <c> .
<c> <subgraph> <a> .
`)
	m.add(quad.Quad{Subject: quad.IRI("d"), Predicate: quad.IRI("name"), Object: quad.String("bad \xff utf8 \x01")})
	m.add(quad.Quad{Subject: quad.IRI("d"), Predicate: quad.IRI("p"), Object: quad.IRI("a")})
	s := build(t, m, nil)
	var buf bytes.Buffer
	rep, err := s.WriteDOT(&buf, &ExportOptions{Evidence: func(f Fact) string { return "<i>x</i>\n\"q\"" }})
	if err != nil {
		t.Fatal(err)
	}
	checkDOT(t, buf.Bytes(), rep)
	if strings.Contains(buf.String(), "=<") {
		t.Errorf("HTML-like value written raw:\n%s", buf.String())
	}
	if _, err := s.WriteJSON(io.Discard, nil); err != nil {
		t.Fatal(err)
	}
}

type failingNamer struct{ Namer }

func (failingNamer) ValueOf(id uint64) (quad.Value, error) { return nil, errNoID }

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errScan }

func TestExportErrors(t *testing.T) {
	m := parseNQuads(t, coup)
	s := build(t, m, nil)
	if _, err := s.WriteDOT(failingWriter{}, nil); !errors.Is(err, errScan) {
		t.Errorf("DOT write error: %v", err)
	}
	if _, err := s.WriteJSON(failingWriter{}, nil); !errors.Is(err, errScan) {
		t.Errorf("JSON write error: %v", err)
	}
	bad := *s
	bad.namer = failingNamer{}
	if _, err := bad.WriteDOT(io.Discard, nil); !errors.Is(err, errNoID) {
		t.Errorf("DOT namer error: %v", err)
	}
	if _, err := bad.WriteJSON(io.Discard, nil); !errors.Is(err, errNoID) {
		t.Errorf("JSON namer error: %v", err)
	}
	other := build(t, starStore(5), nil)
	c, _ := other.Communities(CommunityOptions{})
	if _, err := s.WriteDOT(io.Discard, &ExportOptions{Communities: c}); !errors.Is(err, ErrBadOption) {
		t.Errorf("foreign communities: %v", err)
	}
}

// FuzzWriteDOT checks that any display name, predicate and evidence text
// gives DOT that gonum's decoder parses, with the nodes and lines written.
func FuzzWriteDOT(f *testing.F) {
	f.Add("Mohamed Bazoum", "detained_by", "d1 #2: he was \"held\"")
	f.Add("<b>x</b>", "graph", "a\\nb\n\x00")
	f.Add("node", "subgraph", "\xff")
	f.Fuzz(func(t *testing.T, name, pred, evidence string) {
		m := newMemStore()
		m.add(quad.Quad{Subject: quad.IRI("a"), Predicate: quad.IRI("name"), Object: quad.String(name)})
		m.add(quad.Quad{Subject: quad.IRI("a"), Predicate: quad.IRI(pred), Object: quad.IRI("b"), Label: quad.IRI("x#1")})
		m.add(quad.Quad{Subject: quad.IRI("b"), Predicate: quad.IRI("type"), Object: quad.IRI(name)})
		s, err := Build(context.Background(), m, m, nil)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		rep, err := s.WriteDOT(&buf, &ExportOptions{Evidence: func(Fact) string { return evidence }, Name: name})
		if err != nil {
			t.Fatal(err)
		}
		g := multi.NewDirectedGraph()
		if err := dot.UnmarshalMulti(buf.Bytes(), g); err != nil {
			t.Fatalf("gonum cannot parse: %v\n%s", err, buf.Bytes())
		}
		if g.Nodes().Len() < rep.Nodes || g.Edges().Len() < 1 {
			t.Fatalf("decoded %d nodes %d edges, report %+v", g.Nodes().Len(), g.Edges().Len(), rep)
		}
	})
}

// TestExportMergesFacts checks that the facts with one subject, predicate,
// object and negation become one edge whatever their order.
func TestExportMergesFacts(t *testing.T) {
	m := parseNQuads(t, `
<a> <p> <b> <d#1> .
<a> <q> <b> <d#2> .
<a> <p> <b> <d#3> .
<a> <p> <b> <d#4> .
<b> <p> <a> <d#5> .
`)
	neg := m.iri(t, "d#4")
	s := build(t, m, nil)
	var buf bytes.Buffer
	rep, err := s.WriteJSON(&buf, &ExportOptions{Negated: func(f Fact) bool { return f.L == neg }})
	if err != nil {
		t.Fatal(err)
	}
	var doc JSONGraph
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	// a p b (d#1, d#3), a q b, a not-p b (d#4), b p a.
	if rep.Edges != 4 || rep.Facts != 5 || len(doc.Edges) != 4 {
		t.Fatalf("report %+v, edges %+v", rep, doc.Edges)
	}
	e := doc.Edges[0]
	if e.Predicate != "p" || e.Negated || len(e.Evidence) != 2 || e.Evidence[0].Label != "<d#1>" || e.Evidence[1].Label != "<d#3>" {
		t.Errorf("first edge %+v", e)
	}
}

// TestExportKeepsNoStrandedNode: on random graphs without self loops,
// whatever MaxNodes (at least 2) and the scores, every kept node has a
// line to another kept node, and the best-scored node is kept.
func TestExportKeepsNoStrandedNode(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	for trial := 0; trial < 200; trial++ {
		m := newMemStore()
		nodes := 3 + r.IntN(30)
		for i := 0; i < r.IntN(2*nodes); i++ { // sparse: several components
			a, b := r.IntN(nodes), r.IntN(nodes)
			if a == b {
				continue
			}
			m.add(quad.Quad{Subject: quad.IRI("n" + itoa(a)), Predicate: quad.IRI("p"), Object: quad.IRI("n" + itoa(b))})
		}
		s := build(t, m, nil)
		if s.Len() < 3 {
			continue
		}
		scores := make([]float64, s.Len())
		best := 0
		for i := range scores {
			scores[i] = r.Float64()
			if scores[i] > scores[best] {
				best = i
			}
		}
		k := 2 + r.IntN(s.Len()-1)
		keep := s.keepConnected(s.top(scores, 0), scores, k)
		n := 0
		for u, ok := range keep {
			if !ok {
				continue
			}
			n++
			alone := true
			for _, v := range s.undNbr.row(int32(u)) {
				alone = alone && !keep[v]
			}
			if alone {
				t.Fatalf("trial %d: node %d kept with no kept neighbour (k=%d of %d)", trial, u, k, s.Len())
			}
		}
		if n < k-1 || n > k || !keep[best] {
			t.Fatalf("trial %d: kept %d of k=%d, best kept %v", trial, n, k, keep[best])
		}
	}
}
