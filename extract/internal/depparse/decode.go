package depparse

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// maxModelSize bounds the decompressed size of a model file.
const maxModelSize = 1 << 30

// errTruncated is returned (wrapped) for a file that ends early.
var errTruncated = io.ErrUnexpectedEOF

// decoder reads the fields of a decompressed model from memory.
type decoder struct {
	b   []byte
	pos int
}

// uv reads a uvarint no greater than max.
func (d *decoder) uv(max uint64, what string) (uint64, error) {
	b := d.b[d.pos:]
	// fast path for one-byte values, the most common
	if len(b) > 0 && b[0] < 0x80 {
		d.pos++
		x := uint64(b[0])
		if x > max {
			return 0, fmt.Errorf("%s: %d out of range", what, x)
		}
		return x, nil
	}
	x, n := binary.Uvarint(b)
	switch {
	case n == 0:
		return 0, fmt.Errorf("%s: %w", what, errTruncated)
	case n < 0:
		return 0, fmt.Errorf("%s: %w", what, errOverflow)
	}
	d.pos += n
	if x > max {
		return 0, fmt.Errorf("%s: %d out of range", what, x)
	}
	return x, nil
}

var errOverflow = errors.New("varint overflows a 64-bit integer")

// bytes returns the next n bytes, not copied.
func (d *decoder) bytes(n uint64) ([]byte, error) {
	if uint64(len(d.b)-d.pos) < n {
		return nil, errTruncated
	}
	s := d.b[d.pos : d.pos+int(n)]
	d.pos += int(n)
	return s, nil
}

// left returns the number of bytes not read yet.
func (d *decoder) left() int { return len(d.b) - d.pos }
