package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/kgraph/kg/internal/synth"
)

// The peer: Cayley v0.7.7, in its own module under bench/cayley so that its
// dependencies never enter kg's go.mod.
const (
	cayleyModule  = "bench/cayley"
	cayleyVersion = "Cayley v0.7.7"
)

// peerPlan is how much the peers section measures.
type peerPlan struct {
	quads     int            // synthetic file size for the full comparison
	runs      map[string]int // interleaved loads of it, by column
	matchTime string         // -benchtime of Cayley's lookups (kg's use 2000x)
	matchRuns int            // interleaved lookup runs of kg and Cayley
	big       int            // a larger synthetic file (0 for none) …
	bigRuns   map[string]int // … loaded this often by these columns
	movieRuns map[string]int // loads of the movies file (nil for none)
}

func planPeers() peerPlan {
	if *quick {
		return peerPlan{quads: 50_000, matchTime: "0.3s", matchRuns: 1,
			runs: map[string]int{"kg": 3, "memstore": 3, "bolt": 1, "leveldb": 1}}
	}
	// Cayley bolt loads about 7,000 quads a CPU-second here, and slower as
	// the file grows (30 CPU-s for 200k quads): one 1M-quad bolt load would
	// take three minutes or more, so bolt is compared at 200k and on the
	// movies file, and only kg and memstore load 1M.
	return peerPlan{quads: 200_000, matchTime: "0.5s", matchRuns: 2,
		runs:      map[string]int{"kg": 5, "memstore": 5, "bolt": 3, "leveldb": 1},
		big:       1_000_000,
		bigRuns:   map[string]int{"kg": 2, "memstore": 2},
		movieRuns: map[string]int{"kg": 2, "memstore": 2, "bolt": 1}}
}

var noPeers = flag.Bool("nopeers", false, "skip the comparison with Cayley (bench/cayley), which takes a few minutes")

// peerColumns are the table's columns: kg, then the Cayley backends.
var peerColumns = []string{"kg", "memstore", "bolt", "leveldb"}

// peersSection measures kg and Cayley on the same N-Quads bytes and the same
// queries, in one run: every load in its own child process (so that peak
// RSS, from getrusage of the child, is that load's alone), the runs of kg
// and of each Cayley backend interleaved so that the machine's drift hits
// them alike.
func peersSection(ctx context.Context, r *report) error {
	p := planPeers()
	start := time.Now()
	r.printf("## Peers: kg against %s (same file, same queries, same run)\n\n", cayleyVersion)
	if *noPeers {
		r.printf("Skipped (-nopeers).\n\n")
		return nil
	}
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
	// The last bolt and leveldb loads of the synthetic file stay in keep
	// for the lookups, so that those need not load them again.
	keep := filepath.Join(tmp, "cayley-stores")
	kg := func(args ...string) childRun { return childRun{bin: kgBin, dir: "store", args: args} }
	cay := func(args ...string) childRun { return childRun{bin: cayBin, dir: cayleyModule, args: args} }
	loadsOf := func(file string, n int, runs map[string]int, keepDir string) (map[string]result, error) {
		res := map[string]result{}
		for i := 0; ; i++ {
			ran := false
			for _, col := range peerColumns {
				if i >= runs[col] {
					continue
				}
				ran = true
				var c childRun
				switch {
				case col == "kg" && n == 0:
					c = kg("-test.bench", "^BenchmarkLoadMovies$")
				case col == "kg":
					c = kg("-test.bench", "^BenchmarkLoadEmpty$", "-quads", fmt.Sprint(n))
				default:
					c = cay("-test.bench", "^BenchmarkLoad$/^"+col+"$", "-file", file)
					if keepDir != "" {
						c.args = append(c.args, "-dir", keepDir)
					}
				}
				if err := c.into(ctx, res, col); err != nil {
					return nil, err
				}
			}
			if !ran {
				return res, nil
			}
		}
	}

	loads, err := loadsOf(path, p.quads, p.runs, keep)
	if err != nil {
		return err
	}
	// Lookups: kg's 2000 drawn patterns; Cayley's for matchTime per shape
	// (its slowest shapes take a tenth of a second each).
	match := map[string]result{}
	for i := 0; i < p.matchRuns; i++ {
		if err := kg("-test.bench", "^(BenchmarkMatch|BenchmarkTwoHop)$", "-test.benchtime", "2000x", "-quads", fmt.Sprint(p.quads)).into(ctx, match, ""); err != nil {
			return err
		}
		if err := cay("-test.bench", "^BenchmarkMatch$", "-test.benchtime", p.matchTime, "-file", path, "-dir", keep).into(ctx, match, ""); err != nil {
			return err
		}
	}
	var big, movies map[string]result
	if p.big > 0 {
		bigPath, err := synth.File("", p.big)
		if err != nil {
			return fmt.Errorf("peers: %w", err)
		}
		if big, err = loadsOf(bigPath, p.big, p.bigRuns, ""); err != nil {
			return err
		}
	}
	moviesPath, _ := filepath.Abs(filepath.Join(*shared, "movies", "30kmoviedata.nq.gz"))
	if p.movieRuns != nil && exists(moviesPath) {
		if movies, err = loadsOf(moviesPath, 0, p.movieRuns, ""); err != nil {
			return err
		}
	}

	r.printf("Each load runs in a child process of its own, kg's and Cayley's interleaved; peak RSS is the child's, from getrusage. ")
	r.printf("Cayley loads as `cayley load` does: its bulk QuadWriter fed by quad.CopyBatch. kg and Cayley read the same bytes (kg's synthetic power-law generator). ")
	r.printf("Ratios are how many times better kg is (throughput ÷ throughput, time ÷ time, size ÷ size), from medians of the same run. ")
	r.printf("Cayley's badger backend (Badger v1.5.5) cannot load even 50k quads (\"Txn is too big to fit into one request\") and is left out.\n\n")
	printPeerLoads(r, loads, fmt.Sprintf("%d synthetic quads", p.quads), p.runs)
	if big != nil {
		printPeerLoads(r, big, fmt.Sprintf("%d synthetic quads", p.big), p.bigRuns)
	}
	if movies != nil {
		printPeerLoads(r, movies, "30kmoviedata.nq.gz, 471,705 quads", p.movieRuns)
	} else if p.movieRuns == nil {
		r.printf("The 1M-quad file and the movies file are loaded only in full mode.\n\n")
	}
	printPeerMatches(r, match, p)
	if err := extractPeer(ctx, r); err != nil {
		return err
	}
	r.printf("_Peers section: %s._\n\n", time.Since(start).Round(time.Second))
	return nil
}

