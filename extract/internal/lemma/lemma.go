package lemma

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kgraph/kg/extract/internal/lexicon"
	"github.com/kgraph/kg/extract/internal/modelfile"
	"github.com/kgraph/kg/extract/internal/perceptron"
)

const magic = "kg-lemma-3\n"

// ErrFormat is wrapped by Load errors for data that is not a lemmatiser.
var ErrFormat = errors.New("not a lemmatiser model")

// maxSuffix is the longest suffix a learned rule looks at.
const maxSuffix = 5

// Lemmatizer maps (form, XPOS) to a lemma.
type Lemmatizer struct {
	dict  map[string]string // lower + "\t" + XPOS → outcome
	rules map[string]string // XPOS + "\t" + suffix → outcome
	lex   *lexicon.Lexicon
	cased *perceptron.Model // the case model (case.go), or nil
}

// An outcome says how to get the lemma from the form: "=" the form as
// written, "~" its lower case, "-n+abc" drop n bytes of the lower case and
// add "abc", or a literal lemma after "!".
func apply(outcome, form, lower string) string {
	switch {
	case outcome == "=":
		return form
	case outcome == "~":
		return lower
	case strings.HasPrefix(outcome, "!"):
		return outcome[1:]
	case strings.HasPrefix(outcome, "-"):
		n := int(outcome[1] - '0')
		if n > len(lower) {
			return lower
		}
		return lower[:len(lower)-n] + outcome[3:]
	}
	return lower
}

// outcome describes lemma relative to form for the dictionary: the lower
// case or a literal.
func outcome(lower, lemma string) string {
	if lemma == lower {
		return "~"
	}
	return "!" + lemma
}

// rule describes lemma relative to lower as a suffix rewrite, or "" if
// it is not one (lemma not lower case, or the stem differs).
func rule(lower, lemma string) string {
	if lemma == lower {
		return "~"
	}
	p := 0
	for p < len(lower) && p < len(lemma) && lower[p] == lemma[p] {
		p++
	}
	drop := len(lower) - p
	if drop > 9 || p == 0 {
		return ""
	}
	return fmt.Sprintf("-%d+%s", drop, lemma[p:])
}

// Lemma returns the lemma of form (as fed to the models) tagged xpos,
// out of context. Sentence does better with a whole sentence.
func (l *Lemmatizer) Lemma(form, xpos string) string {
	return l.lemma(form, xpos, "")
}

// Sentence writes the lemmas of a tagged sentence's words into lemmas,
// which must be as long as forms and xpos. Besides each word and its tag
// it looks at the next word: "'s been" is a form of "have", "'s done" of
// "be"; and the case model (see case.go), when the model has one, decides
// whether a title-case word's lemma keeps its capital.
func (l *Lemmatizer) Sentence(forms, xpos, lemmas []string) {
	var (
		f      perceptron.Features
		scores [2]float32
		caps   string
	)
	for i, form := range forms {
		next := NextWord(forms, xpos, i)
		lemmas[i] = l.lemma(form, xpos[i], next)
		if xpos[i] == "NNP" && lemmas[i] == form && capsName(forms, i) {
			lemmas[i] = titleCase(form)
		}
		if l.cased != nil && caseCandidate(form, xpos[i]) {
			if caps == "" {
				caps = sentenceCaps(forms)
			}
			f.Reset()
			l.caseFeatures(&f, forms, xpos, i, caps)
			clear(scores[:])
			l.cased.Scores(f.Keys, scores[:])
			c, d := caseLower, scores[caseLower]-scores[caseKeep]
			if capitalised(lemmas[i]) {
				c, d = caseKeep, -d
			}
			if d < -caseMargin {
				lemmas[i] = l.recaseLemma(form, xpos[i], next, 1-c)
			}
		}
	}
}

// nextKey marks a dictionary entry that also depends on the next word.
const nextKey = "\t>"

