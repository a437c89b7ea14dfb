package extract

import (
	"fmt"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"
)

// Options configures an Extractor.
type Options struct {
	// Analyzer is the analysis to build on; nil means NewAnalyzer().
	Analyzer *Analyzer
	// Lines treats each line of a document as one sentence.
	Lines bool
	// Pretokenized treats each line as one sentence of tokens separated by
	// spaces (CaRB's input); it implies Lines.
	Pretokenized bool
	// KeepUnresolved keeps facts whose subject or object is a pronoun that
	// no entity was found for (as a string literal). By default they are
	// dropped: a bare pronoun says nothing in a graph.
	KeepUnresolved bool
	// NoEntityFacts leaves out the type, name and alias facts.
	NoEntityFacts bool
	// MinConfidence drops facts below this confidence.
	MinConfidence float64
}

// Extractor turns documents into facts. It is safe for concurrent use,
// and its output depends only on its input.
type Extractor struct {
	a   *Analyzer
	opt Options
}

// NewExtractor returns an Extractor with the embedded models.
func NewExtractor(opt Options) (*Extractor, error) {
	a := opt.Analyzer
	if a == nil {
		var err error
		if a, err = NewAnalyzer(); err != nil {
			return nil, fmt.Errorf("extract: %w", err)
		}
	}
	if opt.Pretokenized {
		opt.Lines = true
	}
	return &Extractor{a: a, opt: opt}, nil
}

// Extract analyses a document and returns its sentences and facts. An
// empty document gives an empty result.
func (x *Extractor) Extract(doc Document) (Result, error) {
	sents, err := x.analyze(doc.Text)
	if err != nil {
		return Result{Document: doc}, fmt.Errorf("extract: %s: %w", doc.ID, err)
	}
	return x.FromSentences(doc, sents), nil
}

func (x *Extractor) analyze(text string) ([]Sentence, error) {
	if !x.opt.Lines {
		return x.a.Analyze(text)
	}
	var out []Sentence
	off := 0
	for _, line := range strings.SplitAfter(text, "\n") {
		body := strings.TrimRight(line, "\r\n")
		if strings.TrimSpace(body) == "" {
			off += len(line)
			continue
		}
		if x.opt.Pretokenized {
			s, err := tokenSentence(strings.Fields(body))
			if err != nil {
				return nil, err
			}
			placeTokens(&s, body, off)
			out = append(out, s)
		} else {
			ss, err := x.a.Analyze(body)
			if err != nil {
				return nil, err
			}
			for _, s := range ss {
				shift(&s, off)
				out = append(out, s)
			}
		}
		off += len(line)
	}
	if x.opt.Pretokenized {
		x.a.analyzeAll(out)
	}
	return out, nil
}

// placeTokens gives pretokenised tokens their byte offsets in line, which
// starts at byte off of the document.
func placeTokens(s *Sentence, line string, off int) {
	pos := 0
	for i := range s.Tokens {
		tk := &s.Tokens[i]
		j := strings.Index(line[pos:], tk.Text)
		if j < 0 {
			j = 0
		}
		tk.Start = off + pos + j
		tk.End = tk.Start + len(tk.Text)
		pos += j + len(tk.Text)
	}
	if n := len(s.Tokens); n > 0 {
		s.Start, s.End = s.Tokens[0].Start, s.Tokens[n-1].End
	}
}

func shift(s *Sentence, off int) {
	s.Start += off
	s.End += off
	for i := range s.Tokens {
		s.Tokens[i].Start += off
		s.Tokens[i].End += off
	}
}

