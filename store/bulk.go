package store

import (
	"context"
	"encoding/binary"
	"fmt"
	"math/bits"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/cayleygraph/quad"
	badger "github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/ristretto/v2/z"
)

// BulkWriter loads many quads at once, in bounded memory. It implements
// quad.WriteCloser, so quad.Copy can feed it. Nothing it writes is visible
// until Close commits the load; Abort discards it. A load is therefore
// atomic: an error, or an Abort, leaves the store as it was.
//
// Into an empty store, Close writes every index with Badger's StreamWriter
// from sorted runs (as Dgraph's bulk loader does), which is several times
// faster than transactions. Into a non-empty store it commits in
// transactions, each holding whole quads, so a crash never leaves a quad
// with some of its index entries missing.
//
// A BulkWriter holds the store's writer lock from NewBulkWriter until
// Close or Abort: other writers wait. It is not safe for concurrent use.
type BulkWriter struct {
	s       *Store
	ctx     context.Context
	empty   bool              // the store was empty: stream-write on commit
	newVals *valueTable       // the values new in this load
	labels  labelDocs         // label ID → index in docs, for labels seen
	docs    []string          // document names, interned
	docIdx  map[string]uint32 // document name → index in docs
	buf     []ids             // the current run, unsorted
	scratch []ids
	runs    [numIndexes][]string // spilled sorted runs per index; the spiller's until waitSpills
	tmpDir  string
	spiller *spiller // sorts and writes full runs while the next one fills
	nextID  uint64   // next ID on the empty-store path
	// valueBits numbers the value buckets on the empty-store path (set
	// when streaming starts; 0 when the load has no values)
	valueBits uint32
	rtxn      *badger.Txn
	enc       []byte
	last      [4]lastValue // the previous quad's values, position by position
	maxSeen   uint64       // the largest ID handed out or looked up
	written   int
	err       error
	done      bool

	// On the empty-store path the StreamWriter is prepared (Badger's
	// DropAll, ~50 ms of file work) while the load reads its input.
	prepared chan struct{} // closed once prepare has run
	sw       *badger.StreamWriter
	prepErr  error
	marker   string // the interrupted-load marker file, "" in memory
	streamed bool   // streamAll took over the prepared StreamWriter
}

// BulkResult reports a committed load.
type BulkResult struct {
	Quads int  // distinct quads the load added (quads already stored not counted on the streamed path)
	Empty bool // the load went to an empty store through the StreamWriter
}

// NewBulkWriter starts a bulk load. Call Close to commit or Abort to
// discard; either releases the writer lock.
func (s *Store) NewBulkWriter(ctx context.Context) (*BulkWriter, error) {
	if err := s.check(ctx); err != nil {
		return nil, fmt.Errorf("store: bulk: %w", err)
	}
	s.wmu.Lock()
	if s.closed.Load() {
		s.wmu.Unlock()
		return nil, fmt.Errorf("store: bulk: %w", ErrClosed)
	}
	w := &BulkWriter{
		s:      s,
		ctx:    ctx,
		docIdx: make(map[string]uint32),
		buf:    make([]ids, 0, min(s.opts.RunSize, 1<<16)),
		nextID: 1,
	}
	var err error
	if w.empty, err = s.isEmpty(); err != nil {
		s.wmu.Unlock()
		return nil, fmt.Errorf("store: bulk: %w", err)
	}
	w.newVals = newValueTable(!w.empty)
	w.labels.dense = w.empty
	if !w.empty {
		w.rtxn = s.db.NewTransaction(false)
	} else {
		w.prepared = make(chan struct{})
		go w.prepare()
	}
	return w, nil
}

// prepare readies the empty store for the StreamWriter: it leaves the
// interrupted-load marker, gives back the ID sequence (whose key the
// StreamWriter's DropAll removes) and prepares the writer.
func (w *BulkWriter) prepare() {
	defer close(w.prepared)
	s := w.s
	if !s.opts.InMemory {
		w.marker = filepath.Join(s.opts.Dir, loadingFile)
		if w.prepErr = os.WriteFile(w.marker, []byte("bulk load in progress\n"), 0o644); w.prepErr != nil {
			w.marker = ""
			return
		}
	}
	if w.prepErr = s.seq.Release(); w.prepErr != nil {
		return
	}
	s.seq = nil
	s.dropSnapshots() // none may read across the StreamWriter's DropAll
	w.sw = s.db.NewStreamWriter()
	w.prepErr = w.sw.Prepare()
}

