package store

import (
	"bufio"
	"container/heap"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"slices"
)

// Sorted runs for the bulk loader: quads as ID tuples in one index's key
// order, sorted, in memory or spilled to a temporary file. A k-way merge
// of the runs of one index yields that index's keys in order, without
// duplicates, in bounded memory.

const recLen = 32 // one ID tuple on disk

// permute returns q in the key order of index ix.
func permute(ix index, q ids) ids {
	var k ids
	for i, pos := range order[ix] {
		k[i] = q[pos]
	}
	return k
}

// unpermute is the inverse of permute.
func unpermute(ix index, k ids) ids {
	var q ids
	for i, pos := range order[ix] {
		q[pos] = k[i]
	}
	return q
}

func cmpIDs(a, b ids) int {
	for i := range a {
		if a[i] != b[i] {
			if a[i] < b[i] {
				return -1
			}
			return 1
		}
	}
	return 0
}

// sortedRun sorts quads into index ix's key order, reusing dst.
func sortedRun(dst []ids, quads []ids, ix index) []ids {
	dst = dst[:0]
	for _, q := range quads {
		dst = append(dst, permute(ix, q))
	}
	slices.SortFunc(dst, cmpIDs)
	return dst
}

// writeRun writes sorted tuples to a new file in dir and returns its path.
func writeRun(dir string, run []ids) (string, error) {
	f, err := os.CreateTemp(dir, "kg-run-*")
	if err != nil {
		return "", err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	var rec [recLen]byte
	for _, k := range run {
		for i, x := range k {
			binary.LittleEndian.PutUint64(rec[8*i:], x)
		}
		if _, err := w.Write(rec[:]); err != nil {
			f.Close()
			return "", err
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return "", err
	}
	return f.Name(), f.Close()
}

// runSource yields the tuples of one sorted run.
type runSource interface {
	next() (ids, bool, error)
	close() error
}

type memRun struct {
	run []ids
	i   int
}

func (m *memRun) next() (ids, bool, error) {
	if m.i >= len(m.run) {
		return ids{}, false, nil
	}
	m.i++
	return m.run[m.i-1], true, nil
}

func (m *memRun) close() error { return nil }

type fileRun struct {
	f *os.File
	r *bufio.Reader
}

func openRun(path string) (*fileRun, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	return &fileRun{f: f, r: bufio.NewReaderSize(f, 256<<10)}, nil
}

func (fr *fileRun) next() (ids, bool, error) {
	var rec [recLen]byte
	if _, err := io.ReadFull(fr.r, rec[:]); err != nil {
		if err == io.EOF {
			return ids{}, false, nil
		}
		return ids{}, false, fmt.Errorf("reading sorted run: %w", err)
	}
	var k ids
	for i := range k {
		k[i] = binary.LittleEndian.Uint64(rec[8*i:])
	}
	return k, true, nil
}

func (fr *fileRun) close() error { return fr.f.Close() }

// merger merges sorted runs, dropping duplicates.
type merger struct {
	h    mergeHeap
	last ids
	any  bool
}

type mergeItem struct {
	k   ids
	src runSource
}

type mergeHeap []mergeItem

func (h mergeHeap) Len() int           { return len(h) }
func (h mergeHeap) Less(i, j int) bool { return cmpIDs(h[i].k, h[j].k) < 0 }
func (h mergeHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *mergeHeap) Push(x any)        { *h = append(*h, x.(mergeItem)) }
func (h *mergeHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

func newMerger(srcs []runSource) (*merger, error) {
	m := &merger{}
	for _, s := range srcs {
		k, ok, err := s.next()
		if err != nil {
			return nil, err
		}
		if ok {
			m.h = append(m.h, mergeItem{k, s})
		}
	}
	heap.Init(&m.h)
	return m, nil
}

// next returns the next distinct tuple in order.
func (m *merger) next() (ids, bool, error) {
	for len(m.h) > 0 {
		top := m.h[0]
		k, ok, err := top.src.next()
		if err != nil {
			return ids{}, false, err
		}
		if ok {
			m.h[0].k = k
			heap.Fix(&m.h, 0)
		} else {
			heap.Pop(&m.h)
		}
		if m.any && top.k == m.last {
			continue
		}
		m.last, m.any = top.k, true
		return top.k, true, nil
	}
	return ids{}, false, nil
}
