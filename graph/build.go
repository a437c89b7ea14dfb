package graph

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"
	gonum "gonum.org/v1/gonum/graph"
)

// BuildOptions selects what a snapshot holds. The zero value keeps every fact
// whose object is an entity (an IRI or blank node) as a line, and turns type
// facts, name facts and facts with literal objects into node attributes.
type BuildOptions struct {
	// Edge, if not nil, replaces the default rule deciding which facts
	// become lines; the other facts become attributes of their subject.
	// Type and name facts are always attributes.
	Edge func(s, p, o, l uint64) bool

	// Predicates, if not empty, keeps only lines whose predicate is one of
	// these values, e.g. quad.IRI("detained_by").
	Predicates []quad.Value

	// Label, if not nil, keeps only the lines and attributes whose label
	// ID it accepts: this selects documents, sentences or date ranges (see
	// LabelFilter). Type and name facts are kept whatever their label.
	// It is called once per fact and should be fast.
	Label func(l uint64) bool

	// Types, if not empty, keeps only nodes whose type (the local name of
	// the object of their type fact, e.g. "PERSON") is one of these,
	// compared case-insensitively, and the lines between them.
	Types []string

	// KeepIsolated keeps entities that are the subject of attribute facts
	// but of no line. By default they are dropped.
	KeepIsolated bool

	// TypePredicates and NamePredicates are the type and display name
	// predicates. They default to DefaultTypePredicates and
	// DefaultNamePredicates.
	TypePredicates, NamePredicates []quad.Value
}

var (
	// DefaultTypePredicates are kg's <type> and rdf:type.
	DefaultTypePredicates = []quad.Value{quad.IRI("type"), quad.IRI("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")}
	// DefaultNamePredicates are kg's <name>, rdfs:label and schema:name.
	DefaultNamePredicates = []quad.Value{quad.IRI("name"), quad.IRI("http://www.w3.org/2000/01/rdf-schema#label"), quad.IRI("http://schema.org/name")}
)

const (
	predOther = iota + 1
	predOtherDropped
	predType
	predName
)

// builder accumulates facts before they are laid out as CSR.
type builder struct {
	opt   BuildOptions
	namer Namer

	ids   []uint64
	index idMap // store ID -> node
	lit   idMap // object IDs known to be literals
	preds map[uint64]uint8
	typ   []uint64
	name  []uint64

	lfrom, lto    []int32
	lpred, llabel []uint64
	anode         []int32
	attrs         []Fact
	full          bool // more than maxElems nodes or lines

	predCache [256]predEntry // direct-mapped cache of preds
}

type predEntry struct {
	id   uint64
	kind uint8
}

// maxElems is the largest number of nodes, and of lines, a Snapshot holds.
const maxElems = math.MaxInt32 - 1

// Build reads every fact of src and returns a snapshot of the selection
// described by opt (nil means the zero BuildOptions). Namer resolves
// predicate and object IDs (each distinct ID once) and is kept by the
// snapshot for display names and exports.
//
// Build takes O(F + N log N) time for F facts and N nodes, and O(F + N)
// memory: about 40 bytes per line and 60 per node.
func Build(ctx context.Context, src Source, namer Namer, opt *BuildOptions) (*Snapshot, error) {
	b := &builder{
		namer: namer,
		preds: make(map[uint64]uint8),
	}
	if opt != nil {
		b.opt = *opt
	}
	if b.opt.TypePredicates == nil {
		b.opt.TypePredicates = DefaultTypePredicates
	}
	if b.opt.NamePredicates == nil {
		b.opt.NamePredicates = DefaultNamePredicates
	}
	err := src.ScanIDs(ctx, b.add)
	if err == nil && b.full {
		err = fmt.Errorf("%w: more than %d nodes", ErrTooLarge, maxElems)
	}
	if err != nil {
		return nil, fmt.Errorf("graph: build: %w", err)
	}
	var keep []bool
	if len(b.opt.Types) > 0 {
		keep, err = b.typeFilter()
		if err != nil {
			return nil, err
		}
	}
	return b.finish(keep), nil
}

