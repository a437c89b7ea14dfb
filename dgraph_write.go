package kg

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"math/bits"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
	"github.com/cespare/xxhash/v2"
	"github.com/klauspost/compress/gzip"

	"github.com/kgraph/kg/store"
)

// ExportDgraph writes dir/kg.rdf.gz, dir/kg.schema and dir/manifest.json
// for dgraph live or dgraph bulk. It streams: memory is bounded by a bit
// per dictionary ID, the document records and the predicates, whatever
// the number of facts. Formatting and compression run on two goroutines.
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
	out := newCompressor(f)
	x := &dgraphWriter{db: db, ctx: ctx, out: out, docs: map[string]uint64{}, preds: map[uint64]*dgraphPred{},
		digest: xxhash.New(), edgePreds: map[string]bool{}, valuePreds: map[string]bool{}, types: map[string]bool{"Entity": true}}
	err = x.run(&rep)
	if cerr := out.Close(); err == nil {
		err = cerr
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

// dgraphPred is what the export knows of one predicate ID.
type dgraphPred struct {
	kg   string // kg's predicate
	name string // Dgraph's
	attr bool   // type, name or alias: node attributes, not facts
	hash uint64 // of the predicate's value, for evidence node names
}

type dgraphWriter struct {
	db  *DB
	ctx context.Context
	out *compressor
	buf []byte

	entity  bitset            // IDs written as entity nodes
	named   bitset            // entities given their name
	typed   bitset            // entities given their type
	objects bitset            // IDs that are entities (for counting edges)
	docs    map[string]uint64 // document → blank node
	preds   map[uint64]*dgraphPred
	dc      docCache

	edgePreds, valuePreds, types map[string]bool
	lines                        int
	label                        uint64 // the label of the last quad, and its document and sentence
	labelDoc                     string
	labelSent                    int
	dateDoc, date                string // the last document's facet date
	digest                       *xxhash.Digest
	labelHashID, labelHash       uint64 // the last label and its hash
}

func (x *dgraphWriter) run(rep *DgraphExport) error {
	st := x.db.st
	for _, p := range []quad.IRI{PredType, PredName, PredAlias} {
		id, err := st.IDOf(p)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		x.preds[id] = &dgraphPred{kg: string(p), attr: true}
	}
	// 1. every quad in label order: node attributes, facts, evidence
	err := st.ScanSources(x.ctx, func(src store.Sourced) error {
		p, err := x.pred(src.IDs[1])
		if err != nil {
			return err
		}
		if p.attr {
			rep.AttributeQuads++
			x.attribute(src, p, rep)
		} else if err := x.fact(src, p, rep); err != nil {
			return err
		}
		return x.flush(false)
	})
	if err != nil {
		return err
	}
	// 2. entities that no quad named or typed
	for id := range x.entity.all() {
		if x.named.has(id) && x.typed.has(id) {
			continue
		}
		v, err := st.ValueOf(id)
		if err != nil {
			return err
		}
		x.finishNode(id, v)
		if err := x.flush(false); err != nil {
			return err
		}
	}
	if err := x.flush(true); err != nil {
		return err
	}
	rep.Lines = x.lines
	// 3. distinct facts, for the report
	var last [3]uint64
	first := true
	return st.MatchIDs(x.ctx, store.IDPattern{}, func(s, p, o, _ uint64) error {
		if pp := x.preds[p]; pp == nil || pp.attr {
			return nil
		}
		if k := [3]uint64{s, p, o}; first || k != last {
			first, last = false, k
			if x.objects.has(o) {
				rep.Edges++
			} else {
				rep.Values++
			}
		}
		return nil
	})
}

// attribute writes a type, name or alias quad as a node attribute: the
// first type and name of an entity, every alias.
func (x *dgraphWriter) attribute(src store.Sourced, p *dgraphPred, rep *DgraphExport) {
	s, sv, ov := src.IDs[0], src.Quad.Subject, src.Quad.Object
	x.node(s, sv, rep)
	h := x.hash(sv)
	switch quad.IRI(p.kg) {
	case PredType:
		if x.typed.has(s) {
			return
		}
		x.typed.set(s)
		t := DisplayName(ov)
		x.types[t] = true
		x.triple0('e', h, "dgraph.type", t)
	case PredName:
		str, ok := ov.(quad.String) // names are plain strings
		if !ok || x.named.has(s) {
			return
		}
		x.named.set(s)
		x.triple0('e', h, "name", string(str))
	case PredAlias:
		if str, ok := ov.(quad.String); ok {
			x.triple0('e', h, "alias", string(str))
		}
	}
}

// pred returns what the export knows of predicate ID id.
func (x *dgraphWriter) pred(id uint64) (*dgraphPred, error) {
	if p, ok := x.preds[id]; ok {
		return p, nil
	}
	v, err := x.db.st.ValueOf(id)
	if err != nil {
		return nil, err
	}
	kgName := quad.ToString(v)
	if iri, ok := v.(quad.IRI); ok {
		kgName = string(iri)
	}
	p := &dgraphPred{kg: kgName, name: DgraphPredicate(kgName)}
	x.preds[id] = p
	return p, nil
}

// node writes the xid of entity id (value v) the first time it is seen.
func (x *dgraphWriter) node(id uint64, v quad.Value, rep *DgraphExport) {
	if x.entity.has(id) {
		return
	}
	x.entity.set(id)
	rep.Entities++
	x.triple0('e', x.hash(v), "xid", v.String())
}

// finishNode gives an entity that no quad named or typed its name from its
// IRI and the type Entity.
func (x *dgraphWriter) finishNode(id uint64, v quad.Value) {
	h := x.hash(v)
	if !x.named.has(id) {
		x.named.set(id)
		x.triple0('e', h, "name", DisplayName(v))
	}
	if !x.typed.has(id) {
		x.typed.set(id)
		x.triple0('e', h, "dgraph.type", "Entity")
	}
}

// entityNode makes sure value v (ID id) has its node if it is an entity
// (an IRI or blank node) rather than a literal, and says which.
//
// A subject is always a node, even a literal one ("This" is ...: RDF
// allows none, Dgraph needs a node to hang the edge on).
func (x *dgraphWriter) entityNode(id uint64, v quad.Value, subject bool, rep *DgraphExport) bool {
	entity := false
	switch v.(type) {
	case quad.IRI, quad.BNode:
		entity = true
		x.objects.set(id)
	}
	if entity || subject {
		x.node(id, v, rep)
	}
	return entity
}

// hash names the blank node of a value: the same entity gets the same
// name in every shard's export, so that loading them together (one
// dgraph live or bulk run, or runs sharing --xidmap) makes one node.
func (x *dgraphWriter) hash(v quad.Value) uint64 {
	x.digest.Reset()
	switch v := v.(type) {
	case quad.IRI:
		x.digest.WriteString("<")
		x.digest.WriteString(string(v))
	case quad.String:
		x.digest.WriteString("\"")
		x.digest.WriteString(string(v))
	default:
		x.digest.WriteString(v.String())
	}
	return x.digest.Sum64()
}

// fact writes one quad: its edge or value with the facets of this source,
// and its evidence node.
func (x *dgraphWriter) fact(src store.Sourced, p *dgraphPred, rep *DgraphExport) error {
	sv, ov := src.Quad.Subject, src.Quad.Object
	x.entityNode(src.IDs[0], sv, true, rep)
	isEntity := x.entityNode(src.IDs[2], ov, false, rep)
	s, o := x.hash(sv), uint64(0)
	if isEntity {
		o = x.hash(ov)
	}
	doc, sentence := x.source(src)
	date := x.dateOf(doc)
	ev := src.Evidence
	// the edge or value, with this source's facets
	b := appendBlank(x.buf, 'e', s)
	if isEntity {
		x.edgePreds[p.name] = true
		rep.Predicates[p.name] = p.kg
		b = append(b, " <"...)
		b = append(b, p.name...)
		b = append(b, "> "...)
		b = appendBlank(b, 'e', o)
	} else {
		name := p.name + ".lit"
		x.valuePreds[name] = true
		rep.Predicates[name] = p.kg
		b = append(b, " <"...)
		b = append(b, name...)
		b = append(b, "> "...)
		b = appendDQLString(b, DisplayName(ov))
	}
	b = append(b, " ("...)
	sep := ""
	if doc != "" {
		b = append(b, "doc="...)
		b = appendDQLString(b, doc)
		b = append(b, ", sentence="...)
		b = strconv.AppendInt(b, int64(sentence), 10)
		sep = ", "
	}
	if date != "" {
		b = append(b, sep...)
		b = append(b, "date="...)
		b = append(b, date...)
		sep = ", "
	}
	if ev != nil && ev.Confidence > 0 {
		b = append(b, sep...)
		b = append(b, "confidence="...)
		b = strconv.AppendFloat(b, ev.Confidence, 'g', -1, 64)
		sep = ", "
	}
	b = append(b, sep...)
	b = append(b, "negated="...)
	b = strconv.AppendBool(b, ev != nil && ev.Negated)
	b = append(b, ") .\n"...)
	x.buf = b
	x.lines++
	// the evidence node, named after the quad: one node per source
	rep.Evidence++
	if src.IDs[3] != x.labelHashID {
		x.labelHashID, x.labelHash = src.IDs[3], 0
		if src.Quad.Label != nil {
			x.labelHash = x.hash(src.Quad.Label)
		}
	}
	if p.hash == 0 {
		p.hash = x.hash(src.Quad.Predicate)
	}
	oh := o
	if !isEntity {
		oh = x.hash(ov)
	}
	var key [32]byte
	binary.LittleEndian.PutUint64(key[0:], s)
	binary.LittleEndian.PutUint64(key[8:], p.hash)
	binary.LittleEndian.PutUint64(key[16:], oh)
	binary.LittleEndian.PutUint64(key[24:], x.labelHash)
	v := xxhash.Sum64(key[:])
	x.buf = appendBlank(x.buf, 'v', v)
	x.buf = append(x.buf, " <dgraph.type> \"Evidence\" .\n"...)
	x.lines++
	x.edge(v, "ev.subject", 'e', s)
	x.triple0('v', v, "ev.predicate", p.kg)
	if isEntity {
		x.edge(v, "ev.object", 'e', o)
	} else {
		x.triple0('v', v, "ev.value", DisplayName(ov))
	}
	if doc != "" {
		x.edge(v, "ev.doc", 'd', x.document(doc, rep))
		x.triple0('v', v, "ev.sentence", strconv.Itoa(sentence))
	}
	if src.Sentence != nil && src.Sentence.Text != "" {
		x.triple0('v', v, "ev.text", src.Sentence.Text)
	}
	x.triple0('v', v, "ev.negated", strconv.FormatBool(ev != nil && ev.Negated))
	if ev != nil && ev.Confidence > 0 {
		x.triple0('v', v, "ev.confidence", strconv.FormatFloat(ev.Confidence, 'g', -1, 64))
	}
	return x.flush(false)
}

// source returns the document and sentence index of label l, from its
// sentence record or else from the label itself.
func (x *dgraphWriter) source(src store.Sourced) (string, int) {
	if src.Quad.Label == nil {
		return "", 0
	}
	if sent := src.Sentence; sent != nil && sent.Doc != "" {
		return sent.Doc, sent.Index
	}
	if l := src.IDs[3]; l != x.label {
		x.label = l
		x.labelDoc, x.labelSent = store.DocumentOf(src.Quad.Label)
	}
	return x.labelDoc, x.labelSent
}

// dateOf returns the RFC 3339 date of a document for facets, "" when it
// has none. Quads come in label order, so the last answer is kept.
func (x *dgraphWriter) dateOf(doc string) string {
	if doc == "" {
		return ""
	}
	if doc != x.dateDoc {
		x.dateDoc, x.date = doc, ""
		if t, ok := dgraphDate(x.dc.get(x.ctx, x.db.st, doc).Date); ok {
			x.date = t
		}
	}
	return x.date
}

// document returns the node number of a document, writing the node the
// first time.
func (x *dgraphWriter) document(doc string, rep *DgraphExport) uint64 {
	if id, ok := x.docs[doc]; ok {
		return id
	}
	id := x.docHash(doc)
	x.docs[doc] = id
	rep.Documents++
	d := x.dc.get(x.ctx, x.db.st, doc)
	x.buf = appendBlank(x.buf, 'd', id)
	x.buf = append(x.buf, " <dgraph.type> \"Document\" .\n"...)
	x.lines++
	x.triple0('d', id, "xid", "doc:"+doc)
	x.triple0('d', id, "doc.id", doc)
	if t, ok := dgraphDate(d.Date); ok {
		x.buf = appendBlank(x.buf, 'd', id)
		x.buf = append(x.buf, " <doc.date> \""...)
		x.buf = append(x.buf, t...)
		x.buf = append(x.buf, "\" .\n"...)
		x.lines++
	}
	if d.Title != "" {
		x.triple0('d', id, "doc.title", d.Title)
	}
	return id
}

// docHash names the blank node of a document, the same in every shard.
func (x *dgraphWriter) docHash(doc string) uint64 {
	x.digest.Reset()
	x.digest.WriteString("doc:")
	x.digest.WriteString(doc)
	return x.digest.Sum64()
}

func (x *dgraphWriter) triple0(kind byte, id uint64, pred, value string) {
	b := appendBlank(x.buf, kind, id)
	b = append(b, " <"...)
	b = append(b, pred...)
	b = append(b, "> "...)
	b = appendDQLString(b, value)
	x.buf = append(b, " .\n"...)
	x.lines++
}

// edge writes `_:vID <pred> _:eID .`.
func (x *dgraphWriter) edge(from uint64, pred string, kind byte, to uint64) {
	b := appendBlank(x.buf, 'v', from)
	b = append(b, " <"...)
	b = append(b, pred...)
	b = append(b, "> "...)
	b = appendBlank(b, kind, to)
	x.buf = append(b, " .\n"...)
	x.lines++
}

// flush hands the buffer to the compressor when it is full, or always.
func (x *dgraphWriter) flush(always bool) error {
	if len(x.buf) < 1<<20 && !always {
		return nil
	}
	var err error
	x.buf, err = x.out.write(x.buf)
	return err
}

// appendBlank appends the blank node _:KIND followed by id in 16 hex
// digits.
func appendBlank(b []byte, kind byte, id uint64) []byte {
	const hex = "0123456789abcdef"
	var d [19]byte
	d[0], d[1], d[2] = '_', ':', kind
	for i := 18; i >= 3; i-- {
		d[i] = hex[id&15]
		id >>= 4
	}
	return append(b, d[:]...)
}

// appendDQLString appends s quoted as an RDF string literal.
func appendDQLString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			b = append(b, c)
			i++
			continue
		}
		switch c {
		case '"':
			b = append(b, `\"`...)
		case '\\':
			b = append(b, `\\`...)
		case '\n':
			b = append(b, `\n`...)
		case '\r':
			b = append(b, `\r`...)
		case '\t':
			b = append(b, `\t`...)
		default:
			if c < 0x20 {
				b = fmt.Appendf(b, `\u%04x`, c)
				i++
				continue
			}
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 {
				b = append(b, `\ufffd`...) // invalid UTF-8: the replacement character
			} else {
				b = append(b, s[i:i+n]...)
			}
			i += n
			continue
		}
		i++
	}
	return append(b, '"')
}

