package postag

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kgraph/kg/extract/internal/perceptron"
)

// feature templates
const (
	fBias uint8 = iota
	fWord
	fSuf1
	fSuf2
	fSuf3
	fSuf4
	fPre1
	fPre2
	fPre3
	fShape
	fPrev
	fPrev2
	fPrevPrev2
	fPrevWord
	fWordM1
	fSufM1
	fWordM2
	fWordP1
	fSufP1
	fWordP2
	fAmb
	fAmbP1
	fAmbP2
	fWordWordP1
	fWordM1Word
	fPrevAmbP1
	fForm
	fFirstCap
	fPrevSuf3
	fAmbAmbP1
	fAmbM1
	fSuf5
	fUnkShapeSuf
	fLex
	fLexShape
	fLexP1
	fLexM1
	fPrevLex
	fLexSuf
	fAmbForm
	fCaseShape
	// pass 2
	fP1
	fP1Next
	fP1Next2
	fP1NextNext2
	fPrevP1Next
	fWordP1Next
	fP1Prev
	fP1Amb
)

const (
	startTag = "-START-"
	endWord  = "-END-"
)

var (
	hStart = perceptron.Hash(startTag)
	hEnd   = perceptron.Hash(endWord)
)

// tok holds the hashes of one token's feature strings, computed once.
type tok struct {
	word, form, shape, shape2, amb, ambForm, lex uint64
	suf                                          [5]uint64 // suffixes of 1..5 bytes
	pre                                          [3]uint64 // prefixes of 1..3 bytes
	cased                                        bool      // form differs from its lower case
	known                                        bool      // the word has an ambiguity class
	caseClass                                    byte      // 'x' lower, 'X' upper, 'T' title, 0 no letter
}

// context is the per-sentence state features are drawn from.
type context struct {
	toks []tok
	mode uint64 // hash of sentence case: "lower", "upper", "title" or "mixed"
}

var (
	hLower = perceptron.Hash("lower")
	hUpper = perceptron.Hash("upper")
	hTitle = perceptron.Hash("title")
	hMixed = perceptron.Hash("mixed")
)

func (t *Tagger) prepare(c *context, forms []string) {
	n := len(forms)
	if cap(c.toks) < n {
		c.toks = make([]tok, n)
	}
	c.toks = c.toks[:n]
	lowerN, upperN, titleN, letters := 0, 0, 0, 0
	for i, f := range forms {
		tk := &c.toks[i]
		if v, ok := t.vocab[f]; ok {
			*tk = t.vocabToks[v]
		} else {
			t.hashToken(tk, f)
		}
		switch tk.caseClass {
		case 'x':
			lowerN++
			letters++
		case 'X':
			upperN++
			letters++
		case 'T':
			titleN++
			letters++
		}
	}
	switch {
	case letters > 2 && lowerN == letters:
		c.mode = hLower
	case letters > 2 && upperN == letters:
		c.mode = hUpper
	case letters > 2 && titleN*10 >= letters*7:
		c.mode = hTitle
	default:
		c.mode = hMixed
	}
}

// hashToken computes the feature hashes of one token.
func (t *Tagger) hashToken(tk *tok, f string) {
	var sb [24]byte
	{
		l := lower(f)
		tk.word = perceptron.Hash(l)
		tk.form = perceptron.Hash(f)
		tk.cased = l != f
		sh := shape(sb[:0], f)
		tk.shape = perceptron.HashBytes(sh)
		tk.shape2 = perceptron.HashBytes(sh[:min(2, len(sh))])
		amb, ok := t.amb[l]
		tk.known = ok && amb != ""
		tk.amb = perceptron.Hash(amb)
		tk.ambForm = perceptron.Hash(t.ambForm[f])
		tk.lex = perceptron.Hash(t.lexClass(l))
		for k := 1; k <= 5; k++ {
			tk.suf[k-1] = perceptron.Hash(suffix(l, k))
		}
		for k := 1; k <= 3; k++ {
			tk.pre[k-1] = perceptron.Hash(prefix(l, k))
		}
		switch {
		case len(sh) == 0 || (sh[0] != 'x' && sh[0] != 'X'):
			tk.caseClass = 0
		case sh[0] == 'x':
			tk.caseClass = 'x'
		case !containsByte(sh, 'x'):
			tk.caseClass = 'X'
		default:
			tk.caseClass = 'T'
		}
	}
}

func containsByte(b []byte, c byte) bool {
	for _, x := range b {
		if x == c {
			return true
		}
	}
	return false
}

func lower(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || ('A' <= c && c <= 'Z') {
			return strings.ToLower(s)
		}
	}
	return s
}

