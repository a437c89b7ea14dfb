package store

import (
	"context"
	"fmt"
	"io"
	"iter"

	"github.com/cayleygraph/quad"
	badger "github.com/dgraph-io/badger/v4"
)

// Pattern selects quads. A nil field is a wildcard.
type Pattern struct {
	Subject, Predicate, Object, Label quad.Value
}

// IDPattern is a Pattern over dictionary IDs; 0 is a wildcard.
type IDPattern [4]uint64

// ctxCheckEvery is how many keys a scan reads between context checks.
const ctxCheckEvery = 1024

// plan picks the index whose key order starts with the most bound
// positions, and returns it with the length of that bound prefix.
func plan(p IDPattern) (index, int) {
	best, bestN := idxSPOL, -1
	for ix := index(0); ix < numIndexes; ix++ {
		n := 0
		for _, pos := range order[ix] {
			if p[pos] == 0 {
				break
			}
			n++
		}
		if n > bestN {
			best, bestN = ix, n
		}
	}
	return best, bestN
}

func (p IDPattern) matches(q ids) bool {
	for i, v := range p {
		if v != 0 && q[i] != v {
			return false
		}
	}
	return true
}

// resolve turns a Pattern into an IDPattern. ok is false when a bound value
// is not in the dictionary, so nothing can match.
func (s *Store) resolve(txn *badger.Txn, p Pattern) (ip IDPattern, ok bool, err error) {
	ip, _, ok, err = s.resolveBound(txn, p)
	return ip, ok, err
}

// resolveBound is resolve that also returns the bound values as the store
// gives them back (a quad.Int as its typed string, say), so that results
// need not look them up again.
func (s *Store) resolveBound(txn *badger.Txn, p Pattern) (ip IDPattern, bound [4]quad.Value, ok bool, err error) {
	var enc []byte
	for i, v := range [4]quad.Value{p.Subject, p.Predicate, p.Object, p.Label} {
		if v == nil {
			continue
		}
		if enc, err = encodeValue(enc[:0], v); err != nil {
			return ip, bound, false, err
		}
		id, err := s.lookupEnc(txn, enc)
		if err != nil {
			return ip, bound, false, err
		}
		if id == 0 {
			return ip, bound, false, nil
		}
		ip[i] = id
		if bound[i], err = canonical(v, enc); err != nil {
			return ip, bound, false, err
		}
	}
	return ip, bound, true, nil
}

// canonical returns v as the dictionary decodes its encoding enc.
func canonical(v quad.Value, enc []byte) (quad.Value, error) {
	switch v.(type) {
	case quad.IRI, quad.BNode, quad.String, quad.TypedString, quad.LangString:
		return v, nil
	}
	return decodeValue(enc)
}

// scanIDs streams the IDs of every quad matching p within txn, using one
// prefix scan of the best index, with the snapshot's cursor on it.
//
// The cursor's iterator returns every version of a key, and the cursor
// keeps the newest visible one itself: Badger's own filtering decodes each
// entry twice and copies each key, which is a fifth of a short lookup's
// time.
func (s *Store) scanIDs(ctx context.Context, rs *readSnap, p IDPattern, fn func(ids) error) error {
	ix, n := plan(p)
	var prefix ids
	for i := 0; i < n; i++ {
		prefix[i] = p[order[ix][i]]
	}
	m := s.memIndexFor(ix, rs.gen)
	if m == nil {
		s.rewarmIndexes()
	}
	c := rs.cursor(ix, m)
	c.seek(prefix)
	for count := 1; ; count++ {
		t, ok := c.next()
		if !ok {
			return c.failed()
		}
		if count%ctxCheckEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if !hasPrefix(t, prefix, n) {
			return nil
		}
		q := unpermute(ix, t)
		if n < 4 && !p.matches(q) {
			continue
		}
		if err := fn(q); err != nil {
			return err
		}
	}
}

// hasPrefix reports whether the first n IDs of t are those of prefix.
func hasPrefix(t, prefix ids, n int) bool {
	for i := 0; i < n; i++ {
		if t[i] != prefix[i] {
			return false
		}
	}
	return true
}

// errStop ends a scan early without error.
var errStop = fmt.Errorf("stop")

// MatchIDs calls fn with the IDs (subject, predicate, object, label) of
// every quad matching p. A non-nil error from fn stops the scan and is
// returned. It honours ctx.
func (s *Store) MatchIDs(ctx context.Context, p IDPattern, fn func(s, p, o, l uint64) error) error {
	if err := s.check(ctx); err != nil {
		return fmt.Errorf("store: match: %w", err)
	}
	rs := s.snapshot()
	defer s.release(rs)
	err := s.scanIDs(ctx, rs, p, func(q ids) error { return fn(q[0], q[1], q[2], q[3]) })
	if err != nil {
		return fmt.Errorf("store: match: %w", err)
	}
	return nil
}

