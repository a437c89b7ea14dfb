package perceptron

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// Features collects hashed feature keys for one prediction. The zero value
// is ready to use; Reset reuses its storage.
type Features struct {
	Keys []uint64
}

// Reset empties the set, keeping its storage.
func (f *Features) Reset() { f.Keys = f.Keys[:0] }

func mix(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	// a separator so that ("ab","c") and ("a","bc") differ
	h ^= 0xff
	h *= fnvPrime
	return h
}

func start(t uint8) uint64 {
	h := uint64(fnvOffset)
	h ^= uint64(t)
	h *= fnvPrime
	return h
}

func nonzero(h uint64) uint64 {
	if h == 0 {
		return 1
	}
	return h
}

// Add0 adds the feature made of template t alone (a bias).
func (f *Features) Add0(t uint8) { f.Keys = append(f.Keys, nonzero(start(t))) }

// Add1 adds the feature (t, a).
func (f *Features) Add1(t uint8, a string) {
	f.Keys = append(f.Keys, nonzero(mix(start(t), a)))
}

// Add2 adds the feature (t, a, b).
func (f *Features) Add2(t uint8, a, b string) {
	f.Keys = append(f.Keys, nonzero(mix(mix(start(t), a), b)))
}

// Add3 adds the feature (t, a, b, c).
func (f *Features) Add3(t uint8, a, b, c string) {
	f.Keys = append(f.Keys, nonzero(mix(mix(mix(start(t), a), b), c)))
}

// table is an open-addressing hash table from non-zero uint64 keys to
// int32 values, with linear probing.
type table struct {
	keys []uint64
	vals []int32
	mask uint64
	n    int
}

func newTable(n int) *table {
	size := 16
	for size < 2*n {
		size <<= 1
	}
	return &table{keys: make([]uint64, size), vals: make([]int32, size), mask: uint64(size - 1)}
}

func (t *table) slot(k uint64) uint64 {
	// keys are already hashes; fold the high bits in for the index
	return (k ^ k>>29) & t.mask
}

func (t *table) get(k uint64) (int32, bool) {
	for i := t.slot(k); ; i = (i + 1) & t.mask {
		switch t.keys[i] {
		case k:
			return t.vals[i], true
		case 0:
			return 0, false
		}
	}
}

func (t *table) put(k uint64, v int32) {
	if 2*(t.n+1) > len(t.keys) {
		t.grow()
	}
	for i := t.slot(k); ; i = (i + 1) & t.mask {
		switch t.keys[i] {
		case k:
			t.vals[i] = v
			return
		case 0:
			t.keys[i], t.vals[i] = k, v
			t.n++
			return
		}
	}
}

func (t *table) grow() {
	old := *t
	*t = *newTable(2 * len(old.keys))
	for i, k := range old.keys {
		if k != 0 {
			t.put(k, old.vals[i])
		}
	}
}

// Hash returns the 64-bit hash of s that the AddH methods combine; hash
// each string once and reuse it across features.
func Hash(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

const (
	m1 = 0x9e3779b97f4a7c15
	m2 = 0xbf58476d1ce4e5b9
	m3 = 0x94d049bb133111eb
)

func combine(h, x uint64) uint64 {
	h ^= x + m1 + h<<6 + h>>2
	h *= m2
	h ^= h >> 31
	return h
}

func finish(h uint64) uint64 {
	h *= m3
	h ^= h >> 29
	return nonzero(h)
}

// AddH1 adds the feature (t, a) where a is a Hash.
func (f *Features) AddH1(t uint8, a uint64) {
	f.Keys = append(f.Keys, finish(combine(uint64(t)+1, a)))
}

// AddH2 adds the feature (t, a, b) of hashes.
func (f *Features) AddH2(t uint8, a, b uint64) {
	f.Keys = append(f.Keys, finish(combine(combine(uint64(t)+1, a), b)))
}

// AddH3 adds the feature (t, a, b, c) of hashes.
func (f *Features) AddH3(t uint8, a, b, c uint64) {
	f.Keys = append(f.Keys, finish(combine(combine(combine(uint64(t)+1, a), b), c)))
}

// HashBytes is Hash for a byte slice.
func HashBytes(b []byte) uint64 {
	h := uint64(fnvOffset)
	for _, c := range b {
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}
