package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kgraph/kg/extract/internal/lexicon"
	"github.com/kgraph/kg/extract/internal/perceptron"
)

// feature templates
const (
	fBias uint8 = iota
	fWord
	fForm
	fShape
	fPre3
	fSuf3
	fSuf4
	fPOS
	fPOSM1
	fPOSP1
	fWordM1
	fWordP1
	fWordM2
	fWordP2
	fFormM1
	fFormP1
	fShapeM1
	fShapeP1
	fPrev
	fPrev2
	fPrevWord
	fPrevPOS
	fPOSShape
	fGaz
	fGazM1
	fGazP1
	fTitleM1
	fTitleM2
	fFirst
	fMode
	fDemonym
	fLex
	fPOSPOSP1
	fWordPOS
	fPrevShape
	fGazPrev
	fNNPRun
	fModeShape
	fOrgWord
	fOrgAhead
	fFirstPOSShape
	fSufP1
	fLexM1
	fLexP1
	fTitleSelf
	// second pass
	fP1
	fP1Next
	fP1Next2
	fP1PrevNext
	fP1WordNext
	fP1Prev
)

// orgWords often end or head an organisation's name.
var orgWords = map[string]bool{
	"inc": true, "inc.": true, "corp": true, "corp.": true, "co.": true, "ltd": true, "ltd.": true,
	"llc": true, "plc": true, "university": true, "party": true, "council": true, "ministry": true,
	"bank": true, "association": true, "company": true, "group": true, "agency": true, "institute": true,
	"committee": true, "union": true, "league": true, "organization": true, "organisation": true,
	"army": true, "police": true, "airlines": true, "airways": true, "news": true, "times": true,
	"post": true, "college": true, "school": true, "hospital": true, "church": true, "club": true,
	"foundation": true, "federation": true, "commission": true, "court": true, "department": true,
	"office": true, "services": true, "fc": true, "network": true, "press": true, "assembly": true,
	"parliament": true, "congress": true, "senate": true, "government": true, "forces": true,
	"front": true, "movement": true, "brigade": true, "brigades": true, "corps": true, "guard": true,
	"society": true, "center": true, "centre": true, "board": true, "authority": true, "bureau": true,
	"corporation": true, "industries": true, "systems": true, "technologies": true, "airport": false,
}

// titles are words that precede a person's name.
var titles = map[string]bool{
	"president": true, "minister": true, "general": true, "gen.": true, "gen": true, "spokesman": true,
	"spokeswoman": true, "spokesperson": true, "secretary": true, "senator": true, "sen.": true,
	"governor": true, "gov.": true, "mr.": true, "mr": true, "mrs.": true, "mrs": true, "ms.": true,
	"ms": true, "dr.": true, "dr": true, "prof.": true, "professor": true, "king": true, "queen": true,
	"prince": true, "princess": true, "pope": true, "chairman": true, "ceo": true, "director": true,
	"chief": true, "colonel": true, "col.": true, "lt.": true, "lieutenant": true, "captain": true,
	"capt.": true, "commander": true, "mayor": true, "judge": true, "justice": true, "ambassador": true,
	"leader": true, "rep.": true, "representative": true, "sergeant": true, "sgt.": true,
	"premier": true, "chancellor": true, "envoy": true, "sheikh": true, "shaikh": true, "imam": true,
	"ayatollah": true, "cleric": true, "brig.": true, "maj.": true, "major": true, "adm.": true,
	"admiral": true, "sir": true, "lord": true, "rev.": true, "reverend": true, "father": true,
	"saint": true, "st.": true, "vice": true, "deputy": true, "former": true, "late": true,
	"junta": true, "coach": true, "striker": true, "dictator": true, "uncle": true, "aunt": true,
}

