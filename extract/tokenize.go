package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v3/segment"
	"github.com/jdkato/prose/v3/tokenize"
)

// Limits that keep analysis linear in the input size.
const (
	// MaxSentenceTokens is the most tokens one sentence is given to the
	// models; longer ones are split into chunks of at most this size.
	MaxSentenceTokens = 150
	// maxSegmentBytes bounds the text handed to the sentence splitter at
	// once; longer paragraphs are cut at a space (or anywhere, if none).
	maxSegmentBytes = 8 << 10
)

// span is a byte range [start, end) of the input.
type span struct{ start, end int }

// paragraphs splits text at blank lines, and at line breaks that end a
// line looking like a heading or the end of a sentence (a short line, or
// one ending in sentence punctuation). Lines that are simply wrapped stay
// together.
func paragraphs(text string) []span {
	var out []span
	start := 0
	lineStart := 0
	flush := func(end int) {
		s, e := trimSpan(text, start, end)
		if s < e {
			out = append(out, span{s, e})
		}
	}
	for i := 0; i < len(text); i++ {
		if text[i] != '\n' {
			continue
		}
		line := strings.TrimSpace(text[lineStart:i])
		next := i + 1
		// blank line ahead?
		j := next
		for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
			j++
		}
		blank := j >= len(text) || text[j] == '\n'
		if blank || line == "" || endsLine(line) {
			flush(i)
			start = next
		}
		lineStart = next
	}
	flush(len(text))
	return out
}

// endsLine reports whether a line ends a paragraph even without a blank
// line after it: it ends with sentence punctuation or is short (a
// heading or dateline).
func endsLine(line string) bool {
	if len(line) < 60 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(line)
	return strings.ContainsRune(".!?:\"'\u201d\u2019)", r)
}

func trimSpan(text string, s, e int) (int, int) {
	for s < e {
		r, n := utf8.DecodeRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= n
	}
	return s, e
}

// pieces cuts a paragraph into parts of at most maxSegmentBytes, at white
// space when possible, so that the sentence splitter's work is bounded.
func pieces(text string, p span) []span {
	var out []span
	for p.end-p.start > maxSegmentBytes {
		cut := p.start + maxSegmentBytes
		if i := strings.LastIndexAny(text[p.start:cut], " \t\n"); i > maxSegmentBytes/2 {
			cut = p.start + i
		} else {
			for cut > p.start && !utf8.RuneStart(text[cut]) {
				cut--
			}
		}
		out = append(out, span{p.start, cut})
		s, _ := trimSpan(text, cut, p.end)
		p.start = s
	}
	if p.start < p.end {
		out = append(out, p)
	}
	return out
}

// rawToken is a token before analysis.
type rawToken struct {
	text  string
	start int
}

var (
	segmenter = mustSegmenter()
	tokenizer = tokenize.New()
)

func mustSegmenter() *segment.Segmenter {
	s, err := segment.New()
	if err != nil {
		// prose's model is compiled in; failing to load it is a build bug
		panic("extract: prose segmenter: " + err.Error())
	}
	return s
}

// abbreviations that end a prose "sentence" wrongly in news text: the
// next segment continues the sentence.
var titleAbbrevs = map[string]bool{
	"Gen.": true, "Sen.": true, "Gov.": true, "Rep.": true, "Mr.": true, "Mrs.": true, "Ms.": true,
	"Dr.": true, "No.": true, "St.": true, "Lt.": true, "Col.": true, "Sgt.": true, "Capt.": true,
	"Prof.": true, "Maj.": true, "Brig.": true, "Adm.": true, "Rev.": true, "Gov.-elect": true,
	"Sens.": true, "Reps.": true, "Messrs.": true, "Cmdr.": true, "Lt.-Gen.": true,
}

var monthAbbrevs = map[string]bool{
	"Jan.": true, "Feb.": true, "Mar.": true, "Apr.": true, "Jun.": true, "Jul.": true, "Aug.": true,
	"Sep.": true, "Sept.": true, "Oct.": true, "Nov.": true, "Dec.": true,
}

var placeAbbrevs = map[string]bool{"U.S.": true, "U.N.": true, "U.K.": true, "E.U.": true}

// continues reports whether a segment ending in last is continued by the
// next segment, whose first token is next.
func continues(last, next string) bool {
	if titleAbbrevs[last] {
		return true
	}
	r, _ := utf8.DecodeRuneInString(next)
	if monthAbbrevs[last] {
		return unicode.IsDigit(r)
	}
	if placeAbbrevs[last] {
		return unicode.IsLower(r) || unicode.IsDigit(r)
	}
	return false
}

