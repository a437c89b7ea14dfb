package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kgraph/kg/extract"
)

func newEvalCmd(e *env) *cobra.Command {
	var data string
	c := &cobra.Command{
		Use:   "eval",
		Short: "Score the embedded language models on the shared treebanks",
		Long: `Score the embedded language models on the shared evaluation data
(--data, default ../shared/data):

  kg eval ud    XPOS, UPOS, lemma (and UAS/LAS with a parser) on UD English-EWT
                test, gold tokens; EWT dev and GUM news genre for information
  kg eval ner   exact span+type P/R/F1 for PER, ORG, LOC on UNER English-EWT
                test (and dev)
  kg eval carb  the extractor on CaRB dev: P, R, F1 and AUC (CaRB and
                CaRB(1-1)) beside published systems
  kg eval seeds recall of the facts a reader takes from the seed articles`,
		Example: `  kg eval ud
  kg eval ner --data /data/shared
  kg eval carb
  kg eval seeds`,
	}
	c.PersistentFlags().StringVar(&data, "data", "../shared/data", "shared data directory")
	ud := &cobra.Command{
		Use:   "ud",
		Short: "Tagging, lemma and parsing accuracy on UD English-EWT test",
		Args:  exactArgs(0, "no arguments"),
		RunE: func(c *cobra.Command, _ []string) error {
			a, err := extract.NewAnalyzer()
			if err != nil {
				return err
			}
			for _, t := range []struct {
				name, file string
				keep       func(string) bool
			}{
				{"EWT test", "ud-ewt/en_ewt-ud-test.conllu", nil},
				{"EWT dev", "ud-ewt/en_ewt-ud-dev.conllu", nil},
				{"GUM test, news genre", "ud-gum/en_gum-ud-test.conllu", func(doc string) bool { return strings.HasPrefix(doc, "GUM_news_") }},
			} {
				path := filepath.Join(data, t.file)
				f, err := os.Open(path)
				if err != nil {
					return err
				}
				sc, err := a.EvalUD(f, t.keep)
				f.Close()
				if err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "%-22s %s\n", t.name, sc)
			}
			return nil
		},
	}
	nerCmd := &cobra.Command{
		Use:   "ner",
		Short: "Entity P/R/F1 (exact span and type, PER/ORG/LOC) on UNER English-EWT test",
		Args:  exactArgs(0, "no arguments"),
		RunE: func(c *cobra.Command, _ []string) error {
			a, err := extract.NewAnalyzer()
			if err != nil {
				return err
			}
			for _, t := range []struct{ name, file string }{
				{"UNER test", "uner/en_ewt-ud-test.iob2"},
				{"UNER dev", "uner/en_ewt-ud-dev.iob2"},
			} {
				path := filepath.Join(data, t.file)
				f, err := os.Open(path)
				if err != nil {
					return err
				}
				sc, err := a.EvalNER(f)
				f.Close()
				if err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "%-10s %s\n", t.name, sc)
			}
			return nil
		},
	}
	c.AddCommand(ud, nerCmd)
	return c
}
