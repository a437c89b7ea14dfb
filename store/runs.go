package store

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"math/bits"
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

// sortedRun sorts quads into index ix's key order, reusing dst. maxID
// bounds every ID in quads; the sort looks only at the bits it needs.
func sortedRun(dst []ids, quads []ids, ix index, maxID uint64) []ids {
	dst = dst[:0]
	for _, q := range quads {
		dst = append(dst, permute(ix, q))
	}
	radixSort(dst, maxID)
	return dst
}

// radixDigit is the width of one radix-sort pass.
const radixDigit = 11

// radixSortFirst sorts tuples by their first ID only (stable), with a
// full-width radix sort.
func radixSortFirst(a []ids) {
	if len(a) < 4096 {
		slices.SortStableFunc(a, func(x, y ids) int { return cmpUint(x[0], y[0]) })
		return
	}
	radixPasses(a, make([]ids, len(a)), 0, 64)
}

func cmpUint(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// radixSortWords sorts words with a least-significant-digit radix sort
// over the bits the largest one needs.
func radixSortWords(a []uint64) {
	if len(a) < 4096 {
		slices.Sort(a)
		return
	}
	var top uint64
	for _, x := range a {
		top = max(top, x)
	}
	tmp := make([]uint64, len(a))
	src, dst := a, tmp
	var count [1 << radixDigit]int
	for shift := 0; shift < bits.Len64(top); shift += radixDigit {
		clear(count[:])
		for _, x := range src {
			count[(x>>shift)&(1<<radixDigit-1)]++
		}
		sum := 0
		for d, c := range count {
			count[d] = sum
			sum += c
		}
		for _, x := range src {
			d := (x >> shift) & (1<<radixDigit - 1)
			dst[count[d]] = x
			count[d]++
		}
		src, dst = dst, src
	}
	if &src[0] != &a[0] {
		copy(a, src)
	}
}

// radixSort sorts tuples lexicographically with a least-significant-digit
// radix sort: for each of the four IDs from the last to the first, one
// stable counting pass per radixDigit bits that maxID needs. For a million
// tuples with IDs under 2^22 that is 8 linear passes instead of ~20
// million comparisons. Small inputs use a comparison sort.
func radixSort(a []ids, maxID uint64) {
	if len(a) < 4096 {
		slices.SortFunc(a, cmpIDs)
		return
	}
	width := bits.Len64(maxID)
	tmp := make([]ids, len(a))
	for word := 3; word >= 0; word-- {
		radixPasses(a, tmp, word, width)
	}
}

// radixPasses stably sorts a by the low width bits of word, one counting
// pass per radixDigit bits, using tmp (as long as a) as scratch. A pass
// whose digit is the same in every tuple moves nothing and is skipped.
func radixPasses(a, tmp []ids, word, width int) {
	src, dst := a, tmp
	var count [1 << radixDigit]int
	for shift := 0; shift < width; shift += radixDigit {
		clear(count[:])
		for i := range src {
			count[(src[i][word]>>shift)&(1<<radixDigit-1)]++
		}
		if len(src) > 0 && count[(src[0][word]>>shift)&(1<<radixDigit-1)] == len(src) {
			continue
		}
		sum := 0
		for d, c := range count {
			count[d] = sum
			sum += c
		}
		for i := range src {
			d := (src[i][word] >> shift) & (1<<radixDigit - 1)
			dst[count[d]] = src[i]
			count[d]++
		}
		src, dst = dst, src
	}
	if len(a) > 0 && &src[0] != &a[0] {
		copy(a, src)
	}
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

// runSource yields the tuples of one sorted run, a block at a time.
type runSource interface {
	// nextBlock returns the run's next tuples, at least one, or none at
	// its end. The block is valid until the next call.
	nextBlock() ([]ids, error)
	close() error
}

type memRun struct {
	run  []ids
	done bool
}

func (m *memRun) nextBlock() ([]ids, error) {
	if m.done {
		return nil, nil
	}
	m.done = true
	return m.run, nil
}

func (m *memRun) close() error { return nil }

// fileBlock is how many tuples a fileRun decodes at a time.
const fileBlock = 4096

type fileRun struct {
	f     *os.File
	r     *bufio.Reader
	buf   []byte // read into here, not a new buffer per block
	block []ids
}

func openRun(path string) (*fileRun, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	return &fileRun{f: f, r: bufio.NewReaderSize(f, 256<<10), buf: make([]byte, fileBlock*recLen), block: make([]ids, fileBlock)}, nil
}

func (fr *fileRun) nextBlock() ([]ids, error) {
	n, err := io.ReadFull(fr.r, fr.buf)
	switch {
	case err == io.EOF:
		return nil, nil
	case err == io.ErrUnexpectedEOF:
		if n%recLen != 0 {
			return nil, fmt.Errorf("reading sorted run: %d bytes left over", n%recLen)
		}
	case err != nil:
		return nil, fmt.Errorf("reading sorted run: %w", err)
	}
	block := fr.block[:n/recLen]
	for j := range block {
		rec := fr.buf[j*recLen:]
		for i := range block[j] {
			block[j][i] = binary.LittleEndian.Uint64(rec[8*i:])
		}
	}
	return block, nil
}

func (fr *fileRun) close() error { return fr.f.Close() }

// merger merges sorted runs, dropping duplicates. Its heap is written out
// rather than container/heap's, whose calls through an interface were a
// tenth of a load's commit.
type merger struct {
	h    []mergeItem // a min-heap on each item's current tuple
	last ids
	any  bool
}

type mergeItem struct {
	block []ids // the source's current block; block[0] is its next tuple
	src   runSource
}

func newMerger(srcs []runSource) (*merger, error) {
	m := &merger{}
	for _, s := range srcs {
		b, err := s.nextBlock()
		if err != nil {
			return nil, err
		}
		if len(b) > 0 {
			m.h = append(m.h, mergeItem{b, s})
		}
	}
	for i := len(m.h)/2 - 1; i >= 0; i-- {
		m.down(i)
	}
	return m, nil
}

// down restores the heap below i.
func (m *merger) down(i int) {
	h := m.h
	for {
		l := 2*i + 1
		if l >= len(h) {
			return
		}
		c := l
		if r := l + 1; r < len(h) && cmpIDs(h[r].block[0], h[l].block[0]) < 0 {
			c = r
		}
		if cmpIDs(h[c].block[0], h[i].block[0]) >= 0 {
			return
		}
		h[i], h[c] = h[c], h[i]
		i = c
	}
}

// next returns the next distinct tuple in order.
func (m *merger) next() (ids, bool, error) {
	for len(m.h) > 0 {
		top := &m.h[0]
		k := top.block[0]
		if top.block = top.block[1:]; len(top.block) == 0 {
			b, err := top.src.nextBlock()
			if err != nil {
				return ids{}, false, err
			}
			if len(b) > 0 {
				top.block = b
			} else {
				last := len(m.h) - 1
				m.h[0] = m.h[last]
				m.h = m.h[:last]
			}
		}
		if len(m.h) > 1 {
			m.down(0)
		}
		if m.any && k == m.last {
			continue
		}
		m.last, m.any = k, true
		return k, true, nil
	}
	return ids{}, false, nil
}
