package cli

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/kgraph/kg/extract"
	"github.com/kgraph/kg/internal/seeds"
)

func init() { registerEval(newEvalSeedsCmd) }

func newEvalSeedsCmd(e *env) *cobra.Command {
	var verbose bool
	c := &cobra.Command{
		Use:   "seeds",
		Short: "Recall of the seed articles' facts (facts.tsv), listing what was missed",
		Long: `Extract facts from the seed articles (--data/seeds/*.txt) and report the
recall of facts.tsv with the lenient matching its header describes
(case-insensitive head words, plurals lemmatised, alternatives, a LEMMA_by
fact also found as the active fact reversed, the verb lexicon for rows of
kind synonym). Lists the rows it missed.`,
		Example: `  kg eval seeds
  kg eval seeds -v`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(c *cobra.Command, _ []string) error {
			dir := filepath.Join(c.Flag("data").Value.String(), "seeds")
			f, err := os.Open(filepath.Join(dir, "facts.tsv"))
			if err != nil {
				return err
			}
			rows, err := seeds.Read(f)
			f.Close()
			if err != nil {
				return err
			}
			x, err := extract.NewExtractor(extract.Options{})
			if err != nil {
				return err
			}
			cands := map[string][]seeds.Candidate{}
			for _, r := range rows {
				if _, ok := cands[r.Doc]; ok {
					continue
				}
				path := filepath.Join(dir, r.Doc+".txt")
				data, err := os.ReadFile(path)
				if err != nil {
					return err
				}
				doc, err := extract.ParseDocument(path, data, extract.ReadOptions{})
				if err != nil {
					return err
				}
				res, err := x.Extract(doc)
				if err != nil {
					return err
				}
				cands[r.Doc] = seeds.Candidates(res)
			}
			lex := extract.DefaultLexicon()
			found := 0
			var missed []seeds.Row
			for _, r := range rows {
				c, ok := seeds.Match(r, cands[r.Doc], lex)
				if ok {
					found++
					if verbose {
						s, _ := extract.ValueString(c.Fact.Subject)
						p, _ := extract.ValueString(c.Fact.Predicate)
						o, _ := extract.ValueString(c.Fact.Object)
						fmt.Fprintf(e.stdout, "found   %s\n        as %s – %s – %s\n", r, s, p, o)
					}
				} else {
					missed = append(missed, r)
				}
			}
			fmt.Fprintf(e.stdout, "seeds recall: %d/%d = %.1f%%\n", found, len(rows), 100*float64(found)/float64(max(1, len(rows))))
			if len(rows) > 0 {
				_, ok := seeds.Match(rows[0], cands[rows[0].Doc], lex)
				fmt.Fprintf(e.stdout, "headline fact (%s): %s\n", rows[0], map[bool]string{true: "found", false: "MISSED"}[ok])
			}
			for _, r := range missed {
				fmt.Fprintf(e.stdout, "missed  %s\n", r)
			}
			return nil
		},
	}
	c.Flags().BoolVarP(&verbose, "verbose", "v", false, "also show the fact that matched each found row")
	return c
}
