package extract

import (
	"strings"

	"github.com/cayleygraph/quad"
)

// Facts of kind KindLink tie a noun phrase to the place or organisation
// that modifies it, and the patient of an event to the place where it
// happened. They are what connects the people of one article to the
// places and institutions of another: "Niger's presidential palace" gives
// <presidential_palace> <of> <Niger>; "the attack ... in the Tahoua
// region" gives <attack> <in> <Tahoua_region>; "the guards confined
// Bazoum in the presidential palace" gives <Bazoum> <confined_in>
// <presidential_palace>, the agentless passive that the sentence implies.
//
// They are not relations a reader states as a clause, so they are left out
// of CaRB output.

// linkPreps maps the preposition of a noun modifier to the link
// predicate; other prepositions make no link.
var linkPreps = map[string]string{
	"of": "of", "in": "in", "at": "in", "inside": "in", "within": "in",
	"near": "near", "outside": "outside", "from": "from",
}

// placePreps are the prepositions of a place argument that locate the
// patient of the event.
var placePreps = map[string]bool{"in": true, "at": true, "inside": true, "near": true, "outside": true}

// linkConfidence is the confidence of link facts: a modifier names the
// relation less firmly than a clause.
const linkConfidence = 0.6

// links makes the link facts of one sentence: noun modifiers naming a
// place or organisation, and where the patients of its clauses were.
func (b *factBuilder) links(clauseFacts []Fact) []Fact {
	var out []Fact
	seen := map[[3]string]bool{}
	emit := func(f Fact) {
		k := [3]string{quad.StringOf(f.Subject), quad.StringOf(f.Predicate), quad.StringOf(f.Object)}
		if k[0] == k[2] || seen[k] {
			return
		}
		seen[k] = true
		out = append(out, f)
	}
	for n := range b.t.toks {
		hm := b.entityAt(n)
		if hm == nil {
			continue
		}
		direct := false
		for _, k := range b.t.kids[n] {
			pred, ok := b.modifierLink(n, k)
			if !ok {
				continue
			}
			if pred == "in" {
				direct = true
			}
			emit(b.link(n, k, pred))
		}
		// A place deeper in the phrase locates its head, whatever the
		// parser attached it to: "an attack by gunmen against civilians
		// in the Tahoua region" was in the Tahoua region.
		if !direct && b.t.urel(n) != "nmod" {
			if k, ok := b.deepPlace(n, 0); ok {
				emit(b.link(n, k, "in"))
			}
		}
	}
	for _, f := range clauseFacts {
		for _, g := range b.placeLinks(f) {
			emit(g)
		}
	}
	return out
}

// entityAt returns the entity a noun token names, or nil.
func (b *factBuilder) entityAt(n int) *entity {
	m := b.ms[n]
	if m == nil || m.ent == nil || m.pronoun {
		return nil
	}
	return m.ent
}

// modifierLink reports whether child k of noun n is a modifier naming a
// place or organisation, and the link predicate.
func (b *factBuilder) modifierLink(n, k int) (string, bool) {
	var pred string
	switch b.t.rel(k) {
	case "nmod:poss":
		pred = "of"
	case "nmod":
		prep, _ := b.t.caseOf(k)
		var ok bool
		if pred, ok = linkPreps[prep]; !ok {
			return "", false
		}
	default:
		return "", false
	}
	x, hx := b.entityAt(k), b.entityAt(n)
	if x == nil || x == hx || !b.namesPlaceOrOrg(k, x) {
		return "", false
	}
	if b.sameName(n, k) {
		return "", false // "the Republic of Niger" is one name
	}
	return pred, true
}

// namesPlaceOrOrg reports whether entity x, mentioned at token k, is a
// named place or organisation, or a common noun phrase for a place.
func (b *factBuilder) namesPlaceOrOrg(k int, x *entity) bool {
	switch x.typ {
	case TypeLoc, TypeOrg:
		return x.proper || namedPlace(x)
	}
	return false
}

// namedPlace reports whether a common noun phrase for a place carries a
// name ("the Tahoua region"); bare "country" or "border" would tie every
// article that mentions one into one node.
func namedPlace(x *entity) bool {
	if x.typ != TypeLoc {
		return false
	}
	for _, w := range strings.Fields(x.display) {
		if isCap(w) {
			return true
		}
	}
	return false
}

// sameName reports whether tokens n and k lie in one entity-tagger span.
func (b *factBuilder) sameName(n, k int) bool {
	if b.ents == nil {
		s := Sentence{Tokens: b.t.toks}
		b.ents = append([]Entity{}, s.Entities()...) // once per sentence
	}
	for _, en := range b.ents {
		if en.First <= n && n <= en.Last && en.First <= k && k <= en.Last {
			return true
		}
	}
	return false
}