func printPeerLoads(r *report, res map[string]result, what string, runs map[string]int) {
	k, m, b := res["kg"], res["memstore"], res["bolt"]
	// c is a cell of column col: "not run" where the plan skips it.
	c := func(col, unit string, digits int) string {
		if runs[col] == 0 {
			return "not run"
		}
		return cell(res[col][unit], digits)
	}
	rate := func(x result) float64 { return median(x["quads/s"]) }
	r.printf("| load of %s | kg | Cayley memstore | Cayley bolt | Cayley leveldb | kg vs memstore | kg vs bolt | target | |\n|---|---|---|---|---|---|---|---|---|\n", what)
	r.printf("| runs | %d | %d | %d | %d | | | | |\n", runs["kg"], runs["memstore"], runs["bolt"], runs["leveldb"])
	targets := []peerTarget{{"memstore", rate(k), rate(m), 3}}
	if runs["bolt"] > 0 {
		targets = append(targets, peerTarget{"bolt", rate(k), rate(b), 10})
	}
	r.printf("| quads/s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
		c("kg", "quads/s", 0), c("memstore", "quads/s", 0), c("bolt", "quads/s", 0), c("leveldb", "quads/s", 0),
		pratio(rate(k), rate(m)), pratio(rate(k), rate(b)), targetText(targets), targetVerdict(targets))
	cpu := func(x result) float64 { return median(x["cpu-s"]) }
	r.printf("| CPU seconds | %s | %s | %s | %s | %s | %s | | |\n",
		c("kg", "cpu-s", 2), c("memstore", "cpu-s", 2), c("bolt", "cpu-s", 2), c("leveldb", "cpu-s", 2), pratio(cpu(m), cpu(k)), pratio(cpu(b), cpu(k)))
	disk := func(x result) float64 { return median(x["disk-MB"]) }
	r.printf("| bytes on disk, MB | %s | in memory only | %s | %s | | %s | | |\n",
		c("kg", "disk-MB", 1), c("bolt", "disk-MB", 1), c("leveldb", "disk-MB", 1), pratio(disk(b), disk(k)))
	rss := func(x result) float64 { return median(x["child-maxrss-MB"]) }
	r.printf("| peak RSS of the loading process, MB | %s | %s | %s | %s | %s | %s | | |\n",
		c("kg", "child-maxrss-MB", 0), c("memstore", "child-maxrss-MB", 0), c("bolt", "child-maxrss-MB", 0), c("leveldb", "child-maxrss-MB", 0), pratio(rss(m), rss(k)), pratio(rss(b), rss(k)))
	r.printf("| peak Go heap, MB | %s | %s | %s | %s | | | | |\n\n",
		c("kg", "peak-heap-MB", 0), c("memstore", "peak-heap-MB", 0), c("bolt", "peak-heap-MB", 0), c("leveldb", "peak-heap-MB", 0))
}

