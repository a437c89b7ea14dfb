package kg

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/kgraph/kg/store"
)

// ErrBadQuery is returned (wrapped in a *QueryError) for a pattern that
// cannot be parsed.
var ErrBadQuery = errors.New("bad query")

// QueryError is a syntax error in a query pattern, with its position.
type QueryError struct {
	Query  string
	Offset int // byte offset of the problem
	Msg    string
}

func (e *QueryError) Error() string {
	return fmt.Sprintf("query %q, at byte %d: %s", e.Query, e.Offset, e.Msg)
}

func (e *QueryError) Unwrap() error { return ErrBadQuery }

// term is one position of a triple pattern: a variable, a wildcard, or a
// value (entity, predicate or literal).
type term struct {
	variable string     // "?x" → "x"; "" otherwise
	wildcard bool       // "*"
	value    quad.Value // a bound value
	text     string     // the term as written, for errors
	name     bool       // a bare or quoted name to resolve as an entity
}

type triple [3]term

// parseQuery reads "S P O [. S P O]…". Terms: ?var, *, <iri>, _:bnode,
// "literal" (or a typed/language literal in N-Quads form), or a bare name.
func parseQuery(q string) ([]triple, error) {
	var out []triple
	var cur []term
	i := 0
	fail := func(off int, format string, args ...any) error {
		return &QueryError{Query: q, Offset: off, Msg: fmt.Sprintf(format, args...)}
	}
	for {
		for i < len(q) && unicode.IsSpace(rune(q[i])) {
			i++
		}
		if i >= len(q) || q[i] == '.' && (i+1 == len(q) || q[i+1] == ' ' || q[i+1] == '\t' || q[i+1] == '\n') {
			if len(cur) != 0 && len(cur) != 3 {
				return nil, fail(i, "a pattern needs subject, predicate and object; found %d term(s)", len(cur))
			}
			if len(cur) == 3 {
				out = append(out, triple{cur[0], cur[1], cur[2]})
			}
			cur = nil
			if i >= len(q) {
				break
			}
			i++
			continue
		}
		start := i
		var t term
		switch c := q[i]; {
		case c == '?':
			i++
			for i < len(q) && (isWordByte(q[i])) {
				i++
			}
			if i == start+1 {
				return nil, fail(start, "'?' must be followed by a variable name")
			}
			t.variable = q[start+1 : i]
		case c == '*':
			i++
			t.wildcard = true
		case c == '<':
			j := strings.IndexByte(q[i:], '>')
			if j < 0 {
				return nil, fail(start, "IRI not closed with '>'")
			}
			i += j + 1
			t.value = quad.IRI(q[start+1 : i-1])
		case c == '"':
			i++
			for i < len(q) && q[i] != '"' {
				if q[i] == '\\' {
					i++
				}
				i++
			}
			if i >= len(q) {
				return nil, fail(start, "string not closed with '\"'")
			}
			i++
			for i < len(q) && !unicode.IsSpace(rune(q[i])) {
				i++ // @lang or ^^<type>
			}
			lit := q[start:i]
			pq, err := nquads.Parse("<s> <p> " + lit + " .")
			if err != nil || pq.Object == nil {
				return nil, fail(start, "bad literal %s", lit)
			}
			t.value = pq.Object
			if _, plain := pq.Object.(quad.String); plain {
				t.name = true // may name an entity: resolved at run time
			}
		default:
			for i < len(q) && !unicode.IsSpace(rune(q[i])) {
				i++
			}
			w := strings.TrimSuffix(q[start:i], ".")
			if len(w) < i-start {
				i-- // a full stop glued to the last term
			}
			if strings.HasPrefix(w, "_:") {
				t.value = quad.BNode(w[2:])
			} else {
				t.value = quad.IRI(w)
				t.name = true
			}
		}
		t.text = q[start:i]
		if len(cur) == 3 {
			return nil, fail(start, "expected '.' between patterns, found %q", t.text)
		}
		cur = append(cur, t)
	}
	if len(out) == 0 {
		return nil, fail(0, "empty query: write patterns like 'Bazoum detained_by ?x'")
	}
	for _, tr := range out {
		if tr[1].value != nil {
			if _, ok := tr[1].value.(quad.IRI); !ok {
				return nil, fail(strings.Index(q, tr[1].text), "the predicate %s must be a name or an IRI", tr[1].text)
			}
		}
	}
	return out, nil
}

