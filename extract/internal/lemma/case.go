package lemma

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kgraph/kg/extract/internal/lexicon"
	"github.com/kgraph/kg/extract/internal/perceptron"
)

// The case model decides, for a title-case word ("Housing"), whether its
// lemma keeps the capital. EWT gives a capitalised lemma to proper nouns
// and a lower-case one to everything else, so the tag decides; but the
// tagger confuses NN and NNP on title-case words in both directions. The
// case model is an averaged perceptron trained on EWT train with
// jackknifed (predicted) tags: it sees the predicted tag and the context
// (neighbouring words, tags and case, the title-case run the word is in,
// how much of the sentence is capitalised, whether the word was seen in
// lower case in training) and learns when to trust the tag.

// Case classes of the case model.
const (
	caseLower = 0 // the lemma is in lower case
	caseKeep  = 1 // the lemma keeps the capital
)

// caseTemplates numbers the case model's feature templates.
const (
	cfBias uint8 = iota + 1
	cfTag
	cfWord
	cfWordTag
	cfPrevTag
	cfNextTag
	cfTri
	cfPrevWord
	cfNextWord
	cfCases
	cfFirst
	cfRun
	cfRunPos
	cfSentCaps
	cfSeenLower
	cfLex
	cfSuffix
	cfPrevWordTag
	cfNextWordTag
	cfPrev2Tag
	cfNext2Tag
)

// caseCandidate reports whether the case model decides the case of the
// lemma of form tagged xpos: a title-case word of two or more letters (and
// hyphens, apostrophes and a final period: "Sts.", not "API.pdf") tagged
// as a noun, adjective or verb.
func caseCandidate(form, xpos string) bool {
	switch xpos {
	case "NN", "NNS", "NNP", "NNPS", "JJ", "VB", "VBG", "VBN", "VBD", "VBZ", "VBP":
	default:
		return false
	}
	if caseClass(form) != "t" || utf8.RuneCountInString(form) < 2 {
		return false
	}
	for i, r := range form {
		if !unicode.IsLetter(r) && r != '-' && r != '\'' && (r != '.' || i != len(form)-1) {
			return false
		}
	}
	return true
}

// caseMargin is how much the case model's score must favour a case over
// the other to overrule the case the tag gives. Chosen on EWT dev: 1, 2,
// 3 and 5 gave 652, 650, 648 and 659 errors (668 without the case
// model); 5-fold cross-validation on EWT train (by document, with the
// jackknifed tags) agreed: 4525, 4509, 4489 and 4489 errors of 204,577
// words.
const caseMargin = 3

// seenLowerTags are the tags whose lower-case training forms the case
// model looks up.
var seenLowerTags = [...]string{"NN", "NNS", "JJ", "VB", "VBG", "VBN", "RB"}

// caseFeatures adds the case model's features for word i of a tagged
// sentence.
func (l *Lemmatizer) caseFeatures(f *perceptron.Features, forms, xpos []string, i int, sentCaps string) {
	lower := strings.ToLower(forms[i])
	tag := xpos[i]
	at := func(j int) (form, tag string) {
		if j < 0 {
			return "<s>", "<s>"
		}
		if j >= len(forms) {
			return "</s>", "</s>"
		}
		return forms[j], xpos[j]
	}
	pw, pt := at(i - 1)
	nw, nt := at(i + 1)
	_, pt2 := at(i - 2)
	_, nt2 := at(i + 2)
	f.Add0(cfBias)
	f.Add1(cfTag, tag)
	f.Add1(cfWord, lower)
	f.Add2(cfWordTag, lower, tag)
	f.Add2(cfPrevTag, pt, tag)
	f.Add2(cfNextTag, tag, nt)
	f.Add3(cfTri, pt, tag, nt)
	f.Add2(cfPrev2Tag, pt2+" "+pt, tag)
	f.Add2(cfNext2Tag, tag, nt+" "+nt2)
	f.Add1(cfPrevWord, strings.ToLower(pw))
	f.Add1(cfNextWord, strings.ToLower(nw))
	f.Add2(cfPrevWordTag, strings.ToLower(pw), tag)
	f.Add2(cfNextWordTag, tag, strings.ToLower(nw))
	f.Add3(cfCases, shape(pw), shape(nw), tag)
	first := "no"
	if i == 0 || isOpening(pw) {
		first = "yes"
	}
	f.Add2(cfFirst, first, tag)
	// the run of capitalised words the word is in
	a, b := i, i
	for a > 0 && capitalised(forms[a-1]) {
		a--
	}
	for b+1 < len(forms) && capitalised(forms[b+1]) {
		b++
	}
	run := min(b-a+1, 5)
	f.Add2(cfRun, strconv.Itoa(run), tag)
	pos := "mid"
	switch {
	case a == b:
		pos = "alone"
	case i == a:
		pos = "start"
	case i == b:
		pos = "end"
	}
	f.Add3(cfRunPos, pos, strconv.Itoa(run), tag)
	f.Add2(cfSentCaps, sentCaps, tag)
	seen := ""
	for _, t := range seenLowerTags {
		if _, ok := l.dict[lower+"\t"+t+"\tl"]; ok {
			seen += t + ","
		}
	}
	f.Add2(cfSeenLower, seen, tag)
	if l.lex != nil {
		w := l.lex.Words[lower]
		f.Add2(cfLex, strconv.Itoa(int(w&(lexicon.Proper|lexicon.Common|lexicon.Noun))), tag)
	}
	if n := len(lower); n > 3 {
		f.Add2(cfSuffix, lower[n-3:], tag)
	}
}