func printPeerMatches(r *report, res map[string]result, p peerPlan) {
	r.printf("| lookup (first ≤ 100 results), p50 / p99 µs | kg | Cayley memstore | Cayley bolt | Cayley leveldb | kg vs memstore (p50) | kg vs bolt (p50) | target | |\n|---|---|---|---|---|---|---|---|---|\n")
	lat := func(x result) string {
		if len(x["p50-µs"]) == 0 {
			return "—"
		}
		return latCell(x["p50-µs"]) + " / " + micros(median(x["p99-µs"]))
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
		targets := []peerTarget{{"memstore", mp, kp, 2}, {"bolt", bp, kp, 2}}
		r.printf("| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", label, lat(k), lat(m), lat(b), lat(l),
			pratio(mp, kp), pratio(bp, kp), targetText(targets), targetVerdict(targets))
	}
	r.printf("| shortest path | graph section (gonum) | not available: Cayley has no shortest-path query | not available | not available | | | | |\n\n")
	r.printf("p50 as median [min–max] of %d interleaved runs, p99 as the median. kg: 2000 lookups a shape and run, after Store.Warm has filled its dictionary cache and copied the indexes into memory (kg's lookups read the copies until the next write, then Badger, whose block cache Warm has filled too; a process that does not call Warm gets its dictionary cache filled after its first few thousand misses, and the blocks cached as its lookups read them; Cayley's memstore holds everything in memory from the start); Cayley: as many as fit in %s a shape and run (a bolt or leveldb ?p? takes a tenth of a second or more, as Cayley's kv backends scan for it). Bound values are drawn with the same seed from the same sample of the file, so both answer the same queries.\n\n", p.matchRuns, p.matchTime)
}

// pratio is a/b as "N×", or "—" when either side was not measured.
func pratio(a, b float64) string {
	if a == 0 || b == 0 {
		return "—"
	}
	return ratio(a, b)
}

// peerTarget is "kg at least min times better than Cayley's backend":
// better is kg's figure over Cayley's for throughput, Cayley's over kg's
// for latency.
type peerTarget struct {
	backend    string
	num, denom float64
	min        float64
}

func (t peerTarget) met() bool { return t.num > 0 && t.denom > 0 && t.num >= t.min*t.denom }

func targetText(ts []peerTarget) string {
	var parts []string
	for _, t := range ts {
		parts = append(parts, fmt.Sprintf("≥ %g× %s", t.min, t.backend))
	}
	return strings.Join(parts, ", ")
}

// targetVerdict says "met" when all targets hold, else which do not.
func targetVerdict(ts []peerTarget) string {
	var missed, held []string
	for _, t := range ts {
		if t.met() {
			held = append(held, t.backend)
		} else {
			missed = append(missed, t.backend)
		}
	}
	switch {
	case len(missed) == 0:
		return "met"
	case len(held) == 0:
		return quickCaveat("**not met**")
	}
	return quickCaveat(fmt.Sprintf("**not met** against %s (met against %s)", strings.Join(missed, ", "), strings.Join(held, ", ")))
}

// latCell is cell for latencies in µs.
func latCell(v []float64) string {
	if len(v) == 1 {
		return micros(v[0])
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	return fmt.Sprintf("%s [%s–%s]", micros(median(s)), micros(s[0]), micros(s[len(s)-1]))
}

// micros formats a latency in µs: one decimal below 100, thousands as k.
func micros(x float64) string {
	switch {
	case x < 100:
		return strconv.FormatFloat(x, 'f', 1, 64)
	case x < 10_000:
		return strconv.FormatFloat(x, 'f', 0, 64)
	default:
		return fmt.Sprintf("%.0fk", x/1e3)
	}
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
	count := 3
	if *quick {
		count = 1
	}
	one, err := goBenchCPU(ctx, "1", "./extract", "^BenchmarkExtractThroughput$", count, "1s")
	if err != nil {
		return err
	}
	two, err := goBenchCPU(ctx, "2", "./extract", "^BenchmarkExtractThroughput$", count, "1s")
	if err != nil {
		return err
	}
	r.printf("| extraction, text to facts | one core, sentences per CPU-second | one core, sentences/s (wall) | two cores, sentences/s (wall) | published peer | one core vs peer | target | |\n|---|---|---|---|---|---|---|---|\n")
	for _, name := range sortedNames(one) {
		w := one[name]["sentences/s"]
		if len(w) == 0 {
			continue
		}
		v := one[name]["sentences/cpu-s"]
		if len(v) == 0 {
			v = w
		}
		r.printf("| %s | %s | %s | %s (%s) | %s | %s | ≥ 10× | %s |\n", name, cell(v, 0), cell(w, 0), cell(two[name]["sentences/s"], 0),
			ratio(median(two[name]["sentences/s"]), median(w)), published, ratio(median(v), 100), verdict(median(v) >= 1000))
	}
	r.printf("\nOne core is GOMAXPROCS=1. Its per-core figure is sentences per second of the process's CPU time (user and system, the garbage collector's included), as the tagger's and parser's tokens/cpu-s: on this shared machine the wall-clock rate also counts the time the process waits for a core that other processes hold. Both are printed.\n\n")
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