func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// QueryOptions controls Query.
type QueryOptions struct {
	Limit    int  // most rows (0: no limit)
	Evidence bool // give each row the facts and sentences behind it
}

// QueryResult is the answer to a pattern query: one row per binding of
// its variables, with the facts that support it.
type QueryResult struct {
	Vars []string   `json:"vars"`
	Rows []QueryRow `json:"rows"`
}

// QueryRow is one solution.
type QueryRow struct {
	Values   map[string]string `json:"values"`             // variable → display name
	Evidence []Evidence        `json:"evidence,omitempty"` // with QueryOptions.Evidence

	Bound map[string]quad.Value `json:"-"` // variable → value
}

// Query answers triple patterns with variables and joins, such as
// "?who condemn ?what . ?what type EVENT" or "Bazoum detained_by ?x".
// Terms are ?variables, * (anything), <IRIs>, "literals" and bare names;
// a bare or quoted name in subject or object position is resolved to an
// entity as Resolve does. Predicates see through voice and synonyms
// (detained_by also matches X confine Bazoum) with the embedded verb
// lexicon, or the one set with SetLexicon.
func (db *DB) Query(ctx context.Context, q string, opt QueryOptions) (*QueryResult, error) {
	triples, err := parseQuery(q)
	if err != nil {
		return nil, fmt.Errorf("kg: %w", err)
	}
	// Resolve names to entities.
	for i := range triples {
		for _, pos := range []int{0, 2} {
			t := &triples[i][pos]
			if !t.name {
				continue
			}
			name := quad.ToString(t.value)
			if iri, ok := t.value.(quad.IRI); ok {
				name = strings.ReplaceAll(string(iri), "_", " ")
			}
			v, err := db.Resolve(ctx, name)
			if err == nil {
				t.value = v
			} else if _, isLit := t.value.(quad.String); !isLit || pos == 0 {
				return nil, fmt.Errorf("kg: query: %w", err)
			}
		}
	}
	res := &QueryResult{}
	seenVar := map[string]bool{}
	for _, tr := range triples {
		for _, t := range tr {
			if t.variable != "" && !seenVar[t.variable] {
				seenVar[t.variable] = true
				res.Vars = append(res.Vars, t.variable)
			}
		}
	}
	var docs docCache
	type partial struct {
		bound map[string]quad.Value
		facts []quad.Quad
	}
	rows := []partial{{bound: map[string]quad.Value{}}}
	done := make([]bool, len(triples))
	rowKey := func(bound map[string]quad.Value) string {
		key := ""
		for _, v := range res.Vars {
			key += bound[v].String() + "\x00"
		}
		return key
	}
	for step := range triples {
		// Next: the pattern with the most bound positions given the
		// variables bound so far.
		best, bestScore := -1, -1
		for i, tr := range triples {
			if done[i] {
				continue
			}
			score := 0
			for _, t := range tr {
				if t.value != nil || (t.variable != "" && rows[0].bound[t.variable] != nil) {
					score++
				}
			}
			if score > bestScore {
				best, bestScore = i, score
			}
		}
		done[best] = true
		tr := triples[best]
		last := step == len(triples)-1
		distinct := map[string]bool{}
		var next []partial
		for _, row := range rows {
			err := db.matchTriple(ctx, tr, row.bound, func(q quad.Quad, bound map[string]quad.Value) bool {
				next = append(next, partial{bound: bound, facts: append(append([]quad.Quad(nil), row.facts...), q)})
				if last && opt.Limit > 0 {
					// The last pattern can stop once it has enough
					// distinct rows (more evidence for them is dropped).
					distinct[rowKey(bound)] = true
					return len(distinct) < opt.Limit
				}
				return true
			})
			if err != nil {
				return nil, fmt.Errorf("kg: query: %w", err)
			}
			if last && opt.Limit > 0 && len(distinct) >= opt.Limit {
				break
			}
		}
		rows = next
		if len(rows) == 0 {
			break
		}
	}
	// One row per distinct binding, with the evidence of every match.
	index := map[string]int{}
	seenFact := map[string]bool{} // row index and fact, to list each fact once
	addEvidence := func(i int, facts []quad.Quad) {
		if !opt.Evidence {
			return
		}
		for _, f := range facts {
			k := fmt.Sprint(i) + "\x00" + f.NQuad()
			if !seenFact[k] {
				seenFact[k] = true
				res.Rows[i].Evidence = append(res.Rows[i].Evidence, db.evidence(ctx, f, &docs))
			}
		}
	}
	for _, row := range rows {
		key := rowKey(row.bound)
		if i, ok := index[key]; ok && len(res.Vars) > 0 {
			addEvidence(i, row.facts)
			continue
		}
		if opt.Limit > 0 && len(res.Rows) >= opt.Limit {
			continue
		}
		index[key] = len(res.Rows)
		r := QueryRow{Values: map[string]string{}, Bound: row.bound}
		for _, v := range res.Vars {
			r.Values[v] = db.displayName(row.bound[v])
		}
		res.Rows = append(res.Rows, r)
		addEvidence(len(res.Rows)-1, row.facts)
	}
	return res, nil
}

