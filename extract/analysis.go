package extract

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/kgraph/kg/extract/internal/conllu"
	"github.com/kgraph/kg/extract/internal/lemma"
	"github.com/kgraph/kg/extract/internal/lexicon"
	"github.com/kgraph/kg/extract/internal/models"
	"github.com/kgraph/kg/extract/internal/ner"
	"github.com/kgraph/kg/extract/internal/postag"
)

// Errors returned by the analysis functions.
var (
	// ErrInvalidUTF8 is returned for input that is not valid UTF-8.
	ErrInvalidUTF8 = errors.New("invalid UTF-8")
	// ErrNoModel is returned when an embedded model is missing.
	ErrNoModel = errors.New("model missing")
)

// Token is one analysed token.
type Token struct {
	Text       string // the token exactly as in the input: input[Start:End]
	Start, End int    // byte offsets into the input
	Form       string // the form fed to the models (curly quotes straightened)
	XPOS       string // Penn Treebank tag, such as "NNP"
	UPOS       string // universal tag, such as "PROPN"
	Lemma      string
	Head       int    // 1-based index of the head in the sentence, 0 for the root or when unparsed
	DepRel     string // UD relation, "" when unparsed
	NER        string // BIO entity tag: "O", "B-PER", "I-ORG", "B-DATE", ...
}

// Sentence is one analysed sentence.
type Sentence struct {
	Start, End int // byte offsets of the sentence in the input; both 0 for pretokenised input
	Paragraph  int // index of the paragraph, from 0
	Tokens     []Token
	Parsed     bool   // whether Head and DepRel were assigned by a Parser
	ID         string // sent_id, for CoNLL-U input
}

// Entities returns the sentence's entity spans as token ranges.
func (s *Sentence) Entities() []Entity {
	tags := make([]string, len(s.Tokens))
	for i, t := range s.Tokens {
		tags[i] = t.NER
	}
	var out []Entity
	for _, sp := range ner.Spans(tags) {
		out = append(out, Entity{Type: sp.Type, First: sp.Start, Last: sp.End - 1})
	}
	return out
}

// Entity is a named entity (or date or number) in a sentence: tokens
// First..Last inclusive.
type Entity struct {
	Type        string // PER, ORG, LOC, DATE or NUMBER
	First, Last int
}

// Analyzer runs the language models. It is safe for concurrent use, and
// its output depends only on its input.
type Analyzer struct {
	tagger *postag.Tagger
	lemmas *lemma.Lemmatizer
	ner    *ner.Tagger
	lex    *lexicon.Lexicon
	names  *nameIndex
	parser Parser
}

type loaded struct {
	tagger *postag.Tagger
	lemmas *lemma.Lemmatizer
	ner    *ner.Tagger
	lex    *lexicon.Lexicon
	names  *nameIndex
	parser Parser
}

// the embedded models are read-only once loaded, so every Analyzer shares
// one copy
var loadModels = sync.OnceValues(func() (*loaded, error) {
	return loadFrom(models.FS())
})

func openModel(fsys fs.FS, name string) (fs.File, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrNoModel, name, err)
	}
	return f, nil
}

func loadFrom(fsys fs.FS) (*loaded, error) {
	var l loaded
	// the parser does not need the lexicon: start it at once
	var wg sync.WaitGroup
	var parserErr error
	wg.Add(1)
	go func() {
		defer wg.Done()
		l.parser, parserErr = loadParser(fsys)
	}()
	f, err := openModel(fsys, "lexicon.zst")
	if err != nil {
		wg.Wait()
		return nil, err
	}
	l.lex, err = lexicon.Load(f)
	f.Close()
	if err != nil {
		wg.Wait()
		return nil, err
	}
	l.names = newNameIndex(l.lex)
	// the other models share the lexicon and load in parallel
	load := func(name string, dst *error, decode func(io.Reader) error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f, err := openModel(fsys, name)
			if err != nil {
				*dst = err
				return
			}
			defer f.Close()
			*dst = decode(f)
		}()
	}
	var tagErr, lemmaErr, nerErr error
	load("tagger.bin.zst", &tagErr, func(r io.Reader) (err error) {
		l.tagger, err = postag.LoadShared(r, l.lex)
		return err
	})
	load("lemma.bin.zst", &lemmaErr, func(r io.Reader) (err error) {
		l.lemmas, err = lemma.Load(r, l.lex)
		return err
	})
	load("ner.bin.zst", &nerErr, func(r io.Reader) (err error) {
		l.ner, err = ner.Load(r, l.lex)
		return err
	})
	wg.Wait()
	if err := errors.Join(tagErr, lemmaErr, nerErr, parserErr); err != nil {
		return nil, err
	}
	return &l, nil
}

