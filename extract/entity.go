package extract

import (
	"strings"
	"unicode"
)

// Entity types of the <type> facts.
const (
	TypePerson = "PERSON"
	TypeOrg    = "ORG"
	TypeLoc    = "LOC"
	TypeEvent  = "EVENT"
	TypeDate   = "DATE"
	TypeNumber = "NUMBER"
	TypeThing  = "THING"
)

// entity is one entity of a document.
type entity struct {
	key     string          // canonical name: the IRI without spaces
	display string          // the fullest name seen ("Mohamed Bazoum")
	typ     string          // TypePerson, ...
	plural  bool            // "they" can refer to it
	aliases map[string]bool // other names it was written as
	proper  bool            // a name, not a common noun phrase
	// evidence of the first mention
	sent    int
	span    Span
	surface string
	used    bool
}

// titleWords precede a person's name as a title.
var titleWords = map[string]bool{
	"president": true, "minister": true, "general": true, "gen.": true, "colonel": true, "col.": true,
	"major": true, "maj.": true, "captain": true, "capt.": true, "lieutenant": true, "lt.": true, "commander": true,
	"secretary-general": true, "secretary": true, "prime": true, "chancellor": true, "governor": true,
	"senator": true, "sen.": true, "rep.": true, "ambassador": true, "king": true, "queen": true, "prince": true,
	"princess": true, "pope": true, "mayor": true, "judge": true, "justice": true, "chief": true,
	"sergeant": true, "sgt.": true, "admiral": true, "marshal": true, "spokesman": true, "spokeswoman": true,
	"spokesperson": true, "director": true, "chairman": true, "chairwoman": true, "ceo": true, "premier": true,
	"vice": true, "deputy": true, "foreign": true, "defence": true, "defense": true, "interior": true,
	"finance": true, "former": true, "dr.": true, "sheikh": true, "emir": true, "sultan": true, "bishop": true,
	"archbishop": true, "cardinal": true, "rev.": true,
}

// honorifics are dropped from names without making a title fact.
var honorifics = map[string]bool{"mr.": true, "mrs.": true, "ms.": true, "mr": true, "mrs": true, "ms": true, "dr": true}

// Common nouns whose phrases name people, events or organisations.
var personNouns = words("people person man woman men women child children soldier guard official officer member " +
	"supporter perpetrator leader president minister spokesman spokeswoman general colonel troop policeman " +
	"civilian resident protester demonstrator citizen militant rebel fighter gunman attacker victim journalist " +
	"diplomat ambassador lawmaker senator voter worker student activist mutineer putschist suspect prisoner " +
	"detainee hostage refugee chief commander candidate analyst expert witness source mayor judge governor king queen " +
	"prince minister senator envoy negotiator ambassador bishop priest doctor lawyer farmer driver pilot")
var eventNouns = words("coup attempt attack election runoff war protest strike vote meeting summit ceremony " +
	"crisis conflict killing massacre bombing rally referendum inauguration arrest raid invasion battle " +
	"fighting clash riot uprising revolt rebellion mutiny assassination explosion shooting ambush offensive " +
	"ceasefire truce talks negotiation visit trial hearing campaign act incident operation curfew")
var orgNouns = words("government military army junta authority authorities union party embassy ministry council " +
	"bloc group network company court parliament assembly committee agency administration force forces " +
	"navy police organization organisation regime opposition cabinet commission bank coalition alliance")

var placeNouns = words("palace capital city town village region province district state country border " +
	"prison jail camp base barracks airport residence compound headquarters building hospital square street " +
	"neighbourhood neighborhood area territory island coast river valley desert mountain continent")

