package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/kgraph/kg/extract"
	"github.com/kgraph/kg/internal/carb"
)

func init() { registerEval(newEvalCaRBCmd) }

// published CaRB test figures (F1, AUC ×100) from the CaRB README.
var carbPublished = []struct {
	system, kind string
	f1, auc      string
}{
	{"ReVerb", "POS patterns", "36.8", "20.2"},
	{"PropS", "dependency rules", "31.9", "12.6"},
	{"MinIE", "dependency rules", "41.9", "–"},
	{"OLLIE", "learned patterns", "41.1", "22.4"},
	{"ClausIE", "dependency rules (clauses)", "45.0", "22.4"},
	{"OpenIE-5", "rules + SRL", "46.7", "24.5"},
	{"OpenIE-4", "rules + SRL", "48.8", "27.2"},
	{"RnnOIE", "neural tagger", "49.0", "26.0"},
	{"OpenIE6", "BERT, iterative grid labelling", "52.7", "33.7"},
	{"IMoJIE", "BERT seq2seq", "53.5", "33.3"},
}

func newEvalCaRBCmd(e *env) *cobra.Command {
	var pred string
	c := &cobra.Command{
		Use:   "carb",
		Short: "Score kg's extractions on CaRB dev (P, R, F1, AUC; CaRB and CaRB(1-1))",
		Long: `Extract facts from the CaRB dev sentences (--data/carb/dev_sentences.txt,
one pretokenised sentence a line) and score them against dev_gold.tsv
with kg's own Go port of the CaRB scorer, beside the published results on
the test split. With --pred, score that prediction file instead.`,
		Example: `  kg eval carb
  kg eval carb --pred ../shared/data/carb/dev_openie5_pred.tsv`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(c *cobra.Command, _ []string) error {
			dir := filepath.Join(c.Flag("data").Value.String(), "carb")
			gf, err := os.Open(filepath.Join(dir, "dev_gold.tsv"))
			if err != nil {
				return err
			}
			gold, err := carb.ReadGold(gf)
			gf.Close()
			if err != nil {
				return err
			}
			var predBytes []byte
			name := pred
			if pred != "" {
				if predBytes, err = os.ReadFile(pred); err != nil {
					return err
				}
			} else {
				name = "kg"
				if predBytes, err = carbPredictions(filepath.Join(dir, "dev_sentences.txt")); err != nil {
					return err
				}
			}
			ps, err := carb.ReadPredictions(bytes.NewReader(predBytes))
			if err != nil {
				return err
			}
			def := carb.Evaluate(gold, ps, false)
			one := carb.Evaluate(gold, ps, true)
			fmt.Fprintf(e.stdout, "CaRB dev: %d gold tuples, %d predictions scored (%s)\n\n", def.Gold, def.Pred, name)
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "scorer\tP\tR\tF1\tAUC\tthreshold\t")
			for _, r := range []struct {
				n string
				r carb.Result
			}{{"CaRB", def}, {"CaRB(1-1)", one}} {
				fmt.Fprintf(tw, "%s\t%.4f\t%.4f\t%.4f\t%.4f\t%.3f\t\n", r.n, r.r.P, r.r.R, r.r.F1, r.r.AUC, r.r.Threshold)
			}
			tw.Flush()
			fmt.Fprintf(e.stdout, "\nPublished, CaRB test split (F1 / AUC ×100; kg above is on dev):\n")
			tw = tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintf(tw, "system\tkind\tF1\tAUC\t\n")
			fmt.Fprintf(tw, "%s (dev)\t%s\t%.1f\t%.1f\t\n", name, "this run", 100*def.F1, 100*def.AUC)
			for _, p := range carbPublished {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t\n", p.system, p.kind, p.f1, p.auc)
			}
			return tw.Flush()
		},
	}
	c.Flags().StringVar(&pred, "pred", "", "score this CaRB prediction file instead of running the extractor")
	return c
}

// carbPredictions extracts from the pretokenised sentences file and
// returns CaRB predictions.
func carbPredictions(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	x, err := extract.NewExtractor(extract.Options{Pretokenized: true, NoEntityFacts: true, KeepUnresolved: true})
	if err != nil {
		return nil, err
	}
	doc, err := extract.ParseDocument(path, data, extract.ReadOptions{})
	if err != nil {
		return nil, err
	}
	res, err := x.Extract(doc)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	write := factWriter("carb", &buf)
	for i := range res.Facts {
		if err := write(&res.Facts[i]); err != nil {
			return nil, err
		}
	}
	return buf.Bytes(), nil
}
