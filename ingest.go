package kg

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"

	"github.com/cayleygraph/quad"

	"github.com/kgraph/kg/extract"
	"github.com/kgraph/kg/store"
)

// IngestOptions controls Ingest.
type IngestOptions struct {
	// Workers is how many documents are analysed at once (default: one
	// per core).
	Workers int
	// ReplaceInvalid replaces invalid UTF-8 with U+FFFD instead of
	// failing on it.
	ReplaceInvalid bool
	// Lines treats each input line as one sentence.
	Lines bool
	// Progress, if set, is called after each document with the running
	// totals. It is called from one goroutine at a time.
	Progress func(IngestResult)
}

// ErrDuplicateDocument is returned by Ingest when two inputs of one run
// have the same document ID.
var ErrDuplicateDocument = errors.New("duplicate document id")

func docSource(d extract.Document) string {
	if d.Source != "" {
		return d.Source
	}
	return d.ID
}

// IngestResult counts what an ingest did.
type IngestResult struct {
	Documents int // documents read
	Added     int // new documents stored
	Replaced  int // edited documents whose old facts were replaced
	Unchanged int // documents skipped: same content as stored
	Facts     int // facts stored
	Bytes     int64
}

// DocumentSource yields documents, io.EOF at the end, like
// extract.DocumentReader.
type DocumentSource interface {
	Next() (extract.Document, error)
}

// Ingest reads documents from paths (files, directories, JSON Lines
// corpora; "-" is stdin), extracts their facts in parallel, and stores
// them with their evidence. A document is stored atomically: its old
// facts (if it was ingested before and has changed) are replaced in the
// same transaction; an unchanged document is skipped by its content hash.
func (db *DB) Ingest(ctx context.Context, stdin io.Reader, paths []string, opt IngestOptions) (IngestResult, error) {
	r := extract.NewDocumentReader(stdin, paths, extract.ReadOptions{ReplaceInvalid: opt.ReplaceInvalid})
	return db.IngestFrom(ctx, r, opt)
}

// IngestText ingests one document given as a string.
func (db *DB) IngestText(ctx context.Context, id, date, text string) (IngestResult, error) {
	doc, err := extract.ParseDocument(id, []byte(text), extract.ReadOptions{})
	if err != nil {
		return IngestResult{}, fmt.Errorf("kg: ingest: %w", err)
	}
	doc.ID = id
	if date != "" {
		doc.Date = date
	}
	return db.IngestFrom(ctx, &sliceSource{docs: []extract.Document{doc}}, IngestOptions{Workers: 1})
}

type sliceSource struct{ docs []extract.Document }

func (s *sliceSource) Next() (extract.Document, error) {
	if len(s.docs) == 0 {
		return extract.Document{}, io.EOF
	}
	d := s.docs[0]
	s.docs = s.docs[1:]
	return d, nil
}

// extractor returns the shared extractor, built on first use.
func (db *DB) extractor(lines bool) (*extract.Extractor, error) {
	db.xOnce.Do(func() {
		db.xErr = nil
		db.x, db.xErr = extract.NewExtractor(extract.Options{})
		if db.xErr == nil {
			db.xLines, db.xErr = extract.NewExtractor(extract.Options{Lines: true})
		}
	})
	if lines {
		return db.xLines, db.xErr
	}
	return db.x, db.xErr
}

type ingestJob struct {
	doc  extract.Document
	hash string
}

type ingestOut struct {
	res      extract.Result
	hash     string
	replaced bool
	err      error
}

