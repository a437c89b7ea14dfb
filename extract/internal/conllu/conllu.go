package conllu

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// MaxLineBytes bounds the length of one input line.
const MaxLineBytes = 1 << 20

// ErrLineTooLong is wrapped in the SyntaxError reported for a line longer
// than MaxLineBytes.
var ErrLineTooLong = errors.New("line too long")

// SyntaxError reports malformed CoNLL-U input at a 1-based line.
type SyntaxError struct {
	Line int    // 1-based line number in the input
	Msg  string // what is wrong
	Err  error  // optional underlying error
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("conllu: line %d: %s", e.Line, e.Msg)
}

// Unwrap returns the underlying error, if any.
func (e *SyntaxError) Unwrap() error { return e.Err }

// Word is one syntactic word line (an integer ID).
type Word struct {
	ID     int    // 1-based position in the sentence
	Form   string // word form
	Lemma  string
	UPOS   string
	XPOS   string
	Feats  string
	Head   int // 0 is the root; -1 when the column is "_"
	DepRel string
	Deps   string
	Misc   string
}

// MultiwordToken is a range line "first-last" naming a surface token that
// spans several syntactic words, such as "don't" = "do" + "n't".
type MultiwordToken struct {
	First, Last int
	Form        string
	Misc        string
}

// EmptyNode is a decimal-ID line "major.minor" of enhanced UD.
type EmptyNode struct {
	Major, Minor int
	Form         string
	Lemma        string
	UPOS         string
	XPOS         string
	Feats        string
	Deps         string
	Misc         string
}

// Sentence is one CoNLL-U sentence.
type Sentence struct {
	Line      int      // 1-based line where the sentence starts
	Comments  []string // comment lines without the leading "#" and one space
	Words     []Word
	Multiword []MultiwordToken
	Empty     []EmptyNode
}

// Comment returns the value of a "key = value" comment, such as
// "sent_id" or "text".
func (s *Sentence) Comment(key string) (string, bool) {
	for _, c := range s.Comments {
		k, v, ok := strings.Cut(c, "=")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v), true
		}
	}
	return "", false
}

// MISC returns the value of attribute key in a MISC column such as
// "SpaceAfter=No|NE=B-PER".
func MISC(misc, key string) (string, bool) {
	if misc == "_" || misc == "" {
		return "", false
	}
	for _, kv := range strings.Split(misc, "|") {
		k, v, ok := strings.Cut(kv, "=")
		if ok && k == key {
			return v, true
		}
	}
	return "", false
}

// SetMISC returns misc with attribute key set to value (or removed when
// value is empty).
func SetMISC(misc, key, value string) string {
	var parts []string
	if misc != "_" && misc != "" {
		for _, kv := range strings.Split(misc, "|") {
			if k, _, _ := strings.Cut(kv, "="); k != key {
				parts = append(parts, kv)
			}
		}
	}
	if value != "" {
		parts = append(parts, key+"="+value)
	}
	if len(parts) == 0 {
		return "_"
	}
	return strings.Join(parts, "|")
}

// Reader reads sentences from CoNLL-U input.
type Reader struct {
	sc   *bufio.Scanner
	line int
	err  error
}

// NewReader returns a Reader reading from r.
func NewReader(r io.Reader) *Reader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), MaxLineBytes)
	return &Reader{sc: sc}
}

// Read returns the next sentence, io.EOF after the last one, or a
// *SyntaxError. Once Read has returned an error it returns it again.
func (r *Reader) Read() (*Sentence, error) {
	if r.err != nil {
		return nil, r.err
	}
	s, err := r.read()
	if err != nil {
		r.err = err
	}
	return s, err
}

func (r *Reader) read() (*Sentence, error) {
	var s *Sentence
	for r.sc.Scan() {
		r.line++
		line := strings.TrimSuffix(r.sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			if s != nil {
				if err := r.check(s); err != nil {
					return nil, err
				}
				return s, nil
			}
			continue
		}
		if s == nil {
			s = &Sentence{Line: r.line}
		}
		if strings.HasPrefix(line, "#") {
			if len(s.Words) > 0 || len(s.Multiword) > 0 || len(s.Empty) > 0 {
				return nil, r.errorf("comment after the first word of a sentence")
			}
			c := strings.TrimPrefix(line, "#")
			c = strings.TrimPrefix(c, " ")
			s.Comments = append(s.Comments, c)
			continue
		}
		if err := r.parseLine(s, line); err != nil {
			return nil, err
		}
	}
	if err := r.sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, &SyntaxError{Line: r.line + 1, Msg: "line longer than 1 MiB", Err: ErrLineTooLong}
		}
		return nil, fmt.Errorf("conllu: line %d: %w", r.line, err)
	}
	if s != nil {
		if err := r.check(s); err != nil {
			return nil, err
		}
		return s, nil
	}
	return nil, io.EOF
}

func (r *Reader) errorf(format string, args ...any) error {
	return &SyntaxError{Line: r.line, Msg: fmt.Sprintf(format, args...)}
}