// unprepare puts an empty store whose load did not stream back as it was:
// its meta keys, its ID sequence, no marker.
func (w *BulkWriter) unprepare() {
	<-w.prepared
	s := w.s
	if w.sw != nil {
		w.sw.Cancel()
	}
	if w.sw != nil || w.prepErr != nil {
		s.db.Update(func(txn *badger.Txn) error {
			if err := txn.Set(keySchema, schemaValue()); err != nil {
				return err
			}
			return txn.Set(keyGeneration, binary.BigEndian.AppendUint64(nil, s.gen.Load()))
		})
	}
	if s.seq == nil {
		if seq, err := s.db.GetSequence(keySequence, 1024); err == nil {
			s.seq = seq
		}
	}
	if w.marker != "" {
		os.Remove(w.marker)
	}
}

// isEmpty reports whether the store holds nothing but its meta keys.
func (s *Store) isEmpty() (bool, error) {
	empty := true
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{})
		defer it.Close()
		it.Seek([]byte{pfxMeta + 1})
		empty = !it.Valid()
		return nil
	})
	return empty, err
}

// WriteQuad adds one quad to the load.
func (w *BulkWriter) WriteQuad(q quad.Quad) error {
	if w.err != nil {
		return w.err
	}
	if w.done {
		return fmt.Errorf("store: bulk: write after close")
	}
	if q.Subject == nil || q.Predicate == nil || q.Object == nil {
		return fmt.Errorf("store: bulk: %w: quad %v lacks a subject, predicate or object", ErrInvalidValue, q)
	}
	var id ids
	for i, v := range [4]quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
		if v == nil {
			continue
		}
		x, err := w.idAt(i, v)
		if err != nil {
			return fmt.Errorf("store: bulk: %w", err) // bad value: not sticky
		}
		id[i] = x
	}
	if id[3] != 0 {
		if _, ok := w.labels.get(id[3]); !ok {
			doc, _ := DocumentOf(q.Label)
			if err := validDocName(doc); err != nil {
				return fmt.Errorf("store: bulk: label %v: %w", q.Label, err)
			}
			d, ok := w.docIdx[doc]
			if !ok {
				d = uint32(len(w.docs))
				w.docs = append(w.docs, doc)
				w.docIdx[doc] = d
			}
			w.labels.set(id[3], d)
		}
	}
	w.buf = append(w.buf, id)
	w.written++
	if len(w.buf) >= w.s.opts.RunSize {
		if err := w.spill(); err != nil {
			w.err = fmt.Errorf("store: bulk: %w", err)
			return w.err
		}
	}
	return nil
}

// WriteQuads adds quads to the load; it implements quad.BatchWriter.
func (w *BulkWriter) WriteQuads(qs []quad.Quad) (int, error) {
	for i, q := range qs {
		if err := w.WriteQuad(q); err != nil {
			return i, err
		}
	}
	return len(qs), nil
}

// Written returns how many quads were handed to the writer so far,
// duplicates included.
func (w *BulkWriter) Written() int { return w.written }

// lastValue remembers one position's previous value: labels repeat for
// every fact of a sentence, and predicates and subjects often repeat too.
type lastValue struct {
	v  quad.Value
	id uint64
}

// maxID bounds every ID in the load's runs.
func (w *BulkWriter) maxID() uint64 { return max(w.maxSeen, w.nextID) }

// idAt is idOf with a one-entry cache per quad position.
func (w *BulkWriter) idAt(pos int, v quad.Value) (uint64, error) {
	if l := &w.last[pos]; l.v != nil && l.id != 0 && sameValue(l.v, v) {
		return l.id, nil
	}
	id, err := w.idOf(v)
	if err == nil {
		w.last[pos] = lastValue{v, id}
		w.maxSeen = max(w.maxSeen, id)
	}
	return id, err
}

// sameValue compares the comparable quad values cheaply; others are never
// the same.
func sameValue(a, b quad.Value) bool {
	switch a := a.(type) {
	case quad.IRI:
		b, ok := b.(quad.IRI)
		return ok && a == b
	case quad.BNode:
		b, ok := b.(quad.BNode)
		return ok && a == b
	case quad.String:
		b, ok := b.(quad.String)
		return ok && a == b
	}
	return false
}

