package store

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
)

// DefaultMaxLine is the longest N-Quads line a Reader accepts.
const DefaultMaxLine = 1 << 20

// Reader reads N-Quads line by line, like bufio.Scanner: it reports a
// malformed line as a *SyntaxError with the file name and line number,
// and then goes on with the next line, so a caller may skip bad lines. Any
// other error (an I/O error) is sticky. At the end it returns io.EOF. It
// implements quad.Reader.
type Reader struct {
	r       *bufio.Reader
	name    string
	line    int
	maxLine int
	buf     []byte
	err     error
}

// NewReader returns a Reader of r; name is the file name used in errors
// ("-" for standard input).
func NewReader(r io.Reader, name string) *Reader {
	return &Reader{r: bufio.NewReaderSize(r, 64<<10), name: name, maxLine: DefaultMaxLine}
}

// SetMaxLine sets the longest line accepted, in bytes.
func (r *Reader) SetMaxLine(n int) { r.maxLine = n }

// Line returns the number of the line last read.
func (r *Reader) Line() int { return r.line }

// ReadQuad returns the next quad. Blank lines and comments are skipped.
func (r *Reader) ReadQuad() (quad.Quad, error) {
	for {
		if r.err != nil {
			return quad.Quad{}, r.err
		}
		line, tooLong, err := r.readLine()
		if err != nil {
			r.err = err
			if err != io.EOF {
				r.err = fmt.Errorf("%s:%d: %w", r.name, r.line+1, err)
			}
			if len(line) == 0 && !tooLong {
				return quad.Quad{}, r.err
			}
		}
		r.line++
		if tooLong {
			return quad.Quad{}, r.tooLong(r.line)
		}
		q, skip, serr := r.parseLine(line, r.line)
		if skip {
			continue
		}
		if serr != nil {
			return quad.Quad{}, serr
		}
		return q, nil
	}
}

// parseLine parses line number n. skip is true for a blank line or a
// comment. It keeps no state, so lines may be parsed concurrently.
func (r *Reader) parseLine(line []byte, n int) (q quad.Quad, skip bool, err *SyntaxError) {
	line = bytes.TrimSpace(line)
	if len(line) == 0 || line[0] == '#' {
		return q, true, nil
	}
	syntax := func(format string, args ...any) *SyntaxError { return r.syntaxAt(n, format, args...) }
	if !utf8.Valid(line) {
		off := 0
		for off < len(line) {
			c, n := utf8.DecodeRune(line[off:])
			if c == utf8.RuneError && n <= 1 {
				break
			}
			off += n
		}
		return q, false, syntax("invalid UTF-8 at byte %d of the line", off)
	}
	if err := checkNQuad(line); err != nil {
		return q, false, syntax("%v", err)
	}
	if q, ok := fastNQuad(line); ok {
		return q, false, nil
	}
	q, perr := nquads.Parse(string(line))
	if perr != nil {
		return q, false, syntax("%v in %s", perr, snippet(line))
	}
	if q.Subject == nil || q.Predicate == nil || q.Object == nil {
		return q, false, syntax("incomplete quad %s", snippet(line))
	}
	return q, false, nil
}

func (r *Reader) syntaxAt(line int, format string, args ...any) *SyntaxError {
	return &SyntaxError{File: r.name, Line: line, Msg: fmt.Sprintf(format, args...)}
}

// tooLong is the error for a line longer than the limit.
func (r *Reader) tooLong(line int) *SyntaxError {
	return r.syntaxAt(line, "line is longer than %d bytes", r.maxLine)
}

// readLine returns the next line without its newline. A line longer than
// maxLine is consumed and reported as tooLong.
func (r *Reader) readLine() (line []byte, tooLong bool, err error) {
	r.buf = r.buf[:0]
	for {
		chunk, err := r.r.ReadSlice('\n')
		if len(r.buf)+len(chunk) > r.maxLine {
			tooLong = true
		} else {
			r.buf = append(r.buf, chunk...)
		}
		switch {
		case err == nil:
			return r.buf, tooLong, nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		default:
			return r.buf, tooLong, err
		}
	}
}

func snippet(line []byte) string {
	const n = 60
	if len(line) > n {
		return fmt.Sprintf("%q…", line[:n])
	}
	return fmt.Sprintf("%q", line)
}

// ImportOptions controls Import.
type ImportOptions struct {
	// Name is the input's name in errors ("-" for standard input).
	Name string
	// SkipBad skips malformed lines and counts them instead of failing.
	SkipBad bool
	// Progress, if set, is called now and then with the bytes read so
	// far, from the goroutine that reads the input.
	Progress func(bytesRead int64)
}

// ImportResult reports an import.
type ImportResult struct {
	Read    int            // quads read, duplicates included
	Stored  int            // distinct quads in the load
	Skipped int            // malformed lines skipped (with SkipBad)
	Bad     []*SyntaxError // the first malformed lines skipped, at most 10
}

