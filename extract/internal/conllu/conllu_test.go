package conllu

import (
	"bytes"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
)

const sample = `# sent_id = t-1
# text = I can't swim.
1	I	I	PRON	PRP	Case=Nom	4	nsubj	4:nsubj	_
2-3	can't	_	_	_	_	_	_	_	_
2	ca	can	AUX	MD	_	4	aux	4:aux	_
3	n't	not	PART	RB	_	4	advmod	4:advmod	_
4	swim	swim	VERB	VB	_	0	root	0:root	SpaceAfter=No
4.1	swam	swim	VERB	VBD	_	_	_	4:conj	_
5	.	.	PUNCT	.	_	4	punct	4:punct	_

# sent_id = t-2
1	Hi	hi	INTJ	UH	_	0	root	0:root	_

`

func TestRoundTrip(t *testing.T) {
	ss, err := ReadAll(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != 2 {
		t.Fatalf("got %d sentences, want 2", len(ss))
	}
	s := ss[0]
	if id, _ := s.Comment("sent_id"); id != "t-1" {
		t.Errorf("sent_id = %q", id)
	}
	if len(s.Words) != 5 || len(s.Multiword) != 1 || len(s.Empty) != 1 {
		t.Fatalf("words %d multiword %d empty %d", len(s.Words), len(s.Multiword), len(s.Empty))
	}
	if s.Words[1].Lemma != "can" || s.Words[3].Head != 0 || s.Multiword[0].Form != "can't" {
		t.Errorf("bad parse: %+v %+v", s.Words, s.Multiword)
	}
	if v, ok := MISC(s.Words[3].Misc, "SpaceAfter"); !ok || v != "No" {
		t.Errorf("MISC SpaceAfter = %q %v", v, ok)
	}
	if ss[1].Line != 11 {
		t.Errorf("second sentence line = %d, want 11", ss[1].Line)
	}
	var buf bytes.Buffer
	w := NewWriter(&buf)
	for _, s := range ss {
		if err := w.Write(s); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if buf.String() != sample {
		t.Errorf("round trip differs:\n%s", buf.String())
	}
}

func TestSetMISC(t *testing.T) {
	tests := []struct{ in, key, val, want string }{
		{"_", "NE", "B-PER", "NE=B-PER"},
		{"SpaceAfter=No", "NE", "O", "SpaceAfter=No|NE=O"},
		{"NE=O|SpaceAfter=No", "NE", "B-LOC", "SpaceAfter=No|NE=B-LOC"},
		{"NE=O", "NE", "", "_"},
	}
	for _, tt := range tests {
		if got := SetMISC(tt.in, tt.key, tt.val); got != tt.want {
			t.Errorf("SetMISC(%q,%q,%q) = %q, want %q", tt.in, tt.key, tt.val, got, tt.want)
		}
	}
}

func TestSyntaxErrors(t *testing.T) {
	tests := []struct {
		name, in string
		line     int
	}{
		{"few columns", "1\tHi\thi\n", 1},
		{"many columns", "1\ta\tb\tc\td\te\t0\tf\tg\th\ti\n", 1},
		{"bad id", "# c\nx\ta\tb\tc\td\te\t0\tf\tg\th\n", 2},
		{"sequence", "1\ta\t_\t_\t_\t_\t0\troot\t_\t_\n3\tb\t_\t_\t_\t_\t1\tdep\t_\t_\n", 2},
		{"bad head", "1\ta\t_\t_\t_\t_\tx\troot\t_\t_\n", 1},
		{"head beyond", "\n\n1\ta\t_\t_\t_\t_\t5\troot\t_\t_\n", 3},
		{"bad range", "1-1\tab\t_\t_\t_\t_\t_\t_\t_\t_\n", 1},
		{"range beyond", "1-3\tab\t_\t_\t_\t_\t_\t_\t_\t_\n1\ta\t_\t_\t_\t_\t0\troot\t_\t_\n", 1},
		{"comment inside", "1\ta\t_\t_\t_\t_\t0\troot\t_\t_\n# late\n", 2},
		{"no words", "# only a comment\n\n", 1},
		{"empty form", "1\t\t_\t_\t_\t_\t0\troot\t_\t_\n", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewReader(strings.NewReader(tt.in))
			_, err := r.Read()
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("err = %v, want *SyntaxError", err)
			}
			if se.Line != tt.line {
				t.Errorf("line = %d, want %d (%v)", se.Line, tt.line, err)
			}
			if _, err2 := r.Read(); err2 != err {
				t.Errorf("error not sticky: %v then %v", err, err2)
			}
		})
	}
}

func TestLongLine(t *testing.T) {
	in := "1\t" + strings.Repeat("a", MaxLineBytes+10) + "\t_\t_\t_\t_\t0\troot\t_\t_\n"
	_, err := NewReader(strings.NewReader(in)).Read()
	if !errors.Is(err, ErrLineTooLong) {
		t.Fatalf("err = %v, want ErrLineTooLong", err)
	}
}

func TestEOF(t *testing.T) {
	r := NewReader(strings.NewReader("\n\n"))
	if _, err := r.Read(); err != io.EOF {
		t.Fatalf("err = %v, want io.EOF", err)
	}
}

// TestTreebanks reads the shared treebanks and writes them back; the
// output must equal the input byte for byte.
func TestTreebanks(t *testing.T) {
	for _, path := range []string{
		"../../../../shared/data/ud-ewt/en_ewt-ud-dev.conllu",
		"../../../../shared/data/ud-gum/en_gum-ud-dev.conllu",
	} {
		in, err := os.ReadFile(path)
		if err != nil {
			t.Skipf("shared data absent: %v", err)
		}
		ss, err := ReadAll(bytes.NewReader(in))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		var buf bytes.Buffer
		w := NewWriter(&buf)
		for _, s := range ss {
			if err := w.Write(s); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(buf.Bytes(), in) {
			a, b := buf.Bytes(), in
			i := 0
			for i < len(a) && i < len(b) && a[i] == b[i] {
				i++
			}
			t.Errorf("%s: round trip differs at byte %d: %q vs %q", path, i, a[i:min(i+80, len(a))], b[i:min(i+80, len(b))])
		}
	}
}

func FuzzReader(f *testing.F) {
	f.Add(sample)
	f.Add("1-2\tab\t_\t_\t_\t_\t_\t_\t_\t_\n1\ta\t_\t_\t_\t_\t0\troot\t_\t_\n2\tb\t_\t_\t_\t_\t1\tdep\t_\t_\n")
	f.Add("0.1\tx\t_\t_\t_\t_\t_\t_\t_\t_\n")
	f.Fuzz(func(t *testing.T, in string) {
		ss, err := ReadAll(strings.NewReader(in))
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error %v is not a *SyntaxError", err)
			}
			return
		}
		// What was read must survive a write and a second read unchanged.
		var buf bytes.Buffer
		w := NewWriter(&buf)
		for _, s := range ss {
			if err := w.Write(s); err != nil {
				t.Fatal(err)
			}
		}
		w.Flush()
		ss2, err := ReadAll(&buf)
		if err != nil {
			t.Fatalf("re-read: %v\n%s", err, buf.String())
		}
		if len(ss2) != len(ss) {
			t.Fatalf("re-read %d sentences, want %d", len(ss2), len(ss))
		}
		for i := range ss {
			if len(ss[i].Words) != len(ss2[i].Words) {
				t.Fatalf("sentence %d: %d words, then %d", i, len(ss[i].Words), len(ss2[i].Words))
			}
		}
	})
}