// FromSentences extracts facts from sentences already analysed from
// doc.Text (their offsets index it).
func (x *Extractor) FromSentences(doc Document, sents []Sentence) Result {
	res := Result{Document: doc}
	d := &docState{ents: newEntities(), titles: map[string]bool{}}
	trees := make([]*tree, len(sents))
	for i := range sents {
		trees[i] = newTree(&sents[i])
		d.register(trees[i], i)
	}
	for i := range sents {
		s := &sents[i]
		text := sliceText(doc.Text, s)
		info := SentenceInfo{Index: i, Text: text, Offset: s.Start}
		res.Sentences = append(res.Sentences, info)
		t := trees[i]
		ms := d.mentions(t, i)
		fb := factBuilder{x: x, t: t, d: d, ms: ms, doc: doc, info: info}
		done := map[string]bool{}
		first := len(res.Facts)
		for _, c := range t.clauses() {
			if f, ok := fb.fact(c); ok {
				res.Facts = append(res.Facts, f)
				if f.Kind == KindApposition {
					if iri, ok := f.Subject.(quad.IRI); ok {
						done[string(iri)] = true
					}
				}
			}
		}
		res.Facts = append(res.Facts, fb.titles()...)
		res.Facts = append(res.Facts, fb.appositionFallback(done)...)
		res.Facts = append(res.Facts, fb.links(res.Facts[first:])...)
	}
	if !x.opt.NoEntityFacts {
		res.Facts = append(res.Facts, entityFacts(d, doc, res.Sentences)...)
	}
	if x.opt.MinConfidence > 0 {
		kept := res.Facts[:0]
		for _, f := range res.Facts {
			if f.Confidence >= x.opt.MinConfidence {
				kept = append(kept, f)
			}
		}
		res.Facts = kept
	}
	return res
}

func sliceText(src string, s *Sentence) string {
	if s.Start >= 0 && s.End <= len(src) && s.Start < s.End {
		return src[s.Start:s.End]
	}
	ws := make([]string, len(s.Tokens))
	for i, tk := range s.Tokens {
		ws[i] = tk.Text
	}
	return strings.Join(ws, " ")
}

// factBuilder turns the clauses of one sentence into facts.
type factBuilder struct {
	x    *Extractor
	t    *tree
	d    *docState
	ms   map[int]*mention
	doc  Document
	info SentenceInfo
	ents []Entity // the sentence's entity spans, computed on first use
}

// value returns the quad value of a phrase, its resolution note, and
// whether it is usable.
func (b *factBuilder) value(p phrase, literal bool) (quad.Value, string, bool) {
	if p.head < 0 || len(p.toks) == 0 {
		return nil, "", false
	}
	text := b.written(p.toks)
	if p.clausal {
		return quad.String(text), "", true
	}
	m := b.ms[p.head]
	if m != nil && m.ent != nil && !m.ent.proper && !literal {
		// "the spokesman, Idrissa Sow, said": the named apposition
		for _, ap := range b.t.children(p.head, "appos") {
			if am := b.ms[ap]; am != nil && am.ent != nil && am.ent.proper {
				m = am
				break
			}
		}
	}
	if m != nil && m.ent != nil && !m.ent.proper && !literal {
		// "Niger's armed forces chief General Abdou Sidikou Issa": the
		// person named at the end of the phrase
		if pm := b.personAtEnd(p); pm != nil {
			m = pm
		}
	}
	if m != nil && m.ent != nil && (!literal || m.ent.proper) {
		m.ent.used = true
		return quad.IRI(m.ent.key), m.resolution, true
	}
	if m != nil && m.pronoun && m.ent == nil {
		return quad.String(text), "", b.x.opt.KeepUnresolved
	}
	if m != nil && m.lit != nil && !literal {
		return m.lit, "", true
	}
	return quad.String(text), "", true
}

// written is the text of tokens as written in the sentence.
func (b *factBuilder) written(toks []int) string {
	if len(toks) == 0 {
		return ""
	}
	lo, hi := toks[0], toks[len(toks)-1]
	if hi-lo+1 == len(toks) {
		return b.t.text(b.doc.Text, lo, hi)
	}
	return b.t.words(toks)
}

func (b *factBuilder) span(toks []int) Span {
	if len(toks) == 0 {
		return Span{}
	}
	return Span{b.t.toks[toks[0]].Start - b.info.Offset, b.t.toks[toks[len(toks)-1]].End - b.info.Offset}
}

func (b *factBuilder) base() Fact {
	return Fact{Doc: b.doc.ID, Date: b.doc.Date, Sentence: b.info.Index, Text: b.info.Text, Offset: b.info.Offset}
}

