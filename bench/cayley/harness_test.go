package cayley

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
)

const small = `<alice> <knows> <bob> <doc1#0> .
<alice> <knows> <carol> <doc1#0> .
<alice> <age> "41"^^<http://www.w3.org/2001/XMLSchema#integer> <doc1#1> .
<bob> <knows> <dave> <doc2#0> .
<bob> <worksFor> <acme> <doc2#0> .
<carol> <knows> <alice> <doc2#1> .
<alice> <knows> <bob> <doc1#0> .
`

func TestLoadAndMatch(t *testing.T) {
	ctx := context.Background()
	for _, backend := range append(Backends, "badger") {
		t.Run(backend, func(t *testing.T) {
			qs, err := Open(backend, t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			defer qs.Close()
			n, err := LoadReader(qs, strings.NewReader(small))
			if err != nil {
				t.Fatal(err)
			}
			if n != 7 {
				t.Errorf("read %d quads, want 7", n)
			}
			// The duplicate line is stored once.
			if c, err := Count(ctx, qs); err != nil || c != 6 {
				t.Errorf("Count = %d, %v; want 6", c, err)
			}
			for _, tc := range []struct {
				name    string
				s, p, o quad.Value
				limit   int
				want    string
			}{
				{"s??", quad.IRI("alice"), nil, nil, 100, `<alice> <age> "41"^^<xsd:integer> <doc1#1> .|<alice> <knows> <bob> <doc1#0> .|<alice> <knows> <carol> <doc1#0> .`},
				{"?p?", nil, quad.IRI("knows"), nil, 100, `<alice> <knows> <bob> <doc1#0> .|<alice> <knows> <carol> <doc1#0> .|<bob> <knows> <dave> <doc2#0> .|<carol> <knows> <alice> <doc2#1> .`},
				{"??o", nil, nil, quad.IRI("alice"), 100, `<carol> <knows> <alice> <doc2#1> .`},
				{"sp?", quad.IRI("bob"), quad.IRI("knows"), nil, 100, `<bob> <knows> <dave> <doc2#0> .`},
				{"limit", nil, quad.IRI("knows"), nil, 2, ""},
				{"absent", quad.IRI("zed"), nil, nil, 100, ""},
			} {
				got, err := Match(ctx, qs, tc.s, tc.p, tc.o, tc.limit)
				if err != nil {
					t.Fatalf("%s: %v", tc.name, err)
				}
				if tc.name == "limit" {
					if len(got) != 2 {
						t.Errorf("limit: %d quads, want 2", len(got))
					}
					continue
				}
				if s := joined(got); s != tc.want {
					t.Errorf("%s:\n got %s\nwant %s", tc.name, s, tc.want)
				}
			}
			// alice → bob, carol → their facts; the literal is not followed.
			got, err := TwoHop(ctx, qs, quad.IRI("alice"), 100)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 6 {
				t.Errorf("TwoHop: %d quads (%s), want 6", len(got), joined(got))
			}
			if got, _ := TwoHop(ctx, qs, quad.IRI("alice"), 4); len(got) != 4 {
				t.Errorf("TwoHop limit 4: %d quads", len(got))
			}
		})
	}
}

func joined(qs []quad.Quad) string {
	var s []string
	for _, q := range qs {
		s = append(s, q.NQuad())
	}
	sort.Strings(s)
	return strings.Join(s, "|")
}
