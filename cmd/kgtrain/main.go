package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"time"

	"github.com/kgraph/kg/extract/training"
)

// A trainer trains one model and writes its file(s) to cfg.Out.
type trainer struct {
	name  string
	order int // lower trains first
	run   func(ctx context.Context, cfg *training.Config) error
}

var trainers []trainer

// register adds a model to kgtrain; call it from an init function.
func register(name string, order int, run func(ctx context.Context, cfg *training.Config) error) {
	trainers = append(trainers, trainer{name, order, run})
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "kgtrain:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("kgtrain", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg := &training.Config{Log: stdout}
	fs.StringVar(&cfg.Data, "data", "../shared/data", "shared data directory")
	fs.StringVar(&cfg.Out, "out", "extract/internal/models", "output directory for model files")
	fs.Uint64Var(&cfg.Seed, "seed", 1, "random seed")
	fs.StringVar(&wordnetDir, "wordnet", training.WordNetDir, "WordNet 3.0 directory (Debian wordnet-base), for the lexicon")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: kgtrain [flags] [model ...]\nmodels:")
		for _, t := range sorted() {
			fmt.Fprintln(stderr, "  ", t.name)
		}
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	todo := sorted()
	if fs.NArg() > 0 {
		todo = nil
		for _, name := range fs.Args() {
			i := slices.IndexFunc(trainers, func(t trainer) bool { return t.name == name })
			if i < 0 {
				return fmt.Errorf("unknown model %q", name)
			}
			todo = append(todo, trainers[i])
		}
	}
	if err := os.MkdirAll(cfg.Out, 0o755); err != nil {
		return err
	}
	for _, t := range todo {
		if err := ctx.Err(); err != nil {
			return err
		}
		start := time.Now()
		fmt.Fprintf(cfg.Log, "== %s\n", t.name)
		if err := t.run(ctx, cfg); err != nil {
			return fmt.Errorf("%s: %w", t.name, err)
		}
		fmt.Fprintf(cfg.Log, "== %s done in %s\n", t.name, time.Since(start).Round(time.Second))
	}
	return nil
}

func sorted() []trainer {
	s := slices.Clone(trainers)
	slices.SortStableFunc(s, func(a, b trainer) int { return a.order - b.order })
	return s
}
