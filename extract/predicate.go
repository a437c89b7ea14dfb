package extract

import "strings"

// Predicate names (see doc.go): the verb lemma, with its particle and
// preposition joined by "_" (shut_down, search_for); a passive is the past
// participle plus "_by" when it has an agent (detained_by) or plus its
// preposition otherwise (jailed_in). The copula is "is" and a title
// "has_title".
const (
	PredIs    = "is"
	PredTitle = "has_title"
	PredType  = "type"
	PredName  = "name"
	PredAlias = "alias"
	PredSay   = "say"
)

// irregular past participles of verbs news uses.
var irregularPP = map[string]string{
	"be": "been", "bear": "borne", "beat": "beaten", "become": "become", "begin": "begun",
	"bind": "bound", "bite": "bitten", "blow": "blown", "break": "broken", "bring": "brought",
	"build": "built", "buy": "bought", "catch": "caught", "choose": "chosen", "come": "come",
	"cut": "cut", "deal": "dealt", "do": "done", "draw": "drawn", "drive": "driven", "eat": "eaten",
	"fall": "fallen", "feed": "fed", "feel": "felt", "fight": "fought", "find": "found",
	"flee": "fled", "forbid": "forbidden", "forget": "forgotten", "forgive": "forgiven",
	"freeze": "frozen", "get": "got", "give": "given", "go": "gone", "grow": "grown",
	"hang": "hung", "have": "had", "hear": "heard", "hide": "hidden", "hit": "hit", "hold": "held",
	"hurt": "hurt", "keep": "kept", "know": "known", "lay": "laid", "lead": "led", "leave": "left",
	"lend": "lent", "let": "let", "light": "lit", "lose": "lost", "make": "made", "mean": "meant",
	"meet": "met", "mistake": "mistaken", "overcome": "overcome", "overthrow": "overthrown",
	"pay": "paid", "put": "put", "quit": "quit", "read": "read", "ride": "ridden", "rise": "risen",
	"run": "run", "say": "said", "see": "seen", "seek": "sought", "sell": "sold", "send": "sent",
	"set": "set", "shake": "shaken", "shoot": "shot", "show": "shown", "shut": "shut",
	"sing": "sung", "sit": "sat", "slay": "slain", "speak": "spoken", "spend": "spent",
	"split": "split", "spread": "spread", "stand": "stood", "steal": "stolen", "strike": "struck",
	"swear": "sworn", "take": "taken", "teach": "taught", "tear": "torn", "tell": "told",
	"think": "thought", "throw": "thrown", "undertake": "undertaken", "understand": "understood",
	"upset": "upset", "wake": "woken", "wear": "worn", "win": "won", "withdraw": "withdrawn",
	"write": "written", "sweep": "swept", "sell_off": "sold_off", "shed": "shed", "bid": "bid",
}

var irregularBase = func() map[string]string {
	m := make(map[string]string, len(irregularPP))
	for k, v := range irregularPP {
		if _, dup := m[v]; !dup || len(k) < len(m[v]) {
			m[v] = k
		}
	}
	return m
}()

// doubling lists verbs of more than one syllable that double their final
// consonant (admit → admitted).
var doubling = map[string]bool{
	"admit": true, "commit": true, "compel": true, "control": true, "equip": true, "occur": true,
	"omit": true, "permit": true, "prefer": true, "refer": true, "regret": true, "submit": true,
	"transfer": true, "patrol": true, "expel": true, "propel": true, "repel": true, "rebel": true,
	"acquit": true, "outstrip": true, "kidnap": true, "abet": true, "deter": true, "incur": true,
}

func isVowel(b byte) bool { return strings.IndexByte("aeiou", b) >= 0 }

// pastParticiple returns the past participle of a one-word verb lemma.
func pastParticiple(v string) string {
	if pp, ok := irregularPP[v]; ok {
		return pp
	}
	n := len(v)
	switch {
	case n == 0:
		return v
	case strings.HasSuffix(v, "ee") || strings.HasSuffix(v, "ye") || strings.HasSuffix(v, "oe"):
		return v + "d"
	case v[n-1] == 'e':
		return v + "d"
	case n >= 2 && v[n-1] == 'y' && !isVowel(v[n-2]):
		return v[:n-1] + "ied"
	case n >= 2 && v[n-1] == 'c' && isVowel(v[n-2]):
		return v + "ked" // panic → panicked
	case doubling[v] || shortCVC(v):
		return v + v[n-1:] + "ed"
	}
	return v + "ed"
}

// shortCVC reports a one-syllable verb ending consonant-vowel-consonant,
// which doubles its last letter (stop → stopped, ban → banned).
func shortCVC(v string) bool {
	n := len(v)
	if n < 3 || n > 4 {
		return false
	}
	c3, vw, c1 := v[n-3], v[n-2], v[n-1]
	if isVowel(c3) || !isVowel(vw) || isVowel(c1) || strings.IndexByte("wxy", c1) >= 0 {
		return false
	}
	return n == 3 || !isVowel(v[0])
}

