package store

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	badger "github.com/dgraph-io/badger/v4"
)

// SchemaVersion is the on-disk layout version this build writes. Version 2
// added chunked index entries and version 3 value buckets (see keys.go).
// This build also reads and writes version 1 and 2 databases, which have
// neither or no value buckets, and never writes chunks or buckets into
// them except through an empty-store bulk load, which sets version 3. A
// build that reads only version 2 refuses a version 3 database rather
// than miss the values in its buckets.
const SchemaVersion = 3

// readsSchema reports whether this build reads databases of version v.
func readsSchema(v uint64) bool { return v >= 1 && v <= SchemaVersion }

// Marker files in a kg database directory, beside Badger's own files.
const (
	markerFile  = "KG_FORMAT"   // says "this directory is a kg database"
	loadingFile = "KG_BULKLOAD" // present while an empty-store bulk load runs
)

const markerText = "kg database\n"

// Options configures a Store. Build it with DefaultOptions and the With
// methods, as with Badger.
type Options struct {
	// Dir is the database directory. It is created if it does not exist.
	Dir string
	// InMemory keeps everything in memory; Dir is ignored.
	InMemory bool
	// SyncWrites makes every commit wait for fsync.
	SyncWrites bool
	// RunSize is the number of quads a bulk load sorts in memory before
	// spilling a sorted run to a temporary file. It bounds the bulk
	// loader's memory for quads: about 100 bytes a quad of the run (the
	// run, its sorted copy and the sort's buffer).
	RunSize int
	// TempDir is where bulk loads put sorted runs. Empty means the
	// system's temporary directory.
	TempDir string
	// Logger receives Badger's log lines. Nil discards them.
	Logger badger.Logger
	// DictCacheSize bounds, in bytes, the in-memory cache of the
	// dictionary (value ↔ ID) that lookups and writes use. 0 means the
	// default, 128 MB.
	DictCacheSize int
	// IndexCacheSize bounds, in bytes, the quad indexes that Warm copies
	// into memory, where lookups then read them without going through
	// Badger until the next write (see Store.Warm). 0 means the default,
	// 128 MB; a negative size turns the copies off.
	IndexCacheSize int
}

// defaultRunSize is the default Options.RunSize: 8 MB a run.
const defaultRunSize = 1 << 18

// defaultDictCacheSize is the dictionary cache's default budget in bytes.
const defaultDictCacheSize = 128 << 20

// defaultIndexCacheSize is the default budget of Warm's in-memory index
// copies, in bytes.
const defaultIndexCacheSize = 128 << 20

// DefaultOptions returns the options for a database in dir.
func DefaultOptions(dir string) Options {
	return Options{Dir: dir, RunSize: defaultRunSize}
}

// WithInMemory returns o with InMemory set.
func (o Options) WithInMemory(b bool) Options { o.InMemory = b; return o }

// WithSyncWrites returns o with SyncWrites set.
func (o Options) WithSyncWrites(b bool) Options { o.SyncWrites = b; return o }

// WithRunSize returns o with RunSize set.
func (o Options) WithRunSize(n int) Options { o.RunSize = n; return o }

// WithTempDir returns o with TempDir set.
func (o Options) WithTempDir(dir string) Options { o.TempDir = dir; return o }

// WithDictCacheSize returns o with DictCacheSize set.
func (o Options) WithDictCacheSize(n int) Options { o.DictCacheSize = n; return o }

// WithIndexCacheSize returns o with IndexCacheSize set.
func (o Options) WithIndexCacheSize(n int) Options { o.IndexCacheSize = n; return o }

// WithLogger returns o with Logger set.
func (o Options) WithLogger(l badger.Logger) Options { o.Logger = l; return o }

