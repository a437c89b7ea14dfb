package kg

import (
	"context"
	"sync"

	"github.com/cayleygraph/quad"

	"github.com/kgraph/kg/store"
)

// Evidence is where a fact came from, for display: the fact as names, the
// document, its date, the sentence and its text.
type Evidence struct {
	Subject    string  `json:"subject"`
	Predicate  string  `json:"predicate"`
	Object     string  `json:"object"`
	Negated    bool    `json:"negated"`
	Doc        string  `json:"doc,omitempty"`
	Date       string  `json:"date,omitempty"`
	Sentence   int     `json:"sentence"`
	Text       string  `json:"text,omitempty"`
	Confidence float64 `json:"confidence,omitempty"`
	Modality   string  `json:"modality,omitempty"`
	Attributed string  `json:"attribution,omitempty"`

	Quad quad.Quad `json:"-"`
}

// docCache remembers document records (dates, titles) during one call.
type docCache struct {
	mu   sync.Mutex
	docs map[string]store.Document
}

func (c *docCache) get(ctx context.Context, st *store.Store, id string) store.Document {
	c.mu.Lock()
	defer c.mu.Unlock()
	if d, ok := c.docs[id]; ok {
		return d
	}
	if c.docs == nil {
		c.docs = map[string]store.Document{}
	}
	d, err := st.Document(ctx, id)
	if err != nil {
		d = store.Document{ID: id}
	}
	c.docs[id] = d
	return d
}

// evidence gathers the evidence of one stored quad.
func (db *DB) evidence(ctx context.Context, q quad.Quad, docs *docCache) Evidence {
	ev := Evidence{
		Subject:   DisplayName(q.Subject),
		Predicate: DisplayName(q.Predicate),
		Object:    DisplayName(q.Object),
		Sentence:  -1,
		Quad:      q,
	}
	if q.Label == nil {
		return ev
	}
	doc, n := store.DocumentOf(q.Label)
	ev.Doc, ev.Sentence = doc, n
	d := docs.get(ctx, db.st, doc)
	ev.Date = d.Date
	if sent, err := db.st.Sentence(ctx, q.Label); err == nil {
		ev.Text = sent.Text
	}
	// A fact imported without evidence has none: that is not an error.
	if se, err := db.st.EvidenceOf(ctx, q); err == nil {
		ev.Negated = se.Negated
		ev.Confidence = se.Confidence
		ev.Modality = se.Modality
		ev.Attributed = se.Attribution
	}
	return ev
}