// shape appends to b the shape of s: letters become X/x, digits d, other
// ASCII stays, others '*'; runs longer than two are cut: "McCain" →
// "XxXxx", "1990s" → "ddx". At most 24 bytes.
func shape(b []byte, s string) []byte {
	var last byte
	run := 0
	for _, r := range s {
		var c byte
		switch {
		case r < utf8.RuneSelf && 'a' <= r && r <= 'z':
			c = 'x'
		case r < utf8.RuneSelf && 'A' <= r && r <= 'Z':
			c = 'X'
		case r < utf8.RuneSelf && '0' <= r && r <= '9':
			c = 'd'
		case r < utf8.RuneSelf:
			c = byte(r)
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		default:
			c = '*'
		}
		if c == last {
			run++
			if run > 2 {
				continue
			}
		} else {
			last, run = c, 1
		}
		if len(b) == 24 {
			break
		}
		b = append(b, c)
	}
	return b
}

func suffix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[len(s)-n:]
}

func prefix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}

// features fills f for position i given the hashes of the previous two
// tags.
func (c *context) features(f *perceptron.Features, i int, prev, prev2 uint64) {
	f.Reset()
	n := len(c.toks)
	t := &c.toks[i]
	wm1, wm2, wp1, wp2 := hStart, hStart, hEnd, hEnd
	sufM1, sufP1 := hStart, hEnd
	ambP1, ambP2 := hEnd, hEnd
	lexP1 := hEnd
	if i > 0 {
		p := &c.toks[i-1]
		wm1, sufM1 = p.word, p.suf[2]
	}
	if i > 1 {
		wm2 = c.toks[i-2].word
	}
	if i+1 < n {
		p := &c.toks[i+1]
		wp1, ambP1, lexP1, sufP1 = p.word, p.amb, p.lex, p.suf[2]
	}
	if i+2 < n {
		p := &c.toks[i+2]
		wp2, ambP2 = p.word, p.amb
	}
	f.AddH1(fBias, 0)
	f.AddH1(fWord, t.word)
	f.AddH1(fSuf1, t.suf[0])
	f.AddH1(fSuf2, t.suf[1])
	f.AddH1(fSuf3, t.suf[2])
	f.AddH1(fSuf4, t.suf[3])
	f.AddH1(fPre2, t.pre[1])
	f.AddH1(fPre3, t.pre[2])
	f.AddH1(fShape, t.shape)
	f.AddH1(fPrev, prev)
	f.AddH2(fPrevPrev2, prev, prev2)
	f.AddH2(fPrevWord, prev, t.word)
	f.AddH1(fWordM1, wm1)
	f.AddH1(fSufM1, sufM1)
	f.AddH1(fWordM2, wm2)
	f.AddH1(fWordP1, wp1)
	f.AddH1(fSufP1, sufP1)
	f.AddH1(fWordP2, wp2)
	f.AddH1(fAmb, t.amb)
	f.AddH1(fAmbP1, ambP1)
	f.AddH1(fAmbP2, ambP2)
	f.AddH2(fWordWordP1, t.word, wp1)
	f.AddH2(fWordM1Word, wm1, t.word)
	f.AddH2(fPrevAmbP1, prev, ambP1)
	f.AddH2(fAmbAmbP1, t.amb, ambP1)
	f.AddH2(fPrevSuf3, prev, t.suf[2])
	if t.cased {
		f.AddH1(fForm, t.form)
		if i == 0 {
			f.AddH1(fFirstCap, t.shape)
		}
	}
	f.AddH1(fAmbForm, t.ambForm)
	f.AddH2(fCaseShape, c.mode, t.shape2)
	f.AddH1(fLex, t.lex)
	f.AddH2(fLexShape, t.lex, t.shape2)
	f.AddH1(fLexP1, lexP1)
	f.AddH2(fPrevLex, prev, t.lex)
	f.AddH2(fLexSuf, t.lex, t.suf[1])
	if !t.known {
		f.AddH2(fUnkShapeSuf, t.shape, t.suf[2])
	}
}

// features2 fills f for the second pass: the first-pass features plus the
// first pass's tags at i and to the right.
func (c *context) features2(f *perceptron.Features, i int, prev, prev2 uint64, p1 []int32, classHash []uint64) {
	c.features(f, i, prev, prev2)
	n := len(c.toks)
	t1, n1, n2 := classHash[p1[i]], hEnd, hEnd
	if i+1 < n {
		n1 = classHash[p1[i+1]]
	}
	if i+2 < n {
		n2 = classHash[p1[i+2]]
	}
	t := &c.toks[i]
	f.AddH1(fP1, t1)
	f.AddH1(fP1Next, n1)
	f.AddH1(fP1Next2, n2)
	f.AddH2(fP1NextNext2, n1, n2)
	f.AddH2(fPrevP1Next, prev, n1)
	f.AddH2(fWordP1Next, t.word, n1)
	f.AddH2(fP1Prev, t1, prev)
	f.AddH2(fP1Amb, t1, t.amb)
}
