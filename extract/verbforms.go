package extract

import (
	"sync"

	"github.com/kgraph/kg/extract/internal/lexicon"
	"github.com/kgraph/kg/extract/internal/models"
)

// wordClasses loads WordNet's word classes from the embedded lexicon, on
// first use, for guessing the base forms of participles. Nil when the
// lexicon cannot be read (the spelling rules then work alone).
var wordClasses = sync.OnceValue(func() map[string]uint8 {
	f, err := models.FS().Open("lexicon.zst")
	if err != nil {
		return nil
	}
	defer f.Close()
	l, err := lexicon.Load(f)
	if err != nil {
		return nil
	}
	return l.Words
})

// knownVerb reports whether WordNet lists v as a verb.
func knownVerb(v string) bool {
	if _, ok := DefaultLexicon().class[v]; ok {
		return true
	}
	return wordClasses()[v]&lexicon.Verb != 0
}
