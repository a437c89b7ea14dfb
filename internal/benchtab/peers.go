package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"

	"github.com/kgraph/kg/internal/synth"
)

// The peer: Cayley v0.7.7, in its own module under bench/cayley so that its
// dependencies never enter kg's go.mod.
const (
	cayleyModule  = "bench/cayley"
	cayleyVersion = "Cayley v0.7.7"
)

// peerBackends are the Cayley stores compared, in column order.
var peerBackends = []string{"memstore", "bolt", "leveldb"}

// peerPlan is how much the peers section measures.
type peerPlan struct {
	quads      int    // synthetic file size
	count      int    // interleaved load runs of kg, memstore and leveldb
	boltCount  int    // of those, how many also load Cayley bolt (slow)
	matchTime  string // -benchtime of Cayley's lookups (kg's use 2000x)
	movies     bool   // also load the movies file
	moviesRuns int
}

func planPeers() peerPlan {
	if *quick {
		return peerPlan{quads: 50_000, count: 3, boltCount: 1, matchTime: "0.3s"}
	}
	return peerPlan{quads: 200_000, count: 5, boltCount: 3, matchTime: "1s", movies: true, moviesRuns: 3}
}

// peersSection measures kg and Cayley on the same N-Quads bytes and the same
// queries, in one run: every load in its own child process (so that peak
// RSS, from getrusage of the child, is that load's alone), the runs of kg
// and of each Cayley backend interleaved so that the machine's drift hits
// them alike.
func peersSection(ctx context.Context, r *report) error {
	p := planPeers()
	r.printf("## Peers: kg against %s (same file, same queries, same run)\n\n", cayleyVersion)
	if !exists(filepath.Join(cayleyModule, "go.mod")) {
		r.printf("Skipped: %s is absent.\n\n", cayleyModule)
		return nil
	}
	path, err := synth.File("", p.quads)
	if err != nil {
		return fmt.Errorf("peers: %w", err)
	}
	tmp, err := os.MkdirTemp("", "kg-benchtab-peers-*")
	if err != nil {
		return fmt.Errorf("peers: %w", err)
	}
	defer os.RemoveAll(tmp)
	kgBin, cayBin := filepath.Join(tmp, "store.test"), filepath.Join(tmp, "cayley.test")
	if err := goRun(ctx, "", "test", "-c", "-o", kgBin, "./store"); err != nil {
		return err
	}
	if err := goRun(ctx, "", "-C", cayleyModule, "test", "-c", "-o", cayBin, "."); err != nil {
		return err
	}
	keep := filepath.Join(tmp, "cayley-stores")
	kg := func(args ...string) childRun { return childRun{bin: kgBin, dir: "store", args: args} }
	cay := func(args ...string) childRun {
		return childRun{bin: cayBin, dir: cayleyModule, args: append(args, "-dir", keep)}
	}

	// Loads of the synthetic file, interleaved.
	loads := map[string]result{}
	for i := 0; i < p.count; i++ {
		runs := []struct {
			col string
			run childRun
		}{
			{"kg", kg("-test.bench", "^BenchmarkLoadEmpty$", "-quads", fmt.Sprint(p.quads))},
			{"memstore", cay("-test.bench", "^BenchmarkLoad$/^memstore$", "-file", path)},
			{"bolt", cay("-test.bench", "^BenchmarkLoad$/^bolt$", "-file", path)},
			{"leveldb", cay("-test.bench", "^BenchmarkLoad$/^leveldb$", "-file", path)},
		}
		for _, x := range runs {
			if x.col == "bolt" && i >= p.boltCount {
				continue
			}
			if err := x.run.into(ctx, loads, x.col); err != nil {
				return err
			}
		}
	}

	// Lookups: kg's 2000 drawn patterns; Cayley's for matchTime per shape
	// (its slowest shapes take a tenth of a second each). Cayley's bolt
	// and leveldb reuse the stores the last load left in keep.
	match := map[string]result{}
	if err := kg("-test.bench", "^(BenchmarkMatch|BenchmarkTwoHop)$", "-test.benchtime", "2000x", "-quads", fmt.Sprint(p.quads)).into(ctx, match, ""); err != nil {
		return err
	}
	if err := cay("-test.bench", "^BenchmarkMatch$", "-test.benchtime", p.matchTime, "-file", path).into(ctx, match, ""); err != nil {
		return err
	}

	var movies map[string]result
	moviesPath, _ := filepath.Abs(filepath.Join(*shared, "movies", "30kmoviedata.nq.gz"))
	if p.movies && exists(moviesPath) {
		movies = map[string]result{}
		for i := 0; i < p.moviesRuns; i++ {
			if err := kg("-test.bench", "^BenchmarkLoadMovies$").into(ctx, movies, "kg"); err != nil {
				return err
			}
			for _, b := range []string{"memstore", "bolt"} {
				if b == "bolt" && i > 0 {
					continue // one bolt load of the movies takes minutes
				}
				if err := cay("-test.bench", "^BenchmarkLoad$/^"+b+"$", "-file", moviesPath).into(ctx, movies, b); err != nil {
					return err
				}
			}
		}
	}

	r.printf("%d synthetic quads (kg's power-law generator, the same bytes for both), loaded %d times by kg, Cayley memstore and leveldb and %d times by Cayley bolt, ", p.quads, p.count, p.boltCount)
	r.printf("interleaved, each load in a child process of its own. Cayley loads as `cayley load` does: its bulk QuadWriter fed by quad.CopyBatch. ")
	r.printf("Ratios are how many times better kg is (throughput ÷ throughput, latency ÷ latency), medians of the same run. Cayley's badger backend (Badger v1.5.5) cannot load even 50k quads (\"Txn is too big\") and is left out.\n\n")
	printPeerLoads(r, loads, "synthetic file")
	if movies != nil {
		printPeerLoads(r, movies, "30kmoviedata.nq.gz, 471,705 quads")
	} else if !p.movies {
		r.printf("The movies file is loaded only in full mode.\n\n")
	}
	printPeerMatches(r, match, p)
	return extractPeer(ctx, r)
}