func (r *Reader) parseLine(s *Sentence, line string) error {
	var f [10]string
	rest := line
	for i := 0; i < 9; i++ {
		var ok bool
		f[i], rest, ok = strings.Cut(rest, "\t")
		if !ok {
			return r.errorf("want 10 tab-separated columns, got %d", i+1)
		}
	}
	if strings.Contains(rest, "\t") {
		return r.errorf("want 10 tab-separated columns, got more")
	}
	f[9] = rest
	id := f[0]
	switch {
	case strings.Contains(id, "-"):
		a, b, _ := strings.Cut(id, "-")
		first, err1 := strconv.Atoi(a)
		last, err2 := strconv.Atoi(b)
		if err1 != nil || err2 != nil || first < 1 || last <= first {
			return r.errorf("bad multiword token range %q", id)
		}
		if first != len(s.Words)+1 {
			return r.errorf("multiword token %q does not start at the next word %d", id, len(s.Words)+1)
		}
		s.Multiword = append(s.Multiword, MultiwordToken{First: first, Last: last, Form: f[1], Misc: f[9]})
	case strings.Contains(id, "."):
		a, b, _ := strings.Cut(id, ".")
		major, err1 := strconv.Atoi(a)
		minor, err2 := strconv.Atoi(b)
		if err1 != nil || err2 != nil || major < 0 || minor < 1 {
			return r.errorf("bad empty node id %q", id)
		}
		if major != len(s.Words) {
			return r.errorf("empty node %q does not follow word %d", id, major)
		}
		s.Empty = append(s.Empty, EmptyNode{Major: major, Minor: minor, Form: f[1], Lemma: f[2],
			UPOS: f[3], XPOS: f[4], Feats: f[5], Deps: f[8], Misc: f[9]})
	default:
		n, err := strconv.Atoi(id)
		if err != nil {
			return r.errorf("bad word id %q", id)
		}
		if n != len(s.Words)+1 {
			return r.errorf("word id %d out of sequence, want %d", n, len(s.Words)+1)
		}
		head := -1
		if f[6] != "_" {
			head, err = strconv.Atoi(f[6])
			if err != nil || head < 0 {
				return r.errorf("bad head %q", f[6])
			}
		}
		if f[1] == "" {
			return r.errorf("empty form")
		}
		s.Words = append(s.Words, Word{ID: n, Form: f[1], Lemma: f[2], UPOS: f[3], XPOS: f[4],
			Feats: f[5], Head: head, DepRel: f[7], Deps: f[8], Misc: f[9]})
	}
	return nil
}

// check validates what can only be checked once the sentence is complete.
func (r *Reader) check(s *Sentence) error {
	if len(s.Words) == 0 {
		return &SyntaxError{Line: s.Line, Msg: "sentence has no words"}
	}
	for _, w := range s.Words {
		if w.Head > len(s.Words) {
			return &SyntaxError{Line: s.Line, Msg: fmt.Sprintf("word %d: head %d beyond the sentence's %d words", w.ID, w.Head, len(s.Words))}
		}
	}
	for _, m := range s.Multiword {
		if m.Last > len(s.Words) {
			return &SyntaxError{Line: s.Line, Msg: fmt.Sprintf("multiword token %d-%d beyond the sentence's %d words", m.First, m.Last, len(s.Words))}
		}
	}
	return nil
}

// ReadAll reads every sentence from r.
func ReadAll(r io.Reader) ([]*Sentence, error) {
	cr := NewReader(r)
	var out []*Sentence
	for {
		s, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, s)
	}
}

// Writer writes sentences in CoNLL-U.
type Writer struct {
	w   *bufio.Writer
	err error
}

// NewWriter returns a Writer writing to w. Call Flush when done.
func NewWriter(w io.Writer) *Writer { return &Writer{w: bufio.NewWriter(w)} }

func field(s string) string {
	if s == "" {
		return "_"
	}
	return s
}

// Write writes one sentence followed by a blank line. Empty fields are
// written as "_"; a Head of -1 is written as "_".
func (w *Writer) Write(s *Sentence) error {
	if w.err != nil {
		return w.err
	}
	b := w.w
	for _, c := range s.Comments {
		b.WriteString("# ")
		b.WriteString(c)
		b.WriteByte('\n')
	}
	mi, ei := 0, 0
	writeEmpty := func(upTo int) {
		for ei < len(s.Empty) && s.Empty[ei].Major == upTo {
			e := s.Empty[ei]
			fmt.Fprintf(b, "%d.%d\t%s\t%s\t%s\t%s\t%s\t_\t_\t%s\t%s\n", e.Major, e.Minor, field(e.Form),
				field(e.Lemma), field(e.UPOS), field(e.XPOS), field(e.Feats), field(e.Deps), field(e.Misc))
			ei++
		}
	}
	writeEmpty(0)
	for i, wd := range s.Words {
		for mi < len(s.Multiword) && s.Multiword[mi].First == i+1 {
			m := s.Multiword[mi]
			fmt.Fprintf(b, "%d-%d\t%s\t_\t_\t_\t_\t_\t_\t_\t%s\n", m.First, m.Last, field(m.Form), field(m.Misc))
			mi++
		}
		head := "_"
		if wd.Head >= 0 {
			head = strconv.Itoa(wd.Head)
		}
		fmt.Fprintf(b, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", i+1, field(wd.Form), field(wd.Lemma),
			field(wd.UPOS), field(wd.XPOS), field(wd.Feats), head, field(wd.DepRel), field(wd.Deps), field(wd.Misc))
		writeEmpty(i + 1)
	}
	_, w.err = b.WriteString("\n")
	if w.err != nil {
		w.err = fmt.Errorf("conllu: write: %w", w.err)
	}
	return w.err
}

// Flush writes buffered data to the underlying writer.
func (w *Writer) Flush() error {
	if w.err != nil {
		return w.err
	}
	if err := w.w.Flush(); err != nil {
		w.err = fmt.Errorf("conllu: flush: %w", err)
	}
	return w.err
}