func (w *BulkWriter) idOf(v quad.Value) (uint64, error) {
	var err error
	if w.enc, err = encodeValue(w.enc[:0], v); err != nil {
		return 0, err
	}
	h := hashValue(w.enc)
	if i, ok := w.newVals.lookup(w.enc, h); ok {
		return w.newVals.id(i), nil
	}
	if !w.empty {
		id, err := w.s.lookupEnc(w.rtxn, w.enc)
		if err != nil || id != 0 {
			return id, err
		}
		if id, err = w.s.nextID(); err != nil {
			return 0, err
		}
		w.newVals.add(w.enc, h, id)
		return id, nil
	}
	id := w.nextID
	w.nextID++
	w.newVals.add(w.enc, h, id)
	return id, nil
}

// spill hands the current run to the spiller, which sorts it per index
// and writes it to temporary files while the caller fills the next one.
// At most two full runs are in memory: the one being written and, while
// it is, the next, whose hand-off waits.
func (w *BulkWriter) spill() error {
	if err := w.makeTempDir(); err != nil {
		return err
	}
	if w.spiller == nil {
		w.spiller = w.startSpiller()
	}
	sp := w.spiller
	if err := sp.failed(); err != nil {
		return err
	}
	sp.jobs <- spillJob{run: w.buf, maxID: w.maxID()}
	select {
	case b := <-sp.spare:
		w.buf = b[:0]
	default:
		w.buf = make([]ids, 0, cap(w.buf))
	}
	return nil
}

// makeTempDir creates the load's directory for run files, once.
func (w *BulkWriter) makeTempDir() error {
	if w.tmpDir != "" {
		return nil
	}
	dir, err := os.MkdirTemp(w.s.opts.TempDir, "kg-bulk-*")
	if err != nil {
		return err
	}
	w.tmpDir = dir
	return nil
}

// spillJob is one full run and a bound on its IDs.
type spillJob struct {
	run   []ids
	maxID uint64
}

// spiller is the goroutine that sorts and writes spilled runs.
type spiller struct {
	jobs  chan spillJob
	spare chan []ids // a written run's buffer, for the next run
	done  chan struct{}
	mu    sync.Mutex
	err   error
}

func (w *BulkWriter) startSpiller() *spiller {
	sp := &spiller{jobs: make(chan spillJob), spare: make(chan []ids, 1), done: make(chan struct{})}
	go func() {
		defer close(sp.done)
		var scratch []ids
		for job := range sp.jobs {
			if sp.failed() != nil {
				continue // drain, so that senders never block
			}
			var err error
			if scratch, err = w.spillRun(scratch, job); err != nil {
				sp.mu.Lock()
				sp.err = err
				sp.mu.Unlock()
			}
			select {
			case sp.spare <- job.run:
			default:
			}
		}
	}()
	return sp
}

func (sp *spiller) failed() error {
	sp.mu.Lock()
	defer sp.mu.Unlock()
	return sp.err
}

// waitSpills waits until every handed-off run is written, and returns the
// first error writing one. After it, runs belongs to the caller again.
func (w *BulkWriter) waitSpills() error {
	sp := w.spiller
	if sp == nil {
		return nil
	}
	w.spiller = nil
	close(sp.jobs)
	<-sp.done
	return sp.failed()
}

// spillRun sorts job's run for each index, using scratch, and writes it
// to a temporary file. It returns scratch for reuse.
func (w *BulkWriter) spillRun(scratch []ids, job spillJob) ([]ids, error) {
	for ix := index(0); ix < numIndexes; ix++ {
		if err := w.ctx.Err(); err != nil {
			return scratch, err
		}
		scratch = sortedRun(scratch, job.run, ix, job.maxID)
		path, err := writeRun(w.tmpDir, scratch)
		if err != nil {
			return scratch, err
		}
		w.runs[ix] = append(w.runs[ix], path)
	}
	return scratch, nil
}

// sources returns the sorted runs of index ix, the in-memory one included.
func (w *BulkWriter) sources(ix index) ([]runSource, error) {
	srcs, err := w.fileSources(ix)
	if err != nil {
		return nil, err
	}
	if len(w.buf) > 0 {
		w.scratch = sortedRun(w.scratch, w.buf, ix, w.maxID())
		srcs = append(srcs, &memRun{run: w.scratch})
	}
	return srcs, nil
}

// fileSources opens the spilled runs of index ix.
func (w *BulkWriter) fileSources(ix index) ([]runSource, error) {
	var srcs []runSource
	for _, p := range w.runs[ix] {
		r, err := openRun(p)
		if err != nil {
			closeAll(srcs)
			return nil, err
		}
		srcs = append(srcs, r)
	}
	return srcs, nil
}

