package extract

import "github.com/cayleygraph/quad"

// Span is a half-open byte range [Start, End) in a sentence's text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Arg is an extra argument of a fact: a time, a place, or another
// prepositional complement. Role is "time", "place", or the preposition
// ("with", "for", ...).
type Arg struct {
	Role  string     `json:"role"`
	Value quad.Value `json:"-"`
	Text  string     `json:"value"` // as written
	Span  Span       `json:"span"`
}

// Kinds of fact, by the construction they come from.
const (
	KindActive     = "active"
	KindPassive    = "passive"
	KindCopula     = "copula"
	KindApposition = "apposition"
	KindTitle      = "title"
	KindRelative   = "relative"
	KindSpeech     = "speech"
	KindLink       = "link"   // a noun modifier or place argument tying two entities (link.go)
	KindEntity     = "entity" // type, name and alias facts about an entity
)

// Fact is one subject–predicate–object statement with its evidence.
//
// Subject and Predicate are IRIs; Object is an IRI for an entity and a
// literal (quad.String, or quad.TypedString for dates and numbers)
// otherwise. Spans are byte ranges in Text, the sentence, which starts at
// byte Offset of the document text.
type Fact struct {
	Subject   quad.Value
	Predicate quad.Value
	Object    quad.Value
	Args      []Arg

	Negated     bool
	Modality    string   // "will", "may", "claim" ...: the fact is not asserted as plain fact
	Attribution string   // who says so (canonical name), for reported speech
	Confidence  float64  // in [0,1]
	Resolution  []string // how mentions were resolved, written→canonical key: "he→Bazoum", "guards→Presidential_Guard"
	Kind        string   // construction: KindActive, KindPassive, ...

	Doc      string
	Date     string
	Sentence int    // index of the sentence in the document, from 0
	Text     string // the sentence as written
	Offset   int    // byte offset of the sentence in the document text

	Spans   [3]Span   // subject, predicate, object in Text (object empty for a derived value)
	Surface [3]string // subject, predicate, object as written

	// Tokens of the relation and argument phrases as written, for CaRB
	// output: the relation, then arg1, arg2, ...
	carb []string
	// feats are the confidence features (nil for entity facts).
	feats []float64
}

// Features returns the fact's confidence features (FeatureNames order),
// or nil for facts of kind KindEntity.
func (f *Fact) Features() []float64 { return f.feats }

// CaRB returns the fact in CaRB's tuple order: relation, subject, object
// and extra arguments, each as written in the sentence. Facts of kind
// KindEntity have none.
func (f *Fact) CaRB() []string { return f.carb }

// SentenceInfo is one sentence of a document.
type SentenceInfo struct {
	Index  int    `json:"index"`
	Text   string `json:"text"`
	Offset int    `json:"offset"`
}

// Result is what Extract finds in one document.
type Result struct {
	Document  Document
	Sentences []SentenceInfo
	Facts     []Fact
}
