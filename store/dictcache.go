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
// out densely, so a lookup is an index into the page table and one slot
// read, with no hashing of the ID and good locality. Reads take no lock:
// the page table is replaced, never changed in place, when it grows; a
// page's slot is written once, before an atomic pointer publishes it.
// Without a locked instruction per value, the reads of one result's
// values, and of consecutive results, overlap in the processor. When a
// shard is over budget it evicts whole pages, CLOCK fashion: a page used
// since the last sweep gets a second chance.
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
	pageCost       = pageSize*24 + 64
	valueEntryCost = 48
)

// idSlot holds one cached value. ready is nil until v is written, then
// points at v; a slot is written at most once.
type idSlot struct {
	ready atomic.Pointer[quad.Value]
	v     quad.Value
}

type idPage struct {
	used  atomic.Bool // looked at since the last sweep
	bytes int         // of this page, pageCost included; under the shard's mu
	slots [pageSize]idSlot
}

// pageTable is a shard's pages: page n of the store is pages[n/dictShards]
// of shard n%dictShards.
type pageTable struct {
	pages []atomic.Pointer[idPage]
}

type idShard struct {
	mu    sync.Mutex // serialises writers; readers take no lock
	table atomic.Pointer[pageTable]
	bytes int // under mu
	hand  int // where the next eviction sweep starts; under mu
	_     [32]byte
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
		sh.table.Store(nil)
		sh.bytes, sh.hand = 0, 0
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
	t := c.idShardOf(page).table.Load()
	if t == nil {
		return nil, false
	}
	i := page / dictShards
	if i >= uint64(len(t.pages)) {
		return nil, false
	}
	p := t.pages[i].Load()
	if p == nil {
		return nil, false
	}
	v := p.slots[id&(pageSize-1)].ready.Load()
	if v == nil {
		return nil, false
	}
	if !p.used.Load() {
		p.used.Store(true)
	}
	return *v, true
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
	t := sh.grow(i + 1)
	p := t.pages[i].Load()
	if p != nil && p.slots[id&(pageSize-1)].ready.Load() != nil {
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
		c.evict(sh, t, i, need)
		if sh.bytes+need > c.idMax {
			return true // too big for this budget: not cached
		}
	}
	if p == nil {
		p = &idPage{bytes: pageCost}
		t.pages[i].Store(p)
	}
	slot := &p.slots[id&(pageSize-1)]
	slot.v = v
	slot.ready.Store(&slot.v)
	p.bytes += cost
	sh.bytes += need
	return true
}

// grow returns sh's page table with room for n pages, replacing it by a
// longer copy if need be. The caller holds sh.mu.
func (sh *idShard) grow(n int) *pageTable {
	t := sh.table.Load()
	if t != nil && len(t.pages) >= n {
		return t
	}
	size := max(n, 16)
	if t != nil {
		size = max(n, 2*len(t.pages))
	}
	bigger := &pageTable{pages: make([]atomic.Pointer[idPage], min(size, maxShardPages))}
	if t != nil {
		for i := range t.pages {
			bigger.pages[i].Store(t.pages[i].Load())
		}
	}
	sh.table.Store(bigger)
	return bigger
}

// evict drops pages of sh (whose table is t), other than pages[keep],
// until need more bytes fit. Its hand sweeps the pages in a circle: a page
// used since the hand last passed loses its mark and stays, an unused one
// goes. After two turns any page goes. The caller holds sh.mu.
func (c *dictCache) evict(sh *idShard, t *pageTable, keep, need int) {
	n := len(t.pages)
	for step := 0; step < 3*n && sh.bytes+need > c.idMax; step++ {
		sh.hand = (sh.hand + 1) % n
		p := t.pages[sh.hand].Load()
		if p == nil || sh.hand == keep {
			continue
		}
		if step < 2*n && p.used.Load() {
			p.used.Store(false)
			continue
		}
		t.pages[sh.hand].Store(nil)
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

// fillID caches enc → id for a warm-up that started at epoch. When the
// young generation is full it becomes the old one once; when it is full
// again, fillID reports false: the warm-up fills no more, rather than
// drop what it filled.
func (c *dictCache) fillID(epoch uint64, enc []byte, id uint64) bool {
	sh := c.valueShardOf(enc)
	cost := valueEntryCost + len(enc)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if c.epoch.Load() != epoch {
		return false
	}
	if _, ok := sh.young[string(enc)]; ok {
		return true
	}
	if sh.bytes+cost > c.valMax {
		if sh.old != nil {
			return false
		}
		sh.old, sh.young = sh.young, make(map[string]uint64, len(sh.young))
		sh.bytes = 0
	}
	sh.young[string(enc)] = id
	sh.bytes += cost
	return true
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