func closeAll(srcs []runSource) {
	for _, s := range srcs {
		s.close()
	}
}

// Abort discards the load and releases the writer lock.
func (w *BulkWriter) Abort() {
	if w.done {
		return
	}
	w.finish()
}

func (w *BulkWriter) finish() {
	w.done = true
	if w.prepared != nil && !w.streamed {
		w.unprepare()
	}
	w.waitSpills() // its error no longer matters: the load is over
	if w.rtxn != nil {
		w.rtxn.Discard()
	}
	if w.tmpDir != "" {
		os.RemoveAll(w.tmpDir)
	}
	w.buf, w.scratch, w.newVals, w.labels, w.docs, w.docIdx = nil, nil, nil, labelDocs{}, nil, nil
	w.s.wmu.Unlock()
}

// Close commits the load and releases the writer lock. After an earlier
// write error it discards the load and returns that error.
func (w *BulkWriter) Close() error {
	_, err := w.Commit()
	return err
}

// Commit makes the load visible and releases the writer lock.
func (w *BulkWriter) Commit() (BulkResult, error) {
	if w.done {
		return BulkResult{}, w.err
	}
	defer w.finish()
	if w.err != nil {
		return BulkResult{}, w.err
	}
	if w.s.closed.Load() {
		return BulkResult{}, fmt.Errorf("store: bulk: %w", ErrClosed)
	}
	var res BulkResult
	var err error
	if w.empty {
		res, err = w.streamAll()
	} else {
		res, err = w.txnAll()
	}
	if err != nil {
		w.err = fmt.Errorf("store: bulk: %w", err)
		return res, w.err
	}
	return res, nil
}

// streamAll writes the whole load into the empty store with a StreamWriter.
func (w *BulkWriter) streamAll() (BulkResult, error) {
	s := w.s
	<-w.prepared
	marker, sw := w.marker, w.sw
	defer func() {
		// Whatever happened, the store needs its ID sequence back.
		if s.seq == nil {
			if seq, err := s.db.GetSequence(keySequence, 1024); err == nil {
				s.seq = seq
			}
		}
	}()
	if w.prepErr != nil {
		return BulkResult{}, w.prepErr // finish puts the store back
	}
	if err := w.waitSpills(); err != nil {
		return BulkResult{}, err
	}
	if len(w.runs[idxSPOL]) > 0 && len(w.buf) > 0 {
		// Stream every index from files, so that the streams, two at a
		// time, need no sorted copy of the last run each.
		var err error
		if w.scratch, err = w.spillRun(w.scratch, spillJob{run: w.buf, maxID: w.maxID()}); err != nil {
			return BulkResult{}, err
		}
		w.buf = w.buf[:0]
	}
	w.scratch = nil
	// From here on this function owns the StreamWriter: it flushes it, or
	// cancels it and puts the store back itself.
	w.streamed = true
	res, err := w.stream(sw)
	if err == nil {
		err = sw.Flush()
	} else {
		sw.Cancel()
	}
	if err != nil {
		// The store was empty: put it back as it was.
		if derr := s.db.DropAll(); derr == nil {
			s.db.Update(func(txn *badger.Txn) error { return txn.Set(keySchema, schemaValue()) })
			if marker != "" {
				os.Remove(marker)
			}
		}
		return res, err
	}
	if marker != "" {
		if err := os.Remove(marker); err != nil {
			return res, err
		}
	}
	s.dict.clear()
	s.rewarm()
	s.chunked.Store(true)
	s.valueBits.Store(w.valueBits)
	s.bucketMiss.reset()
	s.gen.Add(1)
	s.dropSnapshots()
	res.Empty = true
	return res, nil
}

