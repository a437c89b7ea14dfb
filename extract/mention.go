package extract

import (
	"regexp"
	"strings"

	"github.com/cayleygraph/quad"
)

// mention is what a noun phrase in a sentence refers to.
type mention struct {
	ent        *entity    // nil for a literal or an unresolved pronoun
	lit        quad.Value // the literal, when ent is nil
	resolution string     // "he→Bazoum"
	pronoun    bool
}

// docState is the entity table and pronoun history of one document, built
// sentence by sentence.
type histEntry struct {
	ent     *entity
	sent    int
	subject bool
}

type docState struct {
	ents    *entities
	history []histEntry // mentioned entities, most recent last
	titles  map[string]bool
}

func isCap(s string) bool {
	if s == "" {
		return false
	}
	c := s[0]
	return 'A' <= c && c <= 'Z' || c >= 0x80
}

func properRun(toks []Token, lo, hi int) []string {
	out := make([]string, 0, hi-lo+1)
	for k := lo; k <= hi; k++ {
		out = append(out, toks[k].Text)
	}
	return out
}

// register adds the names of one sentence to the table: named entities,
// and runs of proper nouns the entity tagger missed.
func (d *docState) register(t *tree, si int) {
	covered := make([]bool, len(t.toks))
	s := Sentence{Tokens: t.toks}
	for _, en := range s.Entities() {
		for k := en.First; k <= en.Last; k++ {
			covered[k] = true
		}
		switch en.Type {
		case "PER", "ORG", "LOC":
			d.registerName(t, si, en.First, en.Last, nerType(en.Type))
		}
	}
	for i := 0; i < len(t.toks); {
		if covered[i] || t.toks[i].UPOS != "PROPN" {
			i++
			continue
		}
		j := i
		for j+1 < len(t.toks) && !covered[j+1] && t.toks[j+1].UPOS == "PROPN" {
			j++
		}
		// a capitalised adjective before the run belongs to the name
		// ("Presidential Guard", "African Union")
		lo := i
		if lo > 0 && !covered[lo-1] && t.toks[lo-1].UPOS == "ADJ" && isCap(t.toks[lo-1].Text) && (lo-1 == 0 || t.toks[lo-2].UPOS == "DET") {
			lo--
		}
		d.registerName(t, si, lo, j, "")
		i = j + 1
	}
}

// registerName adds the name tokens lo..hi with an entity type ("" to
// guess), and returns its entity.
func (d *docState) registerName(t *tree, si, lo, hi int, typ string) *entity {
	// a capitalised adjective or noun the tagger left out ("National" in
	// "the National Guard")
	for lo > 0 && lo-1 > 0 && isCap(t.toks[lo-1].Text) && (t.toks[lo-1].UPOS == "ADJ" || t.toks[lo-1].UPOS == "PROPN") && t.toks[lo-1].NER == "O" {
		lo--
	}
	if lo == 1 && isCap(t.toks[0].Text) && (t.toks[0].UPOS == "ADJ" || t.toks[0].UPOS == "PROPN") && t.toks[0].NER == "O" && typ != TypePerson {
		lo = 0
	}
	ws := properRun(t.toks, lo, hi)
	for len(ws) > 1 && strings.EqualFold(ws[0], "the") {
		ws = ws[1:]
		lo++
	}
	// possessive 's ends the name
	for len(ws) > 1 && (ws[len(ws)-1] == "'s" || ws[len(ws)-1] == "’s" || ws[len(ws)-1] == "'") {
		ws = ws[:len(ws)-1]
		hi--
	}
	title, name := splitTitle(ws)
	if len(name) == 0 {
		return nil
	}
	sp := Span{t.toks[lo].Start - t.base, t.toks[hi].End - t.base}
	surface := strings.Join(ws, " ")
	if typ == "" {
		if x := d.ents.lookup(strings.Join(name, " ")); x != nil {
			return x
		}
		if len(name) == 1 {
			if xs := d.ents.surname[name[0]]; len(xs) > 0 {
				return xs[0]
			}
		}
		last := strings.ToLower(name[len(name)-1])
		switch {
		case len(title) > 0 && !titleWords[last]:
			typ = TypePerson
		case orgNouns[last] || last == "guard" || last == "guards":
			typ = TypeOrg
		default:
			typ = TypeThing
		}
	}
	if typ == TypePerson && len(name) == 1 && demonymPlural(name[0]) {
		// "Nigeriens": a people, not a person
		x := d.ents.add(name[0], name[0], TypePerson, true, si, sp, surface)
		x.plural = true
		return x
	}
	if typ == TypePerson {
		return d.ents.addPerson(name, surface, si, sp)
	}
	full := strings.Join(name, " ")
	if x := d.ents.lookup(full); x != nil {
		return x
	}
	if short := stateName(name); short != "" && typ != TypePerson {
		// "the Republic of Niger" is Niger
		return d.ents.add(short, full, TypeLoc, true, si, sp, surface)
	}
	if len(name) == 1 {
		if xs := d.ents.surname[name[0]]; len(xs) > 0 {
			return xs[0]
		}
	}
	x := d.ents.add(full, full, typ, true, si, sp, surface)
	if t.toks[hi].XPOS == "NNPS" || t.toks[hi].XPOS == "NNS" {
		x.plural = true
	}
	return x
}