func (l *Lemmatizer) lemma(form, xpos, next string) string {
	lower := strings.ToLower(form)
	key := lower + "\t" + xpos
	if next != "" {
		if o, ok := l.dict[key+nextKey+strings.ToLower(next)]; ok {
			return apply(o, form, lower)
		}
	}
	if o, ok := l.dict[key+"\t"+caseClass(form)]; ok {
		return apply(o, form, lower)
	}
	if o, ok := l.dict[key]; ok {
		lemma := apply(o, form, lower)
		if c := caseClass(form); (xpos == "NNP" || xpos == "NNPS") && (c == "t" || c == "m") && strings.EqualFold(lemma, form) {
			// seen, but not in this case: a capitalised proper noun keeps
			// the case it is written in ("Ca", "Holocaust" beside "CA",
			// "holocaust"); lower-case and all-capitals ones are often
			// recased in EWT ("chicago", "TEHRAN")
			return form
		}
		return lemma
	}
	if xpos == "CD" && isNumber(form) {
		return number(form)
	}
	if xpos == "JJ" && l.lex != nil && caseClass(form) == "t" {
		if _, ok := l.lex.Demonyms[lower]; ok {
			return form // "Chilean" keeps its capital, as in EWT
		}
	}
	if short := squeeze(lower); short != nil {
		// "sooooo", "VERYYY": a letter stretched for emphasis, when the
		// shortened word is known (and not a letter: "KKK")
		for _, s := range short {
			if _, ok := l.dict[s+"\t"+xpos]; ok && utf8.RuneCountInString(s) > 1 {
				return l.Lemma(s, xpos)
			}
		}
	}
	if isAllCaps(form) && (l.lex == nil || l.lex.Words[lower] == 0) {
		// an acronym: "ECOWAS" keeps its case, and a plural one its
		// singular ("GTCs", "CD's" → "GTC", "CD"). EWT writes common-noun
		// acronyms ("RFP") in lower case, but the tagger calls too many
		// proper ones ("BBC") NN for that to pay with predicted tags.
		if xpos == "NNS" || xpos == "NNPS" {
			if s, ok := strings.CutSuffix(form, "'s"); ok {
				return s
			}
			if s, ok := strings.CutSuffix(form, "s"); ok {
				return s
			}
		}
		return form
	}
	switch xpos {
	case "NNP":
		// EWT keeps a proper noun's lemma in the case it is written in,
		// "glasgow" too (about two to one in its training data)
		return form
	case "NNPS":
		// the lemma of the plural as a common noun, in the form's case
		// ("Diaries" → "Diary", "Buses" → "Bus", "Semantics"), else the
		// form without its -s ("Koreans" → "Korean")
		if !isAllCaps(form) {
			if s := l.Lemma(lower, "NNS"); s != lower || l.commonNoun(lower) {
				return recase(s, form)
			}
		}
		if strings.HasSuffix(form, "s") && len(form) > 3 {
			return form[:len(form)-1]
		}
		return form
	case "CD", "FW", "ADD", "SYM", "LS", "GW", "XX":
		return form
	}
	if pos := wnPOS(xpos); pos != 0 && l.lex != nil && inflected(xpos) {
		if bs := l.lex.Bases(lower, pos); len(bs) > 0 {
			if xpos == "NNS" && bs[0] == lower {
				// "scores", "belongings" are WordNet lemmas too, but
				// as plurals their lemma is the singular
				if s := l.singular(lower); s != "" {
					return s
				}
			}
			return bs[0]
		}
	}
	if inflected(xpos) {
		for n := min(maxSuffix, utf8.RuneCountInString(lower)-1); n >= 1; n-- {
			if o, ok := l.rules[xpos+"\t"+lower[len(lower)-n:]]; ok {
				return apply(o, form, lower)
			}
		}
	}
	return lower
}

// singular returns the singular of a plural noun lower, by WordNet's
// detachment rules, if it is a common noun in WordNet, or "".
func (l *Lemmatizer) singular(lower string) string {
	for _, r := range [][2]string{{"ies", "y"}, {"ches", "ch"}, {"shes", "sh"}, {"xes", "x"}, {"ses", "s"}, {"s", ""}} {
		if b, ok := strings.CutSuffix(lower, r[0]); ok && len(b) > 1 {
			b += r[1]
			if l.commonNoun(b) {
				return b
			}
		}
	}
	return ""
}

