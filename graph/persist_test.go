package graph

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"reflect"
	"testing"
)

func TestSnapshotRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(31, 32))
	for iter := 0; iter < 20; iter++ {
		var s *Snapshot
		if iter == 0 {
			s = build(t, parseNQuads(t, coup), nil)
		} else {
			m := randomStore(r, 1+r.IntN(30), r.IntN(100), 3, 3)
			s = build(t, m, &BuildOptions{KeepIsolated: iter%2 == 0})
		}
		var buf bytes.Buffer
		n, err := s.WriteTo(&buf)
		if err != nil || n != int64(buf.Len()) {
			t.Fatalf("WriteTo: %d, %v (buffer %d)", n, err, buf.Len())
		}
		got, err := ReadSnapshot(bytes.NewReader(buf.Bytes()), s.namer)
		if err != nil {
			t.Fatalf("iter %d: ReadSnapshot: %v", iter, err)
		}
		if !reflect.DeepEqual(got, s) {
			t.Fatalf("iter %d: round trip differs", iter)
		}
	}
}

func TestReadSnapshotErrors(t *testing.T) {
	s := build(t, parseNQuads(t, coup), nil)
	var buf bytes.Buffer
	if _, err := s.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	cases := map[string][]byte{
		"empty":     nil,
		"magic":     append([]byte("not a snapshot at all\n"), good[20:]...),
		"truncated": good[:len(good)-9],
		"no sum":    good[:len(good)-4],
	}
	for i := len(snapshotMagic); i < len(good); i += 7 {
		b := bytes.Clone(good)
		b[i] ^= 0x40
		cases["flip "+itoa(i)] = b
	}
	// A well-formed encoding with a node listed twice.
	dup := *s
	dup.ids = append([]uint64(nil), s.ids...)
	dup.ids[1] = dup.ids[0]
	var db bytes.Buffer
	dup.WriteTo(&db)
	cases["duplicate node"] = db.Bytes()
	for name, b := range cases {
		if _, err := ReadSnapshot(bytes.NewReader(b), s.namer); !errors.Is(err, ErrBadSnapshot) {
			t.Errorf("%s: got %v", name, err)
		}
	}
	if _, err := s.WriteTo(failingWriter{}); !errors.Is(err, errScan) {
		t.Errorf("write error: %v", err)
	}
}

// FuzzReadSnapshot checks that no input makes ReadSnapshot panic, and that
// what it accepts is a usable snapshot.
func FuzzReadSnapshot(f *testing.F) {
	m := parseNQuads(f, coup)
	s := build(f, m, nil)
	var buf bytes.Buffer
	s.WriteTo(&buf)
	f.Add(buf.Bytes())
	f.Add([]byte(snapshotMagic + "\x00\x00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := ReadSnapshot(bytes.NewReader(b), m)
		if err != nil {
			if !errors.Is(err, ErrBadSnapshot) {
				t.Fatalf("error not ErrBadSnapshot: %v", err)
			}
			return
		}
		for u := 0; u < got.Len(); u++ {
			got.Incident(int64(u))
		}
		got.PageRankScores(0, 0)
	})
}
