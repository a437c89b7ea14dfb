// Package modelfile is the container of kg's embedded model files: the
// model's bytes as one zstd frame.
//
// Files are written deterministically (one encoder, a fixed level, the
// whole content at once), so that make models reproduces the committed
// files byte for byte, and read whole into memory: decompressing zstd is
// several times faster than gzip, which is most of the time it takes to
// load the models.
package modelfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/klauspost/compress/zstd"
)

// ErrFormat is wrapped by Read errors for data that is not a model file.
var ErrFormat = errors.New("not a zstd model file")

// Compress returns raw as one zstd frame, the same bytes for the same
// raw bytes every time.
func Compress(raw []byte) []byte {
	enc, err := zstd.NewWriter(nil,
		zstd.WithEncoderLevel(zstd.SpeedBestCompression),
		zstd.WithEncoderConcurrency(1))
	if err != nil {
		panic(err) // only for invalid options, which are constants here
	}
	defer enc.Close()
	return enc.EncodeAll(raw, nil)
}

// Writer gathers what is written to it and, on Close, writes it to the
// underlying writer as a model file.
type Writer struct {
	w   io.Writer
	buf bytes.Buffer
}

// NewWriter returns a Writer that writes a model file to w on Close.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Write adds p to the model's content.
func (z *Writer) Write(p []byte) (int, error) { return z.buf.Write(p) }

// Close compresses the content and writes it.
func (z *Writer) Close() error {
	_, err := z.w.Write(Compress(z.buf.Bytes()))
	return err
}

// Read reads the whole model file r and returns its content, which may be
// at most max bytes (and so may r). Sizes stated in the file only bound
// allocations; they are never trusted for the content.
func Read(r io.Reader, max int64) ([]byte, error) {
	src, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(src)) > max {
		return nil, fmt.Errorf("model file larger than %d bytes", max)
	}
	dec, err := zstd.NewReader(nil,
		zstd.WithDecoderConcurrency(1),
		zstd.WithDecoderMaxMemory(uint64(max)))
	if err != nil {
		return nil, err
	}
	defer dec.Close()
	out, err := dec.DecodeAll(src, nil)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFormat, err)
	}
	if int64(len(out)) > max {
		return nil, fmt.Errorf("more than %d bytes decompressed", max)
	}
	return out, nil
}
