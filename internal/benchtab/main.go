package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"
)

var (
	quick  = flag.Bool("quick", false, "smaller inputs and fewer runs (about 2 minutes)")
	shared = flag.String("shared", "../shared/data", "shared data directory")
	out    = flag.String("out", "BENCHMARKS.md", "file to write the tables to (\"\" for none)")
	only   = flag.String("only", "", "comma-separated sections to run (store, peers, questions, language, graph, extract, dgraph); default all")
)

// report collects the markdown written to stdout and to -out.
type report struct{ bytes.Buffer }

func (r *report) printf(format string, args ...any) {
	s := fmt.Sprintf(format, args...)
	fmt.Print(s)
	r.WriteString(s)
}

func main() {
	flag.Parse()
	ctx := context.Background()
	var r report
	start := time.Now()
	r.printf("# kg benchmarks\n\n%s\n\n", machine())
	sections := []struct {
		name string
		run  func(context.Context, *report) error
	}{
		{"store", storeSection}, {"peers", peersSection}, {"questions", questionsSection},
		{"language", languageSection}, {"graph", graphSection}, {"extract", extractSection}, {"dgraph", dgraphSection},
	}
	want := map[string]bool{}
	for _, n := range strings.Split(*only, ",") {
		if n = strings.TrimSpace(n); n != "" {
			want[n] = true
		}
	}
	failed := false
	for _, s := range sections {
		if len(want) > 0 && !want[s.name] {
			continue
		}
		if err := s.run(ctx, &r); err != nil {
			r.printf("\n**error:** %v\n\n", err)
			failed = true
		}
	}
	r.printf("\n_Total time %s._\n", time.Since(start).Round(time.Second))
	if *out != "" {
		if err := os.WriteFile(*out, r.Bytes(), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "benchtab:", err)
			os.Exit(1)
		}
		fmt.Fprintf(os.Stderr, "benchtab: wrote %s\n", *out)
	}
	if failed {
		os.Exit(1)
	}
}

// machine describes where the figures were measured.
func machine() string {
	cpu := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(l, "model name") {
				cpu = strings.TrimSpace(l[strings.Index(l, ":")+1:])
				break
			}
		}
	}
	mem := ""
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb int
		fmt.Sscanf(string(b), "MemTotal: %d kB", &kb)
		mem = fmt.Sprintf(", %.0f GiB", float64(kb)/(1<<20))
	}
	load := ""
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		load = ", load average at start " + strings.Join(strings.Fields(string(b))[:3], " ")
	}
	mode := "full"
	if *quick {
		mode = "quick"
	}
	return fmt.Sprintf("Measured %s on %s, %d cores%s, %s%s; %s mode. The machine is shared: read medians and ratios, not single runs.",
		time.Now().UTC().Format("2006-01-02 15:04 UTC"), cpu, runtime.NumCPU(), mem, runtime.Version(), load, mode)
}

// result is one benchmark's runs: metric unit → values, one per run.
type result map[string][]float64

// goBench runs Go benchmarks matching pattern in pkg, count times each,
// and returns their metrics by benchmark name (without the -GOMAXPROCS
// suffix).
func goBench(ctx context.Context, pkg, pattern string, count int, benchtime string, args ...string) (map[string]result, error) {
	return goBenchCPU(ctx, "", pkg, pattern, count, benchtime, args...)
}

// goBenchCPU is goBench with GOMAXPROCS set by go test's -cpu flag ("" for
// the default).
func goBenchCPU(ctx context.Context, cpu, pkg, pattern string, count int, benchtime string, args ...string) (map[string]result, error) {
	cmdArgs := []string{"test", "-run", "^$", "-bench", pattern, "-count", strconv.Itoa(count), "-benchtime", benchtime, "-timeout", "60m"}
	if cpu != "" {
		cmdArgs = append(cmdArgs, "-cpu", cpu)
	}
	cmdArgs = append(cmdArgs, pkg)
	if len(args) > 0 {
		cmdArgs = append(cmdArgs, append([]string{"-args"}, args...)...)
	}
	cmd := exec.CommandContext(ctx, "go", cmdArgs...)
	var buf bytes.Buffer
	cmd.Stdout = &buf
	cmd.Stderr = os.Stderr
	fmt.Fprintf(os.Stderr, "benchtab: go %s\n", strings.Join(cmdArgs, " "))
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("go test %s: %w\n%s", pkg, err, tail(buf.String(), 20))
	}
	return parseBench(&buf), nil
}

// parseBench reads "go test -bench" output.
func parseBench(r io.Reader) map[string]result {
	res := map[string]result{}
	b, _ := io.ReadAll(r)
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		name := f[0]
		if i := strings.LastIndexByte(name, '-'); i > 0 {
			if _, err := strconv.Atoi(name[i+1:]); err == nil {
				name = name[:i]
			}
		}
		name = strings.TrimPrefix(name, "Benchmark")
		if res[name] == nil {
			res[name] = result{}
		}
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				continue
			}
			res[name][f[i+1]] = append(res[name][f[i+1]], v)
		}
	}
	return res
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// cell formats the median and range of a metric.
func cell(v []float64, digits int) string {
	if len(v) == 0 {
		return "—"
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	if len(s) == 1 {
		return num(s[0], digits)
	}
	return fmt.Sprintf("%s [%s–%s]", num(median(s), digits), num(s[0], digits), num(s[len(s)-1], digits))
}

func num(x float64, digits int) string {
	switch {
	case x >= 1e6 && digits == 0:
		return fmt.Sprintf("%.2fM", x/1e6)
	case x >= 1e4 && digits == 0:
		return fmt.Sprintf("%.0fk", x/1e3)
	default:
		return strconv.FormatFloat(x, 'f', digits, 64)
	}
}

func ratio(a, b float64) string {
	if b == 0 {
		return "—"
	}
	return fmt.Sprintf("%.2f×", a/b)
}

func verdict(ok bool) string {
	if ok {
		return "met"
	}
	return quickCaveat("**not met**")
}

// quickCaveat adds to a missed target's verdict, in quick mode, that the
// quick run's inputs are smaller than those the target is stated for, so
// that a reader of the quick table alone is not misled: at 50k quads, for
// one, Cayley's memstore is faster than at 200k while kg's costs stay.
func quickCaveat(v string) string {
	if *quick {
		return v + " at quick size (the target is judged by the full run, make bench)"
	}
	return v
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// runKG runs the kg command (go run ./cmd/kg) and returns its output.
func runKG(ctx context.Context, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "go", append([]string{"run", "./cmd/kg"}, args...)...)
	var buf bytes.Buffer
	cmd.Stdout = &buf
	cmd.Stderr = &buf
	fmt.Fprintf(os.Stderr, "benchtab: kg %s\n", strings.Join(args, " "))
	err := cmd.Run()
	return buf.String(), err
}

func exists(path string) bool { _, err := os.Stat(path); return err == nil }
