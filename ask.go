package kg

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/kgraph/kg/extract"
	"github.com/kgraph/kg/store"
)

// Answer is one answer to a question, with the evidence that supports it
// (and any that denies it: negated facts are listed, never counted).
type Answer struct {
	Answer   string     `json:"answer"`
	Score    float64    `json:"score"`
	Evidence []Evidence `json:"evidence"`

	Value quad.Value `json:"-"`
}

// AskResult is the answer to a question.
type AskResult struct {
	Question string   `json:"question"`
	Answers  []Answer `json:"answers"`

	Parsed Question `json:"-"`
}

// VerbClasses groups verbs that name one action, so that a question with
// one verb finds facts stated with another (detain ~ confine ~ hold).
type VerbClasses interface {
	// Synonyms returns the verb lemmas of lemma's action class, lemma
	// included.
	Synonyms(lemma string) []string
}

// SetVerbClasses sets the verb classes questions use (the embedded verb
// lexicon by default); nil means exact verbs only.
func (db *DB) SetVerbClasses(v VerbClasses) {
	db.mu.Lock()
	db.verbs = v
	db.mu.Unlock()
}

// analyzer returns the shared language analysis.
func (db *DB) analyzer() (*extract.Analyzer, error) {
	db.aOnce.Do(func() { db.a, db.aErr = extract.NewAnalyzer() })
	return db.a, db.aErr
}

// Ask answers a who-did-what question: "Who detained Bazoum?", "What did
// the African Union condemn?", "When was Bazoum elected?", "Where was
// Bazoum held?", "Who is Abdramane?", "What happened to Bazoum?".
//
// Answers see through voice (detain ↔ detained_by), verb classes (see
// SetVerbClasses) and entity names and aliases. They are ranked by their
// supporting evidence (confidence, number of sources, recency); each lists
// its sentences. A question kg cannot parse gives a *QuestionError, and an
// unknown entity an *UnknownEntityError with the nearest names.
func (db *DB) Ask(ctx context.Context, question string) (*AskResult, error) {
	a, err := db.analyzer()
	if err != nil {
		return nil, fmt.Errorf("kg: ask: %w", err)
	}
	sents, err := a.Analyze(strings.TrimSpace(question))
	if err != nil {
		return nil, fmt.Errorf("kg: ask: %w", err)
	}
	q, err := parseQuestion(question, sents)
	if err != nil {
		return nil, fmt.Errorf("kg: ask: %w", err)
	}
	res := &AskResult{Question: question, Parsed: q}
	var agent, theme quad.Value
	if q.Agent != "" {
		if agent, err = db.Resolve(ctx, q.Agent); err != nil {
			return nil, fmt.Errorf("kg: ask: %w", err)
		}
	}
	if q.Theme != "" {
		if theme, err = db.Resolve(ctx, q.Theme); err != nil {
			return nil, fmt.Errorf("kg: ask: %w", err)
		}
	}
	c := &collector{db: db, ctx: ctx, byKey: map[string]*Answer{}}
	switch q.Want {
	case WantIdentity:
		c.match(store.Pattern{Subject: theme, Predicate: quad.IRI("is")}, objectAnswer)
		c.match(store.Pattern{Subject: theme, Predicate: quad.IRI("has_title")}, objectAnswer)
		c.weight = 0.1 // the bare type only when nothing better is known
		c.match(store.Pattern{Subject: theme, Predicate: PredType}, objectAnswer)
	case WantEvents:
		preds, err := db.predicates(ctx)
		if err != nil {
			return nil, err
		}
		for _, p := range preds {
			if p.passive {
				c.match(store.Pattern{Subject: theme, Predicate: p.iri}, factAnswer)
			} else if !p.attribute {
				c.match(store.Pattern{Predicate: p.iri, Object: theme}, factAnswer)
			}
		}
	default:
		preds, err := db.verbPredicates(ctx, q.Verb)
		if err != nil {
			return nil, err
		}
		for _, p := range preds {
			switch {
			case q.Want == WantAgent && !p.passive:
				c.match(store.Pattern{Predicate: p.iri, Object: theme}, subjectAnswer)
			case q.Want == WantAgent && p.by:
				c.match(store.Pattern{Subject: theme, Predicate: p.iri}, objectAnswer)
			case q.Want == WantPatient && !p.passive:
				c.match(store.Pattern{Subject: agent, Predicate: p.iri, Object: theme}, objectAnswer)
			case q.Want == WantPatient && p.passive:
				c.match(store.Pattern{Predicate: p.iri, Object: orNil(p.by, agent)}, subjectAnswer)
			case (q.Want == WantTime || q.Want == WantPlace) && !p.passive:
				c.match(store.Pattern{Subject: agent, Predicate: p.iri, Object: theme}, circumstance(q.Want))
			case q.Want == WantTime || q.Want == WantPlace:
				c.match(store.Pattern{Subject: theme, Predicate: p.iri}, circumstance(q.Want))
			}
		}
	}
	if c.err != nil {
		return nil, fmt.Errorf("kg: ask: %w", c.err)
	}
	if q.Want == WantPlace || q.Want == WantTime {
		c.mergeWritten()
	}
	res.Answers = c.ranked()
	return res, nil
}