// stateName returns X for a state's formal name "Republic of X",
// "Kingdom of X" ..., and "" otherwise. Names with more words before "of"
// ("Democratic Republic of the Congo") are states of their own.
func stateName(name []string) string {
	if len(name) < 3 || !strings.EqualFold(name[1], "of") {
		return ""
	}
	switch strings.ToLower(name[0]) {
	case "republic", "kingdom", "principality", "sultanate", "emirate":
	default:
		return ""
	}
	rest := name[2:]
	if strings.EqualFold(rest[0], "the") {
		rest = rest[1:]
	}
	if len(rest) == 0 || !isCap(rest[0]) {
		return ""
	}
	return strings.Join(rest, " ")
}

var yearRE = regexp.MustCompile(`^(1[0-9]|20)\d\d$`)
var isoDateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// dateLiteral makes a literal of a date phrase: xsd:gYear for a year,
// xsd:date for an ISO date, a plain string otherwise.
func dateLiteral(text string) quad.Value {
	switch {
	case yearRE.MatchString(text):
		return quad.TypedString{Value: quad.String(text), Type: "http://www.w3.org/2001/XMLSchema#gYear"}
	case isoDateRE.MatchString(text):
		return quad.TypedString{Value: quad.String(text), Type: "http://www.w3.org/2001/XMLSchema#date"}
	}
	return quad.String(text)
}

// mentions resolves the noun phrases of one sentence, in reading order,
// and returns the mention of each phrase head.
func (d *docState) mentions(t *tree, si int) map[int]*mention {
	out := map[int]*mention{}
	s := Sentence{Tokens: t.toks}
	nerOf := make([]int, len(t.toks)) // index+1 of the entity span covering a token
	ents := s.Entities()
	for i, en := range ents {
		for k := en.First; k <= en.Last; k++ {
			nerOf[k] = i + 1
		}
	}
	for n := range t.toks {
		if !t.isNominal(n) && t.toks[n].UPOS != "ADJ" {
			continue
		}
		switch t.urel(n) {
		case "compound", "flat", "fixed", "det", "case", "goeswith":
			if t.toks[n].UPOS != "PRON" {
				continue
			}
		}
		m := d.resolve(t, si, n, nerOf, ents)
		if m == nil {
			continue
		}
		out[n] = m
		if m.ent != nil {
			d.history = append(d.history, histEntry{ent: m.ent, sent: si, subject: t.urel(n) == "nsubj"})
		}
	}
	return out
}

