package depparse

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// randomFeatures makes n features with distinct sorted keys for classes
// below nc, in the form table.build takes. With crowded set, the keys
// share their top bits, so that they pile up around one home slot.
func randomFeatures(r *rand.Rand, n, nc int, crowded bool) (keys []uint32, counts []uint8, cls []uint8, w []int16) {
	seen := map[uint32]bool{}
	for len(keys) < n {
		k := r.Uint32()
		if crowded {
			k = 0xabc00000 | k&0xfff
		}
		if k == 0 || seen[k] {
			continue
		}
		seen[k] = true
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for range keys {
		c := uint8(0)
		for x := range nc {
			if r.IntN(3) == 0 && c < 255 {
				continue
			}
			v := int16(r.IntN(65535) - 32767)
			if v == 0 {
				v = 1
			}
			cls = append(cls, uint8(x))
			w = append(w, v)
			c++
		}
		if c == 0 {
			cls = append(cls, uint8(r.IntN(nc)))
			w = append(w, -5)
			c = 1
		}
		counts = append(counts, c)
	}
	return
}

// TestPackedMatchesGeneral checks that the packed form of a table scores
// every feature, stored or not, as the general form does, and gives back
// the same arrays.
func TestPackedMatchesGeneral(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, tc := range []struct {
		name       string
		n, nc      int
		crowded    bool
		wantPacked bool
	}{
		{"small", 100, 3, false, true},
		{"large", 300000, 3, false, true},
		{"one class", 5000, 1, false, true},
		{"crowded", 3000, 3, true, false},
		{"labels", 2000, 40, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			keys, counts, cls, w := randomFeatures(r, tc.n, tc.nc, tc.crowded)
			var p, g table
			p.build(keys, counts, cls, w)
			g.buildGeneral(keys, counts, cls, w)
			if got := p.packed.slots != nil; got != tc.wantPacked {
				t.Fatalf("packed = %v, want %v", got, tc.wantPacked)
			}
			k2, c2, cl2, w2 := p.arrays()
			if !slices.Equal(keys, k2) || !slices.Equal(counts, c2) || !slices.Equal(cls, cl2) || !slices.Equal(w, w2) {
				t.Fatal("arrays differ from those built from")
			}
			var feats []uint64
			for range 20000 {
				var k uint32
				if r.IntN(2) == 0 {
					k = keys[r.IntN(len(keys))]
				} else {
					k = r.Uint32()
					if tc.crowded {
						k = 0xabc00000 | k&0x1fff
					}
				}
				feats = append(feats, uint64(k)<<32|uint64(r.Uint32()))
			}
			for lo := 0; lo < len(feats); lo += 150 {
				f := feats[lo:min(lo+150, len(feats))]
				ps, gs := make([]int32, max(tc.nc, 3)), make([]int32, max(tc.nc, 3))
				p.score(f, ps, nil)
				g.score(f, gs, nil)
				if !slices.Equal(ps, gs) {
					t.Fatalf("features %d..: scores %v, general form %v", lo, ps, gs)
				}
			}
		})
	}
}

// TestPackRejects checks the features pack leaves to the general form.
func TestPackRejects(t *testing.T) {
	for _, tc := range []struct {
		name   string
		counts []uint8
		cls    []uint8
		w      []int16
	}{
		{"class 3", []uint8{1}, []uint8{3}, []int16{4}},
		{"zero weight", []uint8{2}, []uint8{0, 1}, []int16{4, 0}},
		{"repeated class", []uint8{2}, []uint8{1, 1}, []int16{4, 5}},
		{"classes out of order", []uint8{2}, []uint8{2, 1}, []int16{4, 5}},
		{"no weights", []uint8{0}, nil, nil},
	} {
		if _, ok := pack([]uint32{0x12345678}, tc.counts, tc.cls, tc.w); ok {
			t.Errorf("%s: packed", tc.name)
		}
	}
}