func printPeerLoads(r *report, res map[string]result, what string) {
	k, m, b, l := res["kg"], res["memstore"], res["bolt"], res["leveldb"]
	rate := func(x result) float64 { return median(x["quads/s"]) }
	r.printf("| load (%s) | kg | Cayley memstore | Cayley bolt | Cayley leveldb | kg vs memstore | kg vs bolt | target | |\n|---|---|---|---|---|---|---|---|---|\n", what)
	r.printf("| quads/s | %s | %s | %s | %s | %s | %s | ≥ 3× memstore, ≥ 10× bolt | %s |\n",
		cell(k["quads/s"], 0), cell(m["quads/s"], 0), cell(b["quads/s"], 0), cell(l["quads/s"], 0),
		ratio(rate(k), rate(m)), ratio(rate(k), rate(b)),
		verdict(rate(k) > 0 && rate(k) >= 3*rate(m) && rate(k) >= 10*rate(b)))
	cpu := func(x result) float64 { return median(x["cpu-s"]) }
	r.printf("| CPU seconds | %s | %s | %s | %s | %s | %s | | |\n",
		cell(k["cpu-s"], 2), cell(m["cpu-s"], 2), cell(b["cpu-s"], 2), cell(l["cpu-s"], 2), ratio(cpu(m), cpu(k)), ratio(cpu(b), cpu(k)))
	disk := func(x result) float64 { return median(x["disk-MB"]) }
	r.printf("| bytes on disk, MB | %s | in memory only | %s | %s | | %s | | |\n",
		cell(k["disk-MB"], 1), cell(b["disk-MB"], 1), cell(l["disk-MB"], 1), ratio(disk(b), disk(k)))
	rss := func(x result) float64 { return median(x["child-maxrss-MB"]) }
	r.printf("| peak RSS of the loading process, MB | %s | %s | %s | %s | %s | %s | | |\n",
		cell(k["child-maxrss-MB"], 0), cell(m["child-maxrss-MB"], 0), cell(b["child-maxrss-MB"], 0), cell(l["child-maxrss-MB"], 0), ratio(rss(m), rss(k)), ratio(rss(b), rss(k)))
	r.printf("| peak Go heap, MB | %s | %s | %s | %s | | | | |\n\n",
		cell(k["peak-heap-MB"], 0), cell(m["peak-heap-MB"], 0), cell(b["peak-heap-MB"], 0), cell(l["peak-heap-MB"], 0))
}

func printPeerMatches(r *report, res map[string]result, p peerPlan) {
	r.printf("| lookup (first ≤ 100 results), p50 / p99 µs | kg | Cayley memstore | Cayley bolt | Cayley leveldb | kg vs memstore (p50) | kg vs bolt (p50) | target | |\n|---|---|---|---|---|---|---|---|---|\n")
	lat := func(x result) string {
		if len(x["p50-µs"]) == 0 {
			return "—"
		}
		return num(median(x["p50-µs"]), 1) + " / " + num(median(x["p99-µs"]), 1)
	}
	for _, shape := range []string{"s??", "?p?", "??o", "sp?", "2hop"} {
		kgName := "Match/" + shape
		if shape == "2hop" {
			kgName = "TwoHop"
		}
		k := res[kgName]
		m, b, l := res["Match/memstore/"+shape], res["Match/bolt/"+shape], res["Match/leveldb/"+shape]
		kp, mp, bp := median(k["p50-µs"]), median(m["p50-µs"]), median(b["p50-µs"])
		label := shape
		if shape == "2hop" {
			label = "two-hop s → ? → ?"
		}
		r.printf("| %s | %s | %s | %s | %s | %s | %s | ≥ 2× faster | %s |\n", label, lat(k), lat(m), lat(b), lat(l),
			ratio(mp, kp), ratio(bp, kp), verdict(kp > 0 && mp >= 2*kp && bp >= 2*kp))
	}
	r.printf("| shortest path | graph section (gonum) | not available: Cayley has no shortest-path query | not available | not available | | | | |\n\n")
	r.printf("kg: 2000 lookups a shape; Cayley: as many as fit in %s a shape (its ?p? scans, as Cayley's kv backends have no predicate-first index). Values are drawn with the same seed from the same sample of the file.\n\n", p.matchTime)
}

