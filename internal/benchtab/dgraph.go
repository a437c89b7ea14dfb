package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"time"

	"github.com/kgraph/kg/internal/synth"
)

var dgraphLive = flag.Bool("dgraph-live", false, "dgraph section: also load the export into a real Dgraph with dgraph live (builds Dgraph v24.0.5 once; minutes)")

// dgraphSection measures kg's export for Dgraph beside the plain N-Quads
// export, and with -dgraph-live the load of that export by dgraph live, a
// published comparison point rather than a kg figure.
func dgraphSection(ctx context.Context, r *report) error {
	n, count := "1000000", 2
	if *quick {
		n, count = "200000", 1
	}
	res, err := goBench(ctx, ".", "^BenchmarkExport$", count, "1x", "-quads", n)
	if err != nil {
		return err
	}
	dg, nq := res["Export/format=dgraph"]["quads/s"], res["Export/format=nquads"]["quads/s"]
	r.printf("## Export for Dgraph (%s synthetic quads)\n\n", n)
	r.printf("| measure | quads/s | vs | target | |\n|---|---|---|---|---|\n")
	r.printf("| kg export --format dgraph (RDF with facets and evidence nodes, gzipped; schema) | %s | N-Quads export %s: %s | ≥ 200k/s | %s |\n",
		cell(dg, 0), cell(nq, 0), ratio(median(dg), median(nq)), verdict(median(dg) >= 200_000))
	if !*dgraphLive {
		r.printf("\n_dgraph live load: run `make bench-dgraph`._\n\n")
		return nil
	}
	live, err := dgraphLoad(ctx, mustAtoi(n))
	if err != nil {
		return fmt.Errorf("dgraph live: %w", err)
	}
	r.printf("| dgraph live of that export into one zero and one alpha (Dgraph v24.0.5; published tool, not kg) | %s RDF lines/s | %d lines in %s, %d rejected | no rejected line | %s |\n\n",
		num(float64(live.lines)/live.elapsed.Seconds(), 0), live.lines, live.elapsed.Round(time.Second), live.rejected, verdict(live.rejected == 0 && live.loaded))
	return nil
}

type liveResult struct {
	lines, rejected int
	elapsed         time.Duration
	loaded          bool
}

// dgraphLoad exports the synthetic store of n quads for Dgraph, starts a
// Dgraph zero and alpha on loopback and times dgraph live on the export.
// The processes are stopped whatever happens.
func dgraphLoad(ctx context.Context, n int) (liveResult, error) {
	var res liveResult
	bin, err := exec.CommandContext(ctx, "scripts/dgraph-build.sh").Output()
	if err != nil {
		return res, fmt.Errorf("building Dgraph: %w", err)
	}
	dgraph := strings.TrimSpace(string(bin))
	src, err := synth.File("", n)
	if err != nil {
		return res, err
	}
	work, err := os.MkdirTemp("", "kg-bench-dgraph-*")
	if err != nil {
		return res, err
	}
	defer os.RemoveAll(work)
	db := filepath.Join(work, "kg.db")
	if out, err := runKG(ctx, "--db", db, "import", src); err != nil {
		return res, fmt.Errorf("kg import: %w\n%s", err, out)
	}
	exp := filepath.Join(work, "export")
	if out, err := runKG(ctx, "--db", db, "export", "--format", "dgraph", "-o", exp); err != nil {
		return res, fmt.Errorf("kg export: %w\n%s", err, out)
	}
	if res.lines, err = gzLines(filepath.Join(exp, "kg.rdf.gz")); err != nil {
		return res, err
	}
	const off = 141
	zero, alphaGRPC, alphaHTTP := 5080+off, 9080+off, 8080+off
	start := func(log string, args ...string) (*exec.Cmd, error) {
		f, err := os.Create(filepath.Join(work, log))
		if err != nil {
			return nil, err
		}
		cmd := exec.Command(dgraph, args...)
		cmd.Dir, cmd.Stdout, cmd.Stderr = work, f, f
		// Dgraph re-executes itself: kill its process group, not its PID
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
		return cmd, cmd.Start()
	}
	var procs []*exec.Cmd
	defer func() {
		for _, p := range procs {
			syscall.Kill(-p.Process.Pid, syscall.SIGKILL)
			p.Wait()
		}
	}()
	z, err := start("zero.log", "zero", fmt.Sprintf("--my=127.0.0.1:%d", zero), "--port_offset", fmt.Sprint(off), "--wal", "zw")
	if err != nil {
		return res, err
	}
	procs = append(procs, z)
	a, err := start("alpha.log", "alpha", fmt.Sprintf("--my=127.0.0.1:%d", 7080+off), fmt.Sprintf("--zero=127.0.0.1:%d", zero),
		"--port_offset", fmt.Sprint(off), "-p", "p", "-w", "w", "--security", "whitelist=127.0.0.1/8")
	if err != nil {
		return res, err
	}
	procs = append(procs, a)
	if err := waitHealthy(ctx, fmt.Sprintf("http://127.0.0.1:%d/health", alphaHTTP), 2*time.Minute); err != nil {
		return res, err
	}
	live := exec.CommandContext(ctx, dgraph, "live", "--files", filepath.Join(exp, "kg.rdf.gz"), "--schema", filepath.Join(exp, "kg.schema"),
		"--alpha", fmt.Sprintf("127.0.0.1:%d", alphaGRPC), "--zero", fmt.Sprintf("127.0.0.1:%d", zero))
	live.Dir = work
	var out bytes.Buffer
	live.Stdout, live.Stderr = &out, &out
	fmt.Fprintf(os.Stderr, "benchtab: dgraph live (%d RDF lines)\n", res.lines)
	t0 := time.Now()
	err = live.Run()
	res.elapsed = time.Since(t0)
	os.WriteFile(filepath.Join(work, "..", "kg-bench-dgraph-live.log"), out.Bytes(), 0o644)
	if err != nil {
		return res, fmt.Errorf("%w\n%s", err, tail(out.String(), 20))
	}
	processed, ok := liveProcessed(out.String())
	if !ok {
		return res, fmt.Errorf("dgraph live printed no N-Quads count:\n%s", tail(out.String(), 20))
	}
	res.rejected = res.lines - processed
	res.loaded = true
	return res, nil
}

// liveProcessed reads the count of N-Quads dgraph live processed from its
// summary ("Number of N-Quads processed : 2049").
func liveProcessed(log string) (int, bool) {
	m := processedRE.FindAllStringSubmatch(log, -1)
	if len(m) == 0 {
		return 0, false
	}
	return mustAtoi(m[len(m)-1][1]), true
}

var processedRE = regexp.MustCompile(`Number of N-Quads processed\s*:\s*(\d+)`)

func gzLines(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", path, err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	n := 0
	for sc.Scan() {
		n++
	}
	return n, sc.Err()
}

func waitHealthy(ctx context.Context, url string, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		resp, err := http.Get(url)
		if err == nil {
			var h []struct {
				Status string `json:"status"`
			}
			json.NewDecoder(resp.Body).Decode(&h)
			resp.Body.Close()
			if len(h) > 0 && h[0].Status == "healthy" {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
	}
	return fmt.Errorf("alpha at %s not healthy after %s", url, limit)
}