// PassiveOf returns the agentive passive predicate of an active predicate:
// the past participle plus "_by" (detain → detained_by, shut_down →
// shut_down_by, take → taken_by).
func PassiveOf(lemma string) string {
	v, rest, _ := strings.Cut(lemma, "_")
	p := pastParticiple(v)
	if rest != "" {
		p += "_" + rest
	}
	return p + "_by"
}

// ActiveOf returns the active lemma of a passive predicate: detained_by →
// detain, jailed_in → jail, shut_down_by → shut_down. ok is false when
// pred is not a passive predicate. The base form of a regular participle
// is guessed by spelling (with WordNet's verb list when it is loaded), so
// ActiveOf(PassiveOf(v)) == v for the verbs of the lexicon and irregular
// verbs.
func ActiveOf(pred string) (lemma string, ok bool) {
	parts := strings.Split(pred, "_")
	if len(parts) < 2 {
		return "", false
	}
	last := parts[len(parts)-1]
	first := parts[0]
	if !prepositions[last] {
		return "", false
	}
	base, isPP := participleBase(first)
	if !isPP || (last != "by" && base == first) {
		return "", false
	}
	mid := parts[1 : len(parts)-1]
	if last != "by" {
		// jailed_in: the preposition is part of the passive.
		return strings.Join(append([]string{base}, mid...), "_"), true
	}
	return strings.Join(append([]string{base}, mid...), "_"), true
}

// IsPassive reports whether pred is a passive predicate.
func IsPassive(pred string) bool { _, ok := ActiveOf(pred); return ok }

// Inverse returns the predicate that states the same fact with subject and
// object swapped: detain ↔ detained_by. ok is false for predicates without
// an inverse (copula, prepositional passives).
func Inverse(pred string) (string, bool) {
	switch pred {
	case PredIs, PredTitle, PredType, PredName, PredAlias:
		return "", false
	}
	if strings.HasSuffix(pred, "_by") {
		if a, ok := ActiveOf(pred); ok {
			return a, true
		}
		return "", false
	}
	if IsPassive(pred) {
		return "", false
	}
	return PassiveOf(pred), true
}

// participleBase guesses the base form of a past participle.
func participleBase(pp string) (string, bool) {
	if b, ok := irregularBase[pp]; ok {
		return b, true
	}
	n := len(pp)
	if n < 4 || !strings.HasSuffix(pp, "ed") {
		return pp, false
	}
	stem := pp[:n-2]
	if knownVerb(stem) && pastParticiple(stem) == pp {
		return stem, true
	}
	if knownVerb(pp[:n-1]) && pastParticiple(pp[:n-1]) == pp {
		return pp[:n-1], true
	}
	switch {
	case strings.HasSuffix(pp, "ied") && n > 4:
		return pp[:n-3] + "y", true
	case strings.HasSuffix(stem, "ck") && len(stem) > 3 && stem[len(stem)-3] != 'c' && pastParticiple(stem[:len(stem)-1]) == pp:
		return stem[:len(stem)-1], true // panicked
	case len(stem) >= 2 && stem[len(stem)-1] == stem[len(stem)-2] && pastParticiple(stem[:len(stem)-1]) == pp:
		return stem[:len(stem)-1], true // stopped, admitted
	}
	// confined → confine or confin? Prefer the form whose participle is pp
	// and that is a known verb.
	withE := pp[:n-1]
	if knownVerb(withE) && pastParticiple(withE) == pp {
		return withE, true
	}
	if knownVerb(stem) {
		return stem, true
	}
	if needsE(stem) {
		return withE, true
	}
	return stem, true
}

// needsE guesses that a regular stem ended in a silent e (confin → confine,
// us → use, produc → produce).
func needsE(stem string) bool {
	n := len(stem)
	if n < 2 {
		return false
	}
	last, prev := stem[n-1], stem[n-2]
	switch {
	case strings.HasSuffix(stem, "v") || strings.HasSuffix(stem, "z") || strings.HasSuffix(stem, "c") || strings.HasSuffix(stem, "g") && prev == 'n' && false:
		return true
	case strings.HasSuffix(stem, "at") || strings.HasSuffix(stem, "ut") && n > 3 || strings.HasSuffix(stem, "iz") || strings.HasSuffix(stem, "ur") && n > 4:
		return true
	case !isVowel(last) && isVowel(prev) && n >= 3 && !isVowel(stem[n-3]) && last != 'w' && last != 'x' && last != 'y' && last != 'r' && last != 'l' && last != 'n' && last != 't':
		return true // us(e), pil(e) ...
	case last == 'n' && isVowel(prev) && n >= 3 && !isVowel(stem[n-3]) && prev == 'i':
		return true // confin(e), defin(e)
	}
	return false
}

// prepositions that end passive and prepositional predicates.
var prepositions = map[string]bool{
	"by": true, "in": true, "on": true, "at": true, "for": true, "from": true, "to": true,
	"into": true, "with": true, "as": true, "of": true, "over": true, "under": true, "about": true,
	"against": true, "after": true, "during": true, "since": true, "until": true, "through": true,
	"across": true, "near": true, "among": true, "between": true, "without": true, "within": true,
	"before": true, "behind": true, "outside": true, "inside": true, "around": true, "upon": true,
	"off": true, "out": true, "up": true, "down": true, "toward": true, "towards": true,
}
