package store

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"
)

// A label names where a fact came from. kg's own labels are IRIs of the
// form <DOC#N>: document DOC, sentence N. Any other label (from an imported
// N-Quads file, say) is a document of its own.

// Label returns the label of sentence n of document doc.
func Label(doc string, n int) quad.IRI {
	return quad.IRI(doc + "#" + strconv.Itoa(n))
}

// DocumentOf returns the document a label belongs to, and the sentence
// index when the label is one of kg's own (-1 otherwise).
func DocumentOf(label quad.Value) (doc string, sentence int) {
	switch l := label.(type) {
	case nil:
		return "", -1
	case quad.IRI:
		s := string(l)
		if i := strings.LastIndexByte(s, '#'); i > 0 {
			if n, err := strconv.Atoi(s[i+1:]); err == nil && n >= 0 {
				return s[:i], n
			}
		}
		return s, -1
	default:
		return quad.StringOf(label), -1
	}
}

// Document describes one ingested document.
type Document struct {
	ID     string `json:"id"`
	Title  string `json:"title,omitempty"`
	Date   string `json:"date,omitempty"`   // YYYY-MM-DD when known
	Source string `json:"source,omitempty"` // file path or URL it was read from
	Hash   string `json:"hash,omitempty"`   // content hash, to skip unchanged re-ingests
}

// Sentence is the evidence kept per label: the sentence a fact came from.
type Sentence struct {
	Doc   string `json:"doc"`
	Index int    `json:"index"`
	Text  string `json:"text"`
	// Offset is the byte offset of the sentence in its document.
	Offset int `json:"offset,omitempty"`
}

// Span is a half-open byte range [Start, End) in a sentence's text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Arg is an extra argument of a fact: a time, a place, a manner …
type Arg struct {
	Role  string `json:"role"` // e.g. "in", "on", "time", "place"
	Value string `json:"value"`
	Span  Span   `json:"span"`
}

// Evidence is what the store keeps about one fact (one quad) beside the
// quad itself.
type Evidence struct {
	Subject     Span              `json:"subject"`
	Predicate   Span              `json:"predicate"`
	Object      Span              `json:"object"`
	Surface     [3]string         `json:"surface,omitempty"` // subject, predicate, object as written
	Args        []Arg             `json:"args,omitempty"`
	Negated     bool              `json:"negated,omitempty"`
	Modality    string            `json:"modality,omitempty"`
	Attribution string            `json:"attribution,omitempty"`
	Confidence  float64           `json:"confidence,omitempty"`
	Resolution  []string          `json:"resolution,omitempty"` // how mentions were resolved, e.g. "he→Mohamed Bazoum"
	Extra       map[string]string `json:"extra,omitempty"`
}

// Fact is a quad with its evidence, the unit the extractor hands the store.
type Fact struct {
	Quad     quad.Quad
	Evidence *Evidence // may be nil
}

func marshalRecord(v any) ([]byte, error) { return json.Marshal(v) }

func unmarshalRecord(b []byte, v any) error {
	if err := json.Unmarshal(b, v); err != nil {
		return ErrCorrupt
	}
	return nil
}
