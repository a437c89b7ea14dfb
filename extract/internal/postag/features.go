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
)

const (
	startTag = "-START-"
	endWord  = "-END-"
)

// context is the per-sentence state features are drawn from.
type context struct {
	forms  []string // normalised forms
	lower  []string
	shapes []string
	ambs   []string
	lexs   []string // lexicon classes
	afs    []string // ambiguity classes of exact forms
	mode   string   // sentence case: "lower", "upper", "title" or "mixed"
}

func (t *Tagger) prepare(c *context, forms []string) {
	n := len(forms)
	c.forms = forms
	c.lower = grow(c.lower, n)
	c.shapes = grow(c.shapes, n)
	c.ambs = grow(c.ambs, n)
	c.lexs = grow(c.lexs, n)
	c.afs = grow(c.afs, n)
	lowerN, upperN, titleN, letters := 0, 0, 0, 0
	for i, f := range forms {
		c.afs[i] = t.ambForm[f]
		l := lower(f)
		c.lower[i] = l
		c.shapes[i] = shape(f)
		c.ambs[i] = t.amb[l]
		c.lexs[i] = t.lexClass(l)
		switch sh := c.shapes[i]; {
		case sh == "" || (sh[0] != 'x' && sh[0] != 'X'):
		case sh[0] == 'x':
			lowerN++
			letters++
		case strings.IndexByte(sh, 'x') < 0:
			upperN++
			letters++
		default:
			titleN++
			letters++
		}
	}
	switch {
	case letters > 2 && lowerN == letters:
		c.mode = "lower"
	case letters > 2 && upperN == letters:
		c.mode = "upper"
	case letters > 2 && titleN*10 >= letters*7:
		c.mode = "title"
	default:
		c.mode = "mixed"
	}
}

func grow(s []string, n int) []string {
	if cap(s) < n {
		return make([]string, n)
	}
	return s[:n]
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

// shape maps letters to X/x, digits to d and keeps other characters,
// collapsing runs longer than two: "McCain" → "XxXxx" → "XxXxx", "1990s" →
// "ddx".
func shape(s string) string {
	var b [24]byte
	n := 0
	var last byte
	run := 0
	for _, r := range s {
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		case r < utf8.RuneSelf:
			c = byte(r)
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
		if n == len(b) {
			break
		}
		b[n] = c
		n++
	}
	return string(b[:n])
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

// features fills f for position i given the previous two tags.
func (c *context) features(f *perceptron.Features, i int, prev, prev2 string) {
	f.Reset()
	n := len(c.forms)
	w, form := c.lower[i], c.forms[i]
	wm1, wm2, wp1, wp2 := startTag, startTag, endWord, endWord
	ambM1, ambP1, ambP2 := startTag, endWord, endWord
	lexM1, lexP1 := startTag, endWord
	if i > 0 {
		wm1, ambM1, lexM1 = c.lower[i-1], c.ambs[i-1], c.lexs[i-1]
	}
	if i > 1 {
		wm2 = c.lower[i-2]
	}
	if i+1 < n {
		wp1, ambP1, lexP1 = c.lower[i+1], c.ambs[i+1], c.lexs[i+1]
	}
	if i+2 < n {
		wp2, ambP2 = c.lower[i+2], c.ambs[i+2]
	}
	amb := c.ambs[i]
	f.Add0(fBias)
	f.Add1(fWord, w)
	f.Add1(fSuf1, suffix(w, 1))
	f.Add1(fSuf2, suffix(w, 2))
	f.Add1(fSuf3, suffix(w, 3))
	f.Add1(fSuf4, suffix(w, 4))
	f.Add1(fSuf5, suffix(w, 5))
	f.Add1(fPre1, prefix(w, 1))
	f.Add1(fPre2, prefix(w, 2))
	f.Add1(fPre3, prefix(w, 3))
	f.Add1(fShape, c.shapes[i])
	f.Add1(fPrev, prev)
	f.Add1(fPrev2, prev2)
	f.Add2(fPrevPrev2, prev, prev2)
	f.Add2(fPrevWord, prev, w)
	f.Add1(fWordM1, wm1)
	f.Add1(fSufM1, suffix(wm1, 3))
	f.Add1(fWordM2, wm2)
	f.Add1(fWordP1, wp1)
	f.Add1(fSufP1, suffix(wp1, 3))
	f.Add1(fWordP2, wp2)
	f.Add1(fAmb, amb)
	f.Add1(fAmbP1, ambP1)
	f.Add1(fAmbP2, ambP2)
	f.Add1(fAmbM1, ambM1)
	f.Add2(fWordWordP1, w, wp1)
	f.Add2(fWordM1Word, wm1, w)
	f.Add2(fPrevAmbP1, prev, ambP1)
	f.Add2(fAmbAmbP1, amb, ambP1)
	f.Add2(fPrevSuf3, prev, suffix(w, 3))
	if form != w {
		f.Add1(fForm, form)
		if i == 0 {
			f.Add1(fFirstCap, c.shapes[i])
		}
	}
	f.Add1(fAmbForm, c.afs[i])
	f.Add2(fCaseShape, c.mode, prefix(c.shapes[i], 2))
	lex := c.lexs[i]
	f.Add1(fLex, lex)
	f.Add2(fLexShape, lex, prefix(c.shapes[i], 2))
	f.Add1(fLexP1, lexP1)
	f.Add1(fLexM1, lexM1)
	f.Add2(fPrevLex, prev, lex)
	f.Add2(fLexSuf, lex, suffix(w, 2))
	if amb == "" {
		f.Add2(fUnkShapeSuf, c.shapes[i], suffix(w, 3))
	}
}
