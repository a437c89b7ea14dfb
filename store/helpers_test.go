package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
)

func openMem(t testing.TB) *Store {
	t.Helper()
	s, err := Open(DefaultOptions("").WithInMemory(true))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func openDir(t testing.TB, dir string) *Store {
	t.Helper()
	s, err := Open(DefaultOptions(dir))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// opener returns a function that opens the store a test runs on: in
// memory (a new one each time) when mode is "memory", else the one in dir.
func opener(t testing.TB, mode, dir string) func() *Store {
	return func() *Store {
		if mode == "memory" {
			return openMem(t)
		}
		return openDir(t, dir)
	}
}

// randomQuads makes n quads over small vocabularies, so that patterns
// match often, with a mix of value kinds and some missing labels.
func randomQuads(r *rand.Rand, n int) []quad.Quad {
	val := func(k int) quad.Value {
		x := r.IntN(k)
		switch r.IntN(8) {
		case 0:
			return quad.String(fmt.Sprintf("lit %d", x))
		case 1:
			return quad.BNode(fmt.Sprintf("b%d", x))
		case 2:
			return quad.TypedString{Value: quad.String(fmt.Sprint(x)), Type: "http://www.w3.org/2001/XMLSchema#date"}
		case 3:
			return quad.LangString{Value: quad.String(fmt.Sprintf("mot %d", x)), Lang: "fr"}
		default:
			return quad.IRI(fmt.Sprintf("e%d", x))
		}
	}
	qs := make([]quad.Quad, n)
	for i := range qs {
		q := quad.Quad{
			Subject:   quad.IRI(fmt.Sprintf("e%d", r.IntN(30))),
			Predicate: quad.IRI(fmt.Sprintf("p%d", r.IntN(6))),
			Object:    val(30),
		}
		if r.IntN(4) > 0 {
			q.Label = Label(fmt.Sprintf("doc%d", r.IntN(5)), r.IntN(3))
		}
		qs[i] = q
	}
	return qs
}

// key is a quad's N-Quads line, for comparing sets.
func key(q quad.Quad) string { return q.NQuad() }

func sortedKeys(qs []quad.Quad) []string {
	seen := map[string]bool{}
	var out []string
	for _, q := range qs {
		if k := key(q); !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

func collect(t testing.TB, s *Store, p Pattern) []quad.Quad {
	t.Helper()
	var out []quad.Quad
	for q, err := range s.Match(context.Background(), p) {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, q)
	}
	return out
}

func matchesBrute(q quad.Quad, p Pattern) bool {
	eq := func(a, b quad.Value) bool {
		if b == nil {
			return true
		}
		if a == nil {
			return false
		}
		return a.String() == b.String()
	}
	return eq(q.Subject, p.Subject) && eq(q.Predicate, p.Predicate) && eq(q.Object, p.Object) && eq(q.Label, p.Label)
}

func bruteMatch(qs []quad.Quad, p Pattern) []string {
	var out []quad.Quad
	for _, q := range qs {
		if matchesBrute(q, p) {
			out = append(out, q)
		}
	}
	return sortedKeys(out)
}

func nq(lines ...string) string { return strings.Join(lines, "\n") + "\n" }
