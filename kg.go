package kg

import (
	"context"
	"fmt"
	"io"
	"sync"

	"github.com/kgraph/kg/extract"
	"github.com/kgraph/kg/graph"
	"github.com/kgraph/kg/store"
)

// Version is kg's version, printed by "kg version".
var Version = "0.1.0-dev"

// Options configures a DB.
type Options struct {
	// Dir is the database directory.
	Dir string
	// InMemory keeps the database in memory only.
	InMemory bool
}

// DefaultOptions returns the options for a database in dir.
func DefaultOptions(dir string) Options { return Options{Dir: dir} }

// WithInMemory returns o with InMemory set.
func (o Options) WithInMemory(b bool) Options { o.InMemory = b; return o }

// DB is a kg knowledge graph: a store of facts and the means to ask it
// questions. It is safe for concurrent use.
type DB struct {
	st *store.Store

	mu      sync.Mutex      // guards the cached snapshot
	snap    *graph.Snapshot // the whole graph at store generation snapGen
	snapGen uint64
	lex     Lexicon // verb lexicon for queries; nil: exact predicates

	verbs    VerbClasses // verb classes for questions; nil: exact verbs
	preds    []predInfo  // the store's predicates, analysed, at predsGen
	predsGen uint64

	aOnce sync.Once // the analyzer, built on first use
	a     *extract.Analyzer
	aErr  error

	xOnce     sync.Once // the extractors, built on first use
	x, xLines *extract.Extractor
	xErr      error
}

// Open opens or creates the database described by opts. See store.Open
// for the errors it returns (store.ErrLocked, store.ErrNotKG,
// store.ErrSchema).
func Open(opts Options) (*DB, error) {
	st, err := store.Open(store.DefaultOptions(opts.Dir).WithInMemory(opts.InMemory))
	if err != nil {
		return nil, fmt.Errorf("kg: open: %w", err)
	}
	lex := extract.DefaultLexicon()
	return &DB{st: st, lex: lexicon{lex}, verbs: lex}, nil
}

// lexicon adapts the extractor's verb lexicon to queries.
type lexicon struct{ l *extract.Lexicon }

func (x lexicon) Expand(pred string) []PredicateForm {
	fs := x.l.Expand(pred)
	out := make([]PredicateForm, len(fs))
	for i, f := range fs {
		out[i] = PredicateForm{Predicate: f.Predicate, Inverse: f.Inverse}
	}
	return out
}

// Close closes the database.
func (db *DB) Close() error { return db.st.Close() }

// Store returns the underlying quad store, for direct access to quads,
// dictionary IDs and evidence.
func (db *DB) Store() *store.Store { return db.st }

// Stats are the database's sizes.
type Stats = store.Stats

// Stats counts quads, nodes, predicates and documents.
func (db *DB) Stats(ctx context.Context) (Stats, error) { return db.st.Stats(ctx) }

// ImportOptions controls an N-Quads import.
type ImportOptions = store.ImportOptions

// ImportResult reports an N-Quads import.
type ImportResult = store.ImportResult

// Import loads N-Quads from r atomically: a malformed line stops the
// import (a *store.SyntaxError names it) and nothing from r is stored,
// unless opts.SkipBad is set.
func (db *DB) Import(ctx context.Context, r io.Reader, opts ImportOptions) (ImportResult, error) {
	return db.st.Import(ctx, r, opts)
}

// ImportFile imports an N-Quads file (gzipped if its name ends in .gz).
func (db *DB) ImportFile(ctx context.Context, path string, opts ImportOptions) (ImportResult, error) {
	return db.st.ImportFile(ctx, path, opts)
}

// ExportNQuads writes every quad as N-Quads to w and returns how many.
func (db *DB) ExportNQuads(ctx context.Context, w io.Writer) (int, error) {
	return db.st.Export(ctx, w, store.Pattern{})
}

// ExportNQuadsFile writes every quad to path (gzipped if it ends in .gz).
// progress, if not nil, is called now and then with the quads written.
func (db *DB) ExportNQuadsFile(ctx context.Context, path string, progress func(quads int)) (int, error) {
	return db.st.ExportFile(ctx, path, store.ExportOptions{Progress: progress})
}
