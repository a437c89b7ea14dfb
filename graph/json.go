package graph

import (
	"encoding/json"
	"fmt"
	"io"
)

// JSONGraph is the document WriteJSON writes.
type JSONGraph struct {
	Name    string      `json:"name"`
	Nodes   []JSONNode  `json:"nodes"`
	Edges   []JSONEdge  `json:"edges"`
	Omitted JSONOmitted `json:"omitted"`
}

// JSONNode is an exported entity.
type JSONNode struct {
	ID        string `json:"id"`   // N-Quads form, e.g. "<Presidential_Guard>"
	Key       uint64 `json:"key"`  // store ID
	Name      string `json:"name"` // display name
	Type      string `json:"type,omitempty"`
	Community *int   `json:"community,omitempty"` // index in Communities.Groups
}

// JSONEdge is the set of facts with one subject, predicate, object and
// negation.
type JSONEdge struct {
	Subject   string         `json:"subject"`
	Predicate string         `json:"predicate"`
	Object    string         `json:"object"`
	Negated   bool           `json:"negated"`
	Evidence  []JSONEvidence `json:"evidence"`
}

// JSONEvidence references the evidence of one fact: its label (document and
// sentence, e.g. "<d1#2>") and the text Evidence gave for it.
type JSONEvidence struct {
	Label string `json:"label,omitempty"`
	Key   uint64 `json:"key,omitempty"` // store ID of the label
	Text  string `json:"text,omitempty"`
}

// JSONOmitted says what MaxNodes left out.
type JSONOmitted struct {
	Nodes int      `json:"nodes"`
	Facts int      `json:"facts"`
	Top   []string `json:"top,omitempty"` // most central omitted nodes
}

// WriteJSON writes the same selection as WriteDOT as one indented JSON
// document (see JSONGraph). It takes O(N log N + L) time. Errors come from
// the Namer, from w, or wrap ErrBadOption.
func (s *Snapshot) WriteJSON(w io.Writer, opt *ExportOptions) (ExportReport, error) {
	v, err := s.exportView(opt)
	if err != nil {
		return ExportReport{}, err
	}
	doc, err := v.jsonGraph()
	if err != nil {
		return ExportReport{}, err
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return ExportReport{}, fmt.Errorf("graph: export json: %w", err)
	}
	return v.report, nil
}

func (v *exportView) jsonGraph() (*JSONGraph, error) {
	doc := &JSONGraph{Name: v.opt.Name, Nodes: []JSONNode{}, Edges: []JSONEdge{}}
	iri := make(map[int32]string, len(v.nodes))
	for _, u := range v.nodes {
		id, err := v.valueString(v.s.ids[u])
		if err != nil {
			return nil, err
		}
		name, err := v.label(u)
		if err != nil {
			return nil, err
		}
		typ, err := v.typeName(u)
		if err != nil {
			return nil, err
		}
		n := JSONNode{ID: id, Key: v.s.ids[u], Name: name, Type: typ}
		if c := v.opt.Communities; c != nil {
			i := int(c.of[u])
			n.Community = &i
		}
		iri[u] = id
		doc.Nodes = append(doc.Nodes, n)
	}
	for _, e := range v.edges {
		pred, err := v.predName(e.pred)
		if err != nil {
			return nil, err
		}
		je := JSONEdge{Subject: iri[e.from], Predicate: pred, Object: iri[e.to], Negated: e.negated}
		for _, f := range e.facts {
			ev := JSONEvidence{Key: f.L}
			if f.L != 0 {
				if ev.Label, err = v.valueString(f.L); err != nil {
					return nil, err
				}
			}
			if v.opt.Evidence != nil {
				ev.Text = v.opt.Evidence(f)
			}
			je.Evidence = append(je.Evidence, ev)
		}
		doc.Edges = append(doc.Edges, je)
	}
	doc.Omitted = JSONOmitted{Nodes: v.report.OmittedNodes, Facts: v.report.OmittedFacts}
	for _, id := range v.report.Omitted {
		s, err := v.valueString(id)
		if err != nil {
			return nil, err
		}
		doc.Omitted.Top = append(doc.Omitted.Top, s)
	}
	return doc, nil
}