// Import loads N-Quads from r in one atomic bulk load: a malformed line
// stops it with a *SyntaxError naming the line, and nothing from r is
// stored; with SkipBad, malformed lines are counted and skipped instead.
// What the store held before stays intact either way.
func (s *Store) Import(ctx context.Context, r io.Reader, opts ImportOptions) (ImportResult, error) {
	var res ImportResult
	if opts.Name == "" {
		opts.Name = "-"
	}
	cr := &countingReader{r: r, progress: opts.Progress}
	qr := NewReader(cr, opts.Name)
	w, err := s.NewBulkWriter(ctx)
	if err != nil {
		return res, fmt.Errorf("store: import: %w", err)
	}
	// One goroutine splits the input into batches of lines, a few parse
	// them, and this one encodes and sorts them in file order. They have
	// stopped reading r when Import returns.
	done := make(chan struct{})
	order := parseConcurrently(qr, done)
	defer order.wait()
	defer close(done)
	for {
		batch, ok := order.next(done)
		if !ok {
			break
		}
		for _, pl := range batch {
			var se *SyntaxError
			if errors.As(pl.err, &se) && opts.SkipBad {
				res.Skipped++
				if len(res.Bad) < 10 {
					res.Bad = append(res.Bad, se)
				}
				continue
			}
			if pl.err != nil {
				w.Abort()
				return res, fmt.Errorf("store: import: %w", pl.err)
			}
			if err := w.WriteQuad(pl.q); err != nil {
				w.Abort()
				return res, fmt.Errorf("store: import: %s:%d: %w", opts.Name, pl.line, err)
			}
			res.Read++
		}
		if err := ctx.Err(); err != nil {
			w.Abort()
			return res, fmt.Errorf("store: import: %w", err)
		}
	}
	br, err := w.Commit()
	if err != nil {
		return res, fmt.Errorf("store: import: %w", err)
	}
	res.Stored = br.Quads
	return res, nil
}

// ImportFile imports an N-Quads file; a name ending in .gz is
// decompressed.
func (s *Store) ImportFile(ctx context.Context, path string, opts ImportOptions) (ImportResult, error) {
	rc, err := OpenInput(path)
	if err != nil {
		return ImportResult{}, fmt.Errorf("store: import: %w", err)
	}
	defer rc.Close()
	if opts.Name == "" {
		opts.Name = path
	}
	return s.Import(ctx, rc, opts)
}

// OpenInput opens a file for reading, decompressing it when its name ends
// in .gz.
func OpenInput(path string) (io.ReadCloser, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	if !strings.HasSuffix(path, ".gz") {
		return f, nil
	}
	zr, err := gzip.NewReader(bufio.NewReaderSize(f, 256<<10))
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &gzipFile{Reader: zr, f: f}, nil
}

type gzipFile struct {
	*gzip.Reader
	f *os.File
}

func (g *gzipFile) Close() error {
	return errors.Join(g.Reader.Close(), g.f.Close())
}

type countingReader struct {
	r        io.Reader
	n        int64
	last     int64
	progress func(int64)
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	if c.progress != nil && (c.n-c.last >= 1<<20 || err != nil) {
		c.last = c.n
		c.progress(c.n)
	}
	return n, err
}

// ExportOptions controls ExportFile.
type ExportOptions struct {
	// Pattern selects the quads (the zero Pattern: all of them).
	Pattern Pattern
	// Progress, if set, is called now and then with the quads written.
	Progress func(quads int)
}

// Export writes the quads matching p as N-Quads to w and returns how many
// it wrote. It streams: memory does not grow with the store.
func (s *Store) Export(ctx context.Context, w io.Writer, p Pattern) (int, error) {
	return s.export(ctx, w, ExportOptions{Pattern: p})
}

func (s *Store) export(ctx context.Context, w io.Writer, opt ExportOptions) (int, error) {
	nw := nquads.NewWriter(w)
	n := 0
	for q, err := range s.Match(ctx, opt.Pattern) {
		if err != nil {
			return n, fmt.Errorf("store: export: %w", err)
		}
		if err := nw.WriteQuad(q); err != nil {
			return n, fmt.Errorf("store: export: %w", err)
		}
		if n++; opt.Progress != nil && n%8192 == 0 {
			opt.Progress(n)
		}
	}
	if opt.Progress != nil {
		opt.Progress(n)
	}
	if err := nw.Close(); err != nil {
		return n, fmt.Errorf("store: export: %w", err)
	}
	return n, nil
}

// ExportFile writes the quads opt selects to path, gzipped when the name
// ends in .gz. The file appears complete or not at all.
func (s *Store) ExportFile(ctx context.Context, path string, opt ExportOptions) (int, error) {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return 0, fmt.Errorf("store: export: %w", err)
	}
	defer os.Remove(tmp)
	var w io.Writer = f
	var zw *gzip.Writer
	if strings.HasSuffix(path, ".gz") {
		zw = gzip.NewWriter(f)
		w = zw
	}
	n, err := s.export(ctx, w, opt)
	if err == nil && zw != nil {
		err = zw.Close()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return n, err
	}
	if err := os.Rename(tmp, path); err != nil {
		return n, fmt.Errorf("store: export: %w", err)
	}
	return n, nil
}