func (b *factBuilder) fact(c clause) (Fact, bool) {
	literalObj := c.kind == KindCopula || c.kind == KindApposition
	sv, sres, ok := b.value(c.subj, false)
	if !ok {
		return Fact{}, false
	}
	objPhrase := c.obj
	if literalObj && len(objPhrase.toks) > 1 && b.t.urel(objPhrase.toks[0]) == "det" {
		objPhrase.toks = objPhrase.toks[1:]
	}
	ov, ores, ok := b.value(objPhrase, literalObj)
	if !ok {
		return Fact{}, false
	}
	if sv == nil || ov == nil || quad.StringOf(sv) == "" || quad.StringOf(ov) == "" {
		return Fact{}, false
	}
	f := b.base()
	f.Subject, f.Predicate, f.Object = sv, quad.IRI(clausePredicate(c.pred)), ov
	f.Negated, f.Modality, f.Kind = c.negated, c.modality, c.kind
	if c.kind == KindActive && IsPassive(c.pred) {
		f.Kind = KindPassive
	}
	for _, r := range []string{sres, ores} {
		if r != "" {
			f.Resolution = append(f.Resolution, r)
		}
	}
	if c.speaker.head >= 0 {
		if v, res, ok := b.value(c.speaker, false); ok {
			switch v := v.(type) {
			case quad.IRI:
				f.Attribution = strings.ReplaceAll(string(v), "_", " ")
			default:
				f.Attribution = quad.StringOf(v)
			}
			if res != "" {
				f.Resolution = append(f.Resolution, res)
			}
		}
	}
	f.Spans = [3]Span{b.span(c.subj.toks), b.span(c.rel), b.span(objPhrase.toks)}
	relText := b.t.words(c.rel)
	if c.kind == KindApposition || c.kind == KindTitle {
		relText = "is"
		f.Spans[1] = Span{}
	}
	f.Surface = [3]string{b.written(c.subj.toks), relText, b.written(objPhrase.toks)}
	carbRel := relText
	if c.carbRel != nil {
		carbRel = b.t.words(c.carbRel)
	}
	carbObj := c.obj.toks // with its determiner
	if c.carbObj.head >= 0 {
		carbObj = c.carbObj.toks
	}
	f.carb = []string{carbRel, b.t.words(c.subj.toks), b.t.words(carbObj)}
	for _, a := range c.args {
		av, _, ok := b.value(a.p, false)
		if !ok || av == nil {
			continue
		}
		f.Args = append(f.Args, Arg{Role: a.role, Value: av, Text: b.written(a.p.toks), Span: b.span(a.p.toks)})
		f.carb = append(f.carb, b.t.words(a.p.toks))
	}
	fv := featuresOf(b.t, c, &f)
	f.feats = fv[:]
	f.Confidence = confidence(fv)
	return f, true
}

// titles makes the has_title facts of the sentence's named persons.
func (b *factBuilder) titles() []Fact {
	var out []Fact
	s := Sentence{Tokens: b.t.toks}
	for _, en := range s.Entities() {
		if en.Type != "PER" {
			continue
		}
		title := titleOf(b.t, en.First, en.Last)
		if len(title) == 0 {
			continue
		}
		x := b.d.registerName(b.t, b.info.Index, en.First, en.Last, TypePerson)
		if x == nil {
			continue
		}
		tt := b.written(title)
		key := x.key + "\x00" + tt
		if b.d.titles[key] {
			continue
		}
		b.d.titles[key] = true
		x.used = true
		nameToks := rangeIdx(title[len(title)-1]+1, en.Last)
		if len(nameToks) == 0 {
			continue
		}
		f := b.base()
		f.Subject, f.Predicate, f.Object = quad.IRI(x.key), quad.IRI(PredTitle), quad.String(tt)
		f.Kind = KindTitle
		f.Spans = [3]Span{b.span(nameToks), {}, b.span(title)}
		f.Surface = [3]string{b.written(nameToks), "", tt}
		f.carb = []string{"is", b.t.words(nameToks), b.t.words(title)}
		fv := titleFeatures(len(title))
		f.feats = fv[:]
		f.Confidence = confidence(fv)
		out = append(out, f)
	}
	return out
}