func (d *docState) resolve(t *tree, si, n int, nerOf []int, ents []Entity) *mention {
	tok := t.toks[n]
	low := strings.ToLower(tok.Text)
	if unresolvable[low] && (tok.UPOS == "PRON" || tok.UPOS == "DET") {
		return &mention{pronoun: true, lit: quad.String(tok.Text)}
	}
	if (low == "it" || low == "this") && t.expletive(n) {
		return &mention{pronoun: true, lit: quad.String(tok.Text)}
	}
	if p, ok := pronouns[low]; ok && tok.UPOS == "PRON" {
		// the most recent compatible subject of this or the previous
		// sentence, else the most recent compatible entity
		var any *entity
		for i := len(d.history) - 1; i >= 0 && i >= len(d.history)-40; i-- {
			h := d.history[i]
			if !p.compatible(h.ent) {
				continue
			}
			if h.subject && h.sent >= si-1 {
				any = h.ent
				break
			}
			if any == nil {
				any = h.ent
			}
			if h.sent < si-1 {
				break
			}
		}
		if any != nil {
			return &mention{ent: any, resolution: tok.Text + "→" + any.key, pronoun: true}
		}
		return &mention{pronoun: true, lit: quad.String(tok.Text)}
	}
	if nerOf[n] > 0 {
		en := ents[nerOf[n]-1]
		if en.Type == "ORG" {
			// "UN Secretary-General António Guterres" headed by "UN":
			// the person, whose title names the organisation
			if x := d.orgTitledPerson(t, si, en, ents); x != nil {
				return &mention{ent: x}
			}
		}
		switch en.Type {
		case "PER", "ORG", "LOC":
			if x := d.registerName(t, si, en.First, en.Last, nerType(en.Type)); x != nil {
				return &mention{ent: x}
			}
		case "DATE":
			return &mention{lit: dateLiteral(t.text("", en.First, en.Last))}
		case "NUMBER":
			if tok.UPOS == "NUM" {
				return &mention{lit: quad.String(tok.Text)}
			}
		}
	}
	if titleWords[low] {
		// "Minister of Foreign Affairs Hassoumi Massoudou": the person
		if x := d.titledPerson(t, si, n, ents); x != nil {
			return &mention{ent: x}
		}
	}
	if tok.UPOS == "NUM" && n > 0 && t.head(n-1) == n && t.toks[n-1].UPOS == "PROPN" {
		// "France 24"
		lo := n
		for lo > 0 && t.head(lo-1) == n && t.toks[lo-1].UPOS == "PROPN" {
			lo--
		}
		if x := d.registerName(t, si, lo, n, TypeOrg); x != nil {
			return &mention{ent: x}
		}
	}
	if tok.UPOS == "PROPN" {
		lo := n
		for lo > 0 && t.head(lo-1) == n && (t.toks[lo-1].UPOS == "PROPN" || t.toks[lo-1].UPOS == "ADJ" && isCap(t.toks[lo-1].Text)) {
			lo--
		}
		hi := n
		for hi+1 < len(t.toks) && t.head(hi+1) == n && t.toks[hi+1].UPOS == "PROPN" && (t.urel(hi+1) == "flat" || t.urel(hi+1) == "compound") {
			hi++
		}
		if x := d.registerName(t, si, lo, hi, ""); x != nil {
			return &mention{ent: x}
		}
	}
	if tok.UPOS == "NUM" {
		return &mention{lit: quad.String(tok.Text)}
	}
	if tok.UPOS == "PRON" || tok.UPOS == "ADJ" {
		return nil
	}
	if isCap(tok.Text) {
		// a name the tagger took for a common noun ("Guterres" as a
		// plural): the entity it names elsewhere in the document
		if x := d.ents.lookup(tok.Text); x != nil && x.proper {
			return &mention{ent: x}
		}
		if xs := d.ents.surname[tok.Text]; len(xs) > 0 {
			return &mention{ent: xs[0]}
		}
	}
	// a common noun phrase
	name, plural := d.commonName(t, n, 0)
	if name == "" {
		return nil
	}
	if x := d.ents.lookup(name); x != nil && x.proper {
		written := t.toks[n].Text
		return &mention{ent: x, resolution: written + "→" + x.key}
	}
	head := strings.ToLower(t.toks[n].Lemma)
	x := d.ents.add(name, name, commonType(head), false, si, Span{tok.Start - t.base, tok.End - t.base}, tok.Text)
	if plural {
		x.plural = true
	}
	return &mention{ent: x}
}

