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
	count := "5"
	if *quick {
		count = "2"
	}
	res, err := goBench(ctx, "./extract/...", ".", mustAtoi(count), "1s")
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