// entityFacts gives every entity used in a fact its type, display name and
// aliases, with the evidence of its first mention.
func entityFacts(d *docState, doc Document, sents []SentenceInfo) []Fact {
	var out []Fact
	for _, x := range d.ents.order {
		if !x.used {
			continue
		}
		f := Fact{Doc: doc.ID, Date: doc.Date, Sentence: x.sent, Kind: KindEntity, Confidence: 1}
		if x.sent < len(sents) {
			f.Text, f.Offset = sents[x.sent].Text, sents[x.sent].Offset
		}
		f.Spans = [3]Span{x.span, {}, x.span}
		f.Surface = [3]string{x.surface, "", x.surface}
		subj := quad.IRI(x.key)
		add := func(pred string, obj quad.Value) {
			g := f
			g.Subject, g.Predicate, g.Object = subj, quad.IRI(pred), obj
			out = append(out, g)
		}
		add(PredType, quad.IRI(x.typ))
		add(PredName, quad.String(x.display))
		aliases := make([]string, 0, len(x.aliases))
		for a := range x.aliases {
			if a != x.display {
				aliases = append(aliases, a)
			}
		}
		sort.Strings(aliases)
		for _, a := range aliases {
			add(PredAlias, quad.String(a))
		}
	}
	return out
}

// personAtEnd returns the mention of a person whose name ends phrase p,
// preceded by role words only.
func (b *factBuilder) personAtEnd(p phrase) *mention {
	last := p.toks[len(p.toks)-1]
	if !strings.HasSuffix(b.t.toks[last].NER, "PER") {
		return nil
	}
	for k := last; k >= p.toks[0]; k-- {
		if m := b.ms[k]; m != nil && m.ent != nil && m.ent.typ == TypePerson && m.ent.proper {
			return m
		}
		if !strings.HasSuffix(b.t.toks[k].NER, "PER") {
			break
		}
	}
	// the name's head may be its first word
	for k := last; k >= p.toks[0] && strings.HasSuffix(b.t.toks[k].NER, "PER"); k-- {
		if m := b.ms[k]; m != nil && m.ent != nil && m.ent.proper {
			return m
		}
	}
	return nil
}

// appositionFallback finds "the spokesman of the group, Amadou Abdramane"
// when the parser did not attach the name as an apposition: a person's
// name right after a comma that follows a phrase headed by a role noun.
func (b *factBuilder) appositionFallback(done map[string]bool) []Fact {
	var out []Fact
	s := Sentence{Tokens: b.t.toks}
	for _, en := range s.Entities() {
		if en.Type != "PER" || en.First < 2 || b.t.toks[en.First-1].Text != "," {
			continue
		}
		if en.Last+1 < len(b.t.toks) {
			if nx := b.t.toks[en.Last+1]; nx.UPOS != "PUNCT" {
				continue
			}
		}
		// the role noun: the leftmost person/title noun within six tokens
		// before the comma, with no verb or punctuation in between
		start := -1
		for k := en.First - 2; k >= 0 && en.First-2-k < 6; k-- {
			tk := b.t.toks[k]
			if tk.UPOS == "VERB" || tk.UPOS == "PUNCT" || tk.UPOS == "AUX" || tk.UPOS == "PRON" {
				break
			}
			if l := strings.ToLower(tk.Text); (personNouns[l] || titleWords[l]) && tk.UPOS == "NOUN" {
				start = k
			}
		}
		if start < 0 {
			continue
		}
		var x *entity
		for k := en.Last; k >= en.First; k-- {
			if m := b.ms[k]; m != nil && m.ent != nil && m.ent.proper {
				x = m.ent
				break
			}
		}
		if x == nil {
			continue
		}
		desc := rangeIdx(start, en.First-2)
		text := b.written(desc)
		if done[x.key] {
			continue
		}
		done[x.key] = true
		x.used = true
		f := b.base()
		f.Subject, f.Predicate, f.Object = quad.IRI(x.key), quad.IRI(PredIs), quad.String(text)
		f.Kind = KindApposition
		name := rangeIdx(en.First, en.Last)
		f.Spans = [3]Span{b.span(name), {}, b.span(desc)}
		f.Surface = [3]string{b.written(name), "is", text}
		f.carb = []string{"is", b.t.words(name), b.t.words(desc)}
		fv := titleFeatures(len(desc))
		fv[featTitle], fv[featApposition] = 0, 1
		f.feats = fv[:]
		f.Confidence = confidence(fv)
		out = append(out, f)
	}
	return out
}

// clausePredicate keeps a verb's predicate clear of the entity vocabulary:
// "name", "type" and "alias" are the predicates of an entity's display
// name, type and aliases, so the verbs ("She named Tesh commander") are
// stored as designate, classify and alias_as.
func clausePredicate(p string) string {
	switch p {
	case PredName:
		return "designate"
	case PredType:
		return "classify"
	case PredAlias:
		return "alias_as"
	}
	return p
}