// stream emits every key of the load, one stream per key prefix, each in
// sorted order. The streams are independent jobs, run two at a time
// (Badger's StreamWriter takes concurrent writers, one per stream). Each
// stream's keys must stay within a key range no other stream touches,
// since each becomes its own run of tables in the last level.
func (w *BulkWriter) stream(sw *badger.StreamWriter) (BulkResult, error) {
	var res BulkResult
	// The dictionary first: once it is written, the load's value table,
	// its largest structure, is dropped before the quad indexes stream.
	// The document links and meta keys, which do not need it, fill in
	// beside the longer of the two dictionary streams, so that neither
	// core waits.
	if w.newVals.len() > w.s.opts.RunSize {
		// The two value → ID streams spill runs: the directory must exist
		// before they start side by side.
		if err := w.makeTempDir(); err != nil {
			return res, err
		}
	}
	// The value → ID half is two streams, by the top bit of the hash
	// that numbers its buckets, so that both cores share the longest job.
	w.valueBits = 0
	if w.newVals.len() > 0 {
		w.valueBits = valueBucketBits(w.newVals.len())
	}
	dict := []func(*streamOut) error{
		func(out *streamOut) error { return w.streamValueIDs(out, 0) },
		func(out *streamOut) error { return w.streamValueIDs(out, 1) },
		w.streamIDValues, w.streamLinks, w.streamMeta,
	}
	if err := runStreams(sw, dict, 1); err != nil {
		return res, err
	}
	w.newVals = nil
	rest := []func(*streamOut) error{
		func(out *streamOut) error { // quads in SPOL order, counted
			n, err := w.streamIndex(out, idxSPOL)
			res.Quads = n
			return err
		},
		func(out *streamOut) error { _, err := w.streamIndex(out, idxPOSL); return err },
		func(out *streamOut) error { _, err := w.streamIndex(out, idxOSPL); return err },
		func(out *streamOut) error { _, err := w.streamIndex(out, idxLSPO); return err },
	}
	return res, runStreams(sw, rest, uint32(1+len(dict)))
}

// runStreams runs jobs two at a time, job i as stream firstID+i, and
// returns the first error.
func runStreams(sw *badger.StreamWriter, jobs []func(*streamOut) error, firstID uint32) error {
	const workers = 2
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
		next  int
	)
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				if next >= len(jobs) || first != nil {
					mu.Unlock()
					return
				}
				job, id := jobs[next], firstID+uint32(next)
				next++
				mu.Unlock()
				out := &streamOut{sw: sw, buf: z.NewBuffer(1<<20, "kg.bulk"), limit: streamBatchBytes, stream: id}
				err := job(out)
				if err == nil {
					err = out.done()
				}
				out.buf.Release()
				if err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
					return
				}
			}
		}()
	}
	wg.Wait()
	return first
}

// streamIndex writes index ix: the merge of its sorted runs, without
// duplicates, packed chunkSize quads to an entry. It returns the number
// of distinct quads.
func (w *BulkWriter) streamIndex(out *streamOut, ix index) (int, error) {
	srcs, err := w.fileSources(ix)
	if err != nil {
		return 0, err
	}
	defer closeAll(srcs)
	if len(w.buf) > 0 {
		srcs = append(srcs, &memRun{run: sortedRun(nil, w.buf, ix, w.maxID())})
	}
	m, err := newMerger(srcs)
	if err != nil {
		return 0, err
	}
	var (
		kbuf  [quadKeyLen]byte
		chunk = make([]ids, 0, chunkSize)
		val   []byte
		n     int
	)
	emit := func() error {
		last := chunk[len(chunk)-1]
		val = val[:0]
		if len(chunk) > 1 {
			val = appendChunk(val, chunk[:len(chunk)-1])
		}
		out.add(entryKey(kbuf[:], ix, last), val)
		chunk = chunk[:0]
		return out.maybeFlush(w.ctx)
	}
	for {
		k, ok, err := m.next()
		if err != nil {
			return n, err
		}
		if !ok {
			break
		}
		n++
		if chunk = append(chunk, k); len(chunk) == chunkSize {
			if err := emit(); err != nil {
				return n, err
			}
		}
	}
	if len(chunk) > 0 {
		return n, emit()
	}
	return n, nil
}