// deepPlace finds, below noun n through a chain of at most three noun
// modifiers, a modifier that names a place with a locative preposition.
func (b *factBuilder) deepPlace(n, depth int) (int, bool) {
	if depth >= 3 {
		return 0, false
	}
	for _, k := range b.t.kids[n] {
		if b.t.urel(k) != "nmod" {
			continue
		}
		if depth > 0 {
			if prep, _ := b.t.caseOf(k); placePreps[prep] {
				if x := b.entityAt(k); x != nil && x.typ == TypeLoc && (x.proper || namedPlace(x)) {
					return k, true
				}
			}
		}
		if p, ok := b.deepPlace(k, depth+1); ok {
			return p, true
		}
	}
	return 0, false
}

// link makes the link fact from noun n to its modifier k.
func (b *factBuilder) link(n, k int, pred string) Fact {
	hx, x := b.entityAt(n), b.entityAt(k)
	hx.used, x.used = true, true
	f := b.base()
	f.Subject, f.Predicate, f.Object = quad.IRI(hx.key), quad.IRI(pred), quad.IRI(x.key)
	f.Kind, f.Confidence = KindLink, linkConfidence
	head := b.t.nounPhrase(n, true).toks
	head = b.headOnly(head, n)
	mod := b.headOnly(b.t.nounPhrase(k, true).toks, k)
	_, caseToks := b.t.caseOf(k)
	f.Spans = [3]Span{b.span(head), b.span(caseToks), b.span(mod)}
	f.Surface = [3]string{b.written(head), b.written(caseToks), b.written(mod)}
	return f
}

// headOnly trims a noun phrase to the tokens before its first
// prepositional or clausal modifier, so that spans quote "the Tahoua
// region", not the whole phrase after it.
func (b *factBuilder) headOnly(toks []int, n int) []int {
	out := toks[:0:0]
	for _, k := range toks {
		if k > n && !b.sameName(n, k) {
			r := b.t.urel(k)
			if r != "flat" && r != "compound" && r != "fixed" {
				if k == n+1 && (b.t.toks[k].XPOS == "POS") {
					continue
				}
				break
			}
		}
		if k < n && (b.t.rel(k) == "nmod:poss" || b.t.urel(k) == "case" || b.t.urel(k) == "punct") {
			out = out[:0]
			continue
		}
		out = append(out, k)
	}
	if len(out) > 1 && b.t.urel(out[0]) == "det" {
		out = out[1:]
	}
	return out
}

// placeLinks makes, for a clause fact with an entity as patient and a
// place argument, the agentless passive that states where the patient
// was: "the guards confined Bazoum in the palace" → Bazoum confined_in
// palace. The patient is the object of an active verb, or the subject of
// a passive one.
func (b *factBuilder) placeLinks(f Fact) []Fact {
	pred, ok := f.Predicate.(quad.IRI)
	if !ok || len(f.Args) == 0 {
		return nil
	}
	var patient quad.Value
	var participle string
	var pspan Span
	var psurf string
	switch {
	case f.Kind == KindActive && !strings.Contains(string(pred), "_") && knownVerb(string(pred)):
		patient, participle, pspan, psurf = f.Object, pastParticiple(string(pred)), f.Spans[2], f.Surface[2]
	case f.Kind == KindPassive:
		lemma, ok := ActiveOf(string(pred))
		if !ok || strings.Contains(lemma, "_") {
			return nil
		}
		patient, participle, pspan, psurf = f.Subject, pastParticiple(lemma), f.Spans[0], f.Surface[0]
	default:
		return nil
	}
	if _, ok := patient.(quad.IRI); !ok || f.Negated || f.Modality != "" {
		return nil
	}
	var out []Fact
	for _, a := range f.Args {
		place, ok := a.Value.(quad.IRI)
		if !ok {
			continue
		}
		prep := a.Role
		if !placePreps[prep] {
			if fs := strings.Fields(a.Text); len(fs) > 0 {
				prep = strings.ToLower(fs[0])
			}
		}
		if !placePreps[prep] {
			continue
		}
		if x := b.d.ents.byKey[string(place)]; x == nil || x.typ != TypeLoc {
			continue
		}
		g := b.base()
		g.Subject, g.Predicate, g.Object = patient, quad.IRI(participle+"_"+prep), place
		g.Kind, g.Confidence = KindLink, linkConfidence
		g.Attribution, g.Resolution = f.Attribution, f.Resolution
		g.Spans = [3]Span{pspan, f.Spans[1], a.Span}
		g.Surface = [3]string{psurf, f.Surface[1], a.Text}
		out = append(out, g)
	}
	return out
}