// sentences splits text into sentences of raw tokens with byte offsets
// into text.
func sentences(text string) [][]rawToken {
	var out [][]rawToken
	for _, para := range paragraphs(text) {
		var cur []rawToken
		for _, piece := range pieces(text, para) {
			for _, seg := range segmenter.Segment(text[piece.start:piece.end]) {
				base := piece.start + seg.Start
				toks := splitTokens(tokenizer.Tokenize(seg.Text), base)
				if len(toks) == 0 {
					continue
				}
				if len(cur) > 0 && !continues(cur[len(cur)-1].text, toks[0].text) {
					out = appendChunks(out, cur)
					cur = nil
				}
				cur = append(cur, toks...)
			}
		}
		if len(cur) > 0 {
			out = appendChunks(out, cur)
		}
	}
	return out
}

// appendChunks appends a sentence, split into chunks of at most
// MaxSentenceTokens.
func appendChunks(out [][]rawToken, s []rawToken) [][]rawToken {
	for len(s) > MaxSentenceTokens {
		out = append(out, s[:MaxSentenceTokens:MaxSentenceTokens])
		s = s[MaxSentenceTokens:]
	}
	return append(out, s)
}

// splitTokens converts prose tokens to raw tokens at base, splitting them
// further the way UD English-EWT does: "20%" → "20" "%", "coup-leaders" →
// "coup" "-" "leaders".
func splitTokens(toks []tokenize.Token, base int) []rawToken {
	out := make([]rawToken, 0, len(toks))
	for i, t := range toks {
		s, start := t.Text, base+t.Start
		if s == "" {
			continue
		}
		if openingQuote(s) && (i == 0 || toks[i-1].Start+len(toks[i-1].Text) < t.Start) {
			// "as 'X'": prose keeps an opening straight quote on the word
			out = append(out, rawToken{"'", start})
			s, start = s[1:], start+1
		}
		out = splitOne(out, s, start)
	}
	return out
}

// openingQuote reports whether a token is a straight single quote glued
// to the word it opens ("'Operation"), and not a clitic that starts with
// an apostrophe ("'s", "'cause", "'n'", "'90s").
func openingQuote(s string) bool {
	if len(s) < 2 || s[0] != '\'' {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[1:])
	return unicode.IsLetter(r) && !apostropheWords[strings.ToLower(s)]
}

// apostropheWords are words and clitics written with a leading apostrophe.
var apostropheWords = map[string]bool{
	"'s": true, "'ll": true, "'re": true, "'ve": true, "'d": true, "'m": true, "'t": true, "'em": true,
	"'n": true, "'cause": true, "'til": true, "'tis": true, "'twas": true, "'bout": true, "'round": true,
	"'ello": true, "'im": true, "'er": true, "'cos": true, "'coz": true,
}

func splitOne(out []rawToken, s string, start int) []rawToken {
	if len(s) > 1 && strings.HasSuffix(s, "%") && isDigitByte(s[len(s)-2]) {
		out = splitOne(out, s[:len(s)-1], start)
		return append(out, rawToken{"%", start + len(s) - 1})
	}
	if i := strings.IndexByte(s, '-'); i > 0 && i < len(s)-1 && !strings.Contains(s, "--") &&
		isAlnum(s[:i]) && isAlnumStart(s[i+1:]) && !strings.ContainsAny(s, "@/:.") &&
		i > 1 && !hyphenPrefixes[strings.ToLower(s[:i])] {
		out = append(out, rawToken{s[:i], start}, rawToken{"-", start + i})
		return splitOne(out, s[i+1:], start+i+1)
	}
	return append(out, rawToken{s, start})
}

// hyphenPrefixes stay attached, as in EWT: "co-workers", "non-human",
// "anti-war" (and single letters: "e-mail").
var hyphenPrefixes = map[string]bool{
	"co": true, "pre": true, "post": true, "non": true, "semi": true, "re": true, "pro": true,
	"anti": true, "multi": true, "mid": true, "ex": true, "vice": true, "sub": true, "inter": true,
	"un": true, "de": true, "bi": true, "tri": true, "mini": true, "quasi": true, "counter": true,
	"neo": true, "pseudo": true, "ultra": true, "micro": true, "macro": true, "mega": true,
}

func isDigitByte(b byte) bool { return '0' <= b && b <= '9' }

func isAlnum(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return s != ""
}

func isAlnumStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
