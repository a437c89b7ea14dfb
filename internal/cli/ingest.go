package cli

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/kgraph/kg"
)

func init() { register(newIngestCmd) }

func newIngestCmd(e *env) *cobra.Command {
	var opt kg.IngestOptions
	c := &cobra.Command{
		Use:   "ingest PATH|- ...",
		Short: "Extract facts from text and store them with their evidence",
		Long: `Extract who-did-what facts from documents and store them with their
evidence. PATH is a text file (.txt, .md), a directory (read recursively),
a JSON Lines corpus ({"id","date","title","text"} per line), or - for
standard input. A leading " date YYYY-MM-DD" header gives the document's
date. Documents are analysed in parallel on all cores. Re-ingesting an
unchanged document does nothing; an edited one replaces its old facts.`,
		Example: `  kg ingest news/
  kg --db coup.db ingest article.txt corpus.jsonl
  cat story.txt | kg ingest -`,
		Args: minArgs(1, "one or more paths (- for standard input)"),
		RunE: func(c *cobra.Command, args []string) error {
			db, err := e.openKG()
			if err != nil {
				return err
			}
			defer db.Close()
			bar := newProgress(e, -1, "ingesting", false)
			if bar != nil {
				opt.Progress = func(r kg.IngestResult) {
					bar.Describe(fmt.Sprintf("ingesting: %d facts from", r.Facts))
					bar.Set(r.Documents)
				}
			}
			start := time.Now()
			res, err := db.Ingest(c.Context(), e.stdin, args, opt)
			if bar != nil {
				bar.Finish()
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stderr, "kg: ingested %d documents (%d new, %d replaced, %d unchanged): %d facts in %s\n",
				res.Documents, res.Added, res.Replaced, res.Unchanged, res.Facts, time.Since(start).Round(time.Millisecond))
			return nil
		},
	}
	c.Flags().BoolVar(&opt.ReplaceInvalid, "replace-invalid", false, "replace invalid UTF-8 with U+FFFD instead of failing")
	c.Flags().BoolVar(&opt.Lines, "lines", false, "treat each input line as one sentence")
	c.Flags().IntVar(&opt.Workers, "workers", 0, "documents analysed at once (default: one per core)")
	return c
}
