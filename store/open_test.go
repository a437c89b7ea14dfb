package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	badger "github.com/dgraph-io/badger/v4"
)

func TestOpenRefusesForeignDirectory(t *testing.T) {
	dir := t.TempDir()
	keep := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(keep, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Open(DefaultOptions(dir))
	if !errors.Is(err, ErrNotKG) {
		t.Fatalf("Open = %v, want ErrNotKG", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("Open touched a foreign directory: %v", entries)
	}
}

func TestOpenRefusesLockedDatabase(t *testing.T) {
	dir := t.TempDir()
	s := openDir(t, dir)
	if err := s.Add(context.Background(), quad.MakeIRI("a", "p", "b", "")); err != nil {
		t.Fatal(err)
	}
	_, err := Open(DefaultOptions(dir))
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second Open = %v, want ErrLocked", err)
	}
	if want := "database " + dir + " is in use by another process"; !strings.Contains(err.Error(), want) {
		t.Fatalf("error %q lacks %q", err, want)
	}
}

func TestOpenRefusesUnknownSchema(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(DefaultOptions(dir))
	if err != nil {
		t.Fatal(err)
	}
	err = s.db.Update(func(txn *badger.Txn) error {
		return txn.Set(keySchema, []byte{0, 0, 0, 0, 0, 0, 0, 99})
	})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(DefaultOptions(dir)); !errors.Is(err, ErrSchema) {
		t.Fatalf("Open = %v, want ErrSchema", err)
	}
}

func TestReopenKeepsQuadsAndIDs(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	s, err := Open(DefaultOptions(dir))
	if err != nil {
		t.Fatal(err)
	}
	bulkLoad(t, s, fixture[:3])
	if err := s.Add(ctx, fixture[3:]...); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if err := s.Add(ctx, fixture[0]); !errors.Is(err, ErrClosed) {
		t.Fatalf("Add after Close = %v", err)
	}
	s = openDir(t, dir)
	if err := s.Add(ctx, quad.MakeIRI("new", "p", "value", "")); err != nil {
		t.Fatal(err)
	}
	want := append(append([]quad.Quad{}, fixture...), quad.MakeIRI("new", "p", "value", ""))
	if got := sortedKeys(collect(t, s, Pattern{})); len(got) != len(want) {
		t.Fatalf("after reopen: %d quads, want %d", len(got), len(want))
	}
	checkIndexesAgree(t, s, idxSPOL)
	checkIndexesAgree(t, s, idxOSPL)
}

// TestOpenReadsOlderSchemas: a version 1 database (one key per quad, no
// chunks) and a version 2 one (no value buckets) open, read and take
// writes, and keep their version, so that an older kg still reads them.
func TestOpenReadsOlderSchemas(t *testing.T) {
	for _, version := range []byte{1, 2} {
		t.Run(fmt.Sprint("version=", version), func(t *testing.T) { testOpenReadsSchema(t, version) })
	}
}

func testOpenReadsSchema(t *testing.T, version byte) {
	dir := t.TempDir()
	ctx := context.Background()
	s, err := Open(DefaultOptions(dir))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Add(ctx, fixture[:3]...); err != nil {
		t.Fatal(err)
	}
	err = s.db.Update(func(txn *badger.Txn) error {
		return txn.Set(keySchema, []byte{0, 0, 0, 0, 0, 0, 0, version})
	})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = openDir(t, dir)
	if err := s.Add(ctx, fixture[3:]...); err != nil {
		t.Fatal(err)
	}
	if got, want := sortedKeys(collect(t, s, Pattern{})), sortedKeys(fixture); !slices.Equal(got, want) {
		t.Fatalf("version %d database: %d quads, want %d", version, len(got), len(want))
	}
	checkIndexesAgree(t, s, idxPOSL)
	s.db.View(func(txn *badger.Txn) error {
		item, err := txn.Get(keySchema)
		if err != nil {
			t.Fatal(err)
		}
		v, _ := item.ValueCopy(nil)
		if !slices.Equal(v, []byte{0, 0, 0, 0, 0, 0, 0, version}) {
			t.Fatalf("schema after writes = %x, want version %d", v, version)
		}
		return nil
	})
}