// mergeWritten folds an argument as written ("in the presidential palace
// in the capital Niamey") into the entity answer it names when both come
// from the same sentence (the link fact <Bazoum> <confined_in>
// <presidential_palace>): one place, not two answers.
func (c *collector) mergeWritten() {
	for key, a := range c.byKey {
		if _, lit := a.Value.(quad.String); !lit {
			continue
		}
		text := strings.ToLower(a.Answer)
		for _, b := range c.byKey {
			if b == a {
				continue
			}
			if _, lit := b.Value.(quad.String); lit || !strings.Contains(text, strings.ToLower(b.Answer)) || !sameSentence(a.Evidence, b.Evidence) {
				continue
			}
			b.Score = max(b.Score, a.Score)
			delete(c.byKey, key)
			break
		}
	}
}

// sameSentence reports whether every sentence of x is a sentence of y.
func sameSentence(x, y []Evidence) bool {
	in := map[string]bool{}
	for _, e := range y {
		in[fmt.Sprint(e.Doc, "#", e.Sentence)] = true
	}
	for _, e := range x {
		if !in[fmt.Sprint(e.Doc, "#", e.Sentence)] {
			return false
		}
	}
	return len(x) > 0
}

func orNil(cond bool, v quad.Value) quad.Value {
	if cond {
		return v
	}
	return nil
}

// answerer turns a matching fact and its evidence into answer candidates.
type answerer func(c *collector, q quad.Quad, ev Evidence) []quad.Value

func subjectAnswer(_ *collector, q quad.Quad, _ Evidence) []quad.Value {
	return []quad.Value{q.Subject}
}
func objectAnswer(_ *collector, q quad.Quad, _ Evidence) []quad.Value { return []quad.Value{q.Object} }

// factAnswer answers with the fact itself ("What happened to X?").
func factAnswer(c *collector, q quad.Quad, ev Evidence) []quad.Value {
	return []quad.Value{quad.String(fmt.Sprintf("%s %s %s", c.db.displayName(q.Subject), DisplayName(q.Predicate), c.db.displayName(q.Object)))}
}

var (
	dateLike  = regexp.MustCompile(`(?i)\b(1[89]\d\d|20\d\d|january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today)\b`)
	timeRoles = map[string]bool{"time": true, "when": true, "date": true, "tmod": true}
	placeRole = map[string]bool{"place": true, "where": true, "location": true}
)

