package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"strings"

	"github.com/kgraph/kg"
)

func main() {
	focus := flag.String("focus", "Amara", "entity at the centre")
	depth := flag.Int("depth", 2, "hops around it")
	out := flag.String("o", "valdoria.svg", "output: .svg or .png to render, .dot for the source")
	corpus := flag.String("corpus", "examples/corpus", "directory of articles")
	flag.Parse()

	ctx := context.Background()
	db, err := kg.Open(kg.Options{InMemory: true})
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Ingest(ctx, nil, []string{*corpus}, kg.IngestOptions{}); err != nil {
		log.Fatal(err)
	}

	var dot bytes.Buffer
	rep, err := db.Export(ctx, &dot, kg.ExportOptions{Format: "dot", Focus: *focus, Depth: *depth, Communities: true})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d entities and %d facts around %s\n", rep.Nodes, rep.Facts, *focus)

	format := strings.TrimPrefix(strings.ToLower((*out)[strings.LastIndexByte(*out, '.')+1:]), ".")
	if format == "dot" {
		must(os.WriteFile(*out, dot.Bytes(), 0o644))
		fmt.Println("wrote", *out)
		return
	}
	if _, err := exec.LookPath("dot"); err != nil {
		src := strings.TrimSuffix(*out, "."+format) + ".dot"
		must(os.WriteFile(src, dot.Bytes(), 0o644))
		fmt.Printf("Graphviz is not installed: wrote %s; render it with: dot -T%s %s -o %s\n", src, format, src, *out)
		return
	}
	cmd := exec.Command("dot", "-T"+format, "-o", *out)
	cmd.Stdin = &dot
	cmd.Stderr = os.Stderr
	must(cmd.Run())
	fmt.Println("wrote", *out)
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
