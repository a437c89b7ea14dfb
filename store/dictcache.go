package store

import (
	"sync"
	"sync/atomic"

	"github.com/cayleygraph/quad"
)

// dictCache caches both directions of the dictionary in memory, within a
// budget of bytes (as estimated by the entry costs below).
//
// ID → value, which every result of a lookup needs for each of its unbound
// positions, is kept in pages of pageSize consecutive IDs: IDs are handed
// out densely, so a lookup is a small map access to find the page and one
// slot read, with no hashing of the ID and good locality. When a shard is
// over budget it evicts whole pages, CLOCK fashion: a page used since the
// last sweep gets a second chance.
//
// Value → ID, which patterns and writes need for their bound values, is a
// map per shard with two generations: entries go into the young one; when
// it is full it becomes the old one and the previous old one is dropped; a
// hit in the old one moves the entry back.
type dictCache struct {
	ids    [dictShards]idShard
	vals   [dictShards]valueShard
	idMax  int           // bytes per ID shard
	valMax int           // bytes per value shard and generation
	budget int           // the whole budget, for clear
	epoch  atomic.Uint64 // bumped by clear, so that a warm-up in flight stops
}

// dictShards is the number of independently locked parts of each
// direction.
const dictShards = 32

const (
	// maxShardPages bounds a shard's page table: IDs up to 2^35.
	maxShardPages = 1 << 20
	pageBits      = 10
	pageSize      = 1 << pageBits
	// Estimated bytes beside a value's own bytes: the slot, the string
	// header and the allocation; a page's slots; a map entry.
	idEntryCost    = 40
	pageCost       = pageSize*16 + 64
	valueEntryCost = 48
)

type idPage struct {
	vals  [pageSize]quad.Value
	bytes int         // of this page, pageCost included
	used  atomic.Bool // looked at since the last sweep
}

type idShard struct {
	mu    sync.RWMutex
	pages []*idPage // page n of the store is pages[n/dictShards] of shard n%dictShards
	bytes int
	hand  int // where the next eviction sweep starts
	_     [24]byte
}

type valueShard struct {
	mu         sync.RWMutex
	young, old map[string]uint64
	bytes      int // of the young generation
	_          [40]byte
}

// init empties the cache and sets its budget in bytes: three quarters for
// ID → value, the rest for value → ID.
func (c *dictCache) init(budget int) {
	c.budget = budget
	c.idMax = budget / 4 * 3 / dictShards
	c.valMax = budget / 4 / (2 * dictShards)
	for i := range c.ids {
		sh := &c.ids[i]
		sh.mu.Lock()
		sh.pages, sh.bytes, sh.hand = nil, 0, 0
		sh.mu.Unlock()
	}
	for i := range c.vals {
		sh := &c.vals[i]
		sh.mu.Lock()
		sh.young, sh.old, sh.bytes = make(map[string]uint64), nil, 0
		sh.mu.Unlock()
	}
}

// clear empties the cache.
func (c *dictCache) clear() {
	c.epoch.Add(1)
	c.init(c.budget)
}

func (c *dictCache) idShardOf(page uint64) *idShard { return &c.ids[page%dictShards] }

// value returns the cached value of id.
func (c *dictCache) value(id uint64) (quad.Value, bool) {
	page := id >> pageBits
	sh := c.idShardOf(page)
	var p *idPage
	var v quad.Value
	sh.mu.RLock()
	if i := page / dictShards; i < uint64(len(sh.pages)) {
		if p = sh.pages[i]; p != nil {
			v = p.vals[id&(pageSize-1)]
		}
	}
	sh.mu.RUnlock()
	if v == nil {
		return nil, false
	}
	if !p.used.Load() {
		p.used.Store(true)
	}
	return v, true
}

// putValue caches id → v, evicting pages if the shard is over budget.
func (c *dictCache) putValue(id uint64, v quad.Value) {
	c.addValue(id, v, false, 0)
}

// fill caches id → v for a warm-up that started at epoch, unless the
// cache was cleared since or id's shard is full. It reports whether the
// warm-up should go on.
func (c *dictCache) fill(epoch, id uint64, v quad.Value) bool {
	return c.addValue(id, v, true, epoch)
}

func (c *dictCache) addValue(id uint64, v quad.Value, warm bool, epoch uint64) bool {
	page := id >> pageBits
	sh := c.idShardOf(page)
	cost := idEntryCost + valueSize(v)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if warm && c.epoch.Load() != epoch {
		return false
	}
	if page/dictShards >= maxShardPages {
		return !warm // IDs this large are not cached
	}
	i := int(page / dictShards)
	if i >= len(sh.pages) {
		sh.pages = append(sh.pages, make([]*idPage, i+1-len(sh.pages))...)
	}
	p := sh.pages[i]
	if p != nil && p.vals[id&(pageSize-1)] != nil {
		return true
	}
	need := cost
	if p == nil {
		need += pageCost
	}
	if sh.bytes+need > c.idMax {
		if warm {
			return false
		}
		c.evict(sh, i, need)
		if sh.bytes+need > c.idMax {
			return true // too big for this budget: not cached
		}
	}
	if p == nil {
		p = &idPage{bytes: pageCost}
		sh.pages[i] = p
	}
	p.vals[id&(pageSize-1)] = v
	p.bytes += cost
	sh.bytes += need
	return true
}

// evict drops pages of sh, other than pages[keep], until need more bytes
// fit. Its hand sweeps the pages in a circle: a page used since the hand
// last passed loses its mark and stays, an unused one goes. After two
// turns any page goes. The caller holds sh.mu.
func (c *dictCache) evict(sh *idShard, keep, need int) {
	n := len(sh.pages)
	for step := 0; step < 3*n && sh.bytes+need > c.idMax; step++ {
		sh.hand = (sh.hand + 1) % n
		p := sh.pages[sh.hand]
		if p == nil || sh.hand == keep {
			continue
		}
		if step < 2*n && p.used.Load() {
			p.used.Store(false)
			continue
		}
		sh.pages[sh.hand] = nil
		sh.bytes -= p.bytes
	}
}

func (c *dictCache) valueShardOf(enc []byte) *valueShard {
	return &c.vals[hashValue(enc)%dictShards]
}

// id returns the cached ID of an encoded value.
func (c *dictCache) id(enc []byte) (uint64, bool) {
	sh := c.valueShardOf(enc)
	sh.mu.RLock()
	id, ok := sh.young[string(enc)]
	old := false
	if !ok {
		id, ok = sh.old[string(enc)]
		old = ok
	}
	sh.mu.RUnlock()
	if old {
		c.putID(enc, id)
	}
	return id, ok
}

// putID caches enc → id.
func (c *dictCache) putID(enc []byte, id uint64) {
	sh := c.valueShardOf(enc)
	cost := valueEntryCost + len(enc)
	sh.mu.Lock()
	if _, ok := sh.young[string(enc)]; !ok {
		if sh.bytes+cost > c.valMax {
			sh.old, sh.young = sh.young, make(map[string]uint64, len(sh.young))
			sh.bytes = 0
		}
		sh.young[string(enc)] = id
		sh.bytes += cost
	}
	sh.mu.Unlock()
}

// valueSize is the number of bytes v's strings hold.
func valueSize(v quad.Value) int {
	switch v := v.(type) {
	case quad.IRI:
		return len(v)
	case quad.BNode:
		return len(v)
	case quad.String:
		return len(v)
	case quad.TypedString:
		return len(v.Value) + len(v.Type) + 16
	case quad.LangString:
		return len(v.Value) + len(v.Lang) + 16
	}
	return 32
}
