package perceptron

import (
	"cmp"
	"math"
	"slices"
)

// Model is a trained, read-only averaged perceptron.
type Model struct {
	Classes []string  // class names, indexed by class number
	index   *rowTable // feature key → its entries
	entries []entry
	rows    []row // every feature with its full key, for Encode
}

// entry is one non-zero weight of a feature: a class and a bfloat16
// weight, 4 bytes.
type entry struct {
	class uint16
	w     uint16 // the high half of a float32
}

// row is a feature and where its entries are.
type row struct {
	key      uint64
	start, n uint32
}

// NumFeatures returns the number of features with at least one weight.
func (m *Model) NumFeatures() int { return len(m.rows) }

// NumWeights returns the number of non-zero weights.
func (m *Model) NumWeights() int { return len(m.entries) }

// Scores adds the score of every class for feats to scores, which must have
// len(m.Classes) elements and is not cleared first. Each class's weights
// are added in the order of feats.
//
// The tables are larger than the processor's caches, so Scores works on
// blocks of features in three passes: it loads every feature's home slot,
// then probes and loads the first entry of every feature found, then adds
// the weights. The loads of a pass do not wait for one another, so their
// cache misses overlap instead of being taken one after the other.
func (m *Model) Scores(feats []uint64, scores []float32) {
	if m.index == nil {
		return
	}
	const block = 64
	var (
		homes [block]uint64 // content of each feature's home slot
		found [block]uint64 // slots of the features found, in order
		first [block]entry  // their first entries
	)
	t := m.index
	for len(feats) > 0 {
		fs := feats[:min(len(feats), block)]
		feats = feats[len(fs):]
		for i, k := range fs {
			homes[i] = t.slots[t.home(k)]
		}
		n := 0
		for i, k := range fs {
			s := t.probe(k, t.home(k), homes[i])
			if s&0xff != 0 { // found, with entries
				found[n] = s
				first[n] = m.entries[uint32(s)>>8]
				n++
			}
		}
		for i, s := range found[:n] {
			start, n := uint32(s)>>8, uint32(s)&0xff
			e := first[i]
			scores[e.class] += math.Float32frombits(uint32(e.w) << 16)
			for _, e := range m.entries[start+1 : start+n] {
				scores[e.class] += math.Float32frombits(uint32(e.w) << 16)
			}
		}
	}
}

// rowTable is an open-addressing hash table with linear probing from
// feature keys to entry ranges. A slot is 8 bytes: the key's high 32 bits
// (made non-zero), the start of its entries (24 bits) and their number (8
// bits), so lookups stay in cache. Two features whose keys share the high
// 32 bits and slot chain are told apart by neither; the odds are about
// n/2³² per lookup.
type rowTable struct {
	slots []uint64
	mask  uint64
}

// maxEntries bounds the entries a rowTable can address.
const maxEntries = 1 << 24

func newRowTable(n int) *rowTable {
	size := 16
	for size < 2*n {
		size <<= 1
	}
	return &rowTable{slots: make([]uint64, size), mask: uint64(size - 1)}
}

func tag32(k uint64) uint64 {
	t := k >> 32
	if t == 0 {
		t = 1
	}
	return t << 32
}

// home returns the slot where the probe for k starts.
func (t *rowTable) home(k uint64) uint64 { return (k ^ k>>29) & t.mask }

// probe returns the slot of k, or 0, given i = t.home(k) and s, the
// content of slot i.
func (t *rowTable) probe(k, i, s uint64) uint64 {
	tag := tag32(k)
	for {
		if s&^0xffffffff == tag {
			return s
		}
		if s == 0 {
			return 0
		}
		i = (i + 1) & t.mask
		s = t.slots[i]
	}
}

// insert adds a key; a key whose tag is already present is dropped (see
// rowTable). The table must have been made large enough, n must be below
// 256 and start+n at most maxEntries.
func (t *rowTable) insert(k uint64, start, n uint32) {
	tag := tag32(k)
	for i := t.home(k); ; i = (i + 1) & t.mask {
		s := t.slots[i]
		if s&^0xffffffff == tag {
			return
		}
		if s == 0 {
			t.slots[i] = tag | uint64(start)<<8 | uint64(n)
			return
		}
	}
}

// build makes the index from m.rows.
func (m *Model) build() {
	m.index = newRowTable(len(m.rows))
	for _, r := range m.rows {
		m.index.insert(r.key, r.start, r.n)
	}
}

// Predict returns the best class for feats; scores is scratch space of
// len(m.Classes) elements. Ties go to the lower class number.
func (m *Model) Predict(feats []uint64, scores []float32) int {
	clear(scores)
	m.Scores(feats, scores)
	return argmax(scores)
}

func argmax(scores []float32) int {
	best, bestScore := 0, float32(math.Inf(-1))
	for c, s := range scores {
		if s > bestScore {
			best, bestScore = c, s
		}
	}
	return best
}

