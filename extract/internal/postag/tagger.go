package postag

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/kgraph/kg/extract/internal/lexicon"
	"github.com/kgraph/kg/extract/internal/modelfile"
	"github.com/kgraph/kg/extract/internal/perceptron"
)

const magic = "kg-postag-3\n"

// ErrFormat is wrapped by Load errors for data that is not a tagger.
var ErrFormat = errors.New("not a tagger model")

// Tagger assigns XPOS and UPOS tags.
type Tagger struct {
	model   *perceptron.Model
	model2  *perceptron.Model // second pass, or nil
	xpos    []string          // per class
	upos    []string          // per class
	dict    map[string]int32  // form → class for unambiguous frequent words
	amb     map[string]string
	ambForm map[string]string
	lex     *lexicon.Lexicon
	cache   map[string]string // lexicon class of every word in amb
	// classHash[c] is the hash of class c's name, for tag features
	classHash []uint64
	// token hashes of every training form, computed once
	vocab     map[string]int32
	vocabToks []tok
	pool      sync.Pool
}

// lexClass returns the lexicon feature of a lower-case word.
func (t *Tagger) lexClass(lower string) string {
	if c, ok := t.cache[lower]; ok {
		return c
	}
	if t.lex == nil {
		return ""
	}
	return t.lex.Feature(lower)
}

type scratch struct {
	c          context
	cls1, cls2 []int32
	margin     []float32 // first pass: best score minus the runner-up
	f          perceptron.Features
	scores     []float32
}

// aux is the part of a model file besides the perceptrons.
type aux struct {
	Dict    map[string]int32
	Amb     map[string]string // lower-case form → tags
	AmbForm map[string]string // exact form → tags
}

func newTagger(m *perceptron.Model, a aux, lex *lexicon.Lexicon) *Tagger {
	t := &Tagger{model: m, dict: a.Dict, amb: a.Amb, ambForm: a.AmbForm, lex: lex, cache: make(map[string]string, len(a.Amb))}
	if lex != nil {
		for w := range a.Amb {
			t.cache[w] = lex.Feature(w)
		}
	}
	for _, c := range m.Classes {
		t.classHash = append(t.classHash, perceptron.Hash(c))
		x, u, _ := strings.Cut(c, " ")
		t.xpos = append(t.xpos, x)
		t.upos = append(t.upos, u)
	}
	t.vocab = make(map[string]int32, len(a.AmbForm))
	t.vocabToks = make([]tok, 0, len(a.AmbForm))
	for f := range a.AmbForm {
		var tk tok
		t.hashToken(&tk, f)
		t.vocab[f] = int32(len(t.vocabToks))
		t.vocabToks = append(t.vocabToks, tk)
	}
	t.pool.New = func() any { return &scratch{scores: make([]float32, len(m.Classes))} }
	return t
}

// Gate is the first-pass score margin above which a token keeps its
// first-pass tag without a second look; lower is slower and (slightly)
// more accurate.
var Gate float32 = 20

// Tag tags one sentence of normalised forms (see Normalize) and writes the
// tags into xpos and upos, which must be as long as forms.
func (t *Tagger) Tag(forms, xpos, upos []string) {
	if len(forms) == 0 {
		return
	}
	s := t.pool.Get().(*scratch)
	defer t.pool.Put(s)
	t.prepare(&s.c, forms)
	cls := t.run(s, forms, t.model, nil)
	if t.model2 != nil {
		cls = t.run(s, forms, t.model2, cls)
	}
	for i, c := range cls {
		xpos[i], upos[i] = t.xpos[c], t.upos[c]
	}
}

