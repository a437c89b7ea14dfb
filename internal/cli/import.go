package cli

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/kgraph/kg"
)

func init() { register(newImportCmd) }

func newImportCmd(e *env) *cobra.Command {
	var skipBad bool
	c := &cobra.Command{
		Use:   "import FILE|- ...",
		Short: "Load N-Quads files into the database",
		Long: `Load N-Quads files (gzipped when the name ends in .gz; - for standard
input) into the database. Each file is loaded atomically: a malformed line
stops the import with FILE:LINE and nothing from that file is stored.
With --skip-bad, malformed lines are skipped and counted instead.`,
		Example: `  kg import movies.nq.gz
  zcat facts.nq.gz | kg --db news.db import -
  kg import --skip-bad dirty.nq`,
		Args: minArgs(1, "one or more files (- for standard input)"),
		RunE: func(c *cobra.Command, args []string) error {
			db, err := e.open()
			if err != nil {
				return err
			}
			defer db.Close()
			for _, path := range args {
				start := time.Now()
				opts := kg.ImportOptions{SkipBad: skipBad}
				total := int64(-1) // unknown: standard input, or decompressed size
				if fi, err := os.Stat(path); err == nil && path != "-" && !strings.HasSuffix(path, ".gz") {
					total = fi.Size()
				}
				bar := newProgress(e, total, "importing "+path, true)
				if bar != nil {
					opts.Progress = func(n int64) { bar.Set64(n) }
				}
				var res kg.ImportResult
				if path == "-" {
					opts.Name = "-"
					res, err = db.Import(c.Context(), e.stdin, opts)
				} else {
					res, err = db.ImportFile(c.Context(), path, opts)
				}
				if bar != nil {
					bar.Finish()
				}
				if err != nil {
					return err
				}
				for _, bad := range res.Bad {
					fmt.Fprintf(e.stderr, "kg: skipped %v\n", bad)
				}
				fmt.Fprintf(e.stderr, "kg: imported %s: %d quads read, %d distinct, %d bad lines skipped, in %s\n",
					path, res.Read, res.Stored, res.Skipped, time.Since(start).Round(time.Millisecond))
			}
			return nil
		},
	}
	c.Flags().BoolVar(&skipBad, "skip-bad", false, "skip and count malformed lines instead of failing")
	return c
}
