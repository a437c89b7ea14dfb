package cli

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
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
	var (
		pred string
		fit  bool
	)
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
			if fit {
				ps, err := carbExtract(filepath.Join(dir, "dev_sentences.txt"))
				if err != nil {
					return err
				}
				carbFit(e.stdout, gold, ps)
				return nil
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
	c.Flags().BoolVar(&fit, "fit", false, "fit the confidence model on dev and report it with 5-fold cross-validation")
	return c
}

// carbPred is one prediction with its confidence features.
type carbPred struct {
	sentence string
	tuple    carb.Tuple
	feats    []float64
}

// carbExtract extracts from the pretokenised sentences file.
func carbExtract(path string) ([]carbPred, error) {
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
	var out []carbPred
	for i := range res.Facts {
		f := &res.Facts[i]
		t := f.CaRB()
		if len(t) < 2 {
			continue
		}
		tu := carb.Tuple{Rel: clean(t[0]), Confidence: f.Confidence}
		for _, a := range t[1:] {
			if a = clean(a); a != "" {
				tu.Args = append(tu.Args, a)
			}
		}
		if tu.Rel == "" || len(tu.Args) < 2 {
			continue
		}
		out = append(out, carbPred{sentence: clean(f.Text), tuple: tu, feats: f.Features()})
	}
	return out, nil
}

// carbPredictions extracts from the pretokenised sentences file and
// returns CaRB predictions in the prediction file format.
func carbPredictions(path string) ([]byte, error) {
	ps, err := carbExtract(path)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	for _, p := range ps {
		fields := append([]string{p.sentence, strconv.FormatFloat(p.tuple.Confidence, 'f', 3, 64), p.tuple.Rel}, p.tuple.Args...)
		buf.WriteString(strings.Join(fields, "\t") + "\n")
	}
	return buf.Bytes(), nil
}

// carbFit fits the confidence model on CaRB dev: each prediction's target
// is the best precision it scores against a gold tuple of its sentence.
// It reports the score with the shipped weights, with weights from 5-fold
// cross-validation (each fold's confidences come from a model that did not
// see it), and prints the weights fitted on all of dev.
func carbFit(w io.Writer, gold *carb.Sentences, ps []carbPred) {
	y := make([]float64, len(ps))
	for i, p := range ps {
		for _, g := range gold.Tuples[carb.Key(p.sentence)] {
			pr, _ := carb.Score(g, p.tuple)
			y[i] = math.Max(y[i], pr)
		}
	}
	// folds by sentence key, deterministic
	fold := func(p carbPred) int {
		h := fnv.New32a()
		h.Write([]byte(carb.Key(p.sentence)))
		return int(h.Sum32() % 5)
	}
	score := func(conf func(i int) float64) (carb.Result, carb.Result) {
		s := carb.NewSentences()
		for i, p := range ps {
			t := p.tuple
			t.Confidence = conf(i)
			s.Add(p.sentence, t)
		}
		return carb.Evaluate(gold, s, false), carb.Evaluate(gold, s, true)
	}
	cv := make([]float64, len(ps))
	for k := 0; k < 5; k++ {
		var x [][]float64
		var yy []float64
		for i, p := range ps {
			if fold(p) != k {
				x = append(x, p.feats)
				yy = append(yy, y[i])
			}
		}
		wk := extract.FitLogistic(x, yy, 0.01, 3000)
		for i, p := range ps {
			if fold(p) == k {
				cv[i] = extract.Logistic(wk, p.feats)
			}
		}
	}
	var x [][]float64
	for _, p := range ps {
		x = append(x, p.feats)
	}
	all := extract.FitLogistic(x, y, 0.01, 3000)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "confidence\tP\tR\tF1\tAUC\tP(1-1)\tR(1-1)\tF1(1-1)\tAUC(1-1)\t")
	for _, r := range []struct {
		n string
		f func(int) float64
	}{
		{"constant", func(int) float64 { return 1 }},
		{"shipped weights", func(i int) float64 { return extract.Logistic(extract.Weights(), ps[i].feats) }},
		{"5-fold cross-validated", func(i int) float64 { return cv[i] }},
		{"fitted on all dev", func(i int) float64 { return extract.Logistic(all, ps[i].feats) }},
	} {
		d, o := score(r.f)
		fmt.Fprintf(tw, "%s\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t\n", r.n, d.P, d.R, d.F1, d.AUC, o.P, o.R, o.F1, o.AUC)
	}
	tw.Flush()
	fmt.Fprintf(w, "\nweights fitted on all dev (extract/confidence_weights.go):\n")
	for i, v := range all {
		fmt.Fprintf(w, "\t%.4f, // %s\n", v, extract.FeatureNames[i])
	}
}
