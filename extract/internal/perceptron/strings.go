package perceptron

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
)

// WriteStrings writes a length-prefixed list of strings to bw, for the
// auxiliary tables of model files. Unlike gob, the bytes depend only on
// the strings, so model files are reproducible.
func WriteStrings(bw *bufio.Writer, ss []string) {
	var buf [binary.MaxVarintLen64]byte
	bw.Write(buf[:binary.PutUvarint(buf[:], uint64(len(ss)))])
	for _, s := range ss {
		bw.Write(buf[:binary.PutUvarint(buf[:], uint64(len(s)))])
		bw.WriteString(s)
	}
}

// ReadStrings reads a list written by WriteStrings. It reads at most max
// strings of at most 1 MiB each.
func ReadStrings(br *bufio.Reader, max int) ([]string, error) {
	n, err := binary.ReadUvarint(br)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFormat, err)
	}
	if n > uint64(max) {
		return nil, fmt.Errorf("%w: %d strings, more than %d", ErrFormat, n, max)
	}
	out := make([]string, 0, min(n, 1<<16))
	var b []byte
	for i := uint64(0); i < n; i++ {
		l, err := binary.ReadUvarint(br)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrFormat, err)
		}
		if l > 1<<20 {
			return nil, fmt.Errorf("%w: string of %d bytes", ErrFormat, l)
		}
		if uint64(cap(b)) < l {
			b = make([]byte, l)
		}
		b = b[:l]
		if _, err := io.ReadFull(br, b); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrFormat, err)
		}
		out = append(out, string(b))
	}
	return out, nil
}
