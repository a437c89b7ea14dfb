package graph

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"math"
)

// snapshotMagic starts every encoded snapshot; the digit is the format
// version.
const snapshotMagic = "kg-graph-snapshot 1\n"

// WriteTo writes s in a compact binary form that ReadSnapshot reads back, so
// that a program can cache a snapshot on disk instead of rebuilding it from
// the store; deciding when the cache is stale is up to the caller. It writes
// about 40 bytes per line and 30 per node, with a CRC-32 checksum, in
// O(N + L) time.
func (s *Snapshot) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: bufio.NewWriterSize(w, 1<<16), h: crc32.NewIEEE()}
	cw.write([]byte(snapshotMagic))
	var meta []uint64
	for p := range s.meta {
		meta = append(meta, p)
	}
	cw.u64s(meta)
	cw.u64s(s.ids)
	cw.u64s(s.typ)
	cw.u64s(s.name)
	cw.i32s(s.lfrom)
	cw.i32s(s.lto)
	cw.u64s(s.lpred)
	cw.u64s(s.llabel)
	cw.i32s(s.attrStart)
	cw.uvarint(uint64(len(s.attrs)))
	for _, a := range s.attrs {
		cw.fixed(a.S)
		cw.fixed(a.P)
		cw.fixed(a.O)
		cw.fixed(a.L)
	}
	var sum [4]byte
	binary.LittleEndian.PutUint32(sum[:], cw.h.Sum32())
	cw.write(sum[:])
	if cw.err == nil {
		cw.err = cw.w.(*bufio.Writer).Flush()
	}
	if cw.err != nil {
		return cw.n, fmt.Errorf("graph: write snapshot: %w", cw.err)
	}
	return cw.n, nil
}

type countWriter struct {
	w   io.Writer
	h   hash.Hash32
	n   int64
	err error
	buf [binary.MaxVarintLen64]byte
}

func (c *countWriter) write(b []byte) {
	if c.err != nil {
		return
	}
	c.h.Write(b)
	n, err := c.w.Write(b)
	c.n += int64(n)
	c.err = err
}

func (c *countWriter) uvarint(x uint64) { c.write(c.buf[:binary.PutUvarint(c.buf[:], x)]) }

func (c *countWriter) fixed(x uint64) {
	binary.LittleEndian.PutUint64(c.buf[:8], x)
	c.write(c.buf[:8])
}

// chunk is the number of array elements encoded or decoded at a time.
const chunk = 1 << 13

func (c *countWriter) u64s(xs []uint64) {
	c.uvarint(uint64(len(xs)))
	b := make([]byte, 0, 8*min(len(xs), chunk))
	for len(xs) > 0 {
		k := min(len(xs), chunk)
		b = b[:0]
		for _, x := range xs[:k] {
			b = binary.LittleEndian.AppendUint64(b, x)
		}
		c.write(b)
		xs = xs[k:]
	}
}

func (c *countWriter) i32s(xs []int32) {
	c.uvarint(uint64(len(xs)))
	b := make([]byte, 0, 4*min(len(xs), chunk))
	for len(xs) > 0 {
		k := min(len(xs), chunk)
		b = b[:0]
		for _, x := range xs[:k] {
			b = binary.LittleEndian.AppendUint32(b, uint32(x))
		}
		c.write(b)
		xs = xs[k:]
	}
}