// streamValueIDs writes the dictionary, value → ID, as value buckets (see
// keys.go) in key order: by the top valueBits bits of the values' hashes,
// the values of a bucket by hash. It sorts (hash, index) pairs in runs of
// at most RunSize (a radix sort on the hash), spills all but the last to
// files and merges them, so that its memory stays bounded however many
// values the load has. On this path IDs are 1…len(vals), handed out in
// order.
func (w *BulkWriter) streamValueIDs(out *streamOut, half uint64) error {
	vt := w.newVals
	chunk := w.s.opts.RunSize
	var srcs []runSource
	defer func() { closeAll(srcs) }()
	run := make([]ids, 0, min(chunk, vt.len()/2+1)) // (hash, index, 0, 0)
	for i := 0; i < vt.len(); i++ {
		if h := vt.hash(i); h>>63 == half {
			run = append(run, ids{h, uint64(i)})
		}
		if len(run) < chunk && i < vt.len()-1 {
			continue
		}
		radixSortFirst(run) // stable: indexes stay in order within a hash
		if i == vt.len()-1 {
			srcs = append(srcs, &memRun{run: run})
			break
		}
		if err := w.makeTempDir(); err != nil {
			return err
		}
		path, err := writeRun(w.tmpDir, run)
		if err != nil {
			return err
		}
		r, err := openRun(path)
		if err != nil {
			return err
		}
		srcs = append(srcs, r)
		run = make([]ids, 0, chunk)
	}
	m, err := newMerger(srcs)
	if err != nil {
		return err
	}
	// The merged pairs come in hash order, so each bucket's values come
	// together.
	var (
		entries []byte
		n       int
		bucket  uint32
		vbuf    []byte
	)
	emit := func() error {
		if n == 0 {
			return nil
		}
		vbuf = appendValueBucket(vbuf[:0], n, entries)
		out.add(valueBucketKey(bucket), vbuf)
		entries, n = entries[:0], 0
		return out.maybeFlush(w.ctx)
	}
	for {
		k, ok, err := m.next()
		if err != nil {
			return err
		}
		if !ok {
			return emit()
		}
		if b := bucketOf(k[0], w.valueBits); b != bucket || n == 0 {
			if err := emit(); err != nil {
				return err
			}
			bucket = b
		}
		entries = appendBucketEntry(entries, vt.value(int(k[1])), vt.id(int(k[1])))
		n++
	}
}

// streamIDValues writes the dictionary, ID → value.
//
// Runs of consecutive IDs (on this path, all of them) go chunkSize to an
// ID chunk.
func (w *BulkWriter) streamIDValues(out *streamOut) error {
	var (
		vals [][]byte
		last uint64
		buf  []byte
	)
	emit := func() error {
		if len(vals) == 1 {
			out.add(idValueKey(last), vals[0])
		} else {
			buf = appendIDChunk(buf[:0], vals)
			out.add(idValueKey(last), buf)
		}
		vals = vals[:0]
		return out.maybeFlush(w.ctx)
	}
	for i := 0; i < w.newVals.len(); i++ {
		id := w.newVals.id(i)
		if len(vals) > 0 && (id != last+1 || len(vals) == chunkSize) {
			if err := emit(); err != nil {
				return err
			}
		}
		vals, last = append(vals, w.newVals.value(i)), id
	}
	if len(vals) > 0 {
		return emit()
	}
	return nil
}

// streamMeta writes the meta keys, in key order: the chunked flag, the
// generation, the schema and the ID sequence's next lease.
func (w *BulkWriter) streamMeta(out *streamOut) error {
	out.add(keyChunked, nil)
	out.add(keyGeneration, binary.BigEndian.AppendUint64(nil, w.s.gen.Load()+1))
	out.add(keySchema, schemaValue())
	out.add(keySequence, binary.BigEndian.AppendUint64(nil, w.nextID))
	if w.valueBits > 0 {
		out.add(keyValueBits, binary.BigEndian.AppendUint64(nil, uint64(w.valueBits)))
	}
	return nil
}

// streamLinks writes the document links, in key order: by document name,
// then label ID. It sorts (document rank, label) pairs rather than keys.
func (w *BulkWriter) streamLinks(out *streamOut) error {
	byName := make([]uint32, len(w.docs))
	for i := range byName {
		byName[i] = uint32(i)
	}
	slices.SortFunc(byName, func(a, b uint32) int { return strings.Compare(w.docs[a], w.docs[b]) })
	rank := make([]uint32, len(w.docs))
	for r, d := range byName {
		rank[d] = uint32(r)
	}
	emit := func(rank uint32, label uint64) error {
		out.add(docLabelKey(w.docs[byName[rank]], label), nil)
		return out.maybeFlush(w.ctx)
	}
	labelBits := bits.Len64(w.maxID())
	if labelBits+bits.Len(uint(len(w.docs))) <= 64 {
		// The common case: (rank, label) packed in one word, 8 bytes a link.
		links := make([]uint64, 0, w.labels.len())
		w.labels.each(func(l uint64, d uint32) { links = append(links, uint64(rank[d])<<labelBits|l) })
		radixSortWords(links)
		for _, k := range links {
			if err := emit(uint32(k>>labelBits), k&(1<<labelBits-1)); err != nil {
				return err
			}
		}
		return nil
	}
	links := make([]ids, 0, w.labels.len()) // (rank, label, 0, 0)
	w.labels.each(func(l uint64, d uint32) { links = append(links, ids{uint64(rank[d]), l}) })
	radixSort(links, max(w.maxID(), uint64(len(w.docs))))
	for _, k := range links {
		if err := emit(uint32(k[0]), k[1]); err != nil {
			return err
		}
	}
	return nil
}

