package store

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
)

// TestSnapshotReuse: lookups reuse a pooled snapshot while the store is
// unchanged, and never after a write, so that every lookup sees every
// write committed before it began.
func TestSnapshotReuse(t *testing.T) {
	s := openMem(t)
	ctx := context.Background()
	if err := s.Add(ctx, fixture...); err != nil {
		t.Fatal(err)
	}
	collect(t, s, Pattern{})
	first := s.snapshot()
	s.release(first)
	if again := s.snapshot(); again != first {
		t.Fatal("an unchanged store did not reuse its idle snapshot")
	} else {
		s.release(again)
	}
	extra := quad.MakeIRI("snap-s", "snap-p", "snap-o", "")
	if err := s.Add(ctx, extra); err != nil {
		t.Fatal(err)
	}
	if len(s.snaps.idle) != 0 {
		t.Fatalf("%d idle snapshots survived a write", len(s.snaps.idle))
	}
	if got := collect(t, s, Pattern{Subject: quad.IRI("snap-s")}); len(got) != 1 {
		t.Fatalf("after Add: %d quads for the new subject, want 1", len(got))
	}
	if err := s.Delete(ctx, extra); err != nil {
		t.Fatal(err)
	}
	if got := collect(t, s, Pattern{Subject: quad.IRI("snap-s")}); len(got) != 0 {
		t.Fatalf("after Delete: %d quads for the subject, want 0", len(got))
	}
	s.Close()
	if len(s.snaps.idle) != 0 {
		t.Fatalf("%d idle snapshots left after Close", len(s.snaps.idle))
	}
}

// TestSnapshotConcurrentLookups: many goroutines share the pool while a
// writer adds quads and another goroutine warms the store again and
// again; each lookup sees at least what was committed before it started
// (run with -race). It fails if lookups use in-memory index copies of an
// older generation.
func TestSnapshotConcurrentLookups(t *testing.T) {
	s := openMem(t)
	ctx := context.Background()
	var committed sync.Map // subject → true once its Add returned
	var wg sync.WaitGroup
	stop := make(chan struct{})
	// loop runs step on a goroutine until stop closes or step fails.
	loop := func(step func() bool) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				if !step() {
					return
				}
			}
		}()
	}
	for g := 0; g < 4; g++ {
		loop(func() bool {
			var want []string
			committed.Range(func(k, _ any) bool { want = append(want, k.(string)); return true })
			for _, subj := range want {
				n, err := s.Count(ctx, Pattern{Subject: quad.IRI(subj)})
				if err != nil || n != 1 {
					t.Errorf("Count(%s) = %d, %v after its Add returned", subj, n, err)
					return false
				}
			}
			return true
		})
	}
	loop(func() bool { // and lookups read Warm's in-memory copies when they are fresh
		if err := s.Warm(ctx); err != nil {
			t.Errorf("Warm: %v", err)
			return false
		}
		return true
	})
	loop(func() bool { // and Compact packs the writes into chunks between them
		if _, err := s.Compact(ctx); err != nil {
			t.Errorf("Compact: %v", err)
			return false
		}
		time.Sleep(time.Millisecond)
		return true
	})
	for i := 0; i < 50; i++ {
		subj := "c" + string(rune('a'+i%26)) + string(rune('a'+i/26))
		if err := s.Add(ctx, quad.MakeIRI(subj, "p", "o", "")); err != nil {
			t.Fatal(err)
		}
		committed.Store(subj, true)
	}
	close(stop)
	wg.Wait()
}

// TestIdleSnapshotsExpire: an idle snapshot is discarded once it is
// snapMaxAge old, without a lookup coming to find it stale, so that an
// idle process does not pin the tables it last read.
func TestIdleSnapshotsExpire(t *testing.T) {
	old := snapMaxAge
	snapMaxAge = 50 * time.Millisecond
	defer func() { snapMaxAge = old }()
	s := openMem(t)
	if err := s.Add(context.Background(), fixture...); err != nil {
		t.Fatal(err)
	}
	collect(t, s, Pattern{})
	idle := func() int {
		s.snaps.mu.Lock()
		defer s.snaps.mu.Unlock()
		return len(s.snaps.idle)
	}
	if n := idle(); n != 1 {
		t.Fatalf("%d idle snapshots after a lookup, want 1", n)
	}
	deadline := time.Now().Add(5 * time.Second)
	for idle() != 0 {
		if time.Now().After(deadline) {
			t.Fatal("the idle snapshot was never discarded")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if got := collect(t, s, Pattern{}); len(got) != len(fixture) {
		t.Fatalf("after the sweep: %d quads, want %d", len(got), len(fixture))
	}
	s.Close() // before snapMaxAge is restored: no sweep runs after Close
}
