package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kgraph/kg/extract/internal/lexicon"
)

// Multiword names of the gazetteer ("European Union", "Gulf of Mexico",
// "Holy Land") are proper nouns: their capitalised words are tagged NNP
// (NNPS when the tagger saw a plural) before the entity tagger, the
// lemmatiser and the parser run. The tagger alone calls some of them NN
// or JJ ("the European Union/NN"), and the parse of the whole sentence
// can follow that error. On EWT dev the tagger had 131 of the 158
// capitalised words of such names right and the rule 152; EWT tags the
// other six JJ or NNPS.

// nameLinks are the lower-case words a multiword name may have inside it.
var nameLinks = map[string]bool{"of": true, "the": true, "and": true, "de": true, "for": true, "on": true, "in": true, "&": true}

// nameIndex holds the first words of the gazetteer's multiword names.
type nameIndex struct {
	lex    *lexicon.Lexicon
	starts map[string]bool
}

func newNameIndex(lex *lexicon.Lexicon) *nameIndex {
	if lex == nil {
		return nil
	}
	x := &nameIndex{lex: lex, starts: map[string]bool{}}
	for k := range lex.Gazetteer {
		if first, _, ok := strings.Cut(k, " "); ok {
			x.starts[first] = true
		}
	}
	return x
}

// tagNames retags the capitalised words of the multiword gazetteer names
// in a tagged sentence (the longest name at each start, left to right).
func (x *nameIndex) tagNames(forms, xpos, upos []string) {
	if x == nil {
		return
	}
	var key strings.Builder
	for i := 0; i < len(forms); i++ {
		if !capitalised(forms[i]) {
			continue
		}
		first := strings.ToLower(forms[i])
		if !x.starts[first] {
			continue
		}
		key.Reset()
		key.WriteString(first)
		best := 0
		for j := i + 1; j < len(forms) && j-i < x.lex.MaxName; j++ {
			w := strings.ToLower(forms[j])
			capped := capitalised(forms[j])
			if !capped && !nameLinks[w] {
				break
			}
			key.WriteByte(' ')
			key.WriteString(w)
			if _, ok := x.lex.Gazetteer[key.String()]; ok && capped {
				best = j - i + 1
			}
		}
		for j := i; j < i+best; j++ {
			if !capitalised(forms[j]) {
				continue
			}
			switch {
			case xpos[j] == "NNS" || xpos[j] == "NNPS":
				xpos[j], upos[j] = "NNPS", "PROPN"
			case upos[j] == "ADJ":
				xpos[j] = "NNP" // EWT: "European/NNP/ADJ Union"
			default:
				xpos[j], upos[j] = "NNP", "PROPN"
			}
		}
		if best > 0 {
			i += best - 1
		}
	}
}

// capitalised reports whether form starts with an upper-case letter.
func capitalised(form string) bool {
	r, _ := utf8.DecodeRuneInString(form)
	return unicode.IsUpper(r)
}