// Store is a quad store on Badger. It is safe for concurrent use: many
// readers and one writer at a time (writers queue on an internal lock).
type Store struct {
	db     *badger.DB
	opts   Options
	seq    *badger.Sequence
	wmu    sync.Mutex // held by the one writer
	dict   dictCache
	warm   warmer
	closed atomic.Bool
	gen    atomic.Uint64 // bumped by every committed write
	// chunked is set once a bulk load wrote chunks into the store (and
	// then stays set): only then do writes look for chunks to explode.
	chunked atomic.Bool
	// valueBits is the number of hash bits that number the value
	// buckets a bulk load wrote (keys.go), 0 when there are none.
	valueBits  atomic.Uint32
	bucketMiss missSet                              // values known not to be in their bucket
	snaps      snapPool                             // idle read snapshots for lookups
	mem        [numIndexes]atomic.Pointer[memIndex] // Warm's in-memory index copies, or nil
}

// Open opens or creates the database described by opts.
//
// It refuses a directory that holds files but is not a kg database
// (ErrNotKG, leaving it untouched), a database another process has open
// (ErrLocked), and a database of an unknown schema version (ErrSchema). A
// bulk load that was interrupted (by a crash or a kill) left nothing
// visible: Open finds its marker and clears the partial data.
func Open(opts Options) (*Store, error) {
	if opts.RunSize <= 0 {
		opts.RunSize = defaultRunSize
	}
	if opts.DictCacheSize <= 0 {
		opts.DictCacheSize = defaultDictCacheSize
	}
	if opts.IndexCacheSize == 0 {
		opts.IndexCacheSize = defaultIndexCacheSize
	}
	bo := badger.DefaultOptions(opts.Dir).
		WithLogger(opts.Logger).
		WithSyncWrites(opts.SyncWrites).
		WithNumVersionsToKeep(1).
		// Tables of 2 MB on every level. With Badger's defaults (2 MB,
		// doubling per level) a StreamWriter builds 64 MB tables in the
		// last level, each builder holding a 128 MB arena, several at a
		// time: most of a bulk load's memory.
		WithBaseTableSize(2 << 20)
	bo.TableSizeMultiplier = 1
	if opts.InMemory {
		bo = bo.WithInMemory(true).WithDir("").WithValueDir("")
	} else {
		if opts.Dir == "" {
			return nil, fmt.Errorf("store: open: no directory given")
		}
		if err := prepareDir(opts.Dir); err != nil {
			return nil, err
		}
	}
	db, err := badger.Open(bo)
	if err != nil {
		if strings.Contains(err.Error(), "Cannot acquire directory lock") {
			return nil, fmt.Errorf("store: open: database %s is in use by another process: %w", opts.Dir, ErrLocked)
		}
		return nil, fmt.Errorf("store: open %s: %w", opts.Dir, err)
	}
	s := &Store{db: db, opts: opts}
	s.dict.init(opts.DictCacheSize)
	if err := s.recover(); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.checkSchema(); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.loadGeneration(); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.loadChunked(); err != nil {
		db.Close()
		return nil, err
	}
	if s.seq, err = db.GetSequence(keySequence, 1024); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open: sequence: %w", err)
	}
	return s, nil
}

// prepareDir makes sure dir is a kg database directory: it creates a new
// one, accepts an existing one, and refuses anything else untouched.
func prepareDir(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("store: open: %w", err)
		}
	case err != nil:
		return fmt.Errorf("store: open: %w", err)
	}
	if len(entries) > 0 {
		b, err := os.ReadFile(filepath.Join(dir, markerFile))
		if err != nil || string(b) != markerText {
			return fmt.Errorf("store: open: %s exists and is not a kg database (no %s file); refusing to touch it: %w", dir, markerFile, ErrNotKG)
		}
		return nil
	}
	if err := os.WriteFile(filepath.Join(dir, markerFile), []byte(markerText), 0o644); err != nil {
		return fmt.Errorf("store: open: %w", err)
	}
	return nil
}

// recover clears the partial data of an interrupted empty-store bulk load.
func (s *Store) recover() error {
	if s.opts.InMemory {
		return nil
	}
	marker := filepath.Join(s.opts.Dir, loadingFile)
	if _, err := os.Stat(marker); err != nil {
		return nil
	}
	if err := s.db.DropAll(); err != nil {
		return fmt.Errorf("store: open: clearing interrupted bulk load: %w", err)
	}
	if err := os.Remove(marker); err != nil {
		return fmt.Errorf("store: open: %w", err)
	}
	return nil
}

