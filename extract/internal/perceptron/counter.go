package perceptron

// Counter counts how many examples each feature occurs in, so that rare
// features can be dropped before training (see Trainer.Restrict). This keeps
// a trainer's dense rows for frequent features only.
type Counter struct {
	t *table
	n []int32
}

// NewCounter returns an empty counter.
func NewCounter() *Counter { return &Counter{t: newTable(1 << 16)} }

// Add counts one occurrence of each key.
func (c *Counter) Add(keys []uint64) {
	for _, k := range keys {
		if r, ok := c.t.get(k); ok {
			c.n[r]++
			continue
		}
		c.t.put(k, int32(len(c.n)))
		c.n = append(c.n, 1)
	}
}

// Len returns the number of distinct keys counted.
func (c *Counter) Len() int { return len(c.n) }

// Restrict makes t ignore every feature that c counted fewer than min
// times. Call it before training.
func (t *Trainer) Restrict(c *Counter, min int) {
	keep := newTable(len(c.n))
	for i, k := range c.t.keys {
		if k != 0 && int(c.n[c.t.vals[i]]) >= min {
			keep.put(k, 0)
		}
	}
	t.allow = keep
}
