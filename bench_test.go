package kg

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/kgraph/kg/extract"
	"github.com/kgraph/kg/internal/synth"
	"github.com/kgraph/kg/store"
)

// TestMain removes the store the benchmarks shared.
func TestMain(m *testing.M) {
	code := m.Run()
	if bigDir != "" {
		os.RemoveAll(bigDir)
	}
	os.Exit(code)
}

var benchQuads = flag.Int("quads", 1_000_000, "quads in the synthetic benchmark store")

var (
	bigOnce   sync.Once
	bigDir    string
	bigSample []quad.Quad
	bigErr    error
)

// bigStore is a database directory holding the synthetic store, built
// once per process, with a sample of its quads.
func bigStore(b *testing.B) (string, []quad.Quad) {
	bigOnce.Do(func() {
		path, err := synth.File("", *benchQuads)
		if err != nil {
			bigErr = err
			return
		}
		bigDir, bigErr = os.MkdirTemp("", "kg-bench-root-*")
		if bigErr != nil {
			return
		}
		db, err := Open(DefaultOptions(filepath.Join(bigDir, "db")))
		if err != nil {
			bigErr = err
			return
		}
		defer db.Close()
		if _, bigErr = db.ImportFile(context.Background(), path, ImportOptions{}); bigErr != nil {
			return
		}
		bigSample, bigErr = synth.Sample(path, 101)
	})
	if bigErr != nil {
		b.Fatal(bigErr)
	}
	return filepath.Join(bigDir, "db"), bigSample
}

func reportLatency(b *testing.B, lat []time.Duration) {
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Nanoseconds())/1e6, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Nanoseconds())/1e6, "p99-ms")
}

// BenchmarkQuery: a single-pattern kg query ("<s> <p> ?x") on the
// synthetic store, through the whole query path (parse, resolve, match,
// evidence).
func BenchmarkQuery(b *testing.B) {
	dir, sample := bigStore(b)
	db, err := Open(DefaultOptions(dir))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	r := rand.New(rand.NewPCG(5, 5))
	var lat []time.Duration
	ctx := context.Background()
	for b.Loop() {
		q := sample[r.IntN(len(sample))]
		t0 := time.Now()
		if _, err := db.Query(ctx, fmt.Sprintf("%s %s ?x", q.Subject, q.Predicate), QueryOptions{Limit: 100}); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t0))
	}
	reportLatency(b, lat)
}

// BenchmarkAsk: kg ask on the Valdoria corpus (question analysis
// included).
func BenchmarkAsk(b *testing.B) {
	db, err := Open(Options{InMemory: true})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	if _, err := db.Ingest(ctx, nil, []string{"examples/corpus"}, IngestOptions{}); err != nil {
		b.Fatal(err)
	}
	questions := []string{"Who detained Amara?", "What did the Coastal Union condemn?", "Who condemned the coup?", "Who released Amara?"}
	var lat []time.Duration
	i := 0
	for b.Loop() {
		t0 := time.Now()
		if _, err := db.Ask(ctx, questions[i%len(questions)]); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t0))
		i++
	}
	reportLatency(b, lat)
}

// BenchmarkPathCLI: "kg path A B" as a whole process on the synthetic
// store, opening the database and reading the cached snapshot, for random
// pairs; the first, cold run (which builds and caches the snapshot) is
// reported apart.
func BenchmarkPathCLI(b *testing.B) {
	dir, sample := bigStore(b)
	bin := filepath.Join(b.TempDir(), "kg")
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/kg").CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	r := rand.New(rand.NewPCG(6, 6))
	pair := func() (string, string) {
		return sample[r.IntN(len(sample))].Subject.String(), sample[r.IntN(len(sample))].Subject.String()
	}
	os.Remove(filepath.Join(dir, snapshotFile))
	a, c := pair()
	t0 := time.Now()
	exec.Command(bin, "--db", dir, "path", a, c).Run()
	cold := time.Since(t0)
	var lat []time.Duration
	for b.Loop() {
		a, c := pair()
		t0 := time.Now()
		exec.Command(bin, "--db", dir, "path", a, c).Run() // no path is an answer too
		lat = append(lat, time.Since(t0))
	}
	reportLatency(b, lat)
	b.ReportMetric(cold.Seconds(), "cold-s")
}

// BenchmarkIngest: the whole pipeline from text to stored facts, with one
// worker and with one per core, over six copies of the Valdoria corpus.
func BenchmarkIngest(b *testing.B) {
	var docs []extract.Document
	r := extract.NewDocumentReader(nil, []string{"examples/corpus"}, extract.ReadOptions{})
	for {
		d, err := r.Next()
		if err != nil {
			break
		}
		docs = append(docs, d)
	}
	if len(docs) == 0 {
		b.Fatal("no corpus")
	}
	var all []extract.Document
	for i := 0; i < 6; i++ {
		for _, d := range docs {
			d.ID = fmt.Sprintf("%s-%d", d.ID, i)
			all = append(all, d)
		}
	}
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			sentences := 0
			for b.Loop() {
				b.StopTimer()
				db, err := Open(Options{InMemory: true})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := db.extractor(false); err != nil { // load the models outside the timing
					b.Fatal(err)
				}
				b.StartTimer()
				if _, err := db.IngestFrom(context.Background(), &sliceSource{docs: slices.Clone(all)}, IngestOptions{Workers: workers}); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				n, _ := db.Store().Count(context.Background(), store.Pattern{})
				if n == 0 {
					b.Fatal("nothing stored")
				}
				db.Close()
				b.StartTimer()
			}
			for _, d := range all {
				sentences += strings.Count(d.Text, ". ") + strings.Count(d.Text, ".\n") + 1
			}
			b.ReportMetric(float64(sentences)*float64(b.N)/b.Elapsed().Seconds(), "sentences/s")
		})
	}
}

// BenchmarkExport: exporting the synthetic store, all of it, for Dgraph
// (kg.rdf.gz with facets and evidence nodes, the schema) and, as the
// floor, as plain N-Quads (.nq.gz). Reports quads/s of the store read.
func BenchmarkExport(b *testing.B) {
	dir, _ := bigStore(b)
	db, err := Open(DefaultOptions(dir))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	st, err := db.Stats(ctx)
	if err != nil {
		b.Fatal(err)
	}
	out := b.TempDir()
	b.Run("format=dgraph", func(b *testing.B) {
		for b.Loop() {
			if _, err := db.ExportDgraph(ctx, filepath.Join(out, "dgraph")); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(st.Quads)*float64(b.N)/b.Elapsed().Seconds(), "quads/s")
	})
	b.Run("format=nquads", func(b *testing.B) {
		for b.Loop() {
			if _, err := db.ExportNQuadsFile(ctx, filepath.Join(out, "all.nq.gz"), nil); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(st.Quads)*float64(b.N)/b.Elapsed().Seconds(), "quads/s")
	})
}