// commonName is the canonical name of a common noun phrase: its adjective,
// compound and number modifiers, its head in the singular, and a short
// "of" complement ("member of Presidential Guard").
func (d *docState) commonName(t *tree, n, depth int) (string, bool) {
	var ws []string
	for _, k := range t.kids[n] {
		if k > n {
			break
		}
		switch t.rel(k) {
		case "amod", "compound", "nummod", "flat":
			if t.toks[k].UPOS == "PUNCT" || evaluative[strings.ToLower(t.toks[k].Text)] {
				continue
			}
			w := t.toks[k].Text
			if t.toks[k].UPOS != "PROPN" {
				w = strings.ToLower(w)
			}
			ws = append(ws, w)
		}
	}
	head := t.toks[n]
	h := strings.ToLower(head.Text)
	plural := head.XPOS == "NNS" || head.XPOS == "NNPS"
	if plural && head.Lemma != "" {
		h = strings.ToLower(head.Lemma)
	}
	if head.UPOS == "PROPN" {
		h = head.Text
	}
	ws = append(ws, h)
	if depth == 0 {
		for _, k := range t.kids[n] {
			if k < n || t.urel(k) != "nmod" {
				continue
			}
			if prep, _ := t.caseOf(k); prep == "of" {
				if commonType(strings.ToLower(head.Lemma)) == TypeLoc && t.isProper(k) && len(ws) > 1 {
					// "the Tahoua region of the Republic of Niger": a
					// named region; the state is a link (link.go)
					break
				}
				var inner string
				if x := d.ents.lookup(t.text("", k, k)); x != nil && x.proper {
					inner = x.display
				} else if t.toks[k].UPOS == "PROPN" {
					lo := k
					for lo > 0 && t.head(lo-1) == k && (t.toks[lo-1].UPOS == "PROPN" || isCap(t.toks[lo-1].Text) && t.toks[lo-1].UPOS == "ADJ") {
						lo--
					}
					inner = t.text("", lo, k)
					if x := d.ents.lookup(inner); x != nil {
						inner = x.display
					}
				} else {
					inner, _ = d.commonName(t, k, depth+1)
				}
				if inner != "" && len(strings.Fields(inner)) <= 4 {
					ws = append(ws, "of", inner)
				}
				break
			}
		}
	}
	return strings.Join(ws, " "), plural
}

// titleOf finds a title written before a person's name: "Minister of
// Foreign Affairs Hassoumi Massoudou", "President Bazoum". lo..hi is the
// name as the entity tagger found it.
func titleOf(t *tree, lo, hi int) (title []int) {
	// title words inside the entity span
	k := lo
	for k <= hi && (titleWords[strings.ToLower(t.toks[k].Text)] || honorifics[strings.ToLower(t.toks[k].Text)]) {
		k++
	}
	start := lo
	end := k - 1 // title tokens inside the span: lo..k-1
	// capitalised words and "of"/"and" before the span
	j := lo - 1
	for j >= 0 && lo-j <= 6 {
		w := t.toks[j].Text
		if strings.HasSuffix(t.toks[j].NER, "DATE") || strings.HasSuffix(t.toks[j].NER, "PER") {
			break
		}
		if isCap(w) && t.toks[j].UPOS != "PUNCT" && t.toks[j].XPOS != "DT" {
			j--
			continue
		}
		// lower-case role words: "armed forces chief General ..."
		if (t.toks[j].UPOS == "NOUN" || t.toks[j].UPOS == "ADJ") && t.toks[j].XPOS != "POS" {
			j--
			continue
		}
		// "Secretary-General" split at its hyphen
		if t.toks[j].XPOS == "HYPH" && j > 0 && j+1 < lo && isCap(t.toks[j-1].Text) && isCap(t.toks[j+1].Text) {
			j--
			continue
		}
		if (w == "of" || w == "and" || w == "for") && j > 0 && isCap(t.toks[j+1].Text) {
			j--
			continue
		}
		break
	}
	first := -1
	for i := j + 1; i < lo; i++ {
		if l := strings.ToLower(t.toks[i].Text); titleWords[l] || personNouns[l] {
			first = j + 1
			// a leading lower-case word that is no role ("new") stays out
			for first < i && !isCap(t.toks[first].Text) && t.toks[first].UPOS == "ADJ" && !titleWords[strings.ToLower(t.toks[first].Text)] && first+1 < lo && t.toks[first+1].UPOS == "ADJ" {
				first++
			}
			break
		}
	}
	if first >= 0 {
		start = first
		if end < lo {
			end = lo - 1
		}
	} else if end < lo {
		return nil
	}
	var out []int
	for i := start; i <= end; i++ {
		out = append(out, i)
	}
	for len(out) > 0 {
		w := strings.ToLower(t.toks[out[len(out)-1]].Text)
		if w == "of" || w == "and" || w == "for" {
			out = out[:len(out)-1]
			continue
		}
		break
	}
	for len(out) > 0 && honorifics[strings.ToLower(t.toks[out[0]].Text)] {
		out = out[1:]
	}
	if len(out) == 1 && strings.ToLower(t.toks[out[0]].Text) == "former" {
		return nil
	}
	return out
}

