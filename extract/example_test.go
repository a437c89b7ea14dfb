package extract_test

import (
	"fmt"

	"github.com/kgraph/kg/extract"
)

func ExampleAnalyzer_Analyze() {
	a, err := extract.NewAnalyzer()
	if err != nil {
		panic(err)
	}
	text := "The African Union, regional bloc ECOWAS and the European Union have all condemned the attempted coup."
	sents, err := a.Analyze(text)
	if err != nil {
		panic(err)
	}
	s := sents[0]
	for _, e := range s.Entities() {
		first, last := s.Tokens[e.First], s.Tokens[e.Last]
		fmt.Printf("%s %q at bytes %d-%d\n", e.Type, text[first.Start:last.End], first.Start, last.End)
	}
	t := s.Tokens[13]
	fmt.Println(t.Text, t.XPOS, t.UPOS, t.Lemma)
	// Output:
	// ORG "African Union" at bytes 4-17
	// ORG "ECOWAS" at bytes 33-39
	// ORG "European Union" at bytes 48-62
	// condemned VBN VERB condemn
}
