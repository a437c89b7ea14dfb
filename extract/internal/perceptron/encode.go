package perceptron

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"

	"github.com/kgraph/kg/extract/internal/modelfile"
)

const magic = "kg-perceptron-1\n"

// ErrFormat is wrapped by Load errors for data that is not a model.
var ErrFormat = errors.New("not a perceptron model")

// Save writes m to w as a model file (see modelfile). Keys are delta-coded in ascending
// order and weights stored as bfloat16, so Load(Save(m)) equals m.
func (m *Model) Save(w io.Writer) error {
	zw := modelfile.NewWriter(w)
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

// Encode writes m uncompressed to out, for embedding in a larger file;
// errors are left in out and reported by its Flush. The model is written
// as a length-prefixed block, so Decode reads it in one go.
func (m *Model) Encode(out *bufio.Writer) {
	var block bytes.Buffer
	m.encode(bufio.NewWriter(&block))
	var buf [binary.MaxVarintLen64]byte
	out.WriteString(magic)
	out.Write(buf[:binary.PutUvarint(buf[:], uint64(block.Len()))])
	out.Write(block.Bytes())
}

func (m *Model) encode(bw *bufio.Writer) {
	defer bw.Flush()
	var buf [binary.MaxVarintLen64]byte
	uv := func(x uint64) { bw.Write(buf[:binary.PutUvarint(buf[:], x)]) }
	uv(uint64(len(m.Classes)))
	for _, c := range m.Classes {
		uv(uint64(len(c)))
		bw.WriteString(c)
	}
	rows := slices.Clone(m.rows)
	sortRows(rows, func(a, b row) bool { return a.key < b.key })
	uv(uint64(len(rows)))
	prev := uint64(0)
	for _, e := range rows {
		uv(e.key - prev)
		prev = e.key
	}
	for _, e := range rows {
		uv(uint64(e.n))
		pc := uint16(0)
		for _, en := range m.entries[e.start : e.start+e.n] {
			uv(uint64(en.class - pc))
			pc = en.class
			var h [2]byte
			binary.LittleEndian.PutUint16(h[:], en.w)
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
	data, err := modelfile.Read(r, 1<<30)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFormat, err)
	}
	return decode(bufio.NewReaderSize(bytes.NewReader(data), 1<<16))
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
	size, err := binary.ReadUvarint(br)
	if err != nil || size > 1<<31 {
		return nil, fmt.Errorf("%w: bad block size", ErrFormat)
	}
	// read in chunks so that a lying size cannot allocate much
	var block []byte
	for uint64(len(block)) < size {
		n := min(size-uint64(len(block)), 1<<20)
		chunk := make([]byte, n)
		if _, err := io.ReadFull(br, chunk); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrFormat, err)
		}
		block = append(block, chunk...)
	}
	return decodeBlock(block)
}

// decodeBlock parses a model block.
func decodeBlock(b []byte) (*Model, error) {
	pos := 0
	uv := func(limit uint64) (uint64, error) {
		x, n := binary.Uvarint(b[pos:])
		if n <= 0 {
			return 0, fmt.Errorf("%w: truncated", ErrFormat)
		}
		pos += n
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
		if uint64(len(b)-pos) < n {
			return nil, fmt.Errorf("%w: truncated", ErrFormat)
		}
		m.Classes[i] = string(b[pos : pos+int(n)])
		pos += int(n)
	}
	nr, err := uv(uint64(len(b)))
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
	m.entries = make([]entry, 0, (len(b)-pos)/3)
	m.rows = make([]row, 0, nr)
	for _, k := range keys {
		start := uint32(len(m.entries))
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
			if len(b)-pos < 2 {
				return nil, fmt.Errorf("%w: truncated", ErrFormat)
			}
			w := binary.LittleEndian.Uint16(b[pos:])
			pos += 2
			m.entries = append(m.entries, entry{uint16(c), w})
		}
		if len(m.entries) > maxEntries || n > 255 {
			return nil, fmt.Errorf("%w: too many weights", ErrFormat)
		}
		m.rows = append(m.rows, row{k, start, uint32(len(m.entries)) - start})
	}
	m.build()
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