// matchTriple calls fn for every stored quad matching tr under bound,
// with bound extended by tr's variables. The predicate is expanded through
// the lexicon: synonyms, and the other voice with subject and object
// swapped. fn returns false to stop.
func (db *DB) matchTriple(ctx context.Context, tr triple, bound map[string]quad.Value, fn func(quad.Quad, map[string]quad.Value) bool) error {
	val := func(t term) quad.Value {
		if t.value != nil {
			return t.value
		}
		if t.variable != "" {
			return bound[t.variable]
		}
		return nil
	}
	s, p, o := val(tr[0]), val(tr[1]), val(tr[2])
	forms := []predForm{{pred: p}}
	if p != nil {
		forms = db.expandPredicate(p)
	}
	for _, f := range forms {
		pat := store.Pattern{Subject: s, Predicate: f.pred, Object: o}
		if f.inverse {
			pat.Subject, pat.Object = o, s
		}
		for q, err := range db.st.Match(ctx, pat) {
			if err != nil {
				return err
			}
			qs, qo := q.Subject, q.Object
			if f.inverse {
				qs, qo = qo, qs
			}
			nb := bound
			ok := true
			for i, v := range [3]quad.Value{qs, q.Predicate, qo} {
				t := tr[i]
				if t.variable == "" {
					continue
				}
				if have := nb[t.variable]; have != nil {
					ok = ok && have == v
					continue
				}
				if len(nb) == len(bound) {
					nb = make(map[string]quad.Value, len(bound)+2)
					for k, x := range bound {
						nb[k] = x
					}
				}
				nb[t.variable] = v
			}
			if !ok {
				continue
			}
			if !fn(q, nb) {
				return nil
			}
		}
	}
	return nil
}

// predForm is one stored predicate a query predicate stands for; inverse
// means subject and object are swapped (detained_by ↔ confine).
type predForm struct {
	pred    quad.Value
	inverse bool
}

// Lexicon is what queries need from a verb lexicon: the stored predicates
// a predicate stands for, and which of them run the other way.
type Lexicon interface {
	// Expand returns the predicates (IRI local names) that mean the same
	// as pred, each with whether its subject and object are swapped. pred
	// itself need not be in the result.
	Expand(pred string) []PredicateForm
}

// PredicateForm is one predicate a Lexicon expands to.
type PredicateForm struct {
	Predicate string
	Inverse   bool
}

// SetLexicon sets the verb lexicon queries use to see through synonyms
// and voice (the embedded one by default). Nil means exact predicates.
func (db *DB) SetLexicon(l Lexicon) {
	db.mu.Lock()
	db.lex = l
	db.mu.Unlock()
}

func (db *DB) expandPredicate(p quad.Value) []predForm {
	forms := []predForm{{pred: p}}
	iri, ok := p.(quad.IRI)
	db.mu.Lock()
	lex := db.lex
	db.mu.Unlock()
	if !ok || lex == nil {
		return forms
	}
	seen := map[predForm]bool{forms[0]: true}
	for _, f := range lex.Expand(string(iri)) {
		pf := predForm{pred: quad.IRI(f.Predicate), inverse: f.Inverse}
		if !seen[pf] {
			seen[pf] = true
			forms = append(forms, pf)
		}
	}
	return forms
}
