package depparse

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/kgraph/kg/extract/internal/modelfile"
)

// The model file (see package modelfile) holds:
//
//	magic "kg-depparse 2\n"
//	uvarint number of labels, then each label as uvarint length + bytes
//	uvarint id of the root label
//	uvarint number of ambiguity classes C, then each as uvarint length +
//	  bytes (tags joined by spaces); uvarint number of words, then each as
//	  uvarint length + bytes and uvarint class index, words sorted
//	the transition table, then the label table, each as:
//	  uint32 (little endian) bits of the float32 weight scale
//	  uvarint number of features F, then F uvarint gaps between sorted keys
//	  F bytes: number of weights of each feature
//	  uvarint number of weights W, W class bytes, W low bytes, W high bytes
//
// Splitting the 16-bit weights into byte planes lets the compressor squeeze the
// mostly-constant high bytes.

const magic = "kg-depparse 3\n"

// ErrFormat is returned (wrapped) by Read for a file that is not a parser
// model or is damaged.
var ErrFormat = errors.New("depparse: bad model file")

// Write stores the model, compressed, in w.
func (m *Model) Write(w io.Writer) error {
	zw := modelfile.NewWriter(w)
	bw := bufio.NewWriter(zw)
	var buf [binary.MaxVarintLen64]byte
	uv := func(x uint64) { bw.Write(buf[:binary.PutUvarint(buf[:], x)]) }
	bw.WriteString(magic)
	uv(uint64(len(m.labels)))
	for _, l := range m.labels {
		uv(uint64(len(l)))
		bw.WriteString(l)
	}
	uv(uint64(m.root))
	words := make([]string, 0, len(m.amb))
	var classes []string
	for w, c := range m.amb {
		words = append(words, w)
		classes = append(classes, c)
	}
	slices.Sort(words)
	slices.Sort(classes)
	classes = slices.Compact(classes)
	uv(uint64(len(classes)))
	for _, c := range classes {
		uv(uint64(len(c)))
		bw.WriteString(c)
	}
	uv(uint64(len(words)))
	for _, w := range words {
		uv(uint64(len(w)))
		bw.WriteString(w)
		i, _ := slices.BinarySearch(classes, m.amb[w])
		uv(uint64(i))
	}
	writeTable(bw, &m.act)
	writeTable(bw, &m.lab)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("depparse: write model: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("depparse: write model: %w", err)
	}
	return nil
}

// Read loads a model written by Write.
func Read(r io.Reader) (*Model, error) {
	m, err := read(r)
	if err != nil {
		if !errors.Is(err, ErrFormat) {
			err = fmt.Errorf("%w: %w", ErrFormat, err)
		}
		return nil, fmt.Errorf("depparse: read model: %w", err)
	}
	return m, nil
}