// commonNoun reports whether lower is a common noun lemma in WordNet.
func (l *Lemmatizer) commonNoun(lower string) bool {
	if l.lex == nil {
		return false
	}
	w := l.lex.Words[lower]
	return w&lexicon.Noun != 0 && w&lexicon.Common != 0
}

// recase writes lemma, a lemma of strings.ToLower(form), with the letters
// it shares with form in form's case: ("diary", "Diaries") → "Diary".
func recase(lemma, form string) string {
	var b strings.Builder
	rest := lemma
	for _, r := range form {
		lr, n := utf8.DecodeRuneInString(rest)
		if n == 0 || lr != unicode.ToLower(r) {
			break
		}
		b.WriteRune(r)
		rest = rest[n:]
	}
	return b.String() + rest
}

// squeeze returns lower with every run of three or more of the same
// letter cut to two and to one ("sooooo" → "soo", "so"), or nil if it has
// no such run.
func squeeze(lower string) []string {
	var two, one strings.Builder
	found := false
	rs := []rune(lower)
	for i := 0; i < len(rs); {
		j := i
		for j < len(rs) && rs[j] == rs[i] {
			j++
		}
		n := j - i
		if n >= 3 && unicode.IsLetter(rs[i]) {
			found = true
			two.WriteString(string(rs[i : i+2]))
			one.WriteRune(rs[i])
		} else {
			two.WriteString(string(rs[i:j]))
			one.WriteString(string(rs[i:j]))
		}
		i = j
	}
	if !found {
		return nil
	}
	return []string{two.String(), one.String()}
}

// number writes a number as EWT lemmatises it: without thousands
// separators ("1,200" → "1200"), and with a decimal comma as a point
// ("7,5" → "7.5", "3,40" → "3.40").
func number(form string) string {
	if strings.Count(form, ",") == 1 && !strings.Contains(form, ".") {
		i := strings.IndexByte(form, ',')
		if d := len(form) - i - 1; (d == 1 || d == 2) && i > 0 {
			return form[:i] + "." + form[i+1:]
		}
	}
	return strings.ReplaceAll(form, ",", "")
}

// inflected reports whether words tagged xpos are inflected forms.
func inflected(xpos string) bool {
	switch xpos {
	case "NNS", "VBD", "VBG", "VBN", "VBZ", "JJR", "JJS", "RBR", "RBS":
		return true
	}
	return false
}

func wnPOS(xpos string) byte {
	switch {
	case strings.HasPrefix(xpos, "NN"):
		return 'n'
	case strings.HasPrefix(xpos, "VB"):
		return 'v'
	case strings.HasPrefix(xpos, "JJ"):
		return 'a'
	case strings.HasPrefix(xpos, "RB"):
		return 'r'
	}
	return 0
}

// file is the model as sorted slices, so that files are byte for byte
// reproducible.
type file struct {
	DictK, DictV   []string
	RulesK, RulesV []string
}

func sortedPairs(m map[string]string) ([]string, []string) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	vals := make([]string, len(keys))
	for i, k := range keys {
		vals[i] = m[k]
	}
	return keys, vals
}

func toMap(keys, vals []string) (map[string]string, error) {
	if len(keys) != len(vals) {
		return nil, fmt.Errorf("%w: %d keys, %d values", ErrFormat, len(keys), len(vals))
	}
	m := make(map[string]string, len(keys))
	for i, k := range keys {
		m[k] = vals[i]
	}
	return m, nil
}

