package cli

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kgraph/kg/extract"
)

func newParseCmd(e *env) *cobra.Command {
	var pretok, conllu bool
	c := &cobra.Command{
		Use:   "parse [file ...]",
		Short: "Analyse English text and print it as CoNLL-U (tags, lemmas, dependencies, entities)",
		Long: `Analyse English text and print CoNLL-U: ID, FORM, LEMMA, UPOS, XPOS,
HEAD, DEPREL, and the entity tag in MISC as NE=B-PER, NE=I-ORG, NE=O ...
(PER, ORG, LOC, DATE, NUMBER). Input is raw text from the files or
standard input; with --pretokenized, one sentence a line with tokens
separated by spaces; with --conllu (or a .conllu file), the tokens of a
CoNLL-U file. HEAD and DEPREL are "_" when no parser model is embedded.`,
		Example: `  echo "he had been detained by the military" | kg parse
  kg parse --pretokenized tokens.txt
  kg parse en_ewt-ud-test.conllu > predicted.conllu`,
		RunE: func(c *cobra.Command, args []string) error {
			a, err := extract.NewAnalyzer()
			if err != nil {
				return err
			}
			if len(args) == 0 {
				return parseOne(a, e.stdin, "stdin", pretok, conllu, e.stdout)
			}
			for _, name := range args {
				f, err := os.Open(name)
				if err != nil {
					return err
				}
				err = parseOne(a, f, name, pretok, conllu || strings.HasSuffix(name, ".conllu"), e.stdout)
				f.Close()
				if err != nil {
					return err
				}
			}
			return nil
		},
	}
	c.Flags().BoolVar(&pretok, "pretokenized", false, "input is one sentence a line, tokens separated by spaces")
	c.Flags().BoolVar(&conllu, "conllu", false, "input is CoNLL-U; its tokens are used")
	return c
}

func parseOne(a *extract.Analyzer, r io.Reader, name string, pretok, conllu bool, w io.Writer) error {
	var (
		sents []extract.Sentence
		src   string
		err   error
	)
	switch {
	case conllu:
		sents, err = a.AnalyzeCoNLLU(r)
	case pretok:
		sents, err = a.AnalyzePretokenized(r)
	default:
		var b []byte
		b, err = io.ReadAll(r)
		if err == nil {
			src = string(b)
			sents, err = a.Analyze(src)
		}
	}
	if err != nil {
		return fmt.Errorf("parse %s: %w", name, err)
	}
	return extract.WriteCoNLLU(w, src, sents)
}
