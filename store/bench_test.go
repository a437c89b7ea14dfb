package store_test

import (
	"context"
	"encoding/binary"
	"flag"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
	badger "github.com/dgraph-io/badger/v4"

	"github.com/kgraph/kg/internal/synth"
	"github.com/kgraph/kg/store"
)

// Benchmarks of the store. `make bench` runs them and prints a table with
// ratios (internal/benchtab). The size is set with -args -quads N.
var (
	benchQuads = flag.Int("quads", 1_000_000, "quads in the synthetic benchmark file")
	moviesPath = flag.String("movies", filepath.Join("..", "..", "shared", "data", "movies", "30kmoviedata.nq.gz"), "the movies N-Quads file")
)

func synthFile(b *testing.B, n int) string {
	b.Helper()
	path, err := synth.File("", n)
	if err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkParseOnly is the floor: cayleygraph/quad/nquads reading the
// file into nothing.
func BenchmarkParseOnly(b *testing.B) {
	path := synthFile(b, *benchQuads)
	cpu0 := cpuSeconds()
	for b.Loop() {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		r := nquads.NewReader(f, false)
		n := 0
		for {
			_, err := r.ReadQuad()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		f.Close()
	}
	b.ReportMetric(float64(*benchQuads)*float64(b.N)/b.Elapsed().Seconds(), "quads/s")
	b.ReportMetric((cpuSeconds()-cpu0)/float64(b.N), "cpu-s")
}

// BenchmarkReadOnly is kg's own reader (strict syntax check, line
// numbers, then the same parser) reading into nothing.
func BenchmarkReadOnly(b *testing.B) {
	path := synthFile(b, *benchQuads)
	for b.Loop() {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		r := store.NewReader(f, path)
		for {
			_, err := r.ReadQuad()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
		}
		f.Close()
	}
	b.ReportMetric(float64(*benchQuads)*float64(b.N)/b.Elapsed().Seconds(), "quads/s")
}

// peaks are the largest figures memPeaks sampled, in bytes.
type peaks struct {
	heap       uint64 // Go heap in use
	anon, file uint64 // resident anonymous memory, and resident file-backed memory (Badger's memory-mapped tables)
}

// memPeaks samples the Go heap and, where /proc/self/status has them, the
// resident anonymous and file-backed memory, every 50 ms until stopped.
func memPeaks() (stop func() peaks) {
	var p peaks
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
			p.heap = max(p.heap, ms.HeapInuse)
			if st, err := os.ReadFile("/proc/self/status"); err == nil {
				for _, l := range strings.Split(string(st), "\n") {
					f := strings.Fields(l)
					if len(f) < 2 {
						continue
					}
					kb, _ := strconv.ParseUint(f[1], 10, 64)
					switch f[0] {
					case "RssAnon:":
						p.anon = max(p.anon, kb<<10)
					case "RssFile:":
						p.file = max(p.file, kb<<10)
					}
				}
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() peaks { close(done); wg.Wait(); return p }
}

// cpuSeconds is the process's user and system CPU time so far.
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

func loadEmpty(b *testing.B, path string, n int) {
	ctx := context.Background()
	var disk int64
	var peak peaks
	var cpu float64
	for b.Loop() {
		b.StopTimer()
		dir := b.TempDir()
		s, err := store.Open(store.DefaultOptions(filepath.Join(dir, "db")).WithTempDir(dir))
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		stop := memPeaks()
		cpu0 := cpuSeconds()
		b.StartTimer()
		res, err := s.ImportFile(ctx, path, store.ImportOptions{})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		cpu += cpuSeconds() - cpu0
		p := stop()
		peak = peaks{max(peak.heap, p.heap), max(peak.anon, p.anon), max(peak.file, p.file)}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		disk = dirSize(filepath.Join(dir, "db"))
		if n > 0 && res.Read != n {
			b.Fatalf("read %d quads, want %d", res.Read, n)
		}
		n = res.Read
		b.StartTimer()
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "quads/s")
	b.ReportMetric(float64(disk)/(1<<20), "disk-MB")
	b.ReportMetric(float64(peak.heap)/(1<<20), "peak-heap-MB")
	b.ReportMetric(maxRSSMB(), "maxrss-MB")
	if peak.anon > 0 {
		b.ReportMetric(float64(peak.anon)/(1<<20), "peak-anon-MB")
		b.ReportMetric(float64(peak.file)/(1<<20), "peak-file-MB")
	}
	b.ReportMetric(cpu/float64(b.N), "cpu-s")
}

// BenchmarkLoadEmpty: bulk load of the synthetic file into an empty store
// (the StreamWriter path).
func BenchmarkLoadEmpty(b *testing.B) {
	loadEmpty(b, synthFile(b, *benchQuads), *benchQuads)
}

// BenchmarkLoadMovies: the real 30k-movie N-Quads, when ../shared is
// present.
func BenchmarkLoadMovies(b *testing.B) {
	if _, err := os.Stat(*moviesPath); err != nil {
		b.Skip("movies data absent")
	}
	loadEmpty(b, *moviesPath, 0)
}

// BenchmarkLoadNonEmpty: the same kind of load into a store that already
// holds quads (the transaction path). A fifth of the benchmark size keeps
// it short; rates are per quad.
func BenchmarkLoadNonEmpty(b *testing.B) {
	n := *benchQuads / 5
	path := synthFile(b, n)
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		s, err := store.Open(store.DefaultOptions(b.TempDir()))
		if err != nil {
			b.Fatal(err)
		}
		if err := s.Add(ctx, quad.MakeIRI("seed", "p", "o", "")); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := s.ImportFile(ctx, path, store.ImportOptions{}); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "quads/s")
}

// BenchmarkBadgerWriteBatch is the floor for the transaction path: raw
// Badger writing, with WriteBatch, the keys kg writes for a fifth of the
// benchmark size (four 33-byte index keys a quad and a document link).
// quads/s counts five keys as one quad.
func BenchmarkBadgerWriteBatch(b *testing.B) {
	n := *benchQuads / 5
	const keysPerQuad = 5
	r := rand.New(rand.NewPCG(1, 1))
	for b.Loop() {
		b.StopTimer()
		db, err := badger.Open(badger.DefaultOptions(b.TempDir()).WithLogger(nil))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		wb := db.NewWriteBatch()
		key := make([]byte, 33)
		for i := 0; i < n*keysPerQuad; i++ {
			key[0] = byte(0x10 + i%keysPerQuad)
			for j := 0; j < 4; j++ {
				binary.BigEndian.PutUint64(key[1+8*j:], r.Uint64()%uint64(n))
			}
			if err := wb.Set(slices.Clone(key), nil); err != nil {
				b.Fatal(err)
			}
		}
		if err := wb.Flush(); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "quads/s")
}

// TestMain removes the store the lookup benchmarks shared.
func TestMain(m *testing.M) {
	code := m.Run()
	if matchStore != nil {
		matchStore.Close()
		os.RemoveAll(matchDir)
	}
	os.Exit(code)
}

var (
	matchDir   string
	matchOnce  sync.Once
	matchStore *store.Store
	matchQuads []quad.Quad
	matchErr   error
)

// loadedStore is the synthetic store shared by the lookup benchmarks, with
// a sample of its quads to draw bound values from.
func loadedStore(b *testing.B) (*store.Store, []quad.Quad) {
	matchOnce.Do(func() {
		path := synthFile(b, *benchQuads)
		dir, err := os.MkdirTemp("", "kg-bench-*")
		if err != nil {
			matchErr = err
			return
		}
		matchDir = dir
		matchStore, matchErr = store.Open(store.DefaultOptions(dir))
		if matchErr != nil {
			return
		}
		if _, matchErr = matchStore.ImportFile(context.Background(), path, store.ImportOptions{}); matchErr != nil {
			return
		}
		// Lookups are measured in the steady state of a long-running
		// process: with the dictionary cache filled, as it is once a
		// background warm-up has run (kg query as a whole process, cold,
		// is in the questions section).
		if matchErr = matchStore.Warm(context.Background()); matchErr != nil {
			return
		}
		matchQuads, matchErr = synth.Sample(path, 97)
	})
	if matchErr != nil {
		b.Fatal(matchErr)
	}
	return matchStore, matchQuads
}

// BenchmarkMatch measures single-pattern lookups that return at most 100
// results, with values drawn from the data, and reports p50 and p99.
func BenchmarkMatch(b *testing.B) {
	s, sample := loadedStore(b)
	shapes := []struct {
		name string
		mk   func(q quad.Quad) store.Pattern
	}{
		{"s??", func(q quad.Quad) store.Pattern { return store.Pattern{Subject: q.Subject} }},
		{"?p?", func(q quad.Quad) store.Pattern { return store.Pattern{Predicate: q.Predicate} }},
		{"??o", func(q quad.Quad) store.Pattern { return store.Pattern{Object: q.Object} }},
		{"sp?", func(q quad.Quad) store.Pattern { return store.Pattern{Subject: q.Subject, Predicate: q.Predicate} }},
		{"doc", func(q quad.Quad) store.Pattern { return store.Pattern{Label: q.Label} }},
	}
	ctx := context.Background()
	for _, sh := range shapes {
		b.Run(sh.name, func(b *testing.B) {
			r := rand.New(rand.NewPCG(2, 2))
			var lat []time.Duration
			cpu0 := processCPU()
			for b.Loop() {
				p := sh.mk(sample[r.IntN(len(sample))])
				t0 := time.Now()
				n := 0
				for _, err := range s.Match(ctx, p) {
					if err != nil {
						b.Fatal(err)
					}
					if n++; n == 100 {
						break
					}
				}
				lat = append(lat, time.Since(t0))
			}
			cpu := processCPU() - cpu0
			slices.Sort(lat)
			b.ReportMetric(float64(cpu.Nanoseconds())/1e3/float64(len(lat)), "cpu-µs/op")
			b.ReportMetric(float64(lat[len(lat)/2].Nanoseconds())/1e3, "p50-µs")
			b.ReportMetric(float64(lat[len(lat)*99/100].Nanoseconds())/1e3, "p99-µs")
		})
	}
}

// processCPU is the CPU time of the process so far, the lookups' and
// what they cause (the garbage collector's, Badger's). On a busy machine
// it is steadier than wall time, which includes waiting for a core.
func processCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

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
