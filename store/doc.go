// Package store keeps quads (github.com/cayleygraph/quad) in an embedded
// Badger database, with the evidence of each fact.
//
// # Layout
//
// Every distinct value (IRI, blank node, literal) is dictionary-encoded to
// a fixed-width 64-bit ID. Each quad — subject, predicate, object and an
// optional label naming where it came from — is written under four keys,
// SPOL, POSL, OSPL and LSPO, so that a pattern with any position bound is
// one prefix scan of the index whose key starts with the most bound
// positions (see Match). A bulk load into an empty store packs each index
// into chunks of 64 consecutive quads per Badger key, which makes loads
// and scans touch some sixteen times fewer keys; transactions write one
// key per quad and split (explode) a chunk into single keys when they
// change its range; a store no bulk load (or Compact) wrote chunks into
// (one built by ingest) skips that lookup. Compact packs runs of single
// keys into chunks. The same load writes the dictionary in
// chunks of consecutive IDs one way and in buckets of values by hash the
// other, which are never changed: values added later get single keys.
// All key layouts are in keys.go.
//
// Quads form a set: adding one twice stores it once. kg's labels are IRIs
// <DOC#N> (document DOC, sentence N; see Label and DocumentOf), so the
// same fact from two documents is two quads and DeleteDocument removes one
// document's facts only. Beside the quads the store keeps per document a
// record (Document), per label the sentence (Sentence), and per quad its
// Evidence: character spans, negation, modality, attribution, confidence.
//
// # Writing
//
// Add, AddFacts and PutDocument are transactional and meant for small
// batches; PutDocument replaces a document atomically. For big loads a
// BulkWriter (a quad.WriteCloser, so quad.Copy feeds it) sorts ID tuples
// in bounded-memory runs and, into an empty store, writes every index with
// Badger's StreamWriter; into a non-empty store it commits transactions
// that never split a quad. A load is atomic: nothing is visible until
// Close. Import and ImportFile read N-Quads (strictly: see Reader) through
// a BulkWriter, so a malformed line leaves the store as it was.
//
// # Reading
//
// Match streams the quads of a Pattern (nil fields are wildcards) as a Go
// iterator, Reader wraps it as a quad.Reader, MatchIDs and ScanIDs give
// dictionary IDs (what graph builders read), Count and Stats count. Reads
// see a consistent snapshot and honour context cancellation. Lookups
// borrow pooled read snapshots with their index cursors open, reused while
// nothing was written (and for at most two seconds), which saves most of
// a short lookup's fixed cost in Badger. IDs become
// values through an in-memory cache of the dictionary (DictCacheSize),
// read without locks and filled in the background by one sequential scan
// once lookups start to miss; Match resolves the values of a few results
// at a time, so that their cache misses overlap. Warm fills that cache
// at once and copies the indexes into memory (IndexCacheSize), where
// lookups read them without going through Badger's iterators; after
// writes the store copies them again in the background once writes pause.
// One process
// opens a database at a time (ErrLocked); many goroutines may read while
// one writes.
//
// # Safety
//
// Open refuses a directory that is not a kg database (ErrNotKG) and never
// modifies it, and a database of an unknown schema (ErrSchema). A bulk
// load killed midway leaves nothing visible: Open clears an interrupted
// empty-store load, and transactional loads only ever expose whole quads.
package store