// context is the per-sentence state features are drawn from.
type context struct {
	forms, lower, shapes, pos []string
	gaz                       []string // gazetteer match of each token: "B-LOC|B-COUNTRY", ...
	lexs                      []string
	demonym                   []bool
	nnpRun                    []string
	mode                      string
	key                       strings.Builder
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

func (c *context) prepare(lex *lexicon.Lexicon, forms, pos []string) {
	n := len(forms)
	c.forms, c.pos = forms, pos
	c.lower = grow(c.lower, n)
	c.shapes = grow(c.shapes, n)
	c.gaz = grow(c.gaz, n)
	c.lexs = grow(c.lexs, n)
	c.demonym = grow(c.demonym, n)
	c.nnpRun = grow(c.nnpRun, n)
	upper, letters := 0, 0
	for i, f := range forms {
		c.lower[i] = strings.ToLower(f)
		c.shapes[i] = shape(f)
		c.gaz[i] = ""
		c.lexs[i] = ""
		c.demonym[i] = false
		if r, _ := utf8.DecodeRuneInString(f); unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
		if lex != nil {
			if b, ok := lex.Words[c.lower[i]]; ok {
				switch {
				case b&lexicon.Proper != 0 && b&lexicon.Common != 0:
					c.lexs[i] = "PC"
				case b&lexicon.Proper != 0:
					c.lexs[i] = "P"
				default:
					c.lexs[i] = "C"
				}
			}
			_, c.demonym[i] = lex.Demonyms[c.lower[i]]
		}
	}
	switch {
	case letters > 3 && upper == 0:
		c.mode = "lower"
	case letters > 3 && upper*10 >= letters*8:
		c.mode = "title"
	default:
		c.mode = "mixed"
	}
	// NNP runs: position of each proper-noun token within its run
	for i := 0; i < n; i++ {
		c.nnpRun[i] = "-"
		if pos[i] != "NNP" && pos[i] != "NNPS" {
			continue
		}
		j := i
		for j < n && (pos[j] == "NNP" || pos[j] == "NNPS") {
			j++
		}
		for k := i; k < j; k++ {
			switch {
			case j-i == 1:
				c.nnpRun[k] = "U"
			case k == i:
				c.nnpRun[k] = "B"
			case k == j-1:
				c.nnpRun[k] = "L"
			default:
				c.nnpRun[k] = "I"
			}
		}
		i = j - 1
	}
	if lex != nil {
		c.matchGazetteer(lex)
	}
}

// maxGazetteerTokens bounds the length of gazetteer matches tried.
const maxGazetteerTokens = 6

// matchGazetteer marks the longest gazetteer match at each start, left to
// right, skipping matches that start with a lower-case word unless the
// whole sentence is lower case.
func (c *context) matchGazetteer(lex *lexicon.Lexicon) {
	n := len(c.forms)
	maxLen := min(lex.MaxName, maxGazetteerTokens)
	for i := 0; i < n; i++ {
		r, _ := utf8.DecodeRuneInString(c.forms[i])
		if !unicode.IsUpper(r) && !(c.mode == "lower" && unicode.IsLetter(r)) {
			continue
		}
		for l := min(maxLen, n-i); l >= 1; l-- {
			c.key.Reset()
			for k := i; k < i+l; k++ {
				if k > i {
					c.key.WriteByte(' ')
				}
				c.key.WriteString(c.lower[k])
			}
			types, ok := lex.Gazetteer[c.key.String()]
			if !ok {
				continue
			}
			for k := i; k < i+l; k++ {
				p := "I-"
				if k == i {
					p = "B-"
				}
				var b strings.Builder
				for ti, t := range types {
					if ti > 0 {
						b.WriteByte('|')
					}
					b.WriteString(p + t)
				}
				c.gaz[k] = b.String()
			}
			i += l - 1
			break
		}
	}
}

func shape(s string) string {
	var b [16]byte
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

const (
	startTok = "-START-"
	endTok   = "-END-"
)

func (c *context) features(f *perceptron.Features, i int, prev, prev2 string) {
	f.Reset()
	n := len(c.forms)
	at := func(s []string, j int) string {
		switch {
		case j < 0:
			return startTok
		case j >= n:
			return endTok
		}
		return s[j]
	}
	w := c.lower[i]
	f.Add0(fBias)
	f.Add1(fWord, w)
	f.Add1(fForm, c.forms[i])
	f.Add1(fShape, c.shapes[i])
	f.Add1(fPre3, prefix(w, 3))
	f.Add1(fSuf3, suffix(w, 3))
	f.Add1(fSuf4, suffix(w, 4))
	f.Add1(fPOS, c.pos[i])
	f.Add1(fPOSM1, at(c.pos, i-1))
	f.Add1(fPOSP1, at(c.pos, i+1))
	f.Add1(fWordM1, at(c.lower, i-1))
	f.Add1(fWordP1, at(c.lower, i+1))
	f.Add1(fWordM2, at(c.lower, i-2))
	f.Add1(fWordP2, at(c.lower, i+2))
	f.Add1(fFormM1, at(c.forms, i-1))
	f.Add1(fFormP1, at(c.forms, i+1))
	f.Add1(fShapeM1, at(c.shapes, i-1))
	f.Add1(fShapeP1, at(c.shapes, i+1))
	f.Add1(fPrev, prev)
	f.Add2(fPrev2, prev, prev2)
	f.Add2(fPrevWord, prev, w)
	f.Add2(fPrevPOS, prev, c.pos[i])
	f.Add2(fPrevShape, prev, c.shapes[i])
	f.Add2(fPOSShape, c.pos[i], c.shapes[i])
	f.Add1(fGaz, c.gaz[i])
	f.Add1(fGazM1, at(c.gaz, i-1))
	f.Add1(fGazP1, at(c.gaz, i+1))
	f.Add2(fGazPrev, c.gaz[i], prev)
	if i > 0 && titles[c.lower[i-1]] {
		f.Add1(fTitleM1, c.shapes[i])
	}
	if i > 1 && titles[c.lower[i-2]] {
		f.Add0(fTitleM2)
	}
	if i == 0 {
		f.Add1(fFirst, c.shapes[i])
	}
	f.Add1(fMode, c.mode)
	f.Add2(fModeShape, c.mode, c.shapes[i])
	if c.demonym[i] {
		f.Add0(fDemonym)
	}
	f.Add2(fLex, c.lexs[i], c.shapes[i])
	f.Add2(fPOSPOSP1, c.pos[i], at(c.pos, i+1))
	f.Add2(fWordPOS, w, c.pos[i])
	f.Add2(fNNPRun, c.nnpRun[i], at(c.nnpRun, i-1))
	if orgWords[w] {
		f.Add1(fOrgWord, c.shapes[i])
	}
	for k := 1; k <= 3 && i+k < n; k++ {
		if orgWords[c.lower[i+k]] && c.shapes[i+k] != "" && c.shapes[i+k][0] == 'X' {
			f.Add1(fOrgAhead, string(rune('0'+k)))
			break
		}
	}
	f.Add3(fFirstPOSShape, boolStr(i == 0), c.pos[i], c.shapes[i])
	f.Add1(fSufP1, suffix(at(c.lower, i+1), 3))
	f.Add2(fLexM1, at(c.lexs, i-1), at(c.shapes, i-1))
	f.Add2(fLexP1, at(c.lexs, i+1), at(c.shapes, i+1))
	if titles[w] {
		f.Add0(fTitleSelf)
	}
}

func boolStr(b bool) string {
	if b {
		return "T"
	}
	return "F"
}

// features2 adds the second pass's features: the first pass's labels at
// i and to its right.
func (c *context) features2(f *perceptron.Features, i int, prev string, p1 []string) {
	n := len(c.forms)
	n1, n2 := endTok, endTok
	if i+1 < n {
		n1 = p1[i+1]
	}
	if i+2 < n {
		n2 = p1[i+2]
	}
	f.Add1(fP1, p1[i])
	f.Add1(fP1Next, n1)
	f.Add2(fP1Next2, n1, n2)
	f.Add2(fP1PrevNext, prev, n1)
	f.Add2(fP1WordNext, c.lower[i], n1)
	f.Add2(fP1Prev, p1[i], prev)
}