// circumstance answers a when or where question from a fact: its time or
// place arguments, or its object when the predicate carries the
// preposition (elected_in 2021, held_in Niamey).
func circumstance(want Want) answerer {
	return func(c *collector, q quad.Quad, ev Evidence) []quad.Value {
		var out []quad.Value
		// A time is short ("in 2021", "on Monday"); a long clause that
		// merely mentions a year is not one.
		isTime := func(s string) bool { return dateLike.MatchString(s) && len(strings.Fields(s)) <= 5 }
		fits := func(role, text string, v quad.Value) bool {
			if want == WantTime {
				return timeRoles[role] || isTime(text) || isDateValue(v)
			}
			typ := ""
			if v != nil {
				typ = c.db.typeOf(c.ctx, v)
			}
			return placeRole[role] || typ == "LOC" || (role == "in" || role == "at") && !isTime(text) && typ != "PERSON" && typ != "ORG"
		}
		// The object of a predicate that carries the preposition
		// (elected_in 2021) is the fact's own time or place; other
		// arguments of the same fact ("... since its independence in
		// 1960") then are about something else.
		if p, ok := q.Predicate.(quad.IRI); ok {
			name := string(p)
			if i := strings.LastIndexByte(name, '_'); i > 0 && name[i+1:] != "by" {
				if fits(name[i+1:], DisplayName(q.Object), q.Object) {
					return []quad.Value{q.Object}
				}
			}
		}
		if se, err := c.db.st.EvidenceOf(c.ctx, q); err == nil {
			for _, a := range se.Args {
				if fits(strings.ToLower(a.Role), a.Value, nil) {
					out = append(out, quad.String(a.Value))
				}
			}
		}
		return out
	}
}

func isDateValue(v quad.Value) bool {
	ts, ok := v.(quad.TypedString)
	return ok && (strings.HasSuffix(string(ts.Type), "#date") || strings.HasSuffix(string(ts.Type), "#gYear") || strings.HasSuffix(string(ts.Type), "#dateTime"))
}

// collector gathers answers and their evidence.
type collector struct {
	db     *DB
	ctx    context.Context
	byKey  map[string]*Answer
	seen   map[string]bool
	docs   docCache
	weight float64 // scales the score of what match finds (0 means 1)
	err    error
}

func (c *collector) match(p store.Pattern, ans answerer) {
	if c.err != nil {
		return
	}
	if c.seen == nil {
		c.seen = map[string]bool{}
	}
	for q, err := range c.db.st.Match(c.ctx, p) {
		if err != nil {
			c.err = err
			return
		}
		ev := c.db.evidence(c.ctx, q, &c.docs)
		ev.Subject, ev.Object = c.db.displayName(q.Subject), c.db.displayName(q.Object)
		for _, v := range ans(c, q, ev) {
			key := v.String()
			a := c.byKey[key]
			if a == nil {
				a = &Answer{Answer: c.db.displayName(v), Value: v}
				c.byKey[key] = a
			}
			fk := key + "\x00" + q.NQuad()
			if c.seen[fk] {
				continue
			}
			c.seen[fk] = true
			a.Evidence = append(a.Evidence, ev)
			if !ev.Negated {
				w := ev.Confidence
				if w <= 0 {
					w = 0.5 // imported facts carry no confidence
				}
				if ev.Modality != "" {
					w /= 2 // "may", "will", "claimed": weaker than a plain statement
				}
				if c.weight > 0 {
					w *= c.weight
				}
				a.Score += w
			}
		}
	}
}

// ranked returns the answers by score, then number of sources, then the
// latest date; answers only denied (negated) come last with score 0.
func (c *collector) ranked() []Answer {
	out := make([]Answer, 0, len(c.byKey))
	for _, a := range c.byKey {
		sort.SliceStable(a.Evidence, func(i, j int) bool {
			if a.Evidence[i].Negated != a.Evidence[j].Negated {
				return !a.Evidence[i].Negated
			}
			return a.Evidence[i].Date > a.Evidence[j].Date
		})
		a.Score = float64(int(a.Score*1000+0.5)) / 1000
		out = append(out, *a)
	}
	latest := func(a Answer) string {
		d := ""
		for _, e := range a.Evidence {
			d = max(d, e.Date)
		}
		return d
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		if len(out[i].Evidence) != len(out[j].Evidence) {
			return len(out[i].Evidence) > len(out[j].Evidence)
		}
		if li, lj := latest(out[i]), latest(out[j]); li != lj {
			return li > lj
		}
		return out[i].Answer < out[j].Answer
	})
	return out
}