// Save writes the lemmatiser to w as a model file (see modelfile). The lexicon is not
// included; pass it to Load.
func (l *Lemmatizer) Save(w io.Writer) error {
	zw := modelfile.NewWriter(w)
	bw := bufio.NewWriter(zw)
	bw.WriteString(magic)
	var f file
	f.DictK, f.DictV = sortedPairs(l.dict)
	f.RulesK, f.RulesV = sortedPairs(l.rules)
	for _, list := range [][]string{f.DictK, f.DictV, f.RulesK, f.RulesV} {
		perceptron.WriteStrings(bw, list)
	}
	if l.cased != nil {
		bw.WriteByte(1)
		l.cased.Encode(bw)
	} else {
		bw.WriteByte(0)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("lemma: save: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("lemma: save: %w", err)
	}
	return nil
}

// Load reads a lemmatiser written by Save; lex gives the WordNet
// exceptions and lemmas for unseen words (it may be nil).
func Load(r io.Reader, lex *lexicon.Lexicon) (*Lemmatizer, error) {
	// decompress in one go, then decode from memory
	data, err := modelfile.Read(r, 1<<30)
	if err != nil {
		return nil, fmt.Errorf("lemma: load: %w: %w", ErrFormat, err)
	}
	br := bufio.NewReaderSize(bytes.NewReader(data), 1<<16)
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magic {
		return nil, fmt.Errorf("lemma: load: %w", ErrFormat)
	}
	var f file
	for _, list := range []*[]string{&f.DictK, &f.DictV, &f.RulesK, &f.RulesV} {
		var err error
		if *list, err = perceptron.ReadStrings(br, 1<<22); err != nil {
			return nil, fmt.Errorf("lemma: load: %w", err)
		}
	}
	dict, err := toMap(f.DictK, f.DictV)
	if err != nil {
		return nil, fmt.Errorf("lemma: load: %w", err)
	}
	rules, err := toMap(f.RulesK, f.RulesV)
	if err != nil {
		return nil, fmt.Errorf("lemma: load: %w", err)
	}
	for _, o := range rules {
		if strings.HasPrefix(o, "-") && (len(o) < 3 || o[1] < '0' || o[1] > '9') {
			return nil, fmt.Errorf("lemma: load: %w: bad rule %q", ErrFormat, o)
		}
	}
	l := &Lemmatizer{dict: dict, rules: rules, lex: lex}
	switch b, err := br.ReadByte(); {
	case err != nil:
		return nil, fmt.Errorf("lemma: load: %w: %w", ErrFormat, err)
	case b == 1:
		if l.cased, err = perceptron.Decode(br); err != nil {
			return nil, fmt.Errorf("lemma: load: case model: %w", err)
		}
		if len(l.cased.Classes) != 2 {
			return nil, fmt.Errorf("lemma: load: %w: case model has %d classes", ErrFormat, len(l.cased.Classes))
		}
	case b != 0:
		return nil, fmt.Errorf("lemma: load: %w: bad case model flag %d", ErrFormat, b)
	}
	return l, nil
}

// Example is one training word.
type Example struct {
	Form, XPOS, Lemma string
	Next              string // the next word's form as NextWord gives it, or ""
}

// NextWord returns the form of the word after forms[i] that the lemma of
// forms[i] may depend on: the next word, past adverbs ("'s always been",
// "'s never got": forms of "have"), or "" at the end of the sentence.
func NextWord(forms, xpos []string, i int) string {
	j := i + 1
	for j+1 < len(forms) && xpos[j] == "RB" {
		j++
	}
	if j < len(forms) {
		return forms[j]
	}
	return ""
}

// minNext is the least number of times a word and tag must be seen
// before the same next word for the pair to get its own dictionary entry.
const minNext = 3

// Train builds a lemmatiser from treebank words. It is deterministic.
func Train(words []Example, lex *lexicon.Lexicon) *Lemmatizer {
	dictCount := map[string]map[string]int{}
	nextCount := map[string]map[string]int{}
	ruleCount := map[string]map[string]int{}
	add := func(m map[string]map[string]int, k, v string) {
		if m[k] == nil {
			m[k] = map[string]int{}
		}
		m[k][v]++
	}
	for _, w := range words {
		if w.Lemma == "" || w.Lemma == "_" {
			continue
		}
		lower := strings.ToLower(w.Form)
		add(dictCount, lower+"\t"+w.XPOS, outcome(lower, w.Lemma))
		add(dictCount, lower+"\t"+w.XPOS+"\t"+caseClass(w.Form), outcome(lower, w.Lemma))
		if w.Next != "" {
			add(nextCount, lower+"\t"+w.XPOS+nextKey+strings.ToLower(w.Next), outcome(lower, w.Lemma))
		}
		if inflected(w.XPOS) {
			if r := rule(lower, w.Lemma); r != "" {
				for n := 1; n <= maxSuffix && n < utf8.RuneCountInString(lower); n++ {
					add(ruleCount, w.XPOS+"\t"+lower[len(lower)-n:], r)
				}
			}
		}
	}
	best := func(m map[string]map[string]int, min int) map[string]string {
		out := map[string]string{}
		for k, vs := range m {
			bv, bn := "", 0
			for v, n := range vs {
				if n > bn || (n == bn && v < bv) {
					bv, bn = v, n
				}
			}
			if bn >= min {
				out[k] = bv
			}
		}
		return out
	}
	dict := best(dictCount, 1)
	// a next-word entry where the next word decides against the word's
	// usual lemma, without exception: "'s been" → "have"
	for k, o := range best(nextCount, minNext) {
		base, _, _ := strings.Cut(k, nextKey)
		if o != dict[base] && len(nextCount[k]) == 1 {
			dict[k] = o
		}
	}
	return &Lemmatizer{dict: dict, rules: best(ruleCount, 2), lex: lex}
}

// capsName reports whether forms[i] is a word of five or more letters,
// all capitals, beside another word in capitals ("GEORGE WALKER", "CRAZY
// HORSE"): EWT writes the lemma of such a proper noun in title case (EWT
// train: 86 times, against 2 kept as written). Alone, an all-capitals
// name is as often an acronym kept as written ("NYMEX", "ECOWAS": 34
// against 58 in title case), and shorter ones mostly are ("FBI").
func capsName(forms []string, i int) bool {
	n := 0
	for _, r := range forms[i] {
		if !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	if n < 5 {
		return false
	}
	capsWord := func(j int) bool {
		return j >= 0 && j < len(forms) && utf8.RuneCountInString(forms[j]) >= 2 && caseClass(forms[j]) == "u"
	}
	return capsWord(i-1) || capsWord(i+1)
}

// titleCase returns form with its first letter in upper case and the
// others in lower case.
func titleCase(form string) string {
	lower := strings.ToLower(form)
	r, n := utf8.DecodeRuneInString(lower)
	return string(unicode.ToUpper(r)) + lower[n:]
}

// isAllCaps reports whether form has two or more letters, all upper case
// (an "s" at the end aside).
func isAllCaps(form string) bool {
	letters := 0
	for i, r := range form {
		switch {
		case unicode.IsUpper(r):
			letters++
		case unicode.IsLower(r):
			if !(r == 's' && i == len(form)-1) {
				return false
			}
		}
	}
	return letters >= 2
}

// isNumber reports whether s is digits with commas and periods.
func isNumber(s string) bool {
	digits := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == ',' || c == '.':
		default:
			return false
		}
	}
	return digits > 0
}

// caseClass names the case pattern of a form: "l" lower, "u" upper, "t"
// title, "m" mixed or no letters. The dictionary keeps outcomes per case
// pattern too, since EWT lemmatises "al" and "Al", or "SCALIA" and
// "Scalia", differently.
func caseClass(form string) string {
	lo, up := false, false
	first := true
	title := false
	for _, r := range form {
		switch {
		case unicode.IsLower(r):
			lo = true
		case unicode.IsUpper(r):
			up = true
			if first {
				title = true
			}
		}
		first = false
	}
	switch {
	case lo && !up:
		return "l"
	case up && !lo:
		return "u"
	case title:
		return "t"
	}
	return "m"
}