// IngestFrom ingests the documents src yields; see Ingest.
func (db *DB) IngestFrom(ctx context.Context, src DocumentSource, opt IngestOptions) (IngestResult, error) {
	var total IngestResult
	x, err := db.extractor(opt.Lines)
	if err != nil {
		return total, fmt.Errorf("kg: ingest: %w", err)
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan ingestJob, workers)
	outs := make(chan ingestOut, workers)
	var readErr error
	go func() { // reader
		defer close(jobs)
		sources := map[string]string{} // document ID → where it was read
		for {
			doc, err := src.Next()
			if err == io.EOF {
				return
			}
			if err != nil {
				readErr = err
				return
			}
			if prev, dup := sources[doc.ID]; dup {
				readErr = fmt.Errorf("%w: %q is the id of both %s and %s; document ids come from file names, so rename one (or give ids in a JSON Lines corpus)", ErrDuplicateDocument, doc.ID, prev, docSource(doc))
				cancel()
				return
			}
			sources[doc.ID] = docSource(doc)
			h := sha256.Sum256([]byte(doc.Date + "\x00" + doc.Title + "\x00" + doc.Text))
			select {
			case jobs <- ingestJob{doc: doc, hash: hex.EncodeToString(h[:16])}:
			case <-ctx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() { // extractors
			defer wg.Done()
			for j := range jobs {
				o := ingestOut{hash: j.hash, res: extract.Result{Document: j.doc}}
				old, err := db.st.Document(ctx, j.doc.ID)
				switch {
				case err == nil && old.Hash == j.hash:
					o.res.Facts = nil
					o.hash = "" // unchanged: nothing to store
				case err == nil || errors.Is(err, store.ErrNotFound):
					o.replaced = err == nil
					o.res, o.err = x.Extract(j.doc)
				default:
					o.err = err
				}
				select {
				case outs <- o:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(outs) }()
	var firstErr error
	for o := range outs { // the one writer
		if firstErr != nil {
			continue
		}
		if o.err != nil {
			firstErr = o.err
			cancel()
			continue
		}
		total.Documents++
		total.Bytes += int64(len(o.res.Document.Text))
		if o.hash == "" {
			total.Unchanged++
		} else {
			n, err := db.storeResult(ctx, o.res, o.hash)
			if err != nil {
				firstErr = err
				cancel()
				continue
			}
			total.Facts += n
			if o.replaced {
				total.Replaced++
			} else {
				total.Added++
			}
		}
		if opt.Progress != nil {
			opt.Progress(total)
		}
	}
	// readErr is safe to read here: the reader wrote it before closing
	// jobs, which the workers drained before outs closed. It explains a
	// cancellation it caused, so it wins over "context canceled".
	if readErr != nil && (firstErr == nil || errors.Is(firstErr, context.Canceled)) {
		firstErr = readErr
	}
	if firstErr == nil {
		firstErr = ctx.Err()
	}
	if firstErr != nil {
		return total, fmt.Errorf("kg: ingest: %w", firstErr)
	}
	return total, nil
}

// storeResult stores one document's extraction, replacing what was stored
// for it before, and returns the number of facts.
func (db *DB) storeResult(ctx context.Context, res extract.Result, hash string) (int, error) {
	d := res.Document
	rec := store.Document{ID: d.ID, Title: d.Title, Date: d.Date, Source: d.Source, Hash: hash}
	sents := make([]store.Sentence, len(res.Sentences))
	for i, s := range res.Sentences {
		sents[i] = store.Sentence{Doc: d.ID, Index: s.Index, Text: s.Text, Offset: s.Offset}
	}
	facts := make([]store.Fact, 0, len(res.Facts))
	for _, f := range res.Facts {
		facts = append(facts, storeFact(d.ID, f))
	}
	if err := db.st.PutDocument(ctx, rec, sents, facts); err != nil {
		return 0, err
	}
	return len(facts), nil
}

// storeFact maps an extracted fact to a quad with its evidence.
func storeFact(doc string, f extract.Fact) store.Fact {
	ev := &store.Evidence{
		Subject:     store.Span(f.Spans[0]),
		Predicate:   store.Span(f.Spans[1]),
		Object:      store.Span(f.Spans[2]),
		Surface:     f.Surface,
		Negated:     f.Negated,
		Modality:    f.Modality,
		Attribution: f.Attribution,
		Confidence:  f.Confidence,
		Resolution:  f.Resolution,
	}
	if f.Kind != "" {
		ev.Extra = map[string]string{"kind": f.Kind}
	}
	for _, a := range f.Args {
		ev.Args = append(ev.Args, store.Arg{Role: a.Role, Value: a.Text, Span: store.Span(a.Span)})
	}
	return store.Fact{
		Quad:     quad.Quad{Subject: f.Subject, Predicate: f.Predicate, Object: f.Object, Label: store.Label(doc, f.Sentence)},
		Evidence: ev,
	}
}