func (b *builder) node(id uint64) int32 {
	if n, ok := b.index.get(id); ok {
		return n
	}
	if len(b.ids) == maxElems {
		b.full = true
		return 0
	}
	n := int32(len(b.ids))
	b.index.put(id, n)
	b.ids = append(b.ids, id)
	b.typ = append(b.typ, 0)
	b.name = append(b.name, 0)
	return n
}

func (b *builder) predKind(p uint64) (uint8, error) {
	if c := &b.predCache[p%uint64(len(b.predCache))]; c.id == p && c.kind != 0 {
		return c.kind, nil
	}
	if k, ok := b.preds[p]; ok {
		b.predCache[p%uint64(len(b.predCache))] = predEntry{p, k}
		return k, nil
	}
	v, err := b.namer.ValueOf(p)
	if err != nil {
		return 0, fmt.Errorf("graph: build: predicate %d: %w", p, err)
	}
	k := uint8(predOther)
	switch {
	case v == nil:
	case among(v, b.opt.TypePredicates):
		k = predType
	case among(v, b.opt.NamePredicates):
		k = predName
	case len(b.opt.Predicates) > 0:
		k = predOtherDropped
		if among(v, b.opt.Predicates) {
			k = predOther
		}
	}
	b.preds[p] = k
	return k, nil
}

// isEntity reports whether o is an IRI or blank node, asking the Namer once
// per ID, and returns its node index if it is.
func (b *builder) isEntity(o uint64) (int32, bool, error) {
	if n, ok := b.index.get(o); ok {
		return n, true, nil
	}
	if _, ok := b.lit.get(o); ok {
		return 0, false, nil
	}
	v, err := b.namer.ValueOf(o)
	if err != nil {
		return 0, false, fmt.Errorf("graph: build: object %d: %w", o, err)
	}
	switch v.(type) {
	case quad.IRI, quad.BNode:
		return b.node(o), true, nil
	}
	b.lit.put(o, 0)
	return 0, false, nil
}

func (b *builder) add(s, p, o, l uint64) error {
	if b.full || len(b.lfrom) == maxElems || len(b.attrs) == maxElems {
		return fmt.Errorf("%w: more than %d nodes or facts", ErrTooLarge, maxElems)
	}
	if s == 0 || p == 0 || o == 0 {
		return nil
	}
	k, err := b.predKind(p)
	if err != nil {
		return err
	}
	switch k {
	case predType, predName:
		u := b.node(s)
		if k == predType && b.typ[u] == 0 {
			b.typ[u] = o
		} else if k == predName && b.name[u] == 0 {
			b.name[u] = o
		}
		b.anode = append(b.anode, u)
		b.attrs = append(b.attrs, Fact{s, p, o, l})
		return nil
	}
	if b.opt.Label != nil && !b.opt.Label(l) {
		return nil
	}
	u := b.node(s) // subjects are numbered before their objects
	var edge bool
	v := int32(-1)
	if b.opt.Edge != nil {
		edge = b.opt.Edge(s, p, o, l)
	} else if v, edge, err = b.isEntity(o); err != nil {
		return err
	}
	if !edge {
		b.anode = append(b.anode, u)
		b.attrs = append(b.attrs, Fact{s, p, o, l})
		return nil
	}
	if k == predOtherDropped {
		return nil
	}
	if v < 0 {
		v = b.node(o)
	}
	b.lfrom = append(b.lfrom, u)
	b.lto = append(b.lto, v)
	b.lpred = append(b.lpred, p)
	b.llabel = append(b.llabel, l)
	return nil
}

// typeFilter returns which nodes have one of the selected types.
func (b *builder) typeFilter() ([]bool, error) {
	want := make(map[uint64]bool)
	keep := make([]bool, len(b.ids))
	for u, t := range b.typ {
		if t == 0 {
			continue
		}
		ok, seen := want[t]
		if !seen {
			v, err := b.namer.ValueOf(t)
			if err != nil {
				return nil, fmt.Errorf("graph: build: type %d: %w", t, err)
			}
			name := LocalName(v)
			for _, w := range b.opt.Types {
				if strings.EqualFold(w, name) {
					ok = true
				}
			}
			want[t] = ok
		}
		keep[u] = ok
	}
	return keep, nil
}

