package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kgraph/kg"
)

func init() { register(newExportCmd) }

func newExportCmd(e *env) *cobra.Command {
	var opt kg.ExportOptions
	var out string
	var noCommunities bool
	c := &cobra.Command{
		Use:   "export",
		Short: "Write the graph out: Graphviz DOT (or SVG/PNG), JSON or N-Quads",
		Long: `Write the graph out. With -o FILE the file is written whole or not at all;
without it, to standard output. N-Quads are gzipped when FILE ends in .gz.

For DOT, node labels are display names, shapes and colours follow the
entity type, negated facts are dashed, evidence is in tooltips, and
communities are clusters. --max-nodes keeps the most central nodes and says
what it left out. When -o ends in .svg or .png and Graphviz's dot is
installed, kg renders the picture; without dot it writes the .dot file
beside it and says how to render it.`,
		Example: `  kg export --format nquads -o all.nq.gz
  kg export --format dot -o graph.svg
  kg export --format dot --focus Bazoum --depth 2 -o bazoum.dot
  kg export --format json --max-nodes 100
  kg export --format dgraph -o dgraph-load/`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(c *cobra.Command, _ []string) error {
			ext := strings.ToLower(filepath.Ext(out))
			render := ext == ".svg" || ext == ".png"
			if render && !c.Flags().Changed("format") {
				opt.Format = "dot"
			}
			switch opt.Format {
			case "nquads", "dot", "json":
			case "dgraph":
				if out == "" || out == "-" {
					return usagef("--format dgraph writes a directory: give it with -o DIR")
				}
				db, err := e.openKG()
				if err != nil {
					return err
				}
				defer db.Close()
				rep, err := db.ExportDgraph(c.Context(), out)
				if err != nil {
					return err
				}
				fmt.Fprintf(e.stderr, "kg: wrote %s and %s: %d entities, %d edges, %d values, %d evidence nodes, %d documents (%d RDF lines)\n",
					rep.RDF, rep.Schema, rep.Entities, rep.Edges, rep.Values, rep.Evidence, rep.Documents, rep.Lines)
				return nil
			default:
				return usagef("unknown export format %q (known: dot, json, nquads, dgraph)", opt.Format)
			}
			if render && opt.Format != "dot" {
				return usagef("-o %s needs --format dot", out)
			}
			if opt.Focus != "" && opt.Format == "nquads" {
				return usagef("--focus works with --format dot or json")
			}
			opt.Communities = !noCommunities
			db, err := e.openKG()
			if err != nil {
				return err
			}
			defer db.Close()
			if opt.Format == "nquads" && out != "" && out != "-" {
				var progress func(int)
				if bar := newProgress(e, -1, "exporting", false); bar != nil {
					if st, err := db.Stats(c.Context()); err == nil {
						bar.ChangeMax(st.Quads)
					}
					progress = func(n int) { bar.Set(n) }
					defer bar.Finish()
				}
				n, err := db.ExportNQuadsFile(c.Context(), out, progress)
				if err != nil {
					return err
				}
				fmt.Fprintf(e.stderr, "kg: exported %d quads to %s\n", n, out)
				return nil
			}
			var buf bytes.Buffer
			var w io.Writer = e.stdout
			if out != "" && out != "-" {
				w = &buf
			}
			rep, err := db.Export(c.Context(), w, opt)
			if err != nil {
				return err
			}
			if rep.OmittedNodes > 0 {
				fmt.Fprintf(e.stderr, "kg: kept the %d most central nodes; left out %d nodes and %d facts (use --max-nodes to change)\n",
					rep.Nodes, rep.OmittedNodes, rep.OmittedFacts)
			}
			if out == "" || out == "-" {
				return nil
			}
			if !render {
				if err := writeFileAtomic(out, buf.Bytes()); err != nil {
					return err
				}
				fmt.Fprintf(e.stderr, "kg: wrote %s: %d nodes, %d facts\n", out, rep.Nodes, rep.Facts)
				return nil
			}
			return renderDOT(e, buf.Bytes(), out, ext[1:], rep)
		},
	}
	c.Flags().StringVar(&opt.Format, "format", "nquads", "dot, json, nquads, or dgraph (RDF and schema for dgraph live/bulk, into the -o directory)")
	c.Flags().StringVarP(&out, "output", "o", "", "output file (.svg/.png render with Graphviz; default standard output)")
	c.Flags().StringVar(&opt.Focus, "focus", "", "export only the neighbourhood of this entity")
	c.Flags().IntVar(&opt.Depth, "depth", 2, "with --focus: how many hops around it")
	c.Flags().IntVar(&opt.MaxNodes, "max-nodes", 300, "keep only the most central nodes (-1: all)")
	c.Flags().BoolVar(&noCommunities, "no-communities", false, "do not group nodes into community clusters")
	return c
}

// renderDOT runs Graphviz on dot source; without Graphviz it writes the
// .dot file instead and says so.
func renderDOT(e *env, src []byte, out, format string, rep kg.ExportReport) error {
	dotPath := strings.TrimSuffix(out, filepath.Ext(out)) + ".dot"
	bin, err := exec.LookPath("dot")
	if err != nil {
		if err := writeFileAtomic(dotPath, src); err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "kg: Graphviz 'dot' is not installed, so %s was not rendered; wrote %s instead.\n"+
			"    Install Graphviz (e.g. apt-get install graphviz) and run: dot -T%s %s -o %s\n", out, dotPath, format, dotPath, out)
		return nil
	}
	cmd := exec.Command(bin, "-T"+format, "-o", out+".tmp")
	cmd.Stdin = bytes.NewReader(src)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		os.Remove(out + ".tmp")
		return fmt.Errorf("rendering %s with Graphviz: %v: %s", out, err, strings.TrimSpace(stderr.String()))
	}
	if err := os.Rename(out+".tmp", out); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "kg: wrote %s: %d nodes, %d facts (layout %s)\n", out, rep.Nodes, rep.Facts, rep.Layout)
	return nil
}

func writeFileAtomic(path string, data []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