func (s *Store) checkSchema() error {
	var (
		version uint64
		found   bool
	)
	err := s.db.View(func(txn *badger.Txn) (err error) {
		version, found, err = getUint64(txn, keySchema, "schema record")
		return err
	})
	if err != nil {
		return fmt.Errorf("store: open: %w", err)
	}
	if !found {
		return s.db.Update(func(txn *badger.Txn) error {
			return txn.Set(keySchema, schemaValue())
		})
	}
	if !readsSchema(version) {
		return fmt.Errorf("store: open: %s has schema version %d, this kg reads version %d: %w", s.opts.Dir, version, SchemaVersion, ErrSchema)
	}
	return nil
}

// getUint64 reads the 8-byte meta record key; found is false when it is
// absent, and a record of another length is ErrCorrupt naming what.
func getUint64(txn *badger.Txn, key []byte, what string) (v uint64, found bool, err error) {
	item, err := txn.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, err
	}
	err = item.Value(func(b []byte) error {
		if len(b) != 8 {
			return fmt.Errorf("%w: %s", ErrCorrupt, what)
		}
		v = binary.BigEndian.Uint64(b)
		return nil
	})
	return v, err == nil, err
}

func (s *Store) loadGeneration() error {
	return s.db.View(func(txn *badger.Txn) error {
		gen, _, err := getUint64(txn, keyGeneration, "generation record")
		if err != nil {
			return fmt.Errorf("store: open: %w", err)
		}
		s.gen.Store(gen)
		return nil
	})
}

// loadChunked reads whether a bulk load ever wrote chunks, and how its
// value buckets are numbered.
func (s *Store) loadChunked() error {
	return s.db.View(func(txn *badger.Txn) error {
		_, err := txn.Get(keyChunked)
		switch {
		case err == nil:
			s.chunked.Store(true)
		case !errors.Is(err, badger.ErrKeyNotFound):
			return fmt.Errorf("store: open: %w", err)
		}
		bits, found, err := getUint64(txn, keyValueBits, "value bucket record")
		if err == nil && found && (bits == 0 || bits > 32) {
			err = fmt.Errorf("%w: value bucket record", ErrCorrupt)
		}
		if err != nil {
			return fmt.Errorf("store: open: %w", err)
		}
		s.valueBits.Store(uint32(bits))
		return nil
	})
}

// Generation returns a number that changes whenever the store's content
// does. Caches of derived data (graph snapshots) compare it to know they
// are stale. Only one process opens a store at a time, so it is exact.
func (s *Store) Generation() uint64 { return s.gen.Load() }

// bumpGeneration records one more write in txn; the caller stores next in
// s.gen once txn commits.
func (s *Store) bumpGeneration(txn *badger.Txn) (next uint64, err error) {
	next = s.gen.Load() + 1
	return next, txn.Set(keyGeneration, binary.BigEndian.AppendUint64(nil, next))
}

func schemaValue() []byte {
	return binary.BigEndian.AppendUint64(nil, SchemaVersion)
}

// Close releases the database. It is safe to call more than once.
func (s *Store) Close() error {
	if s.closed.Swap(true) {
		return nil
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	s.warm.mu.Lock() // no warm-up starts once closed is set …
	s.warm.started = true
	s.warm.mu.Unlock()
	s.warm.wg.Wait() // … and a running one sees it and stops
	s.dropSnapshots()
	var errs []error
	if s.seq != nil {
		errs = append(errs, s.seq.Release())
	}
	errs = append(errs, s.db.Close())
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("store: close: %w", err)
	}
	return nil
}

// Dir returns the database directory ("" for an in-memory store).
func (s *Store) Dir() string {
	if s.opts.InMemory {
		return ""
	}
	return s.opts.Dir
}

func (s *Store) check(ctx context.Context) error {
	if s.closed.Load() {
		return ErrClosed
	}
	if ctx != nil {
		return ctx.Err()
	}
	return nil
}

// DiskSize returns the bytes the database directory holds on disk (0 for
// an in-memory store).
func (s *Store) DiskSize() int64 {
	if s.opts.InMemory {
		return 0
	}
	var n int64
	filepath.WalkDir(s.opts.Dir, func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}
