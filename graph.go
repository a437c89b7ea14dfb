package kg

import (
	"bufio"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/kgraph/kg/graph"
	"github.com/kgraph/kg/store"
)

// GraphOptions selects the facts of a graph view. The zero value is the
// whole graph.
type GraphOptions struct {
	// Predicates keeps only facts with these predicates (names such as
	// "detained_by").
	Predicates []string
	// Documents keeps only facts from these documents.
	Documents []string
	// From and To keep only facts from documents dated within [From, To]
	// (YYYY-MM-DD; either may be empty).
	From, To string
	// Types keeps only entities of these types (PERSON, ORG, …).
	Types []string
}

func (o *GraphOptions) isZero() bool {
	return o == nil || (len(o.Predicates) == 0 && len(o.Documents) == 0 && o.From == "" && o.To == "" && len(o.Types) == 0)
}

// snapshotFile is the on-disk cache of the whole-graph snapshot, in the
// database directory, so that one-shot commands (kg path) do not rebuild
// it each time.
const snapshotFile = "kg-snapshot.bin"

// Graph returns a gonum view of the facts: an immutable multigraph whose
// nodes are entities and whose lines are facts, each carrying its
// predicate and evidence label. Any gonum algorithm runs on it. The whole
// graph is cached (in memory, and on disk beside the database) until the
// store changes.
func (db *DB) Graph(ctx context.Context, opts *GraphOptions) (*graph.Snapshot, error) {
	if opts.isZero() {
		return db.wholeGraph(ctx)
	}
	bo := &graph.BuildOptions{Types: opts.Types}
	for _, p := range opts.Predicates {
		bo.Predicates = append(bo.Predicates, quad.IRI(p))
	}
	if len(opts.Documents) > 0 || opts.From != "" || opts.To != "" {
		docs := map[string]bool{}
		for _, d := range opts.Documents {
			docs[d] = true
		}
		var cache docCache
		bo.Label = graph.LabelFilter(db.st, func(label quad.Value) bool {
			doc, _ := store.DocumentOf(label)
			if len(docs) > 0 && !docs[doc] {
				return false
			}
			if opts.From == "" && opts.To == "" {
				return true
			}
			date := cache.get(ctx, db.st, doc).Date
			return date != "" && (opts.From == "" || date >= opts.From) && (opts.To == "" || date <= opts.To)
		})
	}
	s, err := graph.Build(ctx, db.st, db.st, bo)
	if err != nil {
		return nil, fmt.Errorf("kg: graph: %w", err)
	}
	return s, nil
}

func (db *DB) wholeGraph(ctx context.Context) (*graph.Snapshot, error) {
	gen := db.st.Generation()
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.snap != nil && db.snapGen == gen {
		return db.snap, nil
	}
	if s := db.readSnapshot(gen); s != nil {
		db.snap, db.snapGen = s, gen
		return s, nil
	}
	s, err := graph.Build(ctx, db.st, db.st, nil)
	if err != nil {
		return nil, fmt.Errorf("kg: graph: %w", err)
	}
	db.snap, db.snapGen = s, gen
	db.writeSnapshot(s, gen)
	return s, nil
}

// readSnapshot loads the cached snapshot if it was written at generation
// gen. Any problem just means there is no usable cache.
func (db *DB) readSnapshot(gen uint64) *graph.Snapshot {
	dir := db.st.Dir()
	if dir == "" {
		return nil
	}
	f, err := os.Open(filepath.Join(dir, snapshotFile))
	if err != nil {
		return nil
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	var have uint64
	if err := binary.Read(r, binary.BigEndian, &have); err != nil || have != gen {
		return nil
	}
	s, err := graph.ReadSnapshot(r, db.st)
	if err != nil {
		return nil
	}
	return s
}

// writeSnapshot caches s on disk, atomically; failures are ignored (the
// cache is an optimisation).
func (db *DB) writeSnapshot(s *graph.Snapshot, gen uint64) {
	dir := db.st.Dir()
	if dir == "" {
		return
	}
	tmp, err := os.CreateTemp(dir, "kg-snapshot-*")
	if err != nil {
		return
	}
	w := bufio.NewWriterSize(tmp, 1<<20)
	err = binary.Write(w, binary.BigEndian, gen)
	if err == nil {
		_, err = s.WriteTo(w)
	}
	if err == nil {
		err = w.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp.Name())
		return
	}
	os.Rename(tmp.Name(), filepath.Join(dir, snapshotFile))
}

// node resolves a user's entity name to its store ID in s.
func (db *DB) node(ctx context.Context, s *graph.Snapshot, name string) (uint64, quad.Value, error) {
	v, err := db.Resolve(ctx, name)
	if err != nil {
		return 0, nil, err
	}
	id, err := db.st.IDOf(v)
	if err != nil {
		return 0, nil, err
	}
	if _, ok := s.NodeOf(id); !ok {
		return 0, nil, fmt.Errorf("%q is in the database but has no relation to other entities in this graph", DisplayName(v))
	}
	return id, v, nil
}

// factQuad turns a graph fact (IDs) back into a quad.
func (db *DB) factQuad(f graph.Fact) (quad.Quad, error) {
	var vs [4]quad.Value
	for i, id := range [4]uint64{f.S, f.P, f.O, f.L} {
		if id == 0 {
			continue
		}
		v, err := db.st.ValueOf(id)
		if err != nil {
			return quad.Quad{}, err
		}
		vs[i] = v
	}
	return quad.Quad{Subject: vs[0], Predicate: vs[1], Object: vs[2], Label: vs[3]}, nil
}

func (db *DB) name(id uint64) string {
	v, err := db.st.ValueOf(id)
	if err != nil {
		return fmt.Sprintf("#%d", id)
	}
	return db.displayName(v)
}

// displayName is the entity's name fact when it has one, else its IRI's
// local name.
func (db *DB) displayName(v quad.Value) string {
	if _, entity := v.(quad.IRI); !entity {
		return DisplayName(v)
	}
	for q, err := range db.st.Match(context.Background(), store.Pattern{Subject: v, Predicate: PredName}) {
		if err != nil {
			break
		}
		if s, ok := q.Object.(quad.String); ok { // a name is a plain string
			return string(s)
		}
	}
	return DisplayName(v)
}

// typeOf is the entity's type (PERSON, ORG …) or "".
func (db *DB) typeOf(ctx context.Context, v quad.Value) string {
	for q, err := range db.st.Match(ctx, store.Pattern{Subject: v, Predicate: PredType}) {
		if err != nil {
			break
		}
		if t, ok := q.Object.(quad.IRI); ok {
			return DisplayName(t)
		}
	}
	return ""
}

// dateOf returns a label's document date, for timelines.
func (db *DB) dateOf(ctx context.Context, docs *docCache) func(l uint64) (time.Time, bool) {
	return func(l uint64) (time.Time, bool) {
		v, err := db.st.ValueOf(l)
		if err != nil {
			return time.Time{}, false
		}
		doc, _ := store.DocumentOf(v)
		d := docs.get(ctx, db.st, doc)
		if d.Date == "" {
			return time.Time{}, false
		}
		t, err := time.Parse("2006-01-02", d.Date)
		return t, err == nil
	}
}

var _ io.WriterTo = (*graph.Snapshot)(nil)
