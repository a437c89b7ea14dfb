package graph

// idMap maps non-zero store IDs to int32 values with open addressing and
// linear probing; it is several times faster than a Go map for the millions
// of lookups of Build and holds no pointers for the garbage collector.
// The zero value is an empty map ready to use.
type idMap struct {
	keys []uint64 // 0 marks an empty slot
	vals []int32
	n    int
}

// hashID mixes the bits of an ID (the finaliser of SplitMix64).
func hashID(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// get returns the value of key and whether it is present.
func (m *idMap) get(key uint64) (int32, bool) {
	if key == 0 || len(m.keys) == 0 {
		return 0, false
	}
	mask := uint64(len(m.keys) - 1)
	for i := hashID(key) & mask; ; i = (i + 1) & mask {
		switch m.keys[i] {
		case key:
			return m.vals[i], true
		case 0:
			return 0, false
		}
	}
}

// put sets the value of key, which must not be 0.
func (m *idMap) put(key uint64, val int32) {
	if 2*(m.n+1) > len(m.keys) {
		m.grow()
	}
	mask := uint64(len(m.keys) - 1)
	for i := hashID(key) & mask; ; i = (i + 1) & mask {
		switch m.keys[i] {
		case key:
			m.vals[i] = val
			return
		case 0:
			m.keys[i], m.vals[i] = key, val
			m.n++
			return
		}
	}
}

func (m *idMap) grow() {
	old, oldVals := m.keys, m.vals
	size := max(2*len(old), 64)
	m.keys, m.vals, m.n = make([]uint64, size), make([]int32, size), 0
	for i, k := range old {
		if k != 0 {
			m.put(k, oldVals[i])
		}
	}
}

// len returns the number of keys.
func (m *idMap) len() int { return m.n }

// newIDMap returns a map sized for n keys.
func newIDMap(n int) idMap {
	size := 64
	for size < 2*n+2 {
		size *= 2
	}
	return idMap{keys: make([]uint64, size), vals: make([]int32, size)}
}