func words(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// entities is the entity table of one document.
type entities struct {
	byKey   map[string]*entity
	byLower map[string]*entity // lower-case names and aliases → entity
	surname map[string][]*entity
	first   map[string]*entity // first names of persons named in full
	order   []*entity
}

func newEntities() *entities {
	return &entities{byKey: map[string]*entity{}, byLower: map[string]*entity{}, surname: map[string][]*entity{}, first: map[string]*entity{}}
}

// iriName makes a canonical name usable as an IRI: spaces become "_", and
// characters N-Quads forbid in IRIs are dropped.
func iriName(name string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(name) {
		switch {
		case unicode.IsSpace(r):
			b.WriteByte('_')
		case r < 0x20 || strings.ContainsRune("<>\"{}|^`\\", r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// splitTitle separates leading title words from a person's name tokens:
// "Minister of Foreign Affairs Hassoumi Massoudou" → title "Minister of
// Foreign Affairs", name "Hassoumi Massoudou".
func splitTitle(ws []string) (title, name []string) {
	i := 0
	for i < len(ws) {
		l := strings.ToLower(ws[i])
		if titleWords[l] || honorifics[l] {
			i++
			continue
		}
		break
	}
	if i == 0 {
		return nil, ws
	}
	// "of Foreign Affairs" continues a title when a name follows
	return ws[:i], ws[i:]
}

// personKey returns the canonical key of a person's name: the surname
// when the name has several words.
func personKey(name []string) string {
	if len(name) == 0 {
		return ""
	}
	return name[len(name)-1]
}

// addPerson registers a person's name (without title); it returns the
// entity. Names with the same surname are one person unless their first
// names differ, in which case the later one is keyed by its full name.
func (e *entities) addPerson(name []string, surface string, sent int, sp Span) *entity {
	full := strings.Join(name, " ")
	if x, ok := e.byLower[strings.ToLower(full)]; ok {
		return x
	}
	key := personKey(name)
	for _, x := range e.surname[key] {
		if x.typ != TypePerson {
			continue
		}
		xf := strings.Fields(x.display)
		if len(name) == 1 || len(xf) == 1 || strings.EqualFold(xf[0], name[0]) {
			if len(full) > len(x.display) {
				x.aliases[x.display] = true
				x.display = full
			} else if full != x.display {
				x.aliases[full] = true
			}
			e.byLower[strings.ToLower(full)] = x
			return x
		}
		key = full // a different person with the same surname
	}
	// a single word that is the first name of a known person
	if len(name) == 1 {
		if x, ok := e.first[strings.ToLower(name[0])]; ok {
			x.aliases[full] = true
			e.byLower[strings.ToLower(full)] = x
			return x
		}
	}
	x := e.add(key, full, TypePerson, true, sent, sp, surface)
	e.surname[personKey(name)] = append(e.surname[personKey(name)], x)
	if len(name) > 1 {
		if _, dup := e.first[strings.ToLower(name[0])]; !dup {
			e.first[strings.ToLower(name[0])] = x
		}
	}
	return x
}

// add registers a new entity, or returns the one with that canonical key.
func (e *entities) add(key, display, typ string, proper bool, sent int, sp Span, surface string) *entity {
	k := iriName(key)
	if x, ok := e.byKey[k]; ok {
		if display != x.display && !strings.EqualFold(display, x.display) {
			x.aliases[display] = true
		}
		e.byLower[strings.ToLower(display)] = x
		return x
	}
	x := &entity{key: k, display: display, typ: typ, proper: proper, aliases: map[string]bool{}, sent: sent, span: sp, surface: surface}
	if display != key {
		x.aliases[key] = true
	}
	e.byKey[k] = x
	e.byLower[strings.ToLower(display)] = x
	e.byLower[strings.ToLower(key)] = x
	e.order = append(e.order, x)
	return x
}

// lookup finds an entity by a name as written (any case).
func (e *entities) lookup(name string) *entity {
	if x, ok := e.byLower[strings.ToLower(name)]; ok {
		return x
	}
	return nil
}

// nerType maps an analysis entity label to an entity type.
func nerType(label string) string {
	switch label {
	case "PER":
		return TypePerson
	case "ORG":
		return TypeOrg
	case "LOC":
		return TypeLoc
	case "DATE":
		return TypeDate
	case "NUMBER":
		return TypeNumber
	}
	return TypeThing
}

// commonType guesses the type of a common noun phrase from its head.
func commonType(head string) string {
	switch {
	case personNouns[head]:
		return TypePerson
	case eventNouns[head]:
		return TypeEvent
	case orgNouns[head]:
		return TypeOrg
	case placeNouns[head]:
		return TypeLoc
	}
	return TypeThing
}

// pronoun features: person (he, she), plural (they), thing (it).
type pron struct {
	person, plural, thing bool
	poss                  bool
}

var pronouns = map[string]pron{
	"he": {person: true}, "him": {person: true}, "his": {person: true, poss: true}, "himself": {person: true},
	"she": {person: true}, "her": {person: true, poss: true}, "hers": {person: true}, "herself": {person: true},
	"they": {plural: true}, "them": {plural: true}, "their": {plural: true, poss: true}, "themselves": {plural: true},
	"it": {thing: true}, "its": {thing: true, poss: true}, "itself": {thing: true},
}

// compatible reports whether a pronoun can refer to entity x.
func (p pron) compatible(x *entity) bool {
	switch {
	case p.person:
		return x.typ == TypePerson && !x.plural
	case p.plural:
		return x.plural || x.typ == TypeOrg
	case p.thing:
		return x.typ != TypePerson && !x.plural && x.typ != TypeDate && x.typ != TypeNumber
	}
	return false
}
