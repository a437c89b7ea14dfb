package cli

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
	"github.com/spf13/cobra"

	"github.com/kgraph/kg/extract"
	"github.com/kgraph/kg/store"
)

func init() { register(newExtractCmd) }

func newExtractCmd(e *env) *cobra.Command {
	var (
		format       string
		lines        bool
		pretokenized bool
		replace      bool
		minConf      float64
		workers      int
		noEntity     bool
	)
	c := &cobra.Command{
		Use:   "extract [PATH|-]...",
		Short: "Extract facts from text and stream them to stdout (no database)",
		Long: `Extract subject–predicate–object facts from English text and write them
to standard output, without a database, so that kg can run as a filter.

Inputs are files, directories (recursively: .txt, .md, .jsonl), JSON Lines
corpora ({"id","date","title","text"} a line) and "-" for standard input
(the default). A leading " date YYYY-MM-DD" header becomes the document date.

Formats:
  jsonl   one JSON object a fact: subject, predicate, object, object_type,
          args, negated, modality, attribution, confidence, resolution, kind,
          doc, date, sentence, offset, text, spans, surface
  tsv     subject, predicate, object, confidence, negated, doc, sentence, text
  nquads  N-Quads, the label <DOC#SENTENCE> naming the evidence sentence
  carb    CaRB's prediction format (sentence, confidence, relation, arguments
          copied token by token); implies --lines and --pretokenized`,
		Example: `  echo "The guards detained the president." | kg extract
  kg extract --format nquads corpus/ > facts.nq
  kg extract --format carb ../shared/data/carb/dev_sentences.txt > pred.tsv`,
		RunE: func(c *cobra.Command, args []string) error {
			switch format {
			case "jsonl", "tsv", "nquads", "carb":
			default:
				return usagef("unknown --format %q (want jsonl, tsv, nquads or carb)", format)
			}
			if format == "carb" {
				lines = true
				if !c.Flags().Changed("pretokenized") {
					pretokenized = true
				}
				noEntity = true
			}
			if len(args) == 0 {
				args = []string{"-"}
			}
			a, err := extract.NewAnalyzer()
			if err != nil {
				return err
			}
			if !a.HasParser() {
				fmt.Fprintln(e.stderr, "kg extract: warning: this build embeds no dependency parser, so no facts can be extracted")
			}
			x, err := extract.NewExtractor(extract.Options{Analyzer: a, Lines: lines, Pretokenized: pretokenized,
				NoEntityFacts: noEntity, MinConfidence: minConf, KeepUnresolved: format == "carb"})
			if err != nil {
				return err
			}
			w := bufio.NewWriterSize(e.stdout, 64<<10)
			defer w.Flush()
			out := factWriter(format, w)
			r := extract.NewDocumentReader(e.stdin, args, extract.ReadOptions{ReplaceInvalid: replace})
			err = extractAll(x, r, workers, func(res extract.Result) error {
				for i := range res.Facts {
					if err := out(&res.Facts[i]); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				return err
			}
			return w.Flush()
		},
	}
	c.Flags().StringVarP(&format, "format", "f", "jsonl", "output format: jsonl, tsv, nquads or carb")
	c.Flags().BoolVar(&lines, "lines", false, "treat each input line as one sentence")
	c.Flags().BoolVar(&pretokenized, "pretokenized", false, "lines are tokens separated by spaces (implies --lines)")
	c.Flags().BoolVar(&replace, "replace-invalid", false, "replace invalid UTF-8 with U+FFFD instead of failing")
	c.Flags().Float64Var(&minConf, "min-confidence", 0, "drop facts below this confidence")
	c.Flags().IntVarP(&workers, "workers", "j", runtime.GOMAXPROCS(0), "documents extracted in parallel (output order is kept)")
	c.Flags().BoolVar(&noEntity, "no-entity-facts", false, "leave out the type, name and alias facts")
	return c
}

// extractAll extracts the documents of r on workers goroutines and hands
// the results to emit in input order.
func extractAll(x *extract.Extractor, r *extract.DocumentReader, workers int, emit func(extract.Result) error) error {
	if workers < 1 {
		workers = 1
	}
	type job struct {
		doc extract.Document
		out chan result
	}
	type resultT = struct {
		res extract.Result
		err error
	}
	jobs := make(chan job)
	pending := make(chan chan resultT, workers*2)
	done := make(chan struct{})
	defer close(done)
	for range workers {
		go func() {
			for j := range jobs {
				res, err := x.Extract(j.doc)
				j.out <- result{res, err}
			}
		}()
	}
	var readErr error
	go func() {
		defer close(pending)
		defer close(jobs)
		for {
			d, err := r.Next()
			if err == io.EOF {
				return
			}
			if err != nil {
				readErr = err
				return
			}
			ch := make(chan resultT, 1)
			select {
			case pending <- ch:
			case <-done:
				return
			}
			select {
			case jobs <- job{d, ch}:
			case <-done:
				return
			}
		}
	}()
	for ch := range pending {
		rs := <-ch
		if rs.err != nil {
			return rs.err
		}
		if err := emit(rs.res); err != nil {
			return err
		}
	}
	return readErr
}

type result = struct {
	res extract.Result
	err error
}

// factWriter returns a function writing one fact in format.
func factWriter(format string, w io.Writer) func(*extract.Fact) error {
	switch format {
	case "tsv":
		return func(f *extract.Fact) error {
			s, _ := extract.ValueString(f.Subject)
			p, _ := extract.ValueString(f.Predicate)
			o, _ := extract.ValueString(f.Object)
			_, err := fmt.Fprintf(w, "%s\t%s\t%s\t%.3f\t%t\t%s\t%d\t%s\n", clean(s), clean(p), clean(o),
				f.Confidence, f.Negated, f.Doc, f.Sentence, clean(f.Text))
			return err
		}
	case "nquads":
		nw := nquads.NewWriter(w)
		return func(f *extract.Fact) error {
			return nw.WriteQuad(quad.Quad{Subject: f.Subject, Predicate: f.Predicate, Object: f.Object, Label: store.Label(f.Doc, f.Sentence)})
		}
	case "carb":
		return func(f *extract.Fact) error {
			t := f.CaRB()
			if len(t) < 2 {
				return nil
			}
			fields := []string{clean(f.Text), strconv.FormatFloat(f.Confidence, 'f', 3, 64)}
			for _, s := range t {
				if s = clean(s); s != "" {
					fields = append(fields, s)
				}
			}
			if len(fields) < 4 {
				return nil
			}
			_, err := fmt.Fprintln(w, strings.Join(fields, "\t"))
			return err
		}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return func(f *extract.Fact) error { return enc.Encode(f) }
}

// clean keeps a field on one line without tabs.
func clean(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '\t' || r == '\n' || r == '\r' }), " ")
}