// finish lays the accumulated facts out as a Snapshot, keeping only the nodes
// with keep[u] (all when keep is nil) and, unless KeepIsolated, only nodes
// with at least one line.
func (b *builder) finish(keep []bool) *Snapshot {
	n := len(b.ids)
	used := make([]bool, n)
	m := 0
	for i := range b.lfrom {
		f, t := b.lfrom[i], b.lto[i]
		if keep != nil && (!keep[f] || !keep[t]) {
			continue
		}
		used[f], used[t] = true, true
		b.lfrom[m], b.lto[m], b.lpred[m], b.llabel[m] = f, t, b.lpred[i], b.llabel[i]
		m++
	}
	b.lfrom, b.lto, b.lpred, b.llabel = b.lfrom[:m], b.lto[:m], b.lpred[:m], b.llabel[:m]
	if b.opt.KeepIsolated {
		for u := range used {
			used[u] = keep == nil || keep[u]
		}
	}
	s := assemble(b.namer, b.ids, b.typ, b.name, used, b.lfrom, b.lto, b.lpred, b.llabel, b.anode, b.attrs)
	s.meta = make(map[uint64]bool)
	for p, k := range b.preds {
		if k == predType || k == predName {
			s.meta[p] = true
		}
	}
	return s
}

// assemble renumbers the nodes with used[u] densely, in order, and builds
// the CSR arrays. Lines must only join used nodes. It reuses and
// reorders its slice arguments.
func assemble(namer Namer, ids, typ, name []uint64, used []bool, lfrom, lto []int32, lpred, llabel []uint64, anode []int32, attrs []Fact) *Snapshot {
	remap := make([]int32, len(ids))
	n := int32(0)
	for u := range ids {
		if used[u] {
			remap[u] = n
			ids[n], typ[n], name[n] = ids[u], typ[u], name[u]
			n++
		} else {
			remap[u] = -1
		}
	}
	s := &Snapshot{
		ids:   slices.Clip(ids[:n]),
		typ:   slices.Clip(typ[:n]),
		name:  slices.Clip(name[:n]),
		index: newIDMap(int(n)),
		namer: namer,
	}
	for i, id := range s.ids {
		s.index.put(id, int32(i))
	}
	for i := range lfrom {
		lfrom[i], lto[i] = remap[lfrom[i]], remap[lto[i]]
	}

	// Lines: LSD radix sort, a stable counting sort by to and then one by
	// from, so that lines are ordered by (from, to) and, between the same
	// nodes, in scan order.
	m := len(lfrom)
	byTo := countingSort(n, lto, nil)
	s.outStart = make([]int32, n+1)
	perm := countingSortInto(n, lfrom, byTo, s.outStart)
	next := make([]int32, n)
	s.lfrom = make([]int32, m)
	s.lto = make([]int32, m)
	s.lpred = make([]uint64, m)
	s.llabel = make([]uint64, m)
	for i, j := range perm {
		s.lfrom[i], s.lto[i], s.lpred[i], s.llabel[i] = lfrom[j], lto[j], lpred[j], llabel[j]
	}

	// In-lines: stable counting sort of line indices by to, so that the
	// lines into a node are ordered by from.
	s.inStart = make([]int32, n+1)
	s.inLine = countingSortInto(n, s.lto, nil, s.inStart)

	// Distinct neighbours.
	s.outNbr = distinct(n, s.outStart, func(i int32) int32 { return s.lto[i] })
	s.inNbr = distinct(n, s.inStart, func(i int32) int32 { return s.lfrom[s.inLine[i]] })
	s.undNbr = merge(n, &s.outNbr, &s.inNbr)

	// Attributes: stable counting sort by node, dropping unused nodes.
	s.attrStart = make([]int32, n+1)
	k := 0
	for i, u := range anode {
		if r := remap[u]; r >= 0 {
			anode[k], attrs[k] = r, attrs[i]
			k++
			s.attrStart[r+1]++
		}
	}
	for u := int32(0); u < n; u++ {
		s.attrStart[u+1] += s.attrStart[u]
	}
	s.attrs = make([]Fact, k)
	copy(next, s.attrStart[:n])
	for i, u := range anode[:k] {
		s.attrs[next[u]] = attrs[i]
		next[u]++
	}

	s.nodes = make([]gonum.Node, n)
	for i := range s.nodes {
		s.nodes[i] = Node(i)
	}
	return s
}

