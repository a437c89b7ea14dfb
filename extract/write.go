package extract

import (
	"fmt"
	"io"
	"strings"

	"github.com/kgraph/kg/extract/internal/conllu"
)

// WriteCoNLLU writes analysed sentences as CoNLL-U: ID, FORM, LEMMA, UPOS,
// XPOS, HEAD and DEPREL ("_" when the sentence was not parsed), and in
// MISC the entity tag as NE=B-PER (NE=O outside entities) and
// SpaceAfter=No where the next token follows without a space. src is the
// text the sentences were analysed from ("" for pretokenised input); it
// gives the "# text" comment.
func WriteCoNLLU(w io.Writer, src string, sents []Sentence) error {
	cw := conllu.NewWriter(w)
	for i, s := range sents {
		cs := &conllu.Sentence{}
		id := s.ID
		if id == "" {
			id = fmt.Sprint(i + 1)
		}
		cs.Comments = append(cs.Comments, "sent_id = "+id)
		if src != "" && s.End <= len(src) && s.Start < s.End {
			cs.Comments = append(cs.Comments, "text = "+strings.Join(strings.Fields(src[s.Start:s.End]), " "))
		} else {
			words := make([]string, len(s.Tokens))
			for j, t := range s.Tokens {
				words[j] = t.Text
			}
			cs.Comments = append(cs.Comments, "text = "+strings.Join(words, " "))
		}
		for j, t := range s.Tokens {
			misc := conllu.SetMISC("_", "NE", t.NER)
			if src != "" && j+1 < len(s.Tokens) && s.Tokens[j+1].Start == t.End {
				misc = conllu.SetMISC(misc, "SpaceAfter", "No")
			}
			head, rel := -1, "_"
			if s.Parsed {
				head, rel = t.Head, t.DepRel
			}
			cs.Words = append(cs.Words, conllu.Word{ID: j + 1, Form: t.Text, Lemma: t.Lemma,
				UPOS: t.UPOS, XPOS: t.XPOS, Feats: "_", Head: head, DepRel: rel, Deps: "_", Misc: misc})
		}
		if err := cw.Write(cs); err != nil {
			return fmt.Errorf("extract: %w", err)
		}
	}
	if err := cw.Flush(); err != nil {
		return fmt.Errorf("extract: %w", err)
	}
	return nil
}
