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
		// up to three classes: each with odds 2/3; more: one to four
		// of them
		var xs []int
		for x := range nc {
			if (nc <= 3 && r.IntN(3) != 0) || (nc > 3 && r.IntN(nc) < 2) {
				xs = append(xs, x)
			}
		}
		if len(xs) == 0 {
			xs = append(xs, r.IntN(nc))
		}
		c := uint8(len(xs))
		for _, x := range xs {
			v := int16(r.IntN(65535) - 32767)
			if v == 0 {
				v = 1
			}
			cls = append(cls, uint8(x))
			w = append(w, v)
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
		{"labels", 20000, 40, false, true},
		{"crowded labels", 3000, 40, true, false},
		{"too many classes", 2000, 130, false, false},
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

// TestPackLayouts checks which layout features get, and that arrays
// gives them back as they were.
func TestPackLayouts(t *testing.T) {
	for _, tc := range []struct {
		name     string
		counts   []uint8
		cls      []uint8
		w        []int16
		ok, wide bool
	}{
		{"narrow", []uint8{1, 3}, []uint8{1, 0, 1, 2}, []int16{4, -1, 2, 3}, true, false},
		{"class 3", []uint8{1}, []uint8{3}, []int16{4}, true, true},
		{"zero weight", []uint8{2}, []uint8{0, 1}, []int16{4, 0}, true, true},
		{"repeated class", []uint8{2}, []uint8{1, 1}, []int16{4, 5}, true, true},
		{"classes out of order", []uint8{2}, []uint8{2, 1}, []int16{4, 5}, true, true},
		{"no weights", []uint8{0, 1}, []uint8{0}, []int16{7}, true, true},
		{"long run", []uint8{1, 4, 2}, []uint8{9, 0, 5, 6, 127, 3, 4}, []int16{1, 2, 3, 4, 5, 6, 7}, true, true},
		{"class 128", []uint8{1}, []uint8{128}, []int16{4}, false, false},
	} {
		keys := []uint32{0x12345678, 0x12345679, 0xfedcba98}[:len(tc.counts)]
		p, ok := pack(keys, tc.counts, tc.cls, tc.w)
		if ok != tc.ok || p.wide != tc.wide {
			t.Errorf("%s: packed %v wide %v, want %v %v", tc.name, ok, p.wide, tc.ok, tc.wide)
			continue
		}
		if !ok {
			continue
		}
		k2, c2, cl2, w2 := p.arrays()
		if !slices.Equal(keys, k2) || !slices.Equal(tc.counts, c2) || !slices.Equal(tc.cls, cl2) || !slices.Equal(tc.w, w2) {
			t.Errorf("%s: arrays %v %v %v %v", tc.name, k2, c2, cl2, w2)
		}
	}
}
