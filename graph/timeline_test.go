package graph

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
)

func TestTimeline(t *testing.T) {
	m := parseNQuads(t, coup)
	s := build(t, m, nil)
	dates := map[string]time.Time{
		"d1": time.Date(2023, 7, 26, 0, 0, 0, 0, time.UTC),
		"d2": time.Date(2023, 7, 27, 0, 0, 0, 0, time.UTC),
		"d3": time.Date(2021, 4, 2, 0, 0, 0, 0, time.UTC),
	}
	dateOf := func(l uint64) (time.Time, bool) {
		v, err := m.ValueOf(l)
		if err != nil {
			return time.Time{}, false
		}
		doc, _, ok := DocumentOf(v)
		d, known := dates[doc]
		return d, ok && known
	}
	ev, err := s.Timeline(m.iri(t, "Bazoum"), dateOf)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range ev {
		v, _ := m.ValueOf(e.P)
		got = append(got, LocalName(v))
	}
	// 2021: succeed, elected (attribute); 2023-07-26: detained x2, confine,
	// held_in; 2023-07-27: target. Type and name facts are left out.
	want := []string{"succeed", "elected", "detained_by", "detained_by", "held_in", "confine", "target"}
	if len(got) != len(want) {
		t.Fatalf("timeline %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("timeline %v, want %v", got, want)
		}
	}
	for i := 1; i < len(ev); i++ {
		if ev[i].Date.Before(ev[i-1].Date) {
			t.Fatal("timeline not in date order")
		}
	}
	if _, err := s.Timeline(424242, nil); err == nil {
		t.Error("unknown entity: no error")
	}
	// Ego snapshots keep knowing the type and name predicates.
	ego, _ := s.Ego(m.iri(t, "Bazoum"), 1)
	ev2, _ := ego.Timeline(m.iri(t, "Bazoum"), nil)
	if len(ev2) != len(want) {
		t.Errorf("ego timeline has %d events, want %d", len(ev2), len(want))
	}
}

func TestDocumentOf(t *testing.T) {
	tests := []struct {
		in   quad.Value
		doc  string
		sent int
		ok   bool
	}{
		{quad.IRI("d1#2"), "d1", 2, true},
		{quad.IRI("reuters-2023-07-26#14"), "reuters-2023-07-26", 14, true},
		{quad.IRI("http://example.org/doc#3"), "3", -1, false},
		{quad.IRI("doc#"), "doc#", -1, false},
		{quad.IRI("#4"), "#4", -1, false},
		{quad.IRI("doc#-4"), "doc#-4", -1, false},
		{quad.IRI("doc#+4"), "doc#+4", -1, false},
		{quad.IRI("doc#x"), "doc#x", -1, false},
		{quad.String("d1#2"), "d1#2", -1, false},
		{nil, "", -1, false},
	}
	for _, tt := range tests {
		doc, n, ok := DocumentOf(tt.in)
		if doc != tt.doc || n != tt.sent || ok != tt.ok {
			t.Errorf("DocumentOf(%v) = %q, %d, %v; want %q, %d, %v", tt.in, doc, n, ok, tt.doc, tt.sent, tt.ok)
		}
	}
}

func FuzzDocumentOf(f *testing.F) {
	for _, s := range []string{"d1#2", "doc#", "#1", "a#b#3", "x#99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		doc, n, ok := DocumentOf(quad.IRI(s))
		if ok && (n < 0 || doc == "" || !strings.HasPrefix(s, doc+"#") || strings.Contains(s[len(doc)+1:], "#")) {
			t.Errorf("DocumentOf(%q) = %q, %d, %v", s, doc, n, ok)
		}
		if !ok && n != -1 {
			t.Errorf("DocumentOf(%q) failed with sentence %d", s, n)
		}
	})
}

func TestLabelFilter(t *testing.T) {
	m := parseNQuads(t, coup)
	calls := 0
	keep := LabelFilter(m, func(v quad.Value) bool {
		calls++
		doc, _, _ := DocumentOf(v)
		return doc == "d2"
	})
	s, err := Build(context.Background(), m, m, &BuildOptions{Label: keep})
	if err != nil {
		t.Fatal(err)
	}
	// d2: condemn x2, target, call_for.
	if s.Size() != 4 {
		t.Errorf("%d lines from d2, want 4", s.Size())
	}
	labels := map[uint64]bool{}
	for _, q := range m.quads {
		labels[q[3]] = true
	}
	if calls > len(labels) {
		t.Errorf("keep called %d times for %d labels", calls, len(labels))
	}
	if LabelFilter(failingNamer{}, func(quad.Value) bool { return true })(5) {
		t.Error("unresolvable label kept")
	}
}