// ReadSnapshot reads a snapshot written by WriteTo. Namer resolves IDs as for
// Build and must be the same dictionary the snapshot was built with.
// Malformed input gives an error wrapping ErrBadSnapshot, never a panic;
// memory is allocated only as data arrives, so a corrupted length cannot
// exhaust it. It takes O(N + L) time.
func ReadSnapshot(r io.Reader, namer Namer) (*Snapshot, error) {
	cr := &countReader{r: bufio.NewReaderSize(r, 1<<16), h: crc32.NewIEEE()}
	magic := make([]byte, len(snapshotMagic))
	cr.read(magic)
	if cr.err == nil && string(magic) != snapshotMagic {
		return nil, fmt.Errorf("%w: not a kg graph snapshot (or another version)", ErrBadSnapshot)
	}
	meta := cr.u64s()
	ids := cr.u64s()
	typ := cr.u64s()
	name := cr.u64s()
	lfrom := cr.i32s()
	lto := cr.i32s()
	lpred := cr.u64s()
	llabel := cr.u64s()
	attrStart := cr.i32s()
	na := cr.count(32)
	var attrs []Fact
	for i := uint64(0); i < na && cr.err == nil; i++ {
		attrs = append(attrs, Fact{cr.fixed(), cr.fixed(), cr.fixed(), cr.fixed()})
	}
	want := cr.h.Sum32()
	var sum [4]byte
	cr.read(sum[:])
	if cr.err != nil {
		return nil, fmt.Errorf("%w: offset %d: %v", ErrBadSnapshot, cr.n, cr.err)
	}
	if binary.LittleEndian.Uint32(sum[:]) != want {
		return nil, fmt.Errorf("%w: checksum mismatch", ErrBadSnapshot)
	}
	n := len(ids)
	m := len(lfrom)
	if len(typ) != n || len(name) != n || len(lto) != m || len(lpred) != m || len(llabel) != m || len(attrStart) != n+1 {
		return nil, fmt.Errorf("%w: inconsistent array lengths", ErrBadSnapshot)
	}
	for i := 0; i < m; i++ {
		if lfrom[i] < 0 || int(lfrom[i]) >= n || lto[i] < 0 || int(lto[i]) >= n {
			return nil, fmt.Errorf("%w: line %d joins nodes out of range", ErrBadSnapshot, i)
		}
	}
	if attrStart[0] != 0 || int(attrStart[n]) != len(attrs) {
		return nil, fmt.Errorf("%w: attribute index out of range", ErrBadSnapshot)
	}
	anode := make([]int32, len(attrs))
	for u := 0; u < n; u++ {
		if attrStart[u+1] < attrStart[u] {
			return nil, fmt.Errorf("%w: attribute index not increasing", ErrBadSnapshot)
		}
		for i := attrStart[u]; i < attrStart[u+1]; i++ {
			anode[i] = int32(u)
		}
	}
	used := make([]bool, n)
	for u := range used {
		used[u] = true
	}
	s := assemble(namer, ids, typ, name, used, lfrom, lto, lpred, llabel, anode, attrs)
	if s.index.len() != n {
		return nil, fmt.Errorf("%w: a node is listed twice", ErrBadSnapshot)
	}
	s.meta = make(map[uint64]bool, len(meta))
	for _, p := range meta {
		s.meta[p] = true
	}
	return s, nil
}

type countReader struct {
	r   io.Reader
	h   hash.Hash32
	n   int64
	err error
	buf [8]byte
}

func (c *countReader) read(b []byte) {
	if c.err != nil {
		return
	}
	n, err := io.ReadFull(c.r, b)
	c.n += int64(n)
	c.h.Write(b[:n])
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	c.err = err
}

func (c *countReader) ReadByte() (byte, error) {
	c.read(c.buf[:1])
	return c.buf[0], c.err
}

// count reads a length, refusing lengths beyond what a snapshot can hold.
func (c *countReader) count(size int) uint64 {
	if c.err != nil {
		return 0
	}
	x, err := binary.ReadUvarint(c)
	if err != nil {
		if c.err == nil {
			c.err = err
		}
		return 0
	}
	if x > maxElems+1 || x > math.MaxInt64/uint64(size) {
		c.err = fmt.Errorf("length %d too large", x)
		return 0
	}
	return x
}

func (c *countReader) fixed() uint64 {
	c.read(c.buf[:8])
	if c.err != nil {
		return 0
	}
	return binary.LittleEndian.Uint64(c.buf[:8])
}

// u64s reads a length and that many uint64s, allocating as data arrives.
func (c *countReader) u64s() []uint64 {
	n := c.count(8)
	out := make([]uint64, 0, min(n, chunk))
	b := make([]byte, 8*min(n, chunk))
	for uint64(len(out)) < n && c.err == nil {
		k := min(n-uint64(len(out)), chunk)
		c.read(b[:8*k])
		for i := uint64(0); i < k && c.err == nil; i++ {
			out = append(out, binary.LittleEndian.Uint64(b[8*i:]))
		}
	}
	return out
}

// i32s reads a length and that many int32s, allocating as data arrives.
func (c *countReader) i32s() []int32 {
	n := c.count(4)
	out := make([]int32, 0, min(n, chunk))
	b := make([]byte, 4*min(n, chunk))
	for uint64(len(out)) < n && c.err == nil {
		k := min(n-uint64(len(out)), chunk)
		c.read(b[:4*k])
		for i := uint64(0); i < k && c.err == nil; i++ {
			out = append(out, int32(binary.LittleEndian.Uint32(b[4*i:])))
		}
	}
	return out
}
