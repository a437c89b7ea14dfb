package kg

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Dgraph export: what Dgraph's loaders (dgraph live, dgraph bulk) read.
//
//   - Every entity (IRI or blank node) is a blank node _:eH, H a 64-bit
//     hash of its IRI, with xid (kg's IRI, in N-Quads form), name,
//     dgraph.type (its kg
//     type, or Entity) and alias.
//   - Every fact with an entity object is an edge named after kg's
//     predicate (see DgraphPredicate), with facets from one of its
//     sources: doc, date, sentence, confidence, negated. The file holds
//     the edge once per source, in label order, and Dgraph keeps one.
//     A fact with a literal object is a scalar predicate with the suffix
//     ".lit" (Dgraph predicates hold either edges or values, not both).
//   - Facets hold one value per edge, but one fact can come from several
//     documents. So every stored quad also becomes an Evidence node:
//     ev.subject, ev.object (edges), ev.predicate, ev.doc (an edge to the
//     Document), ev.sentence, ev.text, ev.negated, ev.confidence. The
//     facets answer the common question quickly; the evidence nodes keep
//     everything.
//   - Documents are Document nodes with xid "doc:ID", doc.id, doc.date
//     and doc.title.
//
// Blank nodes are named after what they stand for (the entity's IRI, the
// document, the quad), not numbered, so the exports of several shards
// name the same entity alike: loaded in one dgraph live or dgraph bulk
// run, or in several live runs sharing one --xidmap directory, they make
// one graph. (--upsertPredicate xid would not do: it stores the blank
// node's name in xid, which holds kg's IRI here.)
//
// The export is one scan of the store in label order, each quad with its
// sentence and evidence (store.ScanSources), and no lookup per quad. Memory is bounded by
// a bit per dictionary ID, the documents' records and the predicates.

// DgraphPredicate turns a kg predicate into a valid Dgraph predicate name:
// letters, digits and '_' stay; every other byte becomes '.' and two hex
// digits, so the mapping is reversible (see KGPredicate). Names Dgraph or
// this export reserve get the prefix "kg_..", which escaping never makes
// (an escaped '.' is always followed by two hex digits).
func DgraphPredicate(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, ".%02x", c)
		}
	}
	s := b.String()
	switch s {
	case "", "xid", "name", "alias", "uid", "type", "val", "expand", "dgraph":
		return reservedPrefix + s
	}
	return s
}

const reservedPrefix = "kg_.."

// KGPredicate is the inverse of DgraphPredicate. It also takes the
// ".lit" suffix of literal-valued predicates off.
func KGPredicate(d string) (string, error) {
	d = strings.TrimSuffix(d, ".lit")
	if r, ok := strings.CutPrefix(d, reservedPrefix); ok {
		return r, nil
	}
	var b strings.Builder
	for i := 0; i < len(d); i++ {
		if d[i] != '.' {
			b.WriteByte(d[i])
			continue
		}
		if i+2 >= len(d) {
			return "", fmt.Errorf("bad escaped predicate %q", d)
		}
		n, err := strconv.ParseUint(d[i+1:i+3], 16, 8)
		if err != nil {
			return "", fmt.Errorf("bad escaped predicate %q", d)
		}
		b.WriteByte(byte(n))
		i += 2
	}
	return b.String(), nil
}

// DgraphExport reports an export to Dgraph.
type DgraphExport struct {
	RDF      string `json:"rdf"`      // the RDF file written
	Schema   string `json:"schema"`   // the schema file written
	Manifest string `json:"manifest"` // this report, as JSON
	Entities int    `json:"entities"` // entity nodes
	Edges    int    `json:"edges"`    // fact edges (distinct subject, predicate, object)
	Values   int    `json:"values"`   // literal-valued facts
	Evidence int    `json:"evidence"` // evidence nodes: one per stored fact quad
	// AttributeQuads are the type, name and alias quads, which become node
	// attributes: Evidence + AttributeQuads is the store's quad count.
	AttributeQuads int `json:"attribute_quads"`
	Documents      int `json:"documents"`
	Lines          int `json:"lines"` // RDF lines
	// EdgePredicates and ValuePredicates are the Dgraph predicate names
	// used, and Predicates maps each back to kg's.
	EdgePredicates  []string          `json:"edge_predicates"`
	ValuePredicates []string          `json:"value_predicates"`
	Predicates      map[string]string `json:"predicates"`
}

func dgraphDate(d string) (string, bool) {
	t, err := time.Parse("2006-01-02", d)
	if err != nil {
		return "", false
	}
	return t.Format(time.RFC3339), true
}

// schema is the Dgraph schema for the export: what kg's questions need
// indexed.
func (x *dgraphWriter) schema() string {
	var b strings.Builder
	b.WriteString("# Dgraph schema written by kg export --format dgraph.\n")
	b.WriteString("xid: string @index(exact) @upsert .\n")
	b.WriteString("name: string @index(term, exact) .\n")
	b.WriteString("alias: [string] @index(term, exact) .\n")
	b.WriteString("doc.id: string @index(exact) @upsert .\n")
	b.WriteString("doc.date: datetime @index(day) .\n")
	b.WriteString("doc.title: string @index(term) .\n")
	b.WriteString("ev.subject: uid @reverse .\n")
	b.WriteString("ev.object: uid @reverse .\n")
	b.WriteString("ev.value: string .\n")
	b.WriteString("ev.predicate: string @index(exact) .\n")
	b.WriteString("ev.doc: uid @reverse .\n")
	b.WriteString("ev.sentence: int .\n")
	b.WriteString("ev.text: string @index(fulltext) .\n")
	b.WriteString("ev.negated: bool @index(bool) .\n")
	b.WriteString("ev.confidence: float .\n")
	for _, p := range sortedKeys(x.edgePreds) {
		fmt.Fprintf(&b, "%s: [uid] @reverse @count .\n", p)
	}
	for _, p := range sortedKeys(x.valuePreds) {
		fmt.Fprintf(&b, "%s: [string] @index(exact) .\n", p)
	}
	// Types list the attributes every entity has, not the facts: the
	// schemas of several shards then differ only in predicate lines, and
	// applying them one after another loses nothing.
	for _, t := range sortedKeys(x.types) {
		fmt.Fprintf(&b, "type %s {\n  xid\n  name\n  alias\n}\n", t)
	}
	b.WriteString("type Document {\n  doc.id\n  doc.date\n  doc.title\n}\n")
	b.WriteString("type Evidence {\n  ev.subject\n  ev.object\n  ev.value\n  ev.predicate\n  ev.doc\n  ev.sentence\n  ev.text\n  ev.negated\n  ev.confidence\n}\n")
	return b.String()
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