// sentenceCaps buckets the share of a sentence's words that are
// capitalised: headlines and titles capitalise most of them.
func sentenceCaps(forms []string) string {
	words, caps := 0, 0
	for _, f := range forms {
		r, _ := utf8.DecodeRuneInString(f)
		if unicode.IsLetter(r) {
			words++
			if unicode.IsUpper(r) {
				caps++
			}
		}
	}
	if words == 0 {
		return "0"
	}
	return strconv.Itoa(4 * caps / (words + 1))
}

// capitalised reports whether form starts with an upper-case letter.
func capitalised(form string) bool {
	r, _ := utf8.DecodeRuneInString(form)
	return unicode.IsUpper(r)
}

// isOpening reports whether a word starts what follows it like a
// sentence start (quotes, brackets, colons, dashes, bullets).
func isOpening(form string) bool {
	switch form {
	case `"`, "``", "'", "(", "[", ":", "-", "--", "*", ">", "<", "|", "...", ".", "!", "?":
		return true
	}
	return false
}

// shape is a short case shape of a neighbouring word.
func shape(form string) string {
	r, _ := utf8.DecodeRuneInString(form)
	switch {
	case form == "<s>" || form == "</s>":
		return form
	case !unicode.IsLetter(r) && !unicode.IsDigit(r):
		return "p"
	}
	return caseClass(form)
}

// recaseLemma gives the lemma of the title-case word forms[i] in the case
// class c the case model chose, using the tag that goes with that case.
func (l *Lemmatizer) recaseLemma(form, xpos, next string, c int) string {
	if c == caseKeep {
		switch xpos {
		case "NNS", "NNPS":
			return l.lemma(form, "NNPS", next)
		case "NNP":
			return l.lemma(form, xpos, next)
		}
		lem := l.lemma(form, xpos, next)
		if lem != "" && !capitalised(lem) && strings.EqualFold(lem[:1], form[:1]) {
			// the lemma of the word as the tag has it, with the
			// form's capital ("Visit", "Fair")
			if strings.EqualFold(lem, form) {
				return form
			}
			return recase(lem, form)
		}
		return lem
	}
	switch xpos {
	case "NNP":
		xpos = "NN"
	case "NNPS":
		xpos = "NNS"
	}
	return strings.ToLower(l.lemma(form, xpos, next))
}

// CaseExample is one sentence for training the case model: forms, the
// tags a tagger predicts for them (jackknifed, so that it errs as on
// unseen text) and the gold lemmas.
type CaseExample struct {
	Forms, XPOS, Lemmas []string
}

// caseLabel gives the class of a gold lemma of a title-case form, or -1
// when the lemma is not a case variant of a form's lemma.
func caseLabel(form, lemma string) int {
	if lemma == "" || lemma == "_" {
		return -1
	}
	fr, _ := utf8.DecodeRuneInString(form)
	lr, _ := utf8.DecodeRuneInString(lemma)
	if unicode.ToLower(fr) != unicode.ToLower(lr) {
		return -1
	}
	if unicode.IsUpper(lr) {
		return caseKeep
	}
	return caseLower
}

// caseIterations is the number of passes over the training data.
const caseIterations = 8

// TrainCase trains l's case model on sentences with predicted tags. It is
// deterministic: sentences are visited in a fixed shuffled order.
func (l *Lemmatizer) TrainCase(data []CaseExample) {
	t := perceptron.NewTrainer([]string{"lower", "keep"})
	var f perceptron.Features
	order := make([]int, len(data))
	for i := range order {
		order[i] = i
	}
	caps := make([]string, len(data))
	for i, s := range data {
		caps[i] = sentenceCaps(s.Forms)
	}
	rng := uint64(0x9e3779b97f4a7c15)
	for it := 0; it < caseIterations; it++ {
		for i := len(order) - 1; i > 0; i-- {
			rng ^= rng << 13
			rng ^= rng >> 7
			rng ^= rng << 17
			j := int(rng % uint64(i+1))
			order[i], order[j] = order[j], order[i]
		}
		for _, si := range order {
			s := data[si]
			for i, form := range s.Forms {
				if !caseCandidate(form, s.XPOS[i]) {
					continue
				}
				y := caseLabel(form, s.Lemmas[i])
				if y < 0 {
					continue
				}
				f.Reset()
				l.caseFeatures(&f, s.Forms, s.XPOS, i, caps[si])
				t.Train(f.Keys, y)
			}
		}
	}
	l.cased = t.Model(2, 0)
}