// run tags a prepared sentence left to right with model m; p1, if not
// nil, are the first pass's classes for a second pass.
func (t *Tagger) run(s *scratch, forms []string, m *perceptron.Model, p1 []int32) []int32 {
	out := s.cls1
	if p1 != nil {
		out = s.cls2
	}
	if cap(out) < len(forms) {
		out = make([]int32, len(forms))
	}
	out = out[:len(forms)]
	if p1 == nil {
		if cap(s.margin) < len(forms) {
			s.margin = make([]float32, len(forms))
		}
		s.margin = s.margin[:len(forms)]
	}
	prev, prev2 := hStart, hStart
	for i, form := range forms {
		cls, ok := t.dict[form]
		switch {
		case ok:
		case p1 != nil && s.margin[i] >= Gate:
			cls = p1[i] // the first pass was sure
		default:
			if p1 == nil {
				s.c.features(&s.f, i, prev, prev2)
			} else {
				s.c.features2(&s.f, i, prev, prev2, p1, t.classHash)
			}
			clear(s.scores)
			m.Scores(s.f.Keys, s.scores)
			best, second := 0, float32(math.Inf(-1))
			for c, v := range s.scores {
				if v > s.scores[best] {
					best, second = c, s.scores[best]
				} else if c != best && v > second {
					second = v
				}
			}
			cls = int32(best)
			if p1 == nil {
				s.margin[i] = s.scores[best] - second
			}
		}
		out[i] = cls
		prev2, prev = prev, t.classHash[cls]
	}
	if p1 == nil {
		s.cls1 = out
	} else {
		s.cls2 = out
	}
	return out
}

// pass1 returns the first pass's classes for a sentence.
func (t *Tagger) pass1(forms []string) []int32 {
	s := t.pool.Get().(*scratch)
	defer t.pool.Put(s)
	t.prepare(&s.c, forms)
	return slices.Clone(t.run(s, forms, t.model, nil))
}

// Save writes the tagger to w as a model file (see modelfile).
func (t *Tagger) Save(w io.Writer) error {
	zw := modelfile.NewWriter(w)
	bw := bufio.NewWriter(zw)
	bw.WriteString(magic)
	t.model.Encode(bw)
	if t.model2 != nil {
		bw.WriteByte(2)
		t.model2.Encode(bw)
	} else {
		bw.WriteByte(1)
	}
	wr := t.aux().wire()
	dictV := make([]string, len(wr.DictV))
	for i, c := range wr.DictV {
		dictV[i] = strconv.Itoa(int(c))
	}
	for _, list := range [][]string{wr.DictK, dictV, wr.AmbK, wr.AmbV, wr.AmbFormK, wr.AmbFormV} {
		perceptron.WriteStrings(bw, list)
	}
	// the lexicon's word classes and exceptions, so that the file is
	// self-contained (see Load and LoadShared)
	var words []byte
	if t.lex != nil {
		words = t.lex.WordsText()
	}
	var n [binary.MaxVarintLen64]byte
	bw.Write(n[:binary.PutUvarint(n[:], uint64(len(words)))])
	bw.Write(words)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("postag: save: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("postag: save: %w", err)
	}
	return nil
}

func (t *Tagger) aux() aux {
	return aux{Dict: t.dict, Amb: t.amb, AmbForm: t.ambForm}
}

// Load reads a tagger written by Save, with the lexicon word classes
// stored in it.
func Load(r io.Reader) (*Tagger, error) { return load(r, nil) }

// LoadShared reads a tagger written by Save but uses lex, which must be
// the lexicon it was trained with, instead of the copy in the file; this
// saves loading the same words twice.
func LoadShared(r io.Reader, lex *lexicon.Lexicon) (*Tagger, error) { return load(r, lex) }

