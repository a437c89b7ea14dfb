package graph

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
)

// memStore is an in-memory Source and Namer: a dictionary of values and a
// list of quads as IDs, as the store provides them.
type memStore struct {
	vals  []quad.Value // vals[id-1]
	ids   map[string]uint64
	quads [][4]uint64
}

func newMemStore() *memStore { return &memStore{ids: make(map[string]uint64)} }

// id returns the ID of v, adding it to the dictionary. nil is 0.
func (m *memStore) id(v quad.Value) uint64 {
	if v == nil {
		return 0
	}
	k := v.String()
	if id, ok := m.ids[k]; ok {
		return id
	}
	m.vals = append(m.vals, v)
	id := uint64(len(m.vals))
	m.ids[k] = id
	return id
}

// iri returns the ID of an IRI that must already be known.
func (m *memStore) iri(t testing.TB, s string) uint64 {
	t.Helper()
	id, ok := m.ids[quad.IRI(s).String()]
	if !ok {
		t.Fatalf("unknown IRI <%s>", s)
	}
	return id
}

func (m *memStore) add(q quad.Quad) {
	m.quads = append(m.quads, [4]uint64{m.id(q.Subject), m.id(q.Predicate), m.id(q.Object), m.id(q.Label)})
}

// parseNQuads loads N-Quads text into a memStore.
func parseNQuads(t testing.TB, text string) *memStore {
	t.Helper()
	m := newMemStore()
	r := nquads.NewReader(strings.NewReader(text), false)
	for {
		q, err := r.ReadQuad()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("parse N-Quads: %v", err)
		}
		m.add(q)
	}
	return m
}

func (m *memStore) ScanIDs(ctx context.Context, fn func(s, p, o, l uint64) error) error {
	for i, q := range m.quads {
		if i&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if err := fn(q[0], q[1], q[2], q[3]); err != nil {
			return err
		}
	}
	return nil
}

var errNoID = errors.New("memstore: no such id")

func (m *memStore) ValueOf(id uint64) (quad.Value, error) {
	if id == 0 || id > uint64(len(m.vals)) {
		return nil, fmt.Errorf("%w: %d", errNoID, id)
	}
	return m.vals[id-1], nil
}

func build(t testing.TB, m *memStore, opt *BuildOptions) *Snapshot {
	t.Helper()
	s, err := Build(context.Background(), m, m, opt)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return s
}

// coup is a small news graph written for these tests.
const coup = `
<Bazoum> <type> <PERSON> .
<Bazoum> <name> "Mohamed Bazoum" .
<Presidential_Guard> <type> <ORG> .
<Presidential_Guard> <name> "Presidential Guard" .
<military> <type> <ORG> .
<military> <name> "the military" .
<Guterres> <type> <PERSON> .
<Guterres> <name> "António Guterres" .
<African_Union> <type> <ORG> .
<African_Union> <name> "African Union" .
<coup> <type> <EVENT> .
<coup> <name> "attempted coup" .
<Issoufou> <type> <PERSON> .
<Issoufou> <name> "Mahamadou Issoufou" .
<Niamey> <type> <LOC> .
<Niamey> <name> "Niamey" .
<Bazoum> <detained_by> <Presidential_Guard> <d1#2> .
<Bazoum> <detained_by> <military> <d1#3> .
<Presidential_Guard> <confine> <Bazoum> <d1#2> .
<Guterres> <condemn> <coup> <d2#1> .
<African_Union> <condemn> <coup> <d2#4> .
<Bazoum> <succeed> <Issoufou> <d3#1> .
<Bazoum> <elected> "2021"^^<http://www.w3.org/2001/XMLSchema#gYear> <d3#1> .
<Bazoum> <held_in> <Niamey> <d1#5> .
<coup> <target> <Bazoum> <d2#1> .
<military> <support> <Presidential_Guard> <d1#6> .
<Guterres> <call_for> <release> <d2#2> .
`

func quadString(s string) quad.Value { return quad.String(s) }