// Trainer learns an averaged perceptron. It is not safe for concurrent use.
type Trainer struct {
	classes []string
	index   *table
	w       []float32 // row*nc + class: current weights
	total   []float32 // accumulated weight·time up to stamp
	stamp   []int32   // time of last change
	count   []int32   // examples each feature occurred in
	t       int32     // number of examples seen
	scores  []float32
	allow   *table // if set, only these features get rows
}

// NewTrainer returns a trainer for the given classes. It panics if there
// are more than 255 classes, the most a Model row can hold.
func NewTrainer(classes []string) *Trainer {
	if len(classes) > 255 {
		panic("perceptron: more than 255 classes")
	}
	return &Trainer{classes: classes, index: newTable(1 << 16), scores: make([]float32, len(classes))}
}

// NumClasses returns the number of classes.
func (t *Trainer) NumClasses() int { return len(t.classes) }

func (t *Trainer) row(k uint64, create bool) int32 {
	r, ok := t.index.get(k)
	if ok || !create {
		if !ok {
			return -1
		}
		return r
	}
	nc := len(t.classes)
	r = int32(len(t.count))
	t.index.put(k, r)
	t.count = append(t.count, 0)
	for i := 0; i < nc; i++ {
		t.w = append(t.w, 0)
		t.total = append(t.total, 0)
		t.stamp = append(t.stamp, 0)
	}
	return r
}

// Scores fills scores (len NumClasses) with the current weights' scores.
func (t *Trainer) Scores(feats []uint64, scores []float32) {
	clear(scores)
	nc := len(t.classes)
	for _, k := range feats {
		r, ok := t.index.get(k)
		if !ok {
			continue
		}
		row := t.w[int(r)*nc : int(r)*nc+nc]
		for c, w := range row {
			scores[c] += w
		}
	}
}

// Predict returns the best class under the current weights.
func (t *Trainer) Predict(feats []uint64) int {
	t.Scores(feats, t.scores)
	return argmax(t.scores)
}

// Train predicts a class for feats, updates the weights towards truth
// when the prediction is wrong, and returns the prediction.
func (t *Trainer) Train(feats []uint64, truth int) int {
	guess := t.Predict(feats)
	t.Update(feats, truth, guess)
	return guess
}

// Update counts one example and, if guess differs from truth, moves the
// weights of feats by +1 for truth and -1 for guess.
func (t *Trainer) Update(feats []uint64, truth, guess int) {
	t.t++
	nc := len(t.classes)
	for _, k := range feats {
		if t.allow != nil {
			if _, ok := t.allow.get(k); !ok {
				continue
			}
		}
		r := t.row(k, true)
		t.count[r]++
		if truth == guess {
			continue
		}
		base := int(r) * nc
		t.bump(base+truth, 1)
		t.bump(base+guess, -1)
	}
}

func (t *Trainer) bump(i int, d float32) {
	t.total[i] += float32(t.t-t.stamp[i]) * t.w[i]
	t.stamp[i] = t.t
	t.w[i] += d
}

// Model averages the weights, drops features that occurred in fewer than
// minCount examples and weights whose magnitude is below minWeight, and
// returns the read-only model. The trainer can go on training afterwards.
func (t *Trainer) Model(minCount int, minWeight float32) *Model {
	nc := len(t.classes)
	type kv struct {
		k uint64
		r int32
	}
	var rows []kv
	for i, k := range t.index.keys {
		if k != 0 && int(t.count[t.index.vals[i]]) >= minCount {
			rows = append(rows, kv{k, t.index.vals[i]})
		}
	}
	// deterministic order: by key
	slices.SortFunc(rows, func(a, b kv) int { return cmp.Compare(a.k, b.k) })
	m := &Model{Classes: append([]string(nil), t.classes...)}
	type span struct {
		k        uint64
		start, n uint32
	}
	var spans []span
	for _, e := range rows {
		base := int(e.r) * nc
		n := 0
		start := uint32(len(m.entries))
		for c := 0; c < nc; c++ {
			i := base + c
			tot := t.total[i] + float32(t.t-t.stamp[i])*t.w[i]
			avg := tot / float32(max(t.t, 1))
			avg = bf16(avg)
			if avg >= minWeight || avg <= -minWeight {
				if avg != 0 {
					m.entries = append(m.entries, entry{uint16(c), uint16(math.Float32bits(avg) >> 16)})
					n++
				}
			}
		}
		if n > 0 {
			spans = append(spans, span{e.k, start, uint32(n)})
		}
	}
	for _, sp := range spans {
		m.rows = append(m.rows, row{sp.k, sp.start, sp.n})
	}
	m.build()
	return m
}

// bf16 rounds f to the nearest bfloat16 value, the precision models are
// stored in.
func bf16(f float32) float32 {
	b := math.Float32bits(f)
	b += 0x7fff + (b>>16)&1
	return math.Float32frombits(b &^ 0xffff)
}
