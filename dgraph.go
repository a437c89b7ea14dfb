package kg

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/kgraph/kg/store"
)

// Dgraph export: what Dgraph's loaders (dgraph live, dgraph bulk) read.
//
//   - Every entity (IRI or blank node) is a blank node _:eN with xid (kg's
//     IRI, in N-Quads form), name, dgraph.type (its kg type, or Entity) and
//     alias.
//   - Every fact with an entity object is an edge named after kg's
//     predicate (see DgraphPredicate), with facets from its first source:
//     doc, date, sentence, confidence, negated, and sources (how many).
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
// Every entity and document node has an xid, so the exports of several
// shards load into one graph with dgraph live --upsertPredicate xid.

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

// ExportDgraph writes dir/kg.rdf.gz and dir/kg.schema for dgraph live or
// dgraph bulk, streaming the store in subject order with memory bounded
// by the number of entities.
func (db *DB) ExportDgraph(ctx context.Context, dir string) (DgraphExport, error) {
	rep := DgraphExport{RDF: filepath.Join(dir, "kg.rdf.gz"), Schema: filepath.Join(dir, "kg.schema"),
		Manifest: filepath.Join(dir, "manifest.json"), Predicates: map[string]string{}}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return rep, fmt.Errorf("kg: export dgraph: %w", err)
	}
	f, err := os.Create(rep.RDF + ".tmp")
	if err != nil {
		return rep, fmt.Errorf("kg: export dgraph: %w", err)
	}
	defer os.Remove(rep.RDF + ".tmp")
	zw, _ := gzip.NewWriterLevel(f, gzip.BestSpeed)
	w := bufio.NewWriterSize(zw, 1<<20)
	x := &dgraphWriter{db: db, ctx: ctx, w: w, ids: map[quad.Value]string{}, docs: map[string]string{},
		edgePreds: map[string]bool{}, valuePreds: map[string]bool{}, types: map[string]bool{"Entity": true}}
	err = x.run(&rep)
	if err == nil {
		err = w.Flush()
	}
	if err == nil {
		err = zw.Close()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(rep.RDF+".tmp", rep.RDF)
	}
	if err == nil {
		err = os.WriteFile(rep.Schema, []byte(x.schema()), 0o644)
	}
	if err == nil {
		rep.EdgePredicates, rep.ValuePredicates = sortedKeys(x.edgePreds), sortedKeys(x.valuePreds)
		var b []byte
		if b, err = json.MarshalIndent(rep, "", "  "); err == nil {
			err = os.WriteFile(rep.Manifest, append(b, '\n'), 0o644)
		}
	}
	if err != nil {
		return rep, fmt.Errorf("kg: export dgraph: %w", err)
	}
	return rep, nil
}

type dgraphWriter struct {
	db         *DB
	ctx        context.Context
	w          *bufio.Writer
	ids        map[quad.Value]string // entity → blank node
	docs       map[string]string     // document → blank node
	edgePreds  map[string]bool
	valuePreds map[string]bool
	types      map[string]bool
	dc         docCache
	n          int
}

func (x *dgraphWriter) line(format string, args ...any) {
	fmt.Fprintf(x.w, format, args...)
	x.w.WriteByte('\n')
	x.n++
}

// entity returns the blank node of v, writing its node lines the first
// time.
func (x *dgraphWriter) entity(v quad.Value, rep *DgraphExport) string {
	if id, ok := x.ids[v]; ok {
		return id
	}
	id := "_:e" + strconv.Itoa(len(x.ids)+1)
	x.ids[v] = id
	rep.Entities++
	typ := x.db.typeOf(x.ctx, v)
	if typ == "" {
		typ = "Entity"
	}
	x.types[typ] = true
	x.line("%s <xid> %s .", id, dqlString(v.String()))
	x.line("%s <name> %s .", id, dqlString(x.db.displayName(v)))
	x.line("%s <dgraph.type> %s .", id, dqlString(typ))
	for q, err := range x.db.st.Match(x.ctx, store.Pattern{Subject: v, Predicate: PredAlias}) {
		if err != nil {
			break
		}
		x.line("%s <alias> %s .", id, dqlString(quad.ToString(q.Object)))
	}
	return id
}

func (x *dgraphWriter) document(doc string, rep *DgraphExport) string {
	if id, ok := x.docs[doc]; ok {
		return id
	}
	id := "_:d" + strconv.Itoa(len(x.docs)+1)
	x.docs[doc] = id
	rep.Documents++
	d := x.dc.get(x.ctx, x.db.st, doc)
	x.line("%s <dgraph.type> \"Document\" .", id)
	x.line("%s <xid> %s .", id, dqlString("doc:"+doc))
	x.line("%s <doc.id> %s .", id, dqlString(doc))
	if t, ok := dgraphDate(d.Date); ok {
		x.line("%s <doc.date> %q .", id, t)
	}
	if d.Title != "" {
		x.line("%s <doc.title> %s .", id, dqlString(d.Title))
	}
	return id
}

