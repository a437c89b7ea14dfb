package graph

import (
	"math/rand/v2"
	"testing"
)

// TestIDMap checks idMap against a Go map on random keys, clustered and
// spread, through several growths.
func TestIDMap(t *testing.T) {
	r := rand.New(rand.NewPCG(41, 42))
	for _, spread := range []uint64{100, 1 << 20, 1 << 62} {
		var m idMap
		want := map[uint64]int32{}
		for i := 0; i < 5000; i++ {
			k := 1 + r.Uint64N(spread)
			v := int32(r.IntN(1000))
			m.put(k, v)
			want[k] = v
			q := 1 + r.Uint64N(spread)
			got, ok := m.get(q)
			w, wok := want[q]
			if ok != wok || got != w {
				t.Fatalf("get(%d) = %d, %v; want %d, %v", q, got, ok, w, wok)
			}
		}
		if m.len() != len(want) {
			t.Fatalf("len %d, want %d", m.len(), len(want))
		}
		for k, v := range want {
			if got, ok := m.get(k); !ok || got != v {
				t.Fatalf("get(%d) = %d, %v; want %d", k, got, ok, v)
			}
		}
		if _, ok := m.get(0); ok {
			t.Fatal("key 0 present")
		}
	}
	var empty idMap
	if _, ok := empty.get(7); ok {
		t.Fatal("empty map has a key")
	}
}