func load(r io.Reader, lex *lexicon.Lexicon) (*Tagger, error) {
	// decompress in one go, then decode from memory
	data, err := modelfile.Read(r, 1<<30)
	if err != nil {
		return nil, fmt.Errorf("postag: load: %w: %w", ErrFormat, err)
	}
	br := bufio.NewReaderSize(bytes.NewReader(data), 1<<16)
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magic {
		return nil, fmt.Errorf("postag: load: %w", ErrFormat)
	}
	m, err := perceptron.Decode(br)
	if err != nil {
		return nil, fmt.Errorf("postag: load: %w", err)
	}
	var m2 *perceptron.Model
	passes, err := br.ReadByte()
	switch {
	case err != nil || (passes != 1 && passes != 2):
		return nil, fmt.Errorf("postag: load: %w: bad pass count", ErrFormat)
	case passes == 2:
		if m2, err = perceptron.Decode(br); err != nil {
			return nil, fmt.Errorf("postag: load: %w", err)
		}
		if len(m2.Classes) != len(m.Classes) {
			return nil, fmt.Errorf("postag: load: %w: pass 2 has %d classes", ErrFormat, len(m2.Classes))
		}
	}
	var w wire
	var dictV []string
	for _, list := range []*[]string{&w.DictK, &dictV, &w.AmbK, &w.AmbV, &w.AmbFormK, &w.AmbFormV} {
		if *list, err = perceptron.ReadStrings(br, 1<<22); err != nil {
			return nil, fmt.Errorf("postag: load: %w", err)
		}
	}
	w.DictV = make([]int32, len(dictV))
	for i, v := range dictV {
		c, err := strconv.Atoi(v)
		if err != nil {
			return nil, fmt.Errorf("postag: load: %w: dictionary class %q", ErrFormat, v)
		}
		w.DictV[i] = int32(c)
	}
	a, err := w.aux()
	if err != nil {
		return nil, fmt.Errorf("postag: load: %w", err)
	}
	for _, c := range a.Dict {
		if c < 0 || int(c) >= len(m.Classes) {
			return nil, fmt.Errorf("postag: load: %w: class %d out of range", ErrFormat, c)
		}
	}
	size, err := binary.ReadUvarint(br)
	if err != nil || size > 1<<28 {
		return nil, fmt.Errorf("postag: load: %w: bad lexicon size", ErrFormat)
	}
	if lex == nil && size > 0 {
		words, err := io.ReadAll(io.LimitReader(br, int64(size)))
		if err != nil || uint64(len(words)) != size {
			return nil, fmt.Errorf("postag: load: %w: truncated lexicon", ErrFormat)
		}
		if lex, err = lexicon.Parse(words); err != nil {
			return nil, fmt.Errorf("postag: load: %w", err)
		}
	}
	t := newTagger(m, a, lex)
	t.model2 = m2
	return t, nil
}

// Stats describes the model's size.
func (t *Tagger) Stats() string {
	s := fmt.Sprintf("classes %d features %d weights %d dict %d amb %d", len(t.model.Classes),
		t.model.NumFeatures(), t.model.NumWeights(), len(t.dict), len(t.amb))
	if t.model2 != nil {
		s += fmt.Sprintf("; pass 2: features %d weights %d", t.model2.NumFeatures(), t.model2.NumWeights())
	}
	return s
}

// wire is aux with maps as sorted slices, so that files are byte for byte
// reproducible.
type wire struct {
	DictK              []string
	DictV              []int32
	AmbK, AmbV         []string
	AmbFormK, AmbFormV []string
}

func sortedPairs[V any](m map[string]V) ([]string, []V) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	vals := make([]V, len(keys))
	for i, k := range keys {
		vals[i] = m[k]
	}
	return keys, vals
}

func toMap[V any](keys []string, vals []V) (map[string]V, error) {
	if len(keys) != len(vals) {
		return nil, fmt.Errorf("%w: %d keys, %d values", ErrFormat, len(keys), len(vals))
	}
	m := make(map[string]V, len(keys))
	for i, k := range keys {
		m[k] = vals[i]
	}
	return m, nil
}

func (a aux) wire() wire {
	var w wire
	w.DictK, w.DictV = sortedPairs(a.Dict)
	w.AmbK, w.AmbV = sortedPairs(a.Amb)
	w.AmbFormK, w.AmbFormV = sortedPairs(a.AmbForm)
	return w
}

func (w wire) aux() (aux, error) {
	var a aux
	var err error
	if a.Dict, err = toMap(w.DictK, w.DictV); err != nil {
		return a, err
	}
	if a.Amb, err = toMap(w.AmbK, w.AmbV); err != nil {
		return a, err
	}
	a.AmbForm, err = toMap(w.AmbFormK, w.AmbFormV)
	return a, err
}
