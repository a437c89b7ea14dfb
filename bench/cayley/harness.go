package cayley

import (
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/kv"
	cbadger "github.com/cayleygraph/cayley/graph/kv/badger"
	_ "github.com/cayleygraph/cayley/graph/kv/bolt"
	_ "github.com/cayleygraph/cayley/graph/kv/leveldb"
	_ "github.com/cayleygraph/cayley/graph/memstore"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
)

// Backends are the Cayley quad stores the benchmarks know, by Cayley's
// registry name. Only memstore keeps nothing on disk. Cayley v0.7.7's
// badger backend (Badger v1.5.5) is not among them: its bulk writer
// commits every 200,000 quads and Badger refuses such a transaction
// ("Txn is too big to fit into one request") already at 50,000 quads; it
// loads only small inputs (see the test).
var Backends = []string{"memstore", "bolt", "leveldb"}

func init() {
	// Cayley registers its Badger backend only through hidalgo's registry,
	// whose package initialisers run after Cayley's under Go ≥ 1.21's
	// initialisation order, so it would be missing. Register it as
	// Cayley's own kv/all does.
	if !graph.IsRegistered(cbadger.Type) {
		kv.Register(cbadger.Type, kv.Registration{NewFunc: cbadger.Create, InitFunc: cbadger.Create, IsPersistent: true})
	}
}

// Open creates a new Cayley quad store of the given backend in dir (ignored
// for memstore), as `cayley init` does, and opens it.
func Open(backend, dir string) (graph.QuadStore, error) {
	if graph.IsPersistent(backend) {
		if err := graph.InitQuadStore(backend, dir, nil); err != nil {
			return nil, fmt.Errorf("cayley: init %s in %s: %w", backend, dir, err)
		}
	} else {
		dir = ""
	}
	qs, err := graph.NewQuadStore(backend, dir, nil)
	if err != nil {
		return nil, fmt.Errorf("cayley: open %s: %w", backend, err)
	}
	return qs, nil
}

// Reopen opens an existing persistent Cayley quad store.
func Reopen(backend, dir string) (graph.QuadStore, error) {
	qs, err := graph.NewQuadStore(backend, dir, nil)
	if err != nil {
		return nil, fmt.Errorf("cayley: open %s in %s: %w", backend, dir, err)
	}
	return qs, nil
}

// Load reads an N-Quads file (gzip-compressed when its name ends in .gz)
// into qs the way `cayley load` does: the store's own bulk QuadWriter fed
// by quad.CopyBatch in batches of quad.DefaultBatch. It returns the number
// of quads read.
func Load(qs graph.QuadStore, path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return 0, fmt.Errorf("cayley: load %s: %w", path, err)
		}
		defer zr.Close()
		r = zr
	}
	return LoadReader(qs, r)
}

// LoadReader is Load from a reader of N-Quads.
func LoadReader(qs graph.QuadStore, r io.Reader) (int, error) {
	qw, err := qs.NewQuadWriter()
	if err != nil {
		return 0, fmt.Errorf("cayley: load: %w", err)
	}
	n, err := quad.CopyBatch(qw, nquads.NewReader(r, false), quad.DefaultBatch)
	if err != nil {
		qw.Close()
		return n, fmt.Errorf("cayley: load: %w", err)
	}
	if err := qw.Close(); err != nil {
		return n, fmt.Errorf("cayley: load: %w", err)
	}
	return n, nil
}

// Match returns up to limit quads of qs with the given fields bound (a nil
// value is a wildcard), through Cayley's per-direction quad indexes: one
// QuadIterator for a single bound field, their intersection for more, as
// Cayley's query planner builds them. Label is not bound here.
func Match(ctx context.Context, qs graph.QuadStore, s, p, o quad.Value, limit int) ([]quad.Quad, error) {
	var its []graph.Iterator
	for _, b := range []struct {
		d quad.Direction
		v quad.Value
	}{{quad.Subject, s}, {quad.Predicate, p}, {quad.Object, o}} {
		if b.v == nil {
			continue
		}
		ref := qs.ValueOf(b.v)
		if ref == nil {
			return nil, nil // value not in the store: no quads
		}
		its = append(its, qs.QuadIterator(b.d, ref))
	}
	var it graph.Iterator
	switch len(its) {
	case 0:
		it = qs.QuadsAllIterator()
	case 1:
		it = its[0]
	default:
		it, _ = iterator.NewAnd(its...).Optimize()
	}
	defer it.Close()
	var out []quad.Quad
	for len(out) < limit && it.Next(ctx) {
		out = append(out, qs.Quad(it.Result()))
	}
	return out, it.Err()
}

// TwoHop follows s → ? → ?: the facts of s, then, for each IRI or blank
// node object of those facts in turn, the facts with that object as
// subject. It stops after limit quads in all (both hops counted).
func TwoHop(ctx context.Context, qs graph.QuadStore, s quad.Value, limit int) ([]quad.Quad, error) {
	first, err := Match(ctx, qs, s, nil, nil, limit)
	if err != nil {
		return nil, err
	}
	out := first
	for _, q := range first {
		if len(out) >= limit {
			break
		}
		switch q.Object.(type) {
		case quad.IRI, quad.BNode:
		default:
			continue
		}
		next, err := Match(ctx, qs, q.Object, nil, nil, limit-len(out))
		if err != nil {
			return nil, err
		}
		out = append(out, next...)
	}
	return out, nil
}

// Count returns the number of quads Cayley reports (exactly).
func Count(ctx context.Context, qs graph.QuadStore) (int64, error) {
	st, err := qs.Stats(ctx, true)
	if err != nil {
		return 0, err
	}
	return st.Quads.Size, nil
}
