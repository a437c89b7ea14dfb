package graph

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

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

func TestWriteDOTGolden(t *testing.T) {
	m := parseNQuads(t, coup)
	s := build(t, m, nil)
	c, err := s.Communities(CommunityOptions{Method: Louvain, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	opt := coupExport(t, m)
	opt.Communities = c
	var buf bytes.Buffer
	rep, err := s.WriteDOT(&buf, opt)
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
	if n := g.Nodes().Len(); n < rep.Nodes {
		t.Errorf("decoded %d nodes, want at least %d", n, rep.Nodes)
	}
	if n := g.Edges().Len(); n < rep.Nodes && rep.Edges > 0 && n == 0 {
		t.Errorf("decoded no edges")
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