func read(r io.Reader) (*Model, error) {
	// Decode from memory: reading the fields byte by byte through a
	// bufio.Reader took a quarter of the load time.
	data, err := modelfile.Read(r, maxModelSize)
	if err != nil {
		return nil, err
	}
	d := &decoder{b: data}
	if head, err := d.bytes(uint64(len(magic))); err != nil || string(head) != magic {
		return nil, errors.New("not a parser model")
	}
	nl, err := d.uv(127, "labels")
	if err != nil {
		return nil, err
	}
	m := &Model{labels: make([]string, nl)}
	for i := range m.labels {
		k, err := d.uv(256, "label length")
		if err != nil {
			return nil, err
		}
		b, err := d.bytes(k)
		if err != nil {
			return nil, fmt.Errorf("label: %w", err)
		}
		m.labels[i] = string(b)
	}
	root, err := d.uv(nl-1, "root label")
	if err != nil {
		return nil, err
	}
	m.root = int(root)
	if m.labels[m.root] != "root" {
		return nil, errors.New("root label is not root")
	}
	if nl < 2 {
		return nil, errors.New("fewer than two labels")
	}
	for i, l := range m.labels {
		rel, head, lifted := strings.Cut(l, liftMark)
		if rel == "" || strings.Contains(head, liftMark) || (lifted && head == "") ||
			(rel == "root" && i != m.root) {
			return nil, fmt.Errorf("bad label %q", l)
		}
	}
	m.setLabels(m.labels, m.root)
	nc, err := d.uv(1<<20, "ambiguity classes")
	if err != nil {
		return nil, err
	}
	str := func(what string) (string, error) {
		k, err := d.uv(1<<10, what)
		if err != nil {
			return "", err
		}
		b, err := d.bytes(k)
		if err != nil {
			return "", fmt.Errorf("%s: %w", what, err)
		}
		return string(b), nil
	}
	// every class and word takes at least a byte, which bounds the
	// allocations that sizes read from the file can cause
	classes := make([]string, 0, min(nc, uint64(d.left())))
	for range nc {
		c, err := str("ambiguity class")
		if err != nil {
			return nil, err
		}
		classes = append(classes, c)
	}
	nw, err := d.uv(1<<24, "words")
	if err != nil {
		return nil, err
	}
	amb := make(map[string]string, min(nw, uint64(d.left()/2)))
	for i := uint64(0); i < nw; i++ {
		w, err := str("word")
		if err != nil {
			return nil, err
		}
		c, err := d.uv(nc-1, "word class")
		if err != nil || nc == 0 {
			return nil, errors.New("word class out of range")
		}
		amb[w] = classes[c]
	}
	m.setClasses(amb)
	if err := readTable(d, &m.act, 3); err != nil {
		return nil, fmt.Errorf("transitions: %w", err)
	}
	if err := readTable(d, &m.lab, len(m.labels)); err != nil {
		return nil, fmt.Errorf("labels: %w", err)
	}
	return m, nil
}

func writeTable(bw *bufio.Writer, t *table) {
	var buf [binary.MaxVarintLen64]byte
	uv := func(x uint64) { bw.Write(buf[:binary.PutUvarint(buf[:], x)]) }
	binary.LittleEndian.PutUint32(buf[:4], math.Float32bits(t.scale))
	bw.Write(buf[:4])
	keys, counts, cls, ws := t.arrays()
	uv(uint64(len(keys)))
	prev := uint32(0)
	for _, k := range keys {
		uv(uint64(k - prev))
		prev = k
	}
	bw.Write(counts)
	uv(uint64(len(cls)))
	bw.Write(cls)
	for _, x := range ws {
		bw.WriteByte(byte(uint16(x)))
	}
	for _, x := range ws {
		bw.WriteByte(byte(uint16(x) >> 8))
	}
}

func readTable(d *decoder, t *table, nc int) error {
	b4, err := d.bytes(4)
	if err != nil {
		return fmt.Errorf("scale: %w", err)
	}
	t.scale = math.Float32frombits(binary.LittleEndian.Uint32(b4))
	nf, err := d.uv(1<<28, "features")
	if err != nil {
		return err
	}
	// each key takes at least a byte: the file's size bounds the
	// allocation that nf can ask for
	keys := make([]uint32, 0, min(nf, uint64(d.left())))
	prev := uint64(0)
	for i := uint64(0); i < nf; i++ {
		g, err := d.uv(math.MaxUint32, "key")
		if err != nil {
			return err
		}
		prev += g
		if prev > math.MaxUint32 || prev == 0 || (i > 0 && g == 0) {
			return errors.New("keys not increasing")
		}
		keys = append(keys, uint32(prev))
	}
	counts, err := d.bytes(nf)
	if err != nil {
		return fmt.Errorf("counts: %w", err)
	}
	total := uint64(0)
	for _, c := range counts {
		total += uint64(c)
	}
	nw, err := d.uv(1<<32-1, "weights")
	if err != nil {
		return err
	}
	if nw != total {
		return errors.New("weight count mismatch")
	}
	var cls, lo, hi []byte
	for _, b := range []*[]byte{&cls, &lo, &hi} {
		if *b, err = d.bytes(nw); err != nil {
			return fmt.Errorf("weights: %w", err)
		}
	}
	if slices.ContainsFunc(cls, func(c byte) bool { return int(c) >= nc }) {
		return errors.New("class out of range")
	}
	ws := make([]int16, nw)
	hi = hi[:len(ws)]
	lo = lo[:len(ws)]
	for i := range ws {
		ws[i] = int16(uint16(lo[i]) | uint16(hi[i])<<8)
	}
	t.build(keys, counts, cls, ws)
	return nil
}
