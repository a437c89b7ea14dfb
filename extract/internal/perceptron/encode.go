package perceptron

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
)

const magic = "kg-perceptron-1\n"

// ErrFormat is wrapped by Load errors for data that is not a model.
var ErrFormat = errors.New("not a perceptron model")

// Save writes m to w, gzip-compressed. Keys are delta-coded in ascending
// order and weights stored as bfloat16, so Load(Save(m)) equals m.
func (m *Model) Save(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("perceptron: save: %w", err)
	}
	bw := bufio.NewWriter(zw)
	m.Encode(bw)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("perceptron: save: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("perceptron: save: %w", err)
	}
	return nil
}

// Encode writes m uncompressed to bw, for embedding in a larger file;
// errors are left in bw and reported by its Flush.
func (m *Model) Encode(bw *bufio.Writer) {
	var buf [binary.MaxVarintLen64]byte
	uv := func(x uint64) { bw.Write(buf[:binary.PutUvarint(buf[:], x)]) }
	bw.WriteString(magic)
	uv(uint64(len(m.Classes)))
	for _, c := range m.Classes {
		uv(uint64(len(c)))
		bw.WriteString(c)
	}
	type kr struct {
		k uint64
		r int32
	}
	rows := make([]kr, 0, m.NumFeatures())
	for i, k := range m.index.keys {
		if k != 0 {
			rows = append(rows, kr{k, m.index.vals[i]})
		}
	}
	sortRows(rows, func(a, b kr) bool { return a.k < b.k })
	uv(uint64(len(rows)))
	prev := uint64(0)
	for _, e := range rows {
		uv(e.k - prev)
		prev = e.k
	}
	for _, e := range rows {
		a, b := m.start[e.r], m.start[e.r+1]
		uv(uint64(b - a))
		pc := uint16(0)
		for i := a; i < b; i++ {
			uv(uint64(m.class[i] - pc))
			pc = m.class[i]
			var h [2]byte
			binary.LittleEndian.PutUint16(h[:], uint16(math.Float32bits(m.weight[i])>>16))
			bw.Write(h[:])
		}
	}
}

// Load reads a model written by Save.
func Load(r io.Reader) (*Model, error) {
	m, err := load(r)
	if err != nil {
		return nil, fmt.Errorf("perceptron: load: %w", err)
	}
	return m, nil
}

func load(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFormat, err)
	}
	return decode(bufio.NewReaderSize(zr, 1<<16))
}

// Decode reads a model written by Encode from br.
func Decode(br *bufio.Reader) (*Model, error) {
	m, err := decode(br)
	if err != nil {
		return nil, fmt.Errorf("perceptron: decode: %w", err)
	}
	return m, nil
}

func decode(br *bufio.Reader) (*Model, error) {
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magic {
		return nil, ErrFormat
	}
	uv := func(limit uint64) (uint64, error) {
		x, err := binary.ReadUvarint(br)
		if err != nil {
			return 0, fmt.Errorf("%w: %w", ErrFormat, err)
		}
		if x > limit {
			return 0, fmt.Errorf("%w: value %d over %d", ErrFormat, x, limit)
		}
		return x, nil
	}
	nc, err := uv(1 << 16)
	if err != nil {
		return nil, err
	}
	m := &Model{Classes: make([]string, nc)}
	for i := range m.Classes {
		n, err := uv(1 << 10)
		if err != nil {
			return nil, err
		}
		b := make([]byte, n)
		if _, err := io.ReadFull(br, b); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrFormat, err)
		}
		m.Classes[i] = string(b)
	}
	nr, err := uv(1 << 28)
	if err != nil {
		return nil, err
	}
	keys := make([]uint64, nr)
	prev := uint64(0)
	for i := range keys {
		d, err := uv(math.MaxUint64)
		if err != nil {
			return nil, err
		}
		prev += d
		if prev == 0 || (i > 0 && d == 0) {
			return nil, fmt.Errorf("%w: bad key", ErrFormat)
		}
		keys[i] = prev
	}
	m.index = newTable(int(nr))
	m.start = make([]int32, 1, nr+1)
	for r, k := range keys {
		n, err := uv(nc)
		if err != nil {
			return nil, err
		}
		c := uint64(0)
		for j := uint64(0); j < n; j++ {
			d, err := uv(nc)
			if err != nil {
				return nil, err
			}
			c += d
			if c >= nc {
				return nil, fmt.Errorf("%w: class %d out of range", ErrFormat, c)
			}
			var h [2]byte
			if _, err := io.ReadFull(br, h[:]); err != nil {
				return nil, fmt.Errorf("%w: %w", ErrFormat, err)
			}
			m.class = append(m.class, uint16(c))
			m.weight = append(m.weight, math.Float32frombits(uint32(binary.LittleEndian.Uint16(h[:]))<<16))
		}
		m.start = append(m.start, int32(len(m.class)))
		m.index.put(k, int32(r))
	}
	return m, nil
}

func sortRows[T any](s []T, less func(a, b T) bool) {
	slices.SortFunc(s, func(a, b T) int {
		if less(a, b) {
			return -1
		}
		if less(b, a) {
			return 1
		}
		return 0
	})
}