// NewAnalyzer returns an Analyzer using the embedded models, including the
// dependency parser when its model is embedded. The models are loaded on
// the first call and shared by every Analyzer.
func NewAnalyzer() (*Analyzer, error) {
	l, err := loadModels()
	if err != nil {
		return nil, fmt.Errorf("extract: load models: %w", err)
	}
	return &Analyzer{tagger: l.tagger, lemmas: l.lemmas, ner: l.ner, lex: l.lex, names: l.names, parser: l.parser}, nil
}

// WithParser returns a copy of a that parses with p (nil: no parsing, so
// heads stay 0 and Sentence.Parsed false).
func (a *Analyzer) WithParser(p Parser) *Analyzer {
	b := *a
	b.parser = p
	return &b
}

// HasParser reports whether a assigns dependency trees.
func (a *Analyzer) HasParser() bool { return a.parser != nil }

// Analyze splits text into paragraphs, sentences and tokens and analyses
// every sentence. Token offsets index text. Sentences longer than
// MaxSentenceTokens are cut into chunks, so time stays linear in the
// input. Text that is not valid UTF-8 is an error naming the byte offset.
func (a *Analyzer) Analyze(text string) ([]Sentence, error) {
	if !utf8.ValidString(text) {
		return nil, fmt.Errorf("extract: analyze: %w at byte %d", ErrInvalidUTF8, invalidAt(text))
	}
	paraOf := paragraphs(text)
	var out []Sentence
	p := 0
	for _, raw := range sentences(text) {
		for p+1 < len(paraOf) && raw[0].start >= paraOf[p+1].start {
			p++
		}
		s := Sentence{Start: raw[0].start, End: raw[len(raw)-1].start + len(raw[len(raw)-1].text), Paragraph: p}
		s.Tokens = make([]Token, len(raw))
		for i, r := range raw {
			s.Tokens[i] = Token{Text: r.text, Start: r.start, End: r.start + len(r.text)}
		}
		out = append(out, s)
	}
	a.analyzeAll(out)
	return out, nil
}

func invalidAt(s string) int {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, n := utf8.DecodeRuneInString(s[i:]); n == 1 {
				return i
			}
		}
	}
	return len(s)
}

// AnalyzeTokens analyses one pretokenised sentence. Offsets are left 0.
// A sentence longer than MaxSentenceTokens is analysed in chunks.
func (a *Analyzer) AnalyzeTokens(words []string) (Sentence, error) {
	s, err := tokenSentence(words)
	if err != nil {
		return Sentence{}, err
	}
	a.analyze(&s)
	return s, nil
}

// tokenSentence makes the sentence of pretokenised words, not analysed.
func tokenSentence(words []string) (Sentence, error) {
	s := Sentence{Tokens: make([]Token, len(words))}
	for i, w := range words {
		if !utf8.ValidString(w) {
			return Sentence{}, fmt.Errorf("extract: analyze: token %d %q: %w", i+1, w, ErrInvalidUTF8)
		}
		if w == "" {
			return Sentence{}, fmt.Errorf("extract: analyze: token %d is empty", i+1)
		}
		s.Tokens[i] = Token{Text: w}
	}
	return s, nil
}

// AnalyzePretokenized reads one sentence a line, tokens separated by
// spaces, and analyses each. Blank lines are skipped. Errors name the line;
// the sentences before it are returned analysed.
func (a *Analyzer) AnalyzePretokenized(r io.Reader) ([]Sentence, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	var out []Sentence
	line := 0
	for sc.Scan() {
		line++
		words := strings.Fields(sc.Text())
		if len(words) == 0 {
			continue
		}
		s, err := tokenSentence(words)
		if err != nil {
			a.analyzeAll(out)
			return out, fmt.Errorf("extract: line %d: %w", line, err)
		}
		s.Paragraph = len(out)
		out = append(out, s)
	}
	a.analyzeAll(out)
	if err := sc.Err(); err != nil {
		return out, fmt.Errorf("extract: line %d: %w", line+1, err)
	}
	return out, nil
}

