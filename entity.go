package kg

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/cayleygraph/quad"

	"github.com/kgraph/kg/store"
)

// Vocabulary shared by the extractor, the store and the graph.
var (
	PredType  = quad.IRI("type")  // <X> <type> <PERSON>
	PredName  = quad.IRI("name")  // <X> <name> "Display Name"
	PredAlias = quad.IRI("alias") // <X> <alias> "Other Name"
)

// ErrUnknownEntity is returned when a name matches no entity. The error
// is an *UnknownEntityError listing the nearest names.
var ErrUnknownEntity = errors.New("unknown entity")

// UnknownEntityError names an entity that is not in the graph, with the
// nearest known names as suggestions.
type UnknownEntityError struct {
	Name        string
	Suggestions []string
}

func (e *UnknownEntityError) Error() string {
	msg := fmt.Sprintf("no entity named %q", e.Name)
	if len(e.Suggestions) > 0 {
		msg += "; did you mean " + strings.Join(quoteAll(e.Suggestions), ", ") + "?"
	}
	return msg
}

func (e *UnknownEntityError) Unwrap() error { return ErrUnknownEntity }

func quoteAll(s []string) []string {
	out := make([]string, len(s))
	for i, x := range s {
		out[i] = fmt.Sprintf("%q", x)
	}
	return out
}

// EntityIRI returns the IRI kg gives an entity with this canonical name:
// spaces become underscores.
func EntityIRI(name string) quad.IRI {
	return quad.IRI(strings.Join(strings.Fields(name), "_"))
}

// DisplayName returns a readable name for a value: an IRI's local name
// with underscores as spaces, a literal's text.
func DisplayName(v quad.Value) string {
	switch v := v.(type) {
	case quad.IRI:
		s := string(v)
		if i := strings.LastIndexAny(s, "/#"); i >= 0 && i < len(s)-1 {
			s = s[i+1:]
		}
		return strings.ReplaceAll(s, "_", " ")
	case quad.BNode:
		return v.String()
	case quad.TypedString:
		return string(v.Value)
	case quad.LangString:
		return string(v.Value)
	case nil:
		return ""
	default:
		return quad.ToString(v)
	}
}

// Resolve finds the entity a user means by name. It accepts an IRI in
// N-Quads form (<Presidential_Guard>), a canonical name ("Presidential
// Guard"), or, case-insensitively, any display name or alias. An unknown
// name gives an *UnknownEntityError with the nearest names.
func (db *DB) Resolve(ctx context.Context, name string) (quad.Value, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil, &UnknownEntityError{Name: name}
	}
	if strings.HasPrefix(name, "<") && strings.HasSuffix(name, ">") {
		v := quad.IRI(name[1 : len(name)-1])
		if db.isNode(ctx, v) {
			return v, nil
		}
		return nil, db.unknown(ctx, name)
	}
	if strings.HasPrefix(name, "_:") && db.isNode(ctx, quad.BNode(name[2:])) {
		return quad.BNode(name[2:]), nil
	}
	if v := EntityIRI(name); db.isNode(ctx, v) {
		return v, nil
	}
	// Display names and aliases, exact then case-insensitive.
	want := normName(name)
	var found []quad.Value
	for _, pred := range []quad.Value{PredName, PredAlias} {
		for q, err := range db.st.Match(ctx, store.Pattern{Predicate: pred}) {
			if err != nil {
				return nil, err
			}
			if normName(quad.ToString(q.Object)) == want && !containsValue(found, q.Subject) {
				found = append(found, q.Subject)
			}
		}
		if len(found) > 0 {
			break
		}
	}
	// IRIs whose local name matches case-insensitively.
	if len(found) == 0 {
		names, err := db.entityNames(ctx)
		if err != nil {
			return nil, err
		}
		for _, n := range names {
			if normName(n.name) == want && !containsValue(found, n.v) {
				found = append(found, n.v)
			}
		}
	}
	switch len(found) {
	case 0:
		return nil, db.unknown(ctx, name)
	case 1:
		return found[0], nil
	}
	// Several: prefer the one with the most facts.
	best, bestN := found[0], -1
	for _, v := range found {
		n, _ := db.st.Count(ctx, store.Pattern{Subject: v})
		m, _ := db.st.Count(ctx, store.Pattern{Object: v})
		if n+m > bestN {
			best, bestN = v, n+m
		}
	}
	return best, nil
}

func containsValue(vs []quad.Value, v quad.Value) bool {
	for _, x := range vs {
		if x == v {
			return true
		}
	}
	return false
}

// isNode reports whether v occurs as a subject or object.
func (db *DB) isNode(ctx context.Context, v quad.Value) bool {
	for _, p := range []store.Pattern{{Subject: v}, {Object: v}} {
		for _, err := range db.st.Match(ctx, p) {
			return err == nil
		}
	}
	return false
}

func normName(s string) string {
	s = strings.ReplaceAll(s, "_", " ")
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

type namedValue struct {
	v    quad.Value
	name string
}

// entityNames lists every subject IRI with its display name, plus name
// and alias literals, for suggestions and case-insensitive lookups.
func (db *DB) entityNames(ctx context.Context) ([]namedValue, error) {
	seen := map[string]bool{}
	var out []namedValue
	var last uint64
	err := db.st.ScanIDs(ctx, func(s, p, o, l uint64) error {
		if s == last {
			return nil
		}
		last = s
		v, err := db.st.ValueOf(s)
		if err != nil {
			return err
		}
		if iri, ok := v.(quad.IRI); ok {
			n := DisplayName(iri)
			if !seen[n] {
				seen[n] = true
				out = append(out, namedValue{v, n})
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, pred := range []quad.Value{PredName, PredAlias} {
		for q, err := range db.st.Match(ctx, store.Pattern{Predicate: pred}) {
			if err != nil {
				return nil, err
			}
			n := quad.ToString(q.Object)
			if !seen[n] {
				seen[n] = true
				out = append(out, namedValue{q.Subject, n})
			}
		}
	}
	return out, nil
}

// unknown builds the error for an unknown name, with up to five
// suggestions: names sharing a word with it, or close in edit distance.
func (db *DB) unknown(ctx context.Context, name string) error {
	names, err := db.entityNames(ctx)
	if err != nil {
		return err
	}
	want := normName(strings.Trim(name, "<>"))
	type cand struct {
		name string
		d    int
	}
	var cands []cand
	for _, n := range names {
		have := normName(n.name)
		d := editDistance(want, have)
		// A misspelt word of a longer name ("Amra" for "President Amara").
		for _, w := range strings.Fields(have) {
			if len(w) >= 3 {
				d = min(d, editDistance(want, w)+1)
			}
		}
		if shareWord(want, have) {
			d = min(d, 2)
		}
		if d <= max(2, len(want)/3) {
			cands = append(cands, cand{n.name, d})
		}
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].d != cands[j].d {
			return cands[i].d < cands[j].d
		}
		return cands[i].name < cands[j].name
	})
	e := &UnknownEntityError{Name: name}
	for i := 0; i < len(cands) && i < 5; i++ {
		e.Suggestions = append(e.Suggestions, cands[i].name)
	}
	return e
}

func shareWord(a, b string) bool {
	for _, w := range strings.FieldsFunc(a, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len(w) < 3 {
			continue
		}
		for _, x := range strings.Fields(b) {
			if x == w {
				return true
			}
		}
	}
	return false
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 {
		if a == b {
			return 0
		}
		return max(len(ra), len(rb))
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