func (x *dgraphWriter) run(rep *DgraphExport) error {
	var group []quad.Quad // the quads of one (subject, predicate, object)
	flush := func() error {
		if len(group) == 0 {
			return nil
		}
		err := x.fact(group, rep)
		group = group[:0]
		return err
	}
	for q, err := range x.db.st.Match(x.ctx, store.Pattern{}) {
		if err != nil {
			return err
		}
		p, _ := q.Predicate.(quad.IRI)
		if p == PredType || p == PredName || p == PredAlias {
			rep.AttributeQuads++
			continue // node attributes, written with the node
		}
		if len(group) > 0 && (group[0].Subject != q.Subject || group[0].Predicate != q.Predicate || group[0].Object != q.Object) {
			if err := flush(); err != nil {
				return err
			}
		}
		group = append(group, q)
	}
	if err := flush(); err != nil {
		return err
	}
	rep.Lines = x.n
	return nil
}

// fact writes one fact (all its quads: one per source) as an edge or a
// value, with facets, and one evidence node per quad.
func (x *dgraphWriter) fact(qs []quad.Quad, rep *DgraphExport) error {
	q := qs[0]
	s := x.entity(q.Subject, rep)
	pname := quad.ToString(q.Predicate)
	if iri, ok := q.Predicate.(quad.IRI); ok {
		pname = string(iri)
	}
	pred := DgraphPredicate(pname)
	defer func() { rep.Predicates[pred] = pname }()
	evs := make([]Evidence, len(qs))
	for i, qq := range qs {
		evs[i] = x.db.evidence(x.ctx, qq, &x.dc)
	}
	facets := dgraphFacets(evs[0], len(qs))
	var o string
	switch q.Object.(type) {
	case quad.IRI, quad.BNode:
		o = x.entity(q.Object, rep)
		x.edgePreds[pred] = true
		x.line("%s <%s> %s %s.", s, pred, o, facets)
		rep.Edges++
	default:
		pred += ".lit"
		rep.Predicates[pred] = pname
		x.valuePreds[pred] = true
		x.line("%s <%s> %s %s.", s, pred, dqlString(DisplayName(q.Object)), facets)
		rep.Values++
	}
	for i, ev := range evs {
		id := "_:v" + strconv.Itoa(rep.Evidence+1)
		rep.Evidence++
		x.line("%s <dgraph.type> \"Evidence\" .", id)
		x.line("%s <ev.subject> %s .", id, s)
		x.line("%s <ev.predicate> %s .", id, dqlString(pname))
		if o != "" {
			x.line("%s <ev.object> %s .", id, o)
		} else {
			x.line("%s <ev.value> %s .", id, dqlString(DisplayName(qs[i].Object)))
		}
		if ev.Doc != "" {
			x.line("%s <ev.doc> %s .", id, x.document(ev.Doc, rep))
			x.line("%s <ev.sentence> \"%d\" .", id, ev.Sentence)
		}
		if ev.Text != "" {
			x.line("%s <ev.text> %s .", id, dqlString(ev.Text))
		}
		x.line("%s <ev.negated> \"%t\" .", id, ev.Negated)
		if ev.Confidence > 0 {
			x.line("%s <ev.confidence> \"%g\" .", id, ev.Confidence)
		}
	}
	return x.w.Flush()
}

func dgraphFacets(ev Evidence, sources int) string {
	var fs []string
	if ev.Doc != "" {
		fs = append(fs, "doc="+dqlString(ev.Doc))
		fs = append(fs, fmt.Sprintf("sentence=%d", ev.Sentence))
	}
	if t, ok := dgraphDate(ev.Date); ok {
		fs = append(fs, "date="+t)
	}
	if ev.Confidence > 0 {
		fs = append(fs, fmt.Sprintf("confidence=%g", ev.Confidence))
	}
	fs = append(fs, fmt.Sprintf("negated=%t", ev.Negated), fmt.Sprintf("sources=%d", sources))
	return "(" + strings.Join(fs, ", ") + ") "
}

func dgraphDate(d string) (string, bool) {
	t, err := time.Parse("2006-01-02", d)
	if err != nil {
		return "", false
	}
	return t.Format(time.RFC3339), true
}

// dqlString quotes s as an RDF string literal.
func dqlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 {
				fmt.Fprintf(&b, `\u%04x`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
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
	entityPreds := append([]string{"xid", "name", "alias"}, sortedKeys(x.edgePreds)...)
	entityPreds = append(entityPreds, sortedKeys(x.valuePreds)...)
	for _, t := range sortedKeys(x.types) {
		fmt.Fprintf(&b, "type %s {\n", t)
		for _, p := range entityPreds {
			fmt.Fprintf(&b, "  %s\n", p)
		}
		b.WriteString("}\n")
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

var _ io.Writer = (*bufio.Writer)(nil)