// AnalyzeCoNLLU reads CoNLL-U and analyses each sentence using its
// syntactic words as tokens (its annotations are ignored).
func (a *Analyzer) AnalyzeCoNLLU(r io.Reader) ([]Sentence, error) {
	cr := conllu.NewReader(r)
	var out []Sentence
	for {
		cs, err := cr.Read()
		if err != nil {
			a.analyzeAll(out)
			if err == io.EOF {
				return out, nil
			}
			return out, fmt.Errorf("extract: %w", err)
		}
		words := make([]string, len(cs.Words))
		for i, w := range cs.Words {
			words[i] = w.Form
		}
		s, err := tokenSentence(words)
		if err != nil {
			a.analyzeAll(out)
			return out, fmt.Errorf("extract: line %d: %w", cs.Line, err)
		}
		s.ID, _ = cs.Comment("sent_id")
		s.Paragraph = len(out)
		out = append(out, s)
	}
}

// analyze fills the annotations of s's tokens, chunk by chunk.
func (a *Analyzer) analyze(s *Sentence) {
	ss := []Sentence{*s}
	a.analyzeAll(ss)
	*s = ss[0]
}

// analyzeAll analyses sentences stage by stage: the tagger runs over
// every sentence, then the entity tagger, the lemmatiser and the parser,
// so that each stage's model stays in the processor's caches while it
// runs instead of evicting the others' at every sentence (on CaRB's
// sentences extraction is some 13 % faster so). Each sentence's analysis
// is the same as when it is analysed alone.
func (a *Analyzer) analyzeAll(ss []Sentence) {
	type chunk struct {
		toks                     []Token
		offset                   int
		forms, xpos, upos, names []string
	}
	var chunks []chunk
	for i := range ss {
		s := &ss[i]
		s.Parsed = a.parser != nil
		for lo := 0; lo < len(s.Tokens); lo += MaxSentenceTokens {
			hi := min(lo+MaxSentenceTokens, len(s.Tokens))
			toks := s.Tokens[lo:hi]
			n := len(toks)
			c := chunk{toks: toks, offset: lo, forms: make([]string, n), xpos: make([]string, n), upos: make([]string, n)}
			for i := range toks {
				c.forms[i] = postag.Normalize(toks[i].Text)
				toks[i].Form = c.forms[i]
			}
			chunks = append(chunks, c)
		}
	}
	for _, c := range chunks {
		a.tagger.Tag(c.forms, c.xpos, c.upos)
		a.names.tagNames(c.forms, c.xpos, c.upos)
	}
	for i := range chunks {
		c := &chunks[i]
		c.names = make([]string, len(c.toks))
		a.ner.Tag(c.forms, c.xpos, c.names)
	}
	lemmas := make([]string, MaxSentenceTokens)
	for _, c := range chunks {
		lemmas := lemmas[:len(c.toks)]
		a.lemmas.Sentence(c.forms, c.xpos, lemmas) // a few lemmas depend on the next word
		for i := range c.toks {
			t := &c.toks[i]
			t.XPOS, t.UPOS, t.NER, t.Lemma = c.xpos[i], c.upos[i], c.names[i], lemmas[i]
		}
	}
	if a.parser == nil {
		return
	}
	for _, c := range chunks {
		a.parseChunk(c.toks, c.offset, c.forms, c.xpos)
	}
}

// parseChunk parses a chunk tagged by tagChunk; offset is the index of its
// first token in its sentence.
func (a *Analyzer) parseChunk(toks []Token, offset int, forms, xpos []string) {
	n := len(toks)
	heads, rels := a.parser.Parse(forms, xpos)
	if len(heads) != n || len(rels) != n {
		return
	}
	for i := range toks {
		h := heads[i]
		if h < 0 || h > n {
			h = 0
		}
		if h > 0 {
			h += offset
		}
		toks[i].Head, toks[i].DepRel = h, rels[i]
	}
}

// Demonym returns the country a demonym or nationality adjective names
// ("Nigerien" → "Niger", "French" → "France"). Demonyms are not tagged as
// entities; this lets callers link them to their country.
func (a *Analyzer) Demonym(word string) (country string, ok bool) {
	country, ok = a.lex.Demonyms[strings.ToLower(postag.Normalize(word))]
	return country, ok
}