// bitset is a growable set of dictionary IDs.
type bitset []uint64

func (s bitset) has(id uint64) bool {
	i := id / 64
	return i < uint64(len(s)) && s[i]&(1<<(id%64)) != 0
}

// all iterates over the IDs in the set, in order.
func (s bitset) all() iter.Seq[uint64] {
	return func(yield func(uint64) bool) {
		for i, w := range s {
			for ; w != 0; w &= w - 1 {
				if !yield(uint64(i)*64 + uint64(bits.TrailingZeros64(w))) {
					return
				}
			}
		}
	}
}

func (s *bitset) set(id uint64) {
	i := id / 64
	for uint64(len(*s)) <= i {
		*s = append(*s, 0)
	}
	(*s)[i] |= 1 << (id % 64)
}

// compressor gzips buffers on a goroutine of its own, so that formatting
// and compression overlap.
type compressor struct {
	zw    *gzip.Writer
	todo  chan []byte
	free  chan []byte
	done  chan struct{}
	mu    sync.Mutex
	err   error
	close sync.Once
}

func newCompressor(w io.Writer) *compressor {
	zw, _ := gzip.NewWriterLevel(w, gzip.BestSpeed)
	c := &compressor{zw: zw, todo: make(chan []byte, 4), free: make(chan []byte, 5), done: make(chan struct{})}
	go func() {
		defer close(c.done)
		for b := range c.todo {
			if _, err := c.zw.Write(b); err != nil {
				c.setErr(err)
			}
			select {
			case c.free <- b[:0]:
			default:
			}
		}
	}()
	return c
}

func (c *compressor) setErr(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err == nil {
		c.err = err
	}
}

func (c *compressor) error() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// write queues b and returns an empty buffer to fill next.
func (c *compressor) write(b []byte) ([]byte, error) {
	if err := c.error(); err != nil {
		return b[:0], err
	}
	c.todo <- b
	select {
	case nb := <-c.free:
		return nb, nil
	default:
		return make([]byte, 0, 1<<20+4096), nil
	}
}

// Close waits for the queued buffers and ends the gzip stream.
func (c *compressor) Close() error {
	c.close.Do(func() { close(c.todo) })
	<-c.done
	if err := c.error(); err != nil {
		return err
	}
	return c.zw.Close()
}