// unresolvable pronouns: relative and interrogative pronouns, and the
// first and second person, which name the speaker or reader.
var unresolvable = words("who whom which that what whoever whatever i me we us you our my your one")

// expletive reports an "it" that refers to nothing: the subject of "it is
// unclear whether ...", "it was reported that ...".
func (t *tree) expletive(n int) bool {
	if t.rel(n) == "expl" {
		return true
	}
	h := t.head(n)
	if h < 0 || t.urel(n) != "nsubj" && t.rel(n) != "nsubj:pass" {
		return false
	}
	if t.child(h, "ccomp", "csubj") >= 0 && (t.child(h, "cop") >= 0 || t.isPassive(h)) {
		return true
	}
	if t.child(h, "cop") >= 0 && t.toks[h].UPOS == "ADJ" {
		return true
	}
	return false
}

// titledPerson finds the person named right after a title word n (within
// capitalised words and "of"/"and"), as in "Minister of Foreign Affairs
// Hassoumi Massoudou".
func (d *docState) titledPerson(t *tree, si, n int, ents []Entity) *entity {
	for _, en := range ents {
		if en.Type != "PER" || en.First <= n || en.First-n > 6 {
			continue
		}
		ok := true
		for k := n + 1; k < en.First; k++ {
			w := t.toks[k].Text
			if !(isCap(w) || w == "of" || w == "and" || w == "for") || t.toks[k].UPOS == "PUNCT" {
				ok = false
				break
			}
		}
		if ok {
			return d.registerName(t, si, en.First, en.Last, TypePerson)
		}
	}
	return nil
}

// orgTitledPerson finds the person named after an organisation and a
// title ("UN Secretary-General António Guterres", "ECOWAS Commission
// President Omar Touray"), for a noun phrase the parser headed by the
// organisation: the words after it are capitalised or hyphens, the last
// of them a title word, and a person's name follows at once.
func (d *docState) orgTitledPerson(t *tree, si int, org Entity, ents []Entity) *entity {
	for _, en := range ents {
		if en.Type != "PER" || en.First <= org.Last+1 || en.First-org.Last > 6 {
			continue
		}
		titled := false
		for k := org.Last + 1; k < en.First; k++ {
			w := t.toks[k].Text
			if w != "-" && !isCap(w) {
				titled = false
				break
			}
			titled = titled || titleWords[strings.ToLower(w)]
		}
		if titled {
			return d.registerName(t, si, en.First, en.Last, TypePerson)
		}
	}
	return nil
}

// demonymPlural reports a plural demonym ("Nigeriens", "Malians",
// "Chinese" is not recognised, being also singular).
func demonymPlural(w string) bool {
	l := strings.ToLower(w)
	for _, suf := range []string{"ians", "ans", "iens", "ens", "ites", "ers"} {
		if strings.HasSuffix(l, suf) && len(l) > len(suf)+2 {
			return true
		}
	}
	return false
}

// evaluative adjectives judge or hedge rather than classify: "another
// heinous attack" and "the attack" are one entity.
var evaluative = words("another heinous deadly brutal horrific terrible latest recent continuing ongoing " +
	"reported alleged suspected so-called unidentified further such same certain serious major new " +
	"apparent possible likely fresh renewed current")
