package main

import (
	"context"
	"os"
	"os/exec"
	"strings"
)

// languageSection prints kg's own evaluation of the language models.
func languageSection(ctx context.Context, r *report) error {
	if !exists(*shared + "/ud-ewt") {
		r.printf("## Language models\n\nSkipped: %s/ud-ewt is absent.\n\n", *shared)
		return nil
	}
	r.printf("## Language models\n\n")
	for _, args := range [][]string{{"eval", "ud", "--data", *shared}, {"eval", "ner", "--data", *shared}} {
		out, err := runKG(ctx, args...)
		r.printf("`kg %s`\n\n```\n%s```\n\n", strings.Join(args, " "), out)
		if err != nil {
			return err
		}
	}
	count, benchtime := "5", "1s"
	if *quick {
		count, benchtime = "1", "300ms"
	}
	// the language benchmarks; extraction throughput runs in the peers
	// section
	res, err := goBench(ctx, "./extract/...", "^Benchmark(AnalyzeText|AnalyzeTokens|Extract|Load|Parse|Tagger)$", mustAtoi(count), benchtime)
	if err != nil {
		return err
	}
	r.printf("| benchmark | metrics (median [min–max]) |\n|---|---|\n")
	for _, name := range sortedNames(res) {
		r.printf("| %s | %s |\n", name, metrics(res[name]))
	}
	r.printf("\n")
	return nil
}

// questionsSection: kg query and ask latency, and kg path as a whole
// process, on the synthetic store.
func questionsSection(ctx context.Context, r *report) error {
	n, pairs := "1000000", "20x"
	if *quick {
		n, pairs = "200000", "5x"
	}
	res, err := goBench(ctx, ".", "^(BenchmarkQuery|BenchmarkAsk)$", 1, "300x", "-quads", n)
	if err != nil {
		return err
	}
	path, err := goBench(ctx, ".", "^BenchmarkPathCLI$", 1, pairs, "-quads", n)
	if err != nil {
		return err
	}
	q, a, p := res["Query"], res["Ask"], path["PathCLI"]
	r.printf("## Questions (%s synthetic quads; ask on the Valdoria corpus)\n\n", n)
	r.printf("| measure | p50 | p99 | target | |\n|---|---|---|---|---|\n")
	r.printf("| single-pattern kg query, ms | %s | %s | p50 ≤ 1 ms | %s |\n", num(median(q["p50-ms"]), 2), num(median(q["p99-ms"]), 1), verdict(median(q["p50-ms"]) <= 1))
	if len(a["p50-ms"]) > 0 {
		r.printf("| kg ask (question analysis included), ms | %s | %s | p50 ≤ 1 ms | %s |\n", num(median(a["p50-ms"]), 2), num(median(a["p99-ms"]), 1), verdict(median(a["p50-ms"]) <= 1))
	}
	r.printf("| kg path as a process (open, cached snapshot, path), ms | %s | %s | ≤ 1,500 ms | %s |\n", num(median(p["p50-ms"]), 0), num(median(p["p99-ms"]), 0), verdict(median(p["p50-ms"]) <= 1500))
	r.printf("| first kg path after a change (builds and caches the snapshot), s | %s | | | |\n\n", num(median(p["cold-s"]), 2))
	icount := 3
	if *quick {
		icount = 1
	}
	ing1, err := goBenchCPU(ctx, "1", ".", "^BenchmarkIngest/workers=1$", icount, "3x")
	if err != nil {
		return err
	}
	ing2, err := goBenchCPU(ctx, "2", ".", "^BenchmarkIngest/workers=2$", icount, "3x")
	if err != nil {
		return err
	}
	s1, s2 := ing1["Ingest/workers=1"]["sentences/s"], ing2["Ingest/workers=2"]["sentences/s"]
	one, two := median(s1), median(s2)
	r.printf("| ingest, text to stored facts | sentences/s | vs | target | |\n|---|---|---|---|---|\n")
	r.printf("| one core (GOMAXPROCS=1) | %s | Stanford CoreNLP OpenIE ≈ 100/s per core (published, not measured) | ≥ 10× | %s |\n", cell(s1, 0), verdict(one >= 1000))
	r.printf("| two cores, two workers | %s | one core: %s | ≥ 1.7× | %s |\n\n", cell(s2, 0), ratio(two, one), verdict(one > 0 && two >= 1.7*one))
	return nil
}

// graphSection runs the graph package's table of gonum comparisons.
func graphSection(ctx context.Context, r *report) error {
	r.printf("## Graph algorithms against gonum's own graphs\n\n")
	args := []string{"test", "./graph", "-run", "^TestBenchTable$", "-benchtable", "-v", "-timeout", "60m"}
	if *quick {
		args = append(args, "-short")
	}
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Stderr = os.Stderr
	outb, err := cmd.Output()
	var lines []string
	for _, l := range strings.Split(string(outb), "\n") {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "---") || strings.HasPrefix(t, "=== RUN") || t == "PASS" || strings.HasPrefix(t, "ok ") {
			continue
		}
		if i := strings.Index(t, "_test.go:"); i >= 0 {
			if j := strings.Index(t[i:], ": "); j >= 0 {
				t = t[i+j+2:]
			}
		}
		lines = append(lines, t)
	}
	r.printf("%s\n\n", strings.TrimSpace(strings.Join(lines, "\n")))
	return err
}

// extractSection prints the extractor's evaluations when they exist.
func extractSection(ctx context.Context, r *report) error {
	r.printf("## Extraction\n\n")
	for _, args := range [][]string{{"eval", "carb", "--data", *shared}, {"eval", "seeds", "--data", *shared}} {
		out, err := runKG(ctx, args...)
		if err != nil && strings.Contains(out, "unknown command") {
			r.printf("`kg %s`: not available yet.\n\n", strings.Join(args, " "))
			continue
		}
		r.printf("`kg %s`\n\n```\n%s```\n\n", strings.Join(args, " "), out)
		if err != nil {
			return err
		}
	}
	return nil
}
