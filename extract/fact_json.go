package extract

import (
	"encoding/json"
	"strings"

	"github.com/cayleygraph/quad"
)

// factJSON is the JSON Lines form of a fact (kg extract --format jsonl).
type factJSON struct {
	Subject     string    `json:"subject"`
	Predicate   string    `json:"predicate"`
	Object      string    `json:"object"`
	ObjectType  string    `json:"object_type"` // "entity", "string", or an xsd datatype such as "xsd:date"
	Args        []argJSON `json:"args,omitempty"`
	Negated     bool      `json:"negated"`
	Modality    string    `json:"modality,omitempty"`
	Attribution string    `json:"attribution,omitempty"`
	Confidence  float64   `json:"confidence"`
	Resolution  []string  `json:"resolution,omitempty"`
	Kind        string    `json:"kind"`
	Doc         string    `json:"doc"`
	Date        string    `json:"date,omitempty"`
	Sentence    int       `json:"sentence"`
	Offset      int       `json:"offset"`
	Text        string    `json:"text"`
	Spans       [3]Span   `json:"spans"`
	Surface     [3]string `json:"surface"`
}

type argJSON struct {
	Role  string `json:"role"`
	Value string `json:"value"`
	Type  string `json:"type"`
	Text  string `json:"text"`
	Span  Span   `json:"span"`
}

// ValueString returns a quad value as plain text (an IRI without its
// brackets, a literal without quotes) and its kind: "entity", "string",
// or the datatype of a typed literal in xsd: form.
func ValueString(v quad.Value) (string, string) {
	switch v := v.(type) {
	case nil:
		return "", ""
	case quad.IRI:
		return string(v), "entity"
	case quad.String:
		return string(v), "string"
	case quad.TypedString:
		t := string(v.Type)
		if i := strings.LastIndexByte(t, '#'); i >= 0 && strings.Contains(t, "XMLSchema") {
			t = "xsd:" + t[i+1:]
		}
		return string(v.Value), t
	}
	return quad.StringOf(v), "string"
}

// MarshalJSON writes the fact with the fields of kg extract's JSON Lines
// output.
func (f Fact) MarshalJSON() ([]byte, error) {
	j := factJSON{Negated: f.Negated, Modality: f.Modality, Attribution: f.Attribution, Confidence: f.Confidence,
		Resolution: f.Resolution, Kind: f.Kind, Doc: f.Doc, Date: f.Date, Sentence: f.Sentence, Offset: f.Offset,
		Text: f.Text, Spans: f.Spans, Surface: f.Surface}
	j.Subject, _ = ValueString(f.Subject)
	j.Predicate, _ = ValueString(f.Predicate)
	j.Object, j.ObjectType = ValueString(f.Object)
	for _, a := range f.Args {
		v, t := ValueString(a.Value)
		j.Args = append(j.Args, argJSON{Role: a.Role, Value: v, Type: t, Text: a.Text, Span: a.Span})
	}
	return json.Marshal(j)
}
