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
	h                         []tokHash // feature-string hashes, per token
	hMode                     uint64
}

// tokHash holds the hashes of one token's feature strings.
type tokHash struct {
	word, form, shape, pre3, suf3, suf4, pos, gaz, lex, nnp uint64
	title, org, cap                                         bool
}

// hashOf hashes feature strings; labels and constants are cached.
var labelHash = func() map[string]uint64 {
	m := map[string]uint64{}
	for _, s := range append(append([]string{}, Classes...), startTok, endTok, "T", "F", "", "-", "U", "B", "I", "L", "P", "C", "PC", "lower", "title", "mixed") {
		m[s] = perceptron.Hash(s)
	}
	return m
}()

func hashLabel(s string) uint64 {
	if h, ok := labelHash[s]; ok {
		return h
	}
	return perceptron.Hash(s)
}

var (
	hStartTok = perceptron.Hash(startTok)
	hEndTok   = perceptron.Hash(endTok)
)

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
	c.h = grow(c.h, n)
	for i := range forms {
		w := c.lower[i]
		c.h[i] = tokHash{
			word: perceptron.Hash(w), form: perceptron.Hash(forms[i]), shape: perceptron.Hash(c.shapes[i]),
			pre3: perceptron.Hash(prefix(w, 3)), suf3: perceptron.Hash(suffix(w, 3)), suf4: perceptron.Hash(suffix(w, 4)),
			pos: hashLabel(pos[i]), gaz: hashLabel(c.gaz[i]), lex: hashLabel(c.lexs[i]), nnp: hashLabel(c.nnpRun[i]),
			title: titles[w], org: orgWords[w],
			cap: c.shapes[i] != "" && c.shapes[i][0] == 'X',
		}
	}
	c.hMode = hashLabel(c.mode)
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

func (c *context) features(f *perceptron.Features, i int, prevS, prev2S string) {
	f.Reset()
	n := len(c.forms)
	prev, prev2 := hashLabel(prevS), hashLabel(prev2S)
	h := c.h
	t := &h[i]
	// at returns field get of token j, or the start/end marker
	type getter func(*tokHash) uint64
	at := func(j int, get getter) uint64 {
		switch {
		case j < 0:
			return hStartTok
		case j >= n:
			return hEndTok
		}
		return get(&h[j])
	}
	word := func(x *tokHash) uint64 { return x.word }
	form := func(x *tokHash) uint64 { return x.form }
	shp := func(x *tokHash) uint64 { return x.shape }
	pos := func(x *tokHash) uint64 { return x.pos }
	gaz := func(x *tokHash) uint64 { return x.gaz }
	lexc := func(x *tokHash) uint64 { return x.lex }
	nnp := func(x *tokHash) uint64 { return x.nnp }
	suf3 := func(x *tokHash) uint64 { return x.suf3 }
	f.AddH1(fBias, 0)
	f.AddH1(fWord, t.word)
	f.AddH1(fForm, t.form)
	f.AddH1(fShape, t.shape)
	f.AddH1(fPre3, t.pre3)
	f.AddH1(fSuf3, t.suf3)
	f.AddH1(fSuf4, t.suf4)
	f.AddH1(fPOS, t.pos)
	f.AddH1(fPOSM1, at(i-1, pos))
	f.AddH1(fPOSP1, at(i+1, pos))
	f.AddH1(fWordM1, at(i-1, word))
	f.AddH1(fWordP1, at(i+1, word))
	f.AddH1(fWordM2, at(i-2, word))
	f.AddH1(fWordP2, at(i+2, word))
	f.AddH1(fFormM1, at(i-1, form))
	f.AddH1(fFormP1, at(i+1, form))
	f.AddH1(fShapeM1, at(i-1, shp))
	f.AddH1(fShapeP1, at(i+1, shp))
	f.AddH1(fPrev, prev)
	f.AddH2(fPrev2, prev, prev2)
	f.AddH2(fPrevWord, prev, t.word)
	f.AddH2(fPrevPOS, prev, t.pos)
	f.AddH2(fPrevShape, prev, t.shape)
	f.AddH2(fPOSShape, t.pos, t.shape)
	f.AddH1(fGaz, t.gaz)
	f.AddH1(fGazM1, at(i-1, gaz))
	f.AddH1(fGazP1, at(i+1, gaz))
	f.AddH2(fGazPrev, t.gaz, prev)
	if i > 0 && h[i-1].title {
		f.AddH1(fTitleM1, t.shape)
	}
	if i > 1 && h[i-2].title {
		f.AddH1(fTitleM2, 0)
	}
	if i == 0 {
		f.AddH1(fFirst, t.shape)
	}
	f.AddH1(fMode, c.hMode)
	f.AddH2(fModeShape, c.hMode, t.shape)
	if c.demonym[i] {
		f.AddH1(fDemonym, 0)
	}
	f.AddH2(fLex, t.lex, t.shape)
	f.AddH2(fPOSPOSP1, t.pos, at(i+1, pos))
	f.AddH2(fWordPOS, t.word, t.pos)
	f.AddH2(fNNPRun, t.nnp, at(i-1, nnp))
	if t.org {
		f.AddH1(fOrgWord, t.shape)
	}
	for k := 1; k <= 3 && i+k < n; k++ {
		if h[i+k].org && h[i+k].cap {
			f.AddH1(fOrgAhead, uint64(k))
			break
		}
	}
	first := uint64(0)
	if i == 0 {
		first = 1
	}
	f.AddH3(fFirstPOSShape, first, t.pos, t.shape)
	f.AddH1(fSufP1, at(i+1, suf3))
	f.AddH2(fLexM1, at(i-1, lexc), at(i-1, shp))
	f.AddH2(fLexP1, at(i+1, lexc), at(i+1, shp))
	if t.title {
		f.AddH1(fTitleSelf, 0)
	}
}

// features2 adds the second pass's features: the first pass's labels at
// i and to its right.
func (c *context) features2(f *perceptron.Features, i int, prevS string, p1 []string) {
	n := len(c.forms)
	prev := hashLabel(prevS)
	n1, n2 := hEndTok, hEndTok
	if i+1 < n {
		n1 = hashLabel(p1[i+1])
	}
	if i+2 < n {
		n2 = hashLabel(p1[i+2])
	}
	t1 := hashLabel(p1[i])
	f.AddH1(fP1, t1)
	f.AddH1(fP1Next, n1)
	f.AddH2(fP1Next2, n1, n2)
	f.AddH2(fP1PrevNext, prev, n1)
	f.AddH2(fP1WordNext, c.h[i].word, n1)
	f.AddH2(fP1Prev, t1, prev)
}
