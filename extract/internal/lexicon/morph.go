package lexicon

import "strings"

// detachment rules of WordNet's morphy, per POS
var rules = map[byte][][2]string{
	'n': {{"s", ""}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"}},
	'v': {{"s", ""}, {"ies", "y"}, {"es", "e"}, {"es", ""}, {"ed", "e"}, {"ed", ""}, {"ing", "e"}, {"ing", ""}},
	'a': {{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}},
}

var posBit = map[byte]uint8{'n': Noun, 'v': Verb, 'a': Adj, 'r': Adv}

// Bases returns the WordNet base forms of a lower-case word for POS pos
// ('n', 'v', 'a', 'r'), like WordNet's morphy: the exception list first,
// then the word itself if it is a lemma, then the detachment rules.
func (l *Lexicon) Bases(lower string, pos byte) []string {
	if b := l.Exceptions[pos][lower]; len(b) > 0 {
		return b
	}
	bit := posBit[pos]
	if l.isLemma(lower, bit) {
		return []string{lower}
	}
	var out []string
	for _, r := range rules[pos] {
		if strings.HasSuffix(lower, r[0]) && len(lower) > len(r[0]) {
			base := lower[:len(lower)-len(r[0])] + r[1]
			if l.isLemma(base, bit) {
				out = append(out, base)
			}
		}
	}
	return out
}

// isLemma reports whether lower is a lower-case lemma of the POS bit.
func (l *Lexicon) isLemma(lower string, bit uint8) bool {
	b := l.Words[lower]
	return b&bit != 0 && b&Common != 0
}

// Inflected returns the class bits of the POS for which lower is an
// inflected form (not a lemma) of a known word.
func (l *Lexicon) Inflected(lower string) uint8 {
	var bits uint8
	for _, pos := range []byte{'n', 'v', 'a'} {
		bit := posBit[pos]
		if l.Words[lower]&bit != 0 {
			continue
		}
		if len(l.Bases(lower, pos)) > 0 {
			bits |= bit
		}
	}
	return bits
}

// Feature returns a short string describing lower for the taggers: its
// classes as a lemma (upper-case letters), the classes it is an inflection
// of (lower-case letters), and P/C for proper and common use: "NV", "nv",
// "NVC", or "" for an unknown word.
func (l *Lexicon) Feature(lower string) string {
	b := l.Words[lower]
	inf := l.Inflected(lower)
	if b == 0 && inf == 0 {
		return ""
	}
	var buf [10]byte
	n := 0
	for i, c := range "NVARPC" {
		if b&(1<<i) != 0 {
			buf[n] = byte(c)
			n++
		}
	}
	for i, c := range "nva" {
		if inf&(1<<i) != 0 {
			buf[n] = byte(c)
			n++
		}
	}
	return string(buf[:n])
}
