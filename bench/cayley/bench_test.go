package cayley

import (
	"context"
	"flag"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
)

// Benchmarks of Cayley on the same input and queries as kg's store
// benchmarks (store/bench_test.go), with the same metric names. The input
// is an N-Quads file given with -args -file PATH: internal/benchtab passes
// kg's synthetic file (kg-synth-v1-N.nq) or the movies file. Without it
// the benchmarks skip.
var (
	benchFile = flag.String("file", "", "N-Quads file (.nq or .nq.gz) to load")
	benchDir  = flag.String("dir", "", "BenchmarkLoad leaves its last store in DIR/BACKEND, and BenchmarkMatch reuses it instead of loading again")
)

func inputFile(b *testing.B) string {
	b.Helper()
	if *benchFile == "" {
		b.Skip("no -file given")
	}
	if _, err := os.Stat(*benchFile); err != nil {
		b.Fatal(err)
	}
	return *benchFile
}

// BenchmarkLoad loads the file into a new, empty store of each backend,
// as `cayley load` does. Run one backend a process for a meaningful
// maxrss-MB.
func BenchmarkLoad(b *testing.B) {
	for _, backend := range Backends {
		b.Run(backend, func(b *testing.B) {
			path := inputFile(b)
			var n int
			var disk int64
			var peak uint64
			var cpu float64
			for b.Loop() {
				b.StopTimer()
				dir := filepath.Join(b.TempDir(), "db")
				if *benchDir != "" && backend != "memstore" {
					dir = filepath.Join(*benchDir, backend)
					if err := os.RemoveAll(dir); err != nil {
						b.Fatal(err)
					}
				}
				qs, err := Open(backend, dir)
				if err != nil {
					b.Fatal(err)
				}
				runtime.GC()
				stop := heapPeak()
				cpu0 := cpuSeconds()
				b.StartTimer()
				n, err = Load(qs, path)
				if err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				cpu += cpuSeconds() - cpu0
				peak = max(peak, stop())
				// As in kg's load benchmark, closing is not timed.
				if err := qs.Close(); err != nil {
					b.Fatal(err)
				}
				disk = dirSize(dir)
				b.StartTimer()
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "quads/s")
			b.ReportMetric(cpu/float64(b.N), "cpu-s")
			b.ReportMetric(float64(disk)/(1<<20), "disk-MB")
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
			b.ReportMetric(maxRSSMB(), "maxrss-MB")
		})
	}
}

type loaded struct {
	qs     graph.QuadStore
	sample []quad.Quad
	err    error
}

var (
	loadedMu sync.Mutex
	stores   = map[string]*loaded{}
	tmpDirs  []string
)

// loadedStore is the file loaded once per backend, with every 97th quad
// as the sample that bound values are drawn from (as kg's BenchmarkMatch
// draws them, so both run the same queries).
func loadedStore(b *testing.B, backend string) (graph.QuadStore, []quad.Quad) {
	path := inputFile(b)
	loadedMu.Lock()
	defer loadedMu.Unlock()
	l := stores[backend]
	if l == nil {
		l = &loaded{}
		stores[backend] = l
		l.qs, l.sample, l.err = load(backend, path)
	}
	if l.err != nil {
		b.Fatal(l.err)
	}
	return l.qs, l.sample
}

func load(backend, path string) (graph.QuadStore, []quad.Quad, error) {
	var qs graph.QuadStore
	if kept := filepath.Join(*benchDir, backend); *benchDir != "" && backend != "memstore" && exists(kept) {
		var err error
		if qs, err = Reopen(backend, kept); err != nil {
			return nil, nil, err
		}
	} else {
		dir, err := os.MkdirTemp("", "kg-cayley-bench-*")
		if err != nil {
			return nil, nil, err
		}
		tmpDirs = append(tmpDirs, dir)
		if qs, err = Open(backend, filepath.Join(dir, "db")); err != nil {
			return nil, nil, err
		}
		if _, err := Load(qs, path); err != nil {
			return nil, nil, err
		}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	var sample []quad.Quad
	r := nquads.NewReader(f, false)
	for i := 0; ; i++ {
		q, err := r.ReadQuad()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, err
		}
		if i%97 == 0 {
			sample = append(sample, q)
		}
	}
	return qs, sample, nil
}

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	for _, l := range stores {
		if l.qs != nil {
			l.qs.Close()
		}
	}
	for _, d := range tmpDirs {
		os.RemoveAll(d)
	}
	os.Exit(code)
}

// BenchmarkMatch measures lookups returning at most 100 results, with
// bound values drawn from the data with kg's seed, and reports p50 and
// p99 latency. 2hop is s → ? → ? (TwoHop), also stopping at 100 quads.
func BenchmarkMatch(b *testing.B) {
	shapes := []struct {
		name string
		run  func(ctx context.Context, qs graph.QuadStore, q quad.Quad) (int, error)
	}{
		{"s??", func(ctx context.Context, qs graph.QuadStore, q quad.Quad) (int, error) {
			r, err := Match(ctx, qs, q.Subject, nil, nil, 100)
			return len(r), err
		}},
		{"?p?", func(ctx context.Context, qs graph.QuadStore, q quad.Quad) (int, error) {
			r, err := Match(ctx, qs, nil, q.Predicate, nil, 100)
			return len(r), err
		}},
		{"??o", func(ctx context.Context, qs graph.QuadStore, q quad.Quad) (int, error) {
			r, err := Match(ctx, qs, nil, nil, q.Object, 100)
			return len(r), err
		}},
		{"sp?", func(ctx context.Context, qs graph.QuadStore, q quad.Quad) (int, error) {
			r, err := Match(ctx, qs, q.Subject, q.Predicate, nil, 100)
			return len(r), err
		}},
		{"2hop", func(ctx context.Context, qs graph.QuadStore, q quad.Quad) (int, error) {
			r, err := TwoHop(ctx, qs, q.Subject, 100)
			return len(r), err
		}},
	}
	ctx := context.Background()
	for _, backend := range Backends {
		b.Run(backend, func(b *testing.B) {
			for _, sh := range shapes {
				b.Run(sh.name, func(b *testing.B) {
					qs, sample := loadedStore(b, backend)
					r := rand.New(rand.NewPCG(2, 2))
					var lat []time.Duration
					results := 0
					for b.Loop() {
						q := sample[r.IntN(len(sample))]
						t0 := time.Now()
						n, err := sh.run(ctx, qs, q)
						lat = append(lat, time.Since(t0))
						if err != nil {
							b.Fatal(err)
						}
						if n == 0 {
							b.Fatalf("%s: no results for %v", sh.name, q)
						}
						results += n
					}
					slices.Sort(lat)
					b.ReportMetric(float64(lat[len(lat)/2].Nanoseconds())/1e3, "p50-µs")
					b.ReportMetric(float64(lat[len(lat)*99/100].Nanoseconds())/1e3, "p99-µs")
					b.ReportMetric(float64(results)/float64(len(lat)), "results/op")
				})
			}
		})
	}
}

// heapPeak samples the live heap until stopped, and returns its peak.
func heapPeak() (stop func() uint64) {
	var peak uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var ms runtime.MemStats
		t := time.NewTicker(50 * time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 { close(done); wg.Wait(); return peak }
}

func cpuSeconds() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

func maxRSSMB() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Maxrss) / 1024
}

func exists(path string) bool { _, err := os.Stat(path); return err == nil }

func dirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}
