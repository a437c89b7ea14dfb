package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
)

// languageSection prints kg's own evaluation of the language models, and
// a table of the language-core targets beside published figures.
func languageSection(ctx context.Context, r *report) error {
	if !exists(*shared + "/ud-ewt") {
		r.printf("## Language models\n\nSkipped: %s/ud-ewt is absent.\n\n", *shared)
		return nil
	}
	r.printf("## Language models\n\n")
	var evals strings.Builder
	for _, args := range [][]string{{"eval", "ud", "--data", *shared}, {"eval", "ner", "--data", *shared}} {
		out, err := runKG(ctx, args...)
		r.printf("`kg %s`\n\n```\n%s```\n\n", strings.Join(args, " "), out)
		if err != nil {
			return err
		}
		evals.WriteString(out)
	}
	count, benchtime := "5", "1s"
	if *quick {
		count, benchtime = "1", "300ms"
	}
	// Speed targets are per core: the tagger, the parser and model loading
	// run on one; the whole analysis on every core. Extraction throughput
	// runs in the peers section.
	one, err := goBenchCPU(ctx, "1", "./extract/...", "^Benchmark(Load|Parse|Tagger)$", mustAtoi(count), benchtime)
	if err != nil {
		return err
	}
	all, err := goBench(ctx, "./extract/...", "^Benchmark(AnalyzeText|AnalyzeTokens|Extract)$", mustAtoi(count), benchtime)
	if err != nil {
		return err
	}
	languageTargets(r, evals.String(), one)
	r.printf("| benchmark | metrics (median [min–max]) |\n|---|---|\n")
	for _, name := range sortedNames(one) {
		r.printf("| %s (one core) | %s |\n", name, metrics(one[name]))
	}
	for _, name := range sortedNames(all) {
		r.printf("| %s | %s |\n", name, metrics(all[name]))
	}
	r.printf("\n")
	return nil
}

// languageTargets prints the language-core targets: accuracy from
// the kg eval output, speed and memory from the one-core benchmarks.
func languageTargets(r *report, evals string, one map[string]result) {
	ewt := evalFields(evals, "EWT test", "XPOS", "UPOS", "lemma", "UAS", "LAS")
	ner := evalFields(evals, "UNER test", "F1")
	r.printf("| measure | kg | published, for comparison | target | |\n|---|---|---|---|---|\n")
	row := func(what string, v float64, digits int, published, target string, ok bool) {
		if v == 0 {
			r.printf("| %s | — | %s | %s | not measured |\n", what, published, target)
			return
		}
		r.printf("| %s | %s | %s | %s | %s |\n", what, num(v, digits), published, target, verdict(ok))
	}
	row("XPOS, EWT test", ewt["XPOS"], 2, "prose 86.2; UDPipe 1.2 93.9; Stanza 95.1", "≥ 95.0", ewt["XPOS"] >= 95)
	row("UPOS, EWT test", ewt["UPOS"], 2, "", "≥ 95.5", ewt["UPOS"] >= 95.5)
	row("lemma, EWT test (predicted tags)", ewt["lemma"], 2, "", "≥ 98.0", ewt["lemma"] >= 98)
	row("UAS, EWT test (predicted tags)", ewt["UAS"], 2, "UDPipe 1.2 84.5; Stanza 86.2", "≥ 86", ewt["UAS"] >= 86)
	row("LAS, EWT test (predicted tags)", ewt["LAS"], 2, "UDPipe 1.2 81.2; Stanza 83.6", "≥ 83", ewt["LAS"] >= 83)
	row("NER F1, UNER test (PER/ORG/LOC)", ner["F1"], 2, "prose 30.6", "≥ 70", ner["F1"] >= 70)
	tagger := median(one["Tagger"]["tokens/cpu-s"])
	row("tagger, tokens per CPU-second, one core", tagger, 0, "", "≥ 250k", tagger >= 250_000)
	parser := median(one["Parse"]["tokens/cpu-s"])
	row("parser, tokens per CPU-second, one core", parser, 0, "", "≥ 25k", parser >= 25_000)
	load := median(one["Load"]["ms/load"])
	if load == 0 {
		load = median(one["Load"]["ns/op"]) / 1e6
	}
	row("loading every model, ms, one core", load, 0, "", "≤ 300 ms", load <= 300)
	heap := median(one["Load"]["heap-MB"])
	row("Go heap held by the loaded models, MB", heap, 0, "", "≤ 300 MB", heap <= 300)
	r.printf("\n")
}

// evalFields finds the line of kg eval output that starts with prefix and
// reads the number after each of the names on it ("XPOS 95.18").
func evalFields(out, prefix string, names ...string) map[string]float64 {
	vals := map[string]float64{}
	for _, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, prefix) {
			continue
		}
		f := strings.Fields(line)
		for i := 0; i+1 < len(f); i++ {
			for _, name := range names {
				if f[i] == name {
					if _, ok := vals[name]; !ok {
						if v, err := strconv.ParseFloat(f[i+1], 64); err == nil {
							vals[name] = v
						}
					}
				}
			}
		}
		break
	}
	return vals
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
	// one core and two cores alternate, so that the machine's drift
	// (it is shared) falls on both sides of the ratio alike
	var s1, s2, pairRatios []float64
	for range icount {
		ing1, err := goBenchCPU(ctx, "1", ".", "^BenchmarkIngest/workers=1$", 1, "3x")
		if err != nil {
			return err
		}
		ing2, err := goBenchCPU(ctx, "2", ".", "^BenchmarkIngest/workers=2$", 1, "3x")
		if err != nil {
			return err
		}
		a, b := ing1["Ingest/workers=1"]["sentences/s"], ing2["Ingest/workers=2"]["sentences/s"]
		s1, s2 = append(s1, a...), append(s2, b...)
		if len(a) == 1 && len(b) == 1 && a[0] > 0 {
			pairRatios = append(pairRatios, b[0]/a[0])
		}
	}
	one, two := median(s1), median(s2)
	r.printf("| ingest, text to stored facts | sentences/s | vs | target | |\n|---|---|---|---|---|\n")
	r.printf("| one core (GOMAXPROCS=1) | %s | Stanford CoreNLP OpenIE ≈ 100/s per core (published, not measured) | ≥ 10× | %s |\n", cell(s1, 0), verdict(one >= 1000))
	r.printf("| two cores, two workers | %s | one core: %s (pair by pair, runs alternating: %s) | ≥ 1.7× | %s |\n\n", cell(s2, 0), ratio(two, one), pairList(pairRatios), verdict(one > 0 && two >= 1.7*one))
	return nil
}

// pairList formats ratios as "1.91×, 1.76×".
func pairList(v []float64) string {
	var parts []string
	for _, x := range v {
		parts = append(parts, fmt.Sprintf("%.2f×", x))
	}
	if len(parts) == 0 {
		return "—"
	}
	return strings.Join(parts, ", ")
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
