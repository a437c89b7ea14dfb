package extract

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"
)

// Document is one text to extract facts from.
type Document struct {
	ID     string `json:"id"`              // file name without extension, or the corpus's id
	Title  string `json:"title,omitempty"` // from a JSON Lines corpus
	Date   string `json:"date,omitempty"`  // YYYY-MM-DD when known
	Source string `json:"source,omitempty"`
	Text   string `json:"text"` // the body; fact offsets index it
}

// ReadOptions controls how documents are read.
type ReadOptions struct {
	// ReplaceInvalid replaces invalid UTF-8 with U+FFFD instead of failing.
	ReplaceInvalid bool
	// MaxBytes is the largest document (or JSON line) accepted; 0 means
	// DefaultMaxDocument.
	MaxBytes int
}

// DefaultMaxDocument is the default size limit of one document.
const DefaultMaxDocument = 64 << 20

// DocumentError is a problem with one input: its name, and the byte offset
// (or the 1-based line of a JSON Lines corpus) where it was found.
type DocumentError struct {
	Name   string
	Line   int   // 0 when not line-based
	Offset int64 // -1 when unknown
	Err    error
}

func (e *DocumentError) Error() string {
	var b strings.Builder
	b.WriteString("extract: ")
	b.WriteString(e.Name)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Offset >= 0 {
		fmt.Fprintf(&b, ": byte %d", e.Offset)
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *DocumentError) Unwrap() error { return e.Err }

// ErrTooLarge is wrapped by errors for a document above the size limit.
var ErrTooLarge = errors.New("document too large")

// headerRE matches the seed-file header: " date YYYY-MM-DD" and an optional
// section word (a capitalised, possibly hyphenated word alone before the
// end of the line, such as "National-World").
var headerRE = regexp.MustCompile(`^\s*date\s+(\d{4}-\d{2}-\d{2})[ \t]*`)
var sectionRE = regexp.MustCompile(`^[A-Z][A-Za-z]*(?:-[A-Z][A-Za-z]*)*[ \t]*(?:\r?\n|$)`)

// ParseDocument makes a document from raw bytes: it checks the encoding
// and moves a leading date header (and section word) out of the text.
// name is used in errors and, without its extension, as the ID.
func ParseDocument(name string, data []byte, opt ReadOptions) (Document, error) {
	text, err := checkUTF8(name, data, opt)
	if err != nil {
		return Document{}, err
	}
	d := Document{ID: docID(name), Source: name}
	d.Date, d.Text = splitHeader(text)
	return d, nil
}

func checkUTF8(name string, data []byte, opt ReadOptions) (string, error) {
	if utf8.Valid(data) {
		return string(data), nil
	}
	if opt.ReplaceInvalid {
		return string(bytes.ToValidUTF8(data, []byte("\uFFFD"))), nil
	}
	off := 0
	for off < len(data) {
		r, n := utf8.DecodeRune(data[off:])
		if r == utf8.RuneError && n <= 1 {
			break
		}
		off += n
	}
	return "", &DocumentError{Name: name, Offset: int64(off), Err: ErrInvalidUTF8}
}

// splitHeader returns the date of a leading " date YYYY-MM-DD" header and
// the text after it (and after a section word that follows it).
func splitHeader(text string) (date, body string) {
	m := headerRE.FindStringSubmatchIndex(text)
	if m == nil {
		return "", text
	}
	date = text[m[2]:m[3]]
	rest := text[m[1]:]
	if s := sectionRE.FindStringIndex(rest); s != nil {
		rest = rest[s[1]:]
	}
	return date, rest
}

func docID(name string) string {
	base := filepath.Base(name)
	if name == "-" || name == "" {
		return "stdin"
	}
	for _, ext := range []string{".jsonl", ".txt", ".md"} {
		if strings.HasSuffix(base, ext) {
			return strings.TrimSuffix(base, ext)
		}
	}
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// DocumentReader streams documents from files, directories, standard input
// and JSON Lines corpora, like bufio.Scanner: Next returns the next
// document, io.EOF at the end, and an error naming the input otherwise.
// Errors are sticky. Empty documents are skipped. It is not safe for
// concurrent use.
type DocumentReader struct {
	opt     ReadOptions
	stdin   io.Reader
	pending []string // inputs not yet opened, in order
	jsonl   *jsonlReader
	err     error
}

// NewDocumentReader reads the documents of paths in order: "-" is stdin
// (plain text, or JSON Lines when it starts with '{'), a directory is read
// recursively (.txt, .md, .jsonl files, in lexical order), a .jsonl file
// is a corpus of {"id","date","title","text"} lines, any other file is one
// document.
func NewDocumentReader(stdin io.Reader, paths []string, opt ReadOptions) *DocumentReader {
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = DefaultMaxDocument
	}
	return &DocumentReader{opt: opt, stdin: stdin, pending: append([]string(nil), paths...)}
}

// Next returns the next non-empty document.
func (r *DocumentReader) Next() (Document, error) {
	for r.err == nil {
		if r.jsonl != nil {
			d, err := r.jsonl.next()
			if err == io.EOF {
				r.jsonl.close()
				r.jsonl = nil
				continue
			}
			if err != nil {
				r.jsonl.close()
				r.err = err
				break
			}
			if strings.TrimSpace(d.Text) == "" {
				continue
			}
			return d, nil
		}
		if len(r.pending) == 0 {
			r.err = io.EOF
			break
		}
		p := r.pending[0]
		r.pending = r.pending[1:]
		d, ok, err := r.open(p)
		if err != nil {
			r.err = err
			break
		}
		if ok && strings.TrimSpace(d.Text) != "" {
			return d, nil
		}
	}
	return Document{}, r.err
}

// open opens one input: it returns a plain document, or starts a JSON
// Lines reader (ok false), or expands a directory into pending.
func (r *DocumentReader) open(p string) (Document, bool, error) {
	if p == "-" {
		br := bufio.NewReaderSize(r.stdin, 64<<10)
		first, _ := br.Peek(64)
		if t := bytes.TrimLeft(first, " \t\r\n"); len(t) > 0 && t[0] == '{' {
			r.jsonl = newJSONL("stdin", io.NopCloser(br), r.opt)
			return Document{}, false, nil
		}
		data, err := readLimited(br, r.opt.MaxBytes)
		if err != nil {
			return Document{}, false, &DocumentError{Name: "stdin", Offset: -1, Err: err}
		}
		d, err := ParseDocument("-", data, r.opt)
		return d, err == nil, err
	}
	st, err := os.Stat(p)
	if err != nil {
		return Document{}, false, &DocumentError{Name: p, Offset: -1, Err: err}
	}
	if st.IsDir() {
		files, err := listDir(p)
		if err != nil {
			return Document{}, false, &DocumentError{Name: p, Offset: -1, Err: err}
		}
		r.pending = append(files, r.pending...)
		return Document{}, false, nil
	}
	f, err := os.Open(p)
	if err != nil {
		return Document{}, false, &DocumentError{Name: p, Offset: -1, Err: err}
	}
	if strings.HasSuffix(p, ".jsonl") {
		r.jsonl = newJSONL(p, f, r.opt)
		return Document{}, false, nil
	}
	defer f.Close()
	data, err := readLimited(f, r.opt.MaxBytes)
	if err != nil {
		return Document{}, false, &DocumentError{Name: p, Offset: -1, Err: err}
	}
	d, err := ParseDocument(p, data, r.opt)
	return d, err == nil, err
}

func readLimited(rd io.Reader, max int) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(rd, int64(max)+1))
	if err != nil {
		return nil, err
	}
	if len(data) > max {
		return nil, fmt.Errorf("%w (more than %d bytes)", ErrTooLarge, max)
	}
	return data, nil
}

