package kg

import (
	"bufio"
	"compress/gzip"
	"context"
	"math/rand/v2"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/kgraph/kg/store"
)

func patternPred(p string) store.Pattern { return store.Pattern{Predicate: quad.IRI(p)} }

func TestDgraphPredicateRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	alphabet := []rune("ab_.-:/#xidkg.é 0")
	cases := []string{"detained_by", "xid", "name", "", "kg.foo", "kg_..xid", "a.lit", "shut_down", "dgraph", "call-on"}
	for i := 0; i < 2000; i++ {
		n := r.IntN(10)
		var b strings.Builder
		for j := 0; j < n; j++ {
			b.WriteRune(alphabet[r.IntN(len(alphabet))])
		}
		cases = append(cases, b.String())
	}
	valid := regexp.MustCompile(`^[A-Za-z0-9_.]+$`)
	seen := map[string]string{}
	for _, p := range cases {
		for _, lit := range []bool{false, true} {
			d := DgraphPredicate(p)
			if lit {
				d += ".lit"
			}
			if !valid.MatchString(d) {
				t.Fatalf("DgraphPredicate(%q) = %q: not a plain Dgraph name", p, d)
			}
			back, err := KGPredicate(d)
			if err != nil || back != p {
				t.Fatalf("KGPredicate(DgraphPredicate(%q)) = %q, %v", p, back, err)
			}
			if other, dup := seen[d]; dup && other != p {
				t.Fatalf("%q and %q both map to %q", p, other, d)
			}
			seen[d] = p
		}
	}
}

func TestExportDgraph(t *testing.T) {
	db := openStory(t)
	// the extractor can leave a literal subject ("This is ..."): it still
	// needs a node, or the fact is lost
	if err := db.Store().Add(context.Background(), quad.Make(quad.String("This"), quad.IRI("is"), quad.String("odd"), store.Label("valdoria-1", 0))); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	rep, err := db.ExportDgraph(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := db.Stats(context.Background())
	// Every quad but the type, name and alias ones is an evidence node.
	attrs := 0
	for _, p := range []string{"type", "name", "alias"} {
		n, _ := db.Store().Count(context.Background(), patternPred(p))
		attrs += n
	}
	if rep.Evidence != st.Quads-attrs {
		t.Fatalf("%d evidence nodes for %d fact quads", rep.Evidence, st.Quads-attrs)
	}
	// Every entity is a node: the subjects of all quads and the entity
	// objects of facts (brute force over the store).
	entities := map[quad.Value]bool{}
	for q, err := range db.Store().Match(context.Background(), store.Pattern{}) {
		if err != nil {
			t.Fatal(err)
		}
		entities[q.Subject] = true
		if p := q.Predicate; p != PredType && p != PredName && p != PredAlias {
			if _, ok := q.Object.(quad.IRI); ok {
				entities[q.Object] = true
			}
		}
	}
	if rep.Entities != len(entities) || rep.Documents != 2 || rep.Edges != 7 {
		t.Fatalf("report %+v, want %d entities", rep, len(entities))
	}
	f, err := os.Open(rep.RDF)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	// One statement a line: subject, <predicate>, object, optional facets.
	line := regexp.MustCompile(`^_:[edv][0-9a-f]+ <[A-Za-z0-9_.]+> (_:[edv][0-9a-f]+|"([^"\\]|\\.)*") (\((\w+=("([^"\\]|\\.)*"|[-\w:.+]+)(, )?)+\) )?\.$`)
	sc := bufio.NewScanner(zr)
	n := 0
	var sawFacets, sawNegated bool
	for sc.Scan() {
		n++
		l := sc.Text()
		if !line.MatchString(l) {
			t.Fatalf("line %d is not Dgraph RDF: %s", n, l)
		}
		sawFacets = sawFacets || strings.Contains(l, "<detain> _:e") && strings.Contains(l, `doc="valdoria-1"`) && strings.Contains(l, "date=2024-07-12T00:00:00Z")
		sawNegated = sawNegated || strings.Contains(l, "negated=true")
	}
	if n != rep.Lines || !sawFacets || !sawNegated {
		t.Fatalf("%d lines (report %d), facets %v, negated %v", n, rep.Lines, sawFacets, sawNegated)
	}
	schema, _ := os.ReadFile(rep.Schema)
	for _, want := range []string{"xid: string @index(exact) @upsert .", "name: string @index(term, exact) .", "detain: [uid] @reverse", "doc.date: datetime", "type PERSON {"} {
		if !strings.Contains(string(schema), want) {
			t.Errorf("schema lacks %q", want)
		}
	}
}