// labelDocs maps the label IDs of a load to their documents (indexes in
// docs). On the empty-store path IDs are dense, 1 up, so it is a slice
// indexed by ID (4 bytes a value) rather than a map.
type labelDocs struct {
	dense bool
	byID  []uint32 // dense: 1 + index in docs, 0 for no label
	m     map[uint64]uint32
	n     int
}

func (l *labelDocs) get(id uint64) (uint32, bool) {
	if l.dense {
		if id < uint64(len(l.byID)) && l.byID[id] != 0 {
			return l.byID[id] - 1, true
		}
		return 0, false
	}
	d, ok := l.m[id]
	return d, ok
}

// set records a label not seen before.
func (l *labelDocs) set(id uint64, d uint32) {
	l.n++
	if l.dense {
		if id >= uint64(len(l.byID)) {
			l.byID = slices.Grow(l.byID, int(id)+1-len(l.byID))[:id+1]
		}
		l.byID[id] = d + 1
		return
	}
	if l.m == nil {
		l.m = make(map[uint64]uint32)
	}
	l.m[id] = d
}

func (l *labelDocs) len() int { return l.n }

func (l *labelDocs) each(fn func(id uint64, d uint32)) {
	if l.dense {
		for id, d := range l.byID {
			if d != 0 {
				fn(uint64(id), d-1)
			}
		}
		return
	}
	for id, d := range l.m {
		fn(id, d)
	}
}

// testHook, when set by a test, is called after each bulk transaction
// commit is issued ("commit") and each StreamWriter batch ("stream"), with
// a running count. The crash test uses it to kill a loading process at a
// chosen point.
var testHook func(event string, n int)

// streamFlushes counts StreamWriter batches for testHook.
var streamFlushes atomic.Int64

// streamOut batches KVs for a StreamWriter.
type streamOut struct {
	sw     *badger.StreamWriter
	buf    *z.Buffer
	stream uint32
	enc    []byte
	n      int
	limit  int // flush when the buffer holds this many bytes
}

func (o *streamOut) add(key, val []byte) {
	o.enc = appendKV(o.enc[:0], key, val, o.stream, false)
	copy(o.buf.SliceAllocate(len(o.enc)), o.enc)
	o.n++
}

// done marks the current stream finished, so that Badger completes its
// last table and frees the stream's table builder.
func (o *streamOut) done() error {
	o.enc = appendKV(o.enc[:0], nil, nil, o.stream, true)
	copy(o.buf.SliceAllocate(len(o.enc)), o.enc)
	return o.flush()
}

// appendKV appends the protobuf encoding of a Badger pb.KV with the given
// key, value, stream and done flag, at version 1. It is what
// badger.KVToBuffer writes, without reflection, which costs several times
// more than the rest of the bulk load's encoding.
func appendKV(dst, key, val []byte, stream uint32, done bool) []byte {
	if len(key) > 0 {
		dst = append(dst, 1<<3|2)
		dst = binary.AppendUvarint(dst, uint64(len(key)))
		dst = append(dst, key...)
	}
	if len(val) > 0 {
		dst = append(dst, 2<<3|2)
		dst = binary.AppendUvarint(dst, uint64(len(val)))
		dst = append(dst, val...)
	}
	if !done {
		dst = append(dst, 4<<3, 1) // version 1
	}
	if stream != 0 {
		dst = append(dst, 10<<3)
		dst = binary.AppendUvarint(dst, uint64(stream))
	}
	if done {
		dst = append(dst, 11<<3, 1)
	}
	return dst
}