// predInfo describes a stored predicate for questions.
type predInfo struct {
	iri       quad.IRI
	lemma     string // verb lemma of its first word: detained_by → detain
	rest      string // particle or preposition: call_on → on
	passive   bool   // a participle: detained_by, jailed_in
	by        bool   // passive with its agent as object: detained_by
	attribute bool   // type, name, alias, is, has_title
}

// predicates lists the store's predicates, analysed once per store
// generation.
func (db *DB) predicates(ctx context.Context) ([]predInfo, error) {
	gen := db.st.Generation()
	db.mu.Lock()
	if db.preds != nil && db.predsGen == gen {
		p := db.preds
		db.mu.Unlock()
		return p, nil
	}
	db.mu.Unlock()
	ids, err := db.st.PredicateIDs(ctx)
	if err != nil {
		return nil, err
	}
	a, err := db.analyzer()
	if err != nil {
		return nil, err
	}
	var out []predInfo
	for _, id := range ids {
		v, err := db.st.ValueOf(id)
		if err != nil {
			return nil, err
		}
		iri, ok := v.(quad.IRI)
		if !ok {
			continue
		}
		out = append(out, analysePredicate(a, iri))
	}
	db.mu.Lock()
	db.preds, db.predsGen = out, gen
	db.mu.Unlock()
	return out, nil
}

var attributePreds = map[string]bool{"type": true, "name": true, "alias": true, "is": true, "has_title": true}

func analysePredicate(a *extract.Analyzer, iri quad.IRI) predInfo {
	name := string(iri)
	p := predInfo{iri: iri, attribute: attributePreds[name]}
	first, rest, _ := strings.Cut(name, "_")
	p.rest = rest
	p.lemma = first
	if p.attribute || first == "" {
		return p
	}
	// Is the first word a participle ("was detained")?
	if s, err := a.AnalyzeTokens([]string{"it", "was", first}); err == nil && len(s.Tokens) == 3 {
		t := s.Tokens[2]
		if t.XPOS == "VBN" && strings.ToLower(t.Lemma) != first || rest == "by" {
			p.passive, p.by = true, rest == "by"
			p.lemma = strings.ToLower(t.Lemma)
			return p
		}
	}
	if s, err := a.AnalyzeTokens([]string{"they", first}); err == nil && len(s.Tokens) == 2 {
		p.lemma = strings.ToLower(s.Tokens[1].Lemma)
	}
	return p
}

// verbPredicates returns the stored predicates that express verb (a lemma,
// with "_particle" when the question has one) or a verb of its class.
func (db *DB) verbPredicates(ctx context.Context, verb string) ([]predInfo, error) {
	preds, err := db.predicates(ctx)
	if err != nil {
		return nil, err
	}
	base, particle, _ := strings.Cut(verb, "_")
	lemmas := map[string]bool{base: true}
	db.mu.Lock()
	vc := db.verbs
	db.mu.Unlock()
	if vc != nil {
		for _, l := range vc.Synonyms(base) {
			lemmas[l] = true
		}
	}
	// An active predicate must carry the question's particle ("call_on"
	// is not "call"), unless none does: then the preposition only starts
	// the object ("Who protested in Niamey?").
	withParticle := false
	for _, p := range preds {
		withParticle = withParticle || !p.attribute && !p.passive && lemmas[p.lemma] && particle != "" && p.rest == particle
	}
	var out []predInfo
	for _, p := range preds {
		if p.attribute || !lemmas[p.lemma] {
			continue
		}
		if !p.passive && p.rest != particle && (withParticle || p.rest != "") {
			continue
		}
		out = append(out, p)
	}
	return out, nil
}