// ScanIDs calls fn with the IDs of every stored quad, in subject order.
// It is what graph builders read.
func (s *Store) ScanIDs(ctx context.Context, fn func(s, p, o, l uint64) error) error {
	return s.MatchIDs(ctx, IDPattern{}, fn)
}

// Match streams the quads matching p, using the index that makes the
// pattern one prefix scan. Iteration holds a read snapshot: a concurrent
// writer's changes are either all visible or not at all. Stop early by
// breaking out of the loop.
func (s *Store) Match(ctx context.Context, p Pattern) iter.Seq2[quad.Quad, error] {
	return func(yield func(quad.Quad, error) bool) {
		if err := s.check(ctx); err != nil {
			yield(quad.Quad{}, fmt.Errorf("store: match: %w", err))
			return
		}
		rs := s.snapshot()
		defer s.release(rs)
		err := func() error {
			ip, bound, ok, err := s.resolveBound(rs.txn, p)
			if err != nil || !ok {
				return err
			}
			b := resolveBatch{s: s, txn: rs.txn, known: &bound, limit: firstBatch}
			err = s.scanIDs(ctx, rs, ip, func(id ids) error {
				if b.add(id) {
					return nil
				}
				return b.flush(yield)
			})
			if err == nil {
				err = b.flush(yield)
			}
			return err
		}()
		if err != nil && err != errStop {
			yield(quad.Quad{}, fmt.Errorf("store: match: %w", err))
		}
	}
}

// Batches of results whose values are resolved together: the first small,
// so that a caller who wants one result does not wait for many, then
// doubling up to maxBatch.
const (
	firstBatch = 8
	maxBatch   = 64
)

// resolveBatch gathers the IDs of consecutive results and turns them into
// values together. Looking up many IDs in a row lets the processor overlap
// their cache misses, which one lookup per result, between iterator steps,
// does not.
type resolveBatch struct {
	s     *Store
	txn   *badger.Txn
	known *[4]quad.Value // the pattern's bound values
	limit int
	n     int
	ids   [maxBatch]ids
	vals  [maxBatch][4]quad.Value
}

// add queues id and reports whether there is room for more.
func (b *resolveBatch) add(id ids) bool {
	b.ids[b.n] = id
	b.n++
	return b.n < b.limit
}

// flush resolves the queued results and yields them in order. It returns
// errStop when yield asks to stop.
func (b *resolveBatch) flush(yield func(quad.Quad, error) bool) error {
	n := b.n
	b.n = 0
	b.limit = min(2*b.limit, maxBatch)
	for pos := range 4 {
		if v := b.known[pos]; v != nil {
			for i := range n {
				b.vals[i][pos] = v
			}
			continue
		}
		for i := range n { // the cache alone, in a tight loop
			b.vals[i][pos], _ = b.s.dict.value(b.ids[i][pos])
		}
	}
	for i := range n {
		vs := &b.vals[i]
		for pos, x := range b.ids[i] {
			if vs[pos] != nil || x == 0 {
				continue
			}
			v, err := b.s.valueOf(b.txn, x) // missed the cache
			if err != nil {
				return err
			}
			vs[pos] = v
		}
		if !yield(quad.Quad{Subject: vs[0], Predicate: vs[1], Object: vs[2], Label: vs[3]}, nil) {
			return errStop
		}
	}
	return nil
}

// Count returns how many quads match p.
func (s *Store) Count(ctx context.Context, p Pattern) (int, error) {
	if err := s.check(ctx); err != nil {
		return 0, fmt.Errorf("store: count: %w", err)
	}
	n := 0
	rs := s.snapshot()
	defer s.release(rs)
	err := func() error {
		ip, ok, err := s.resolve(rs.txn, p)
		if err != nil || !ok {
			return err
		}
		return s.scanIDs(ctx, rs, ip, func(ids) error { n++; return nil })
	}()
	if err != nil {
		return 0, fmt.Errorf("store: count: %w", err)
	}
	return n, nil
}

// Reader returns the quads matching p as a quad.Reader, so that
// quad.Copy can stream them anywhere. Close it when done.
func (s *Store) Reader(ctx context.Context, p Pattern) quad.ReadCloser {
	next, stop := iter.Pull2(s.Match(ctx, p))
	return &reader{next: next, stop: stop}
}

type reader struct {
	next func() (quad.Quad, error, bool)
	stop func()
	err  error
}

func (r *reader) ReadQuad() (quad.Quad, error) {
	if r.err != nil {
		return quad.Quad{}, r.err
	}
	q, err, ok := r.next()
	switch {
	case !ok:
		r.err = io.EOF
	case err != nil:
		r.err = err
	default:
		return q, nil
	}
	r.stop()
	return quad.Quad{}, r.err
}

func (r *reader) Close() error {
	r.stop()
	if r.err == nil {
		r.err = io.EOF
	}
	return nil
}