// distinct builds the distinct-neighbour CSR from rows start[u]:start[u+1]
// whose neighbour at position i is at(i), sorted within each row.
func distinct(n int32, start []int32, at func(int32) int32) csr {
	c := csr{start: make([]int32, n+1), adj: make([]int32, 0, start[n])}
	for u := int32(0); u < n; u++ {
		last := int32(-1)
		for i := start[u]; i < start[u+1]; i++ {
			if v := at(i); v != last {
				c.adj = append(c.adj, v)
				last = v
			}
		}
		c.start[u+1] = int32(len(c.adj))
	}
	c.adj = slices.Clip(c.adj)
	return c
}

// merge returns the per-row sorted union of a and b.
func merge(n int32, a, b *csr) csr {
	c := csr{start: make([]int32, n+1), adj: make([]int32, 0, len(a.adj)+len(b.adj))}
	for u := int32(0); u < n; u++ {
		x, y := a.row(u), b.row(u)
		for len(x) > 0 || len(y) > 0 {
			switch {
			case len(y) == 0 || (len(x) > 0 && x[0] < y[0]):
				c.adj = append(c.adj, x[0])
				x = x[1:]
			case len(x) == 0 || y[0] < x[0]:
				c.adj = append(c.adj, y[0])
				y = y[1:]
			default:
				c.adj = append(c.adj, x[0])
				x, y = x[1:], y[1:]
			}
		}
		c.start[u+1] = int32(len(c.adj))
	}
	c.adj = slices.Clip(c.adj)
	return c
}

// LocalName returns a short display form of a quad value: the IRI without
// brackets (and after the last '/' or '#' if it has a scheme), the text of a
// string or typed literal, or the blank node's name.
func LocalName(v quad.Value) string {
	switch v := v.(type) {
	case nil:
		return ""
	case quad.IRI:
		s := string(v)
		if strings.Contains(s, "://") {
			if i := strings.LastIndexAny(s, "/#"); i >= 0 && i+1 < len(s) {
				s = s[i+1:]
			}
		}
		return s
	case quad.String:
		return string(v)
	case quad.TypedString:
		return string(v.Value)
	case quad.LangString:
		return string(v.Value)
	case quad.BNode:
		return string(v)
	}
	return fmt.Sprint(v.Native())
}

// countingSort returns the permutation of order (0..len(key)-1 if order is
// nil) that sorts it stably by key, for keys in [0, n).
func countingSort(n int32, key []int32, order []int32) []int32 {
	return countingSortInto(n, key, order, make([]int32, n+1))
}

// countingSortInto is countingSort that also leaves in start (of length
// n+1) the first position of each key.
func countingSortInto(n int32, key []int32, order []int32, start []int32) []int32 {
	for _, k := range key {
		start[k+1]++
	}
	for u := int32(0); u < n; u++ {
		start[u+1] += start[u]
	}
	next := slices.Clone(start[:n])
	out := make([]int32, len(key))
	if order == nil {
		for i, k := range key {
			out[next[k]] = int32(i)
			next[k]++
		}
		return out
	}
	for _, i := range order {
		k := key[i]
		out[next[k]] = i
		next[k]++
	}
	return out
}

// among reports whether v is one of vs.
func among(v quad.Value, vs []quad.Value) bool {
	for _, w := range vs {
		if w != nil && v.String() == w.String() {
			return true
		}
	}
	return false
}