// extractPeer prints kg's extraction rate beside the published figure of
// Stanford CoreNLP OpenIE, if the extractor's benchmark reports one.
func extractPeer(ctx context.Context, r *report) error {
	const published = "Stanford CoreNLP OpenIE ≈ 100 sentences/s per core (published, not measured)"
	src := benchSources("extract", regexp.MustCompile(`func BenchmarkExtract\w*\(`))
	switch {
	case src == "":
		r.printf("Extraction throughput: not measured yet (no BenchmarkExtract* in ./extract). Beside it will stand: %s.\n\n", published)
		return nil
	case !strings.Contains(src, `"sentences/s"`):
		r.printf("Extraction throughput: not measured yet (./extract's BenchmarkExtract* reports no sentences/s). Beside it will stand: %s.\n\n", published)
		return nil
	}
	res, err := goBenchCPU(ctx, "./extract", "^BenchmarkExtract", "1", 3)
	if err != nil {
		return err
	}
	r.printf("| extraction, one core | kg sentences/s | published peer | ratio | target | |\n|---|---|---|---|---|---|\n")
	for _, name := range sortedNames(res) {
		v := res[name]["sentences/s"]
		if len(v) == 0 {
			continue
		}
		r.printf("| %s | %s | %s | %s | ≥ 10× | %s |\n", name, cell(v, 0), published, ratio(median(v), 100), verdict(median(v) >= 1000))
	}
	r.printf("\n")
	return nil
}

// benchSources returns the text of the _test.go files in dir that match re.
func benchSources(dir string, re *regexp.Regexp) string {
	files, _ := filepath.Glob(filepath.Join(dir, "*_test.go"))
	var b strings.Builder
	for _, f := range files {
		if src, err := os.ReadFile(f); err == nil && re.Match(src) {
			b.Write(src)
		}
	}
	return b.String()
}

// goBenchCPU is goBench on a given number of cores (-cpu).
func goBenchCPU(ctx context.Context, pkg, pattern, cpu string, count int) (map[string]result, error) {
	cmd := exec.CommandContext(ctx, "go", "test", "-run", "^$", "-bench", pattern, "-cpu", cpu, "-count", fmt.Sprint(count), pkg)
	var buf bytes.Buffer
	cmd.Stdout = &buf
	cmd.Stderr = os.Stderr
	fmt.Fprintf(os.Stderr, "benchtab: %s\n", strings.Join(cmd.Args, " "))
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%s: %w\n%s", strings.Join(cmd.Args, " "), err, tail(buf.String(), 20))
	}
	return parseBench(&buf), nil
}

// goRun runs the go command in dir ("" for the current one).
func goRun(ctx context.Context, dir string, args ...string) error {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	fmt.Fprintf(os.Stderr, "benchtab: go %s\n", strings.Join(args, " "))
	if err != nil {
		return fmt.Errorf("go %s: %w\n%s", strings.Join(args, " "), err, tail(string(out), 20))
	}
	return nil
}

// childRun is one run of a compiled test binary with benchmark flags.
type childRun struct {
	bin, dir string
	args     []string
}

// into runs the benchmarks and merges their metrics into res, adding
// child-maxrss-MB (the child's peak RSS, from getrusage). With col set,
// all of the run's metrics go under that name instead of the benchmarks'.
func (c childRun) into(ctx context.Context, res map[string]result, col string) error {
	args := append([]string{"-test.run", "^$", "-test.benchtime", "1x", "-test.timeout", "60m"}, c.args...)
	cmd := exec.CommandContext(ctx, c.bin, args...)
	cmd.Dir = c.dir
	var buf bytes.Buffer
	cmd.Stdout = &buf
	cmd.Stderr = &buf
	fmt.Fprintf(os.Stderr, "benchtab: %s %s\n", filepath.Base(c.bin), strings.Join(c.args, " "))
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s %s: %w\n%s", filepath.Base(c.bin), strings.Join(c.args, " "), err, tail(buf.String(), 20))
	}
	got := parseBench(&buf)
	if len(got) == 0 {
		return fmt.Errorf("%s %s: no benchmark ran\n%s", filepath.Base(c.bin), strings.Join(c.args, " "), tail(buf.String(), 20))
	}
	var rss float64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = float64(ru.Maxrss) / 1024
	}
	mergeRun(res, got, col, rss)
	return nil
}

// mergeRun adds one child's results to res: under col when set (one
// benchmark a run), else under each benchmark's own name.
func mergeRun(res, got map[string]result, col string, rssMB float64) {
	for name, metrics := range got {
		key := name
		if col != "" {
			key = col
		}
		if res[key] == nil {
			res[key] = result{}
		}
		for unit, v := range metrics {
			res[key][unit] = append(res[key][unit], v...)
		}
		if col != "" && rssMB > 0 {
			res[key]["child-maxrss-MB"] = append(res[key]["child-maxrss-MB"], rssMB)
		}
	}
}