// listDir lists the .txt, .md and .jsonl files under dir, recursively, in
// lexical order.
func listDir(dir string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != dir && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		switch filepath.Ext(p) {
		case ".txt", ".md", ".jsonl":
			out = append(out, p)
		}
		return nil
	})
	sort.Strings(out)
	return out, err
}

// jsonlReader reads a JSON Lines corpus, one document a line.
type jsonlReader struct {
	name string
	c    io.Closer
	sc   *bufio.Scanner
	line int
	opt  ReadOptions
}

func newJSONL(name string, rc io.ReadCloser, opt ReadOptions) *jsonlReader {
	sc := bufio.NewScanner(rc)
	sc.Buffer(make([]byte, 64<<10), opt.MaxBytes)
	return &jsonlReader{name: name, c: rc, sc: sc, opt: opt}
}

func (j *jsonlReader) close() { j.c.Close() }

func (j *jsonlReader) next() (Document, error) {
	for j.sc.Scan() {
		j.line++
		b := bytes.TrimSpace(j.sc.Bytes())
		if len(b) == 0 {
			continue
		}
		if !utf8.Valid(b) {
			if !j.opt.ReplaceInvalid {
				_, err := checkUTF8(j.name, b, j.opt)
				var de *DocumentError
				errors.As(err, &de)
				return Document{}, &DocumentError{Name: j.name, Line: j.line, Offset: de.Offset, Err: ErrInvalidUTF8}
			}
			b = bytes.ToValidUTF8(b, []byte("\uFFFD"))
		}
		var d Document
		if err := json.Unmarshal(b, &d); err != nil {
			return Document{}, &DocumentError{Name: j.name, Line: j.line, Offset: -1, Err: err}
		}
		if d.ID == "" {
			d.ID = fmt.Sprintf("%s-%d", docID(j.name), j.line)
		}
		d.Source = j.name
		if d.Date == "" {
			d.Date, d.Text = splitHeader(d.Text)
		}
		return d, nil
	}
	if err := j.sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			err = fmt.Errorf("%w (line longer than %d bytes)", ErrTooLarge, j.opt.MaxBytes)
		}
		return Document{}, &DocumentError{Name: j.name, Line: j.line + 1, Offset: -1, Err: err}
	}
	return Document{}, io.EOF
}