func (o *streamOut) maybeFlush(ctx context.Context) error {
	if o.buf.LenNoPadding() < o.limit {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return o.flush()
}

func (o *streamOut) flush() error {
	if o.buf.LenNoPadding() == 0 {
		return nil
	}
	err := o.sw.Write(o.buf)
	o.buf.Reset()
	if testHook != nil {
		testHook("stream", int(streamFlushes.Add(1)))
	}
	return err
}

// txnAll commits the load into a non-empty store in transactions of whole
// quads: first the new dictionary entries, then the quads.
func (w *BulkWriter) txnAll() (BulkResult, error) {
	var res BulkResult
	if err := w.waitSpills(); err != nil {
		return res, err
	}
	tw := newTxnWriter(w.s.db)
	if err := w.explodeTouched(tw); err != nil {
		tw.close()
		return res, err
	}
	for i := 0; i < w.newVals.len(); i++ {
		id, v := w.newVals.id(i), slices.Clone(w.newVals.value(i))
		tw.add(valueIDKey(v), binary.BigEndian.AppendUint64(nil, id))
		tw.add(idValueKey(id), v)
		if err := tw.endGroup(); err != nil {
			return res, err
		}
	}
	srcs, err := w.sources(idxSPOL)
	if err != nil {
		return res, err
	}
	defer closeAll(srcs)
	m, err := newMerger(srcs)
	if err != nil {
		return res, err
	}
	for n := 0; ; n++ {
		if n%ctxCheckEvery == 0 {
			if err := w.ctx.Err(); err != nil {
				return res, err
			}
		}
		q, ok, err := m.next()
		if err != nil {
			return res, err
		}
		if !ok {
			break
		}
		for ix := index(0); ix < numIndexes; ix++ {
			tw.add(entryKey(make([]byte, quadKeyLen), ix, permute(ix, q)), nil)
		}
		if q[3] != 0 {
			d, _ := w.labels.get(q[3])
			tw.add(docLabelKey(w.docs[d], q[3]), nil)
		}
		if err := tw.endGroup(); err != nil {
			return res, err
		}
		res.Quads++
	}
	if err := tw.close(); err != nil {
		return res, err
	}
	err = w.s.db.Update(func(txn *badger.Txn) error {
		next, err := w.s.bumpGeneration(txn)
		if err == nil {
			defer w.s.dropSnapshots()
			defer w.s.gen.Store(next)
		}
		return err
	})
	return res, err
}

// streamBatchBytes is the size of one StreamWriter batch.
var streamBatchBytes = 1 << 20

// Limits of one bulk transaction, well inside Badger's (about 96k entries
// and 9.6 MB with the default 64 MB memtable).
const (
	txnMaxEntries = 20000
	txnMaxBytes   = 4 << 20
)

// txnWriter commits groups of writes in transactions, never splitting a
// group across two, so that a crash leaves whole groups or none. Commits
// are pipelined; Badger applies them in commit order.
type txnWriter struct {
	db      *badger.DB
	group   []badger.Entry
	txn     *badger.Txn
	entries int
	bytes   int
	sem     chan struct{}
	err     error
	errs    chan error
	commits int
}

func newTxnWriter(db *badger.DB) *txnWriter {
	return &txnWriter{db: db, sem: make(chan struct{}, 8), errs: make(chan error, 8)}
}

// add puts one entry in the current group.
func (t *txnWriter) add(key, val []byte) {
	t.group = append(t.group, badger.Entry{Key: key, Value: val})
}

// endGroup moves the current group into a transaction, committing the
// transaction first if the group would not fit.
func (t *txnWriter) endGroup() error {
	if err := t.pollErr(); err != nil {
		return err
	}
	size := 0
	for _, e := range t.group {
		size += len(e.Key) + len(e.Value) + 32
	}
	if t.txn != nil && (t.entries+len(t.group) > txnMaxEntries || t.bytes+size > txnMaxBytes) {
		t.commit()
	}
	if t.txn == nil {
		t.txn = t.db.NewTransaction(true)
		t.entries, t.bytes = 0, 0
	}
	for i := range t.group {
		if err := t.txn.Set(t.group[i].Key, t.group[i].Value); err != nil {
			return err
		}
	}
	t.entries += len(t.group)
	t.bytes += size
	t.group = t.group[:0]
	return nil
}

func (t *txnWriter) commit() {
	txn := t.txn
	t.txn = nil
	t.sem <- struct{}{}
	txn.CommitWith(func(err error) {
		<-t.sem
		if err != nil {
			select {
			case t.errs <- err:
			default:
			}
		}
	})
	t.commits++
	if testHook != nil {
		testHook("commit", t.commits)
	}
}

func (t *txnWriter) pollErr() error {
	select {
	case err := <-t.errs:
		if t.err == nil {
			t.err = err
		}
	default:
	}
	return t.err
}

// close commits the last transaction and waits for all commits.
func (t *txnWriter) close() error {
	if t.txn != nil {
		if t.err == nil {
			t.commit()
		} else {
			t.txn.Discard()
		}
	}
	for i := 0; i < cap(t.sem); i++ {
		t.sem <- struct{}{}
	}
	return t.pollErr()
}
