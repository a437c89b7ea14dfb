package graph

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"sync"
	"syscall"
	"testing"
	"text/tabwriter"
	"time"

	"github.com/cayleygraph/quad"
	gonum "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/multi"
	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/path"
	"gonum.org/v1/gonum/graph/simple"
)

// The benchmarks run on a deterministic synthetic store of about 1M facts
// with a power-law degree distribution, and measure each operation beside
// the same operation on gonum's map-based simple.DirectedGraph and
// multi.WeightedDirectedGraph built from the same facts in the same run.
// They are skipped with -short. Print the table with ratios with
//
//	nice go test ./graph -run TestBenchTable -benchtable -timeout 30m

var benchTable = flag.Bool("benchtable", false, "run the 1M-fact benchmarks and print a table with ratios against gonum")

const (
	synthEntities = 120_000
	synthEdges    = 800_000
)

// synthStore makes nEnt entities with a type each, a name for one in three,
// a literal date fact for one in three, and nEdges entity facts whose
// subjects and objects follow Zipf laws over a shuffled entity order, over
// 200 predicates (Zipf too) and 100k sentence labels.
func synthStore(nEnt, nEdges int, seed uint64) *memStore {
	r := rand.New(rand.NewPCG(seed, 1))
	m := newMemStore()
	ent := make([]uint64, nEnt)
	for i := range ent {
		ent[i] = m.id(quad.IRI(fmt.Sprintf("e%d", i)))
	}
	types := []string{"PERSON", "ORG", "LOC", "EVENT", "THING"}
	tp, np, dp := m.id(quad.IRI("type")), m.id(quad.IRI("name")), m.id(quad.IRI("born"))
	tid := make([]uint64, len(types))
	for i, t := range types {
		tid[i] = m.id(quad.IRI(t))
	}
	preds := make([]uint64, 200)
	for i := range preds {
		preds[i] = m.id(quad.IRI(fmt.Sprintf("p%d", i)))
	}
	nLabels := max(nEdges/8, 1)
	labels := make([]uint64, nLabels)
	for i := range labels {
		labels[i] = m.id(quad.IRI(fmt.Sprintf("doc%d#%d", i/20, i%20)))
	}
	for i, e := range ent {
		m.quads = append(m.quads, [4]uint64{e, tp, tid[i%len(types)], labels[i%nLabels]})
		if i%3 == 0 {
			m.quads = append(m.quads, [4]uint64{e, np, m.id(quad.String(fmt.Sprintf("Entity %d", i))), labels[i%nLabels]})
		}
		if i%3 == 1 {
			m.quads = append(m.quads, [4]uint64{e, dp, m.id(quad.TypedString{Value: quad.String(fmt.Sprintf("19%02d", i%100)), Type: "xsd:gYear"}), labels[i%nLabels]})
		}
	}
	perm := r.Perm(nEnt)
	zs := rand.NewZipf(r, 1.3, 8, uint64(nEnt-1))
	zo := rand.NewZipf(r, 1.1, 4, uint64(nEnt-1))
	zp := rand.NewZipf(r, 1.2, 1, uint64(len(preds)-1))
	for i := 0; i < nEdges; i++ {
		var s, o int
		if i < nEnt { // every entity has a line: one giant component
			s, o = perm[i], perm[int(zo.Uint64())]
		} else {
			s, o = perm[int(zs.Uint64())], perm[int(zo.Uint64())]
		}
		m.quads = append(m.quads, [4]uint64{ent[s], preds[zp.Uint64()], ent[o], labels[r.IntN(nLabels)]})
	}
	return m
}

// benchData is the shared input of the 1M-fact benchmarks, made once. The
// gonum baseline graphs are built by each group and dropped after it, so
// that their heap does not slow the garbage collector in other groups.
type benchData struct {
	store   *memStore
	edges   [][2]int64
	snap    *Snapshot
	pairs   [][2]int64 // connected pairs, dense IDs
	small   *Snapshot  // for gonum's Modularize
	encoded []byte     // snap.WriteTo
}

var (
	benchOnce sync.Once
	bench     *benchData
)

func benchInput() *benchData {
	benchOnce.Do(func() {
		d := &benchData{store: synthStore(synthEntities, synthEdges, 42)}
		d.edges = edgeList(d.store)
		s, err := Build(context.Background(), d.store, d.store, nil)
		if err != nil {
			panic(err)
		}
		d.snap = s
		var buf bytes.Buffer
		if _, err := s.WriteTo(&buf); err != nil {
			panic(err)
		}
		d.encoded = buf.Bytes()
		r := rand.New(rand.NewPCG(7, 7))
		for len(d.pairs) < 200 {
			u, v := int64(r.IntN(s.Len())), int64(r.IntN(s.Len()))
			if _, err := s.ShortestPath(s.StoreID(u), s.StoreID(v), PathOptions{}); err == nil && u != v {
				d.pairs = append(d.pairs, [2]int64{u, v})
			}
		}
		small := synthStore(3000, 20000, 9)
		if d.small, err = Build(context.Background(), small, small, nil); err != nil {
			panic(err)
		}
		bench = d
	})
	return bench
}

// edgeList returns the entity-to-entity facts of m, as the default
// BuildOptions choose them; the gonum baselines are built from it, so their
// build times do not include the filtering the snapshot does.
func edgeList(m *memStore) [][2]int64 {
	var out [][2]int64
	for _, q := range m.quads {
		if _, ok := m.vals[q[2]-1].(quad.IRI); !ok {
			continue
		}
		if p := m.vals[q[1]-1]; p == quad.IRI("type") || p == quad.IRI("name") {
			continue
		}
		out = append(out, [2]int64{int64(q[0]), int64(q[2])})
	}
	return out
}

func buildSimple(edges [][2]int64) *simple.DirectedGraph {
	g := simple.NewDirectedGraph()
	for _, e := range edges {
		if e[0] == e[1] {
			continue
		}
		for _, id := range e {
			if g.Node(id) == nil {
				g.AddNode(simple.Node(id))
			}
		}
		g.SetEdge(simple.Edge{F: simple.Node(e[0]), T: simple.Node(e[1])})
	}
	return g
}

func buildMulti(edges [][2]int64) *multi.WeightedDirectedGraph {
	g := multi.NewWeightedDirectedGraph()
	for _, e := range edges {
		for _, id := range e {
			if g.Node(id) == nil {
				g.AddNode(multi.Node(id))
			}
		}
		g.SetWeightedLine(g.NewWeightedLine(multi.Node(e[0]), multi.Node(e[1]), 1))
	}
	return g
}

// heapMB returns the live heap in MB after a GC.
func heapMB() float64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return float64(ms.HeapAlloc) / (1 << 20)
}

var sink any

// cpuTime returns the user and system CPU time of the process so far: on
// a shared, loaded machine it varies less than the wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// benchCase is one measurement; the first case of a group is this
// package's, the others are gonum baselines compared with it.
type benchCase struct {
	group, name string
	metric      string // the metric compared: "ns/op" or a reported one
	f           func(b *testing.B)
}

func buildCases() []benchCase {
	d := benchInput()
	facts := float64(len(d.store.quads)) / 1e6
	mk := func(name string, f func() any) benchCase {
		return benchCase{"build 1M facts", name, "ns/op", func(b *testing.B) {
			sink = nil
			base := heapMB()
			cpu0 := cpuTime()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				sink = nil
				sink = f()
			}
			b.StopTimer()
			b.ReportMetric(float64((cpuTime()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
			b.ReportMetric((heapMB()-base)/facts, "MB/Mfacts")
			sink = nil
		}}
	}
	return []benchCase{
		mk("csr Snapshot", func() any {
			s, err := Build(context.Background(), d.store, d.store, nil)
			if err != nil {
				panic(err)
			}
			return s
		}),
		mk("csr ReadSnapshot (cached form)", func() any {
			s, err := ReadSnapshot(bytes.NewReader(d.encoded), d.store)
			if err != nil {
				panic(err)
			}
			return s
		}),
		mk("gonum simple.DirectedGraph", func() any { return buildSimple(d.edges) }),
		mk("gonum multi.WeightedDirectedGraph", func() any { return buildMulti(d.edges) }),
	}
}

// gonumBFS is a breadth-first shortest path over any gonum graph through its
// From iterators, the way gonum's generic traversals work.
func gonumBFS(g gonum.Graph, u, v int64) []int64 {
	parent := map[int64]int64{u: u}
	q := []int64{u}
	for len(q) > 0 {
		x := q[0]
		q = q[1:]
		if x == v {
			var p []int64
			for ; x != u; x = parent[x] {
				p = append(p, x)
			}
			return append(p, u)
		}
		it := g.From(x)
		for it.Next() {
			y := it.Node().ID()
			if _, ok := parent[y]; !ok {
				parent[y] = x
				q = append(q, y)
			}
		}
	}
	return nil
}

func pathCases() []benchCase {
	d := benchInput()
	s := d.snap
	sg := buildSimple(d.edges)
	mg := buildMulti(d.edges)
	sp := make([][2]int64, len(d.pairs)) // store IDs, the simple graph's node IDs
	for i, p := range d.pairs {
		sp[i] = [2]int64{int64(s.StoreID(p[0])), int64(s.StoreID(p[1]))}
	}
	mk := func(name string, ps [][2]int64, f func(u, v int64) bool) benchCase {
		return benchCase{"shortest path, random connected pairs", name, "p50-ms", func(b *testing.B) {
			dur := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				p := ps[i%len(ps)]
				t0 := time.Now()
				if !f(p[0], p[1]) {
					b.Fatalf("no path %d-%d", p[0], p[1])
				}
				dur = append(dur, time.Since(t0))
			}
			slices.Sort(dur)
			var sum time.Duration
			for _, x := range dur {
				sum += x
			}
			b.ReportMetric(float64(dur[len(dur)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(sum.Microseconds())/1000/float64(len(dur)), "mean-ms")
		}}
	}
	return []benchCase{
		mk("csr ShortestPath (bidirectional BFS)", d.pairs, func(u, v int64) bool {
			_, err := s.ShortestPath(s.StoreID(u), s.StoreID(v), PathOptions{})
			return err == nil
		}),
		mk("generic BFS on csr Undirected", d.pairs, func(u, v int64) bool { return gonumBFS(s.Undirected(), u, v) != nil }),
		mk("generic BFS on gonum simple.DirectedGraph", sp, func(u, v int64) bool { return gonumBFS(gonum.Undirect{G: sg}, u, v) != nil }),
		mk("generic BFS on gonum multi.WeightedDirectedGraph", sp, func(u, v int64) bool { return gonumBFS(gonum.Undirect{G: mg}, u, v) != nil }),
	}
}

func kPathCases() []benchCase {
	d := benchInput()
	s := d.snap
	mk := func(name string, f func(u, v int64) bool) benchCase {
		return benchCase{"3 shortest paths, random connected pairs", name, "ns/op", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				p := d.pairs[i%len(d.pairs)]
				if !f(p[0], p[1]) {
					b.Fatalf("no path %d-%d", p[0], p[1])
				}
			}
		}}
	}
	return []benchCase{
		mk("csr KShortestPaths (Yen, bidirectional BFS)", func(u, v int64) bool {
			_, err := s.KShortestPaths(s.StoreID(u), s.StoreID(v), 3, PathOptions{})
			return err == nil
		}),
		mk("gonum path.YenKShortestPaths on csr Undirected", func(u, v int64) bool {
			return len(path.YenKShortestPaths(unitCost{s.Undirected()}, 3, math.Inf(1), s.Node(u), s.Node(v))) > 0
		}),
	}
}

func rankCases() []benchCase {
	d := benchInput()
	return []benchCase{
		{"rank by degree", "csr DegreeScores", "ns/op", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				sink = d.snap.DegreeScores()
			}
		}},
		{"rank by betweenness (no gonum baseline: exact is O(N·E))", "csr BetweennessScores, 64 sampled sources", "ns/op", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				sink = d.snap.BetweennessScores(DefaultBetweennessSamples, 1)
			}
		}},
	}
}

func pageRankCases() []benchCase {
	d := benchInput()
	mk := func(name string, g gonum.Directed) benchCase {
		return benchCase{"PageRank", name, "ns/op", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				sink = network.PageRankSparse(g, 0.85, 1e-6)
			}
		}}
	}
	return []benchCase{
		{"PageRank", "csr PageRankScores", "ns/op", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				sink = d.snap.PageRankScores(0.85, 1e-6)
			}
		}},
		mk("gonum PageRankSparse on csr Snapshot", d.snap),
		mk("gonum PageRankSparse on simple.DirectedGraph", buildSimple(d.edges)),
		mk("gonum PageRankSparse on multi.WeightedDirectedGraph", buildMulti(d.edges)),
	}
}

func communityCases() []benchCase {
	d := benchInput()
	mk := func(group, name string, s *Snapshot, method CommunityMethod) benchCase {
		return benchCase{group, name, "ns/op", func(b *testing.B) {
			var q float64
			for i := 0; i < b.N; i++ {
				c, err := s.Communities(CommunityOptions{Method: method, MaxGonumNodes: s.Len()})
				if err != nil {
					b.Fatal(err)
				}
				q = c.Modularity
				if s.Len() < 10000 {
					// gonum's own Q of the partition.
					q = community.Q(s.Undirected(), partition(c), 1)
				}
			}
			b.ReportMetric(q, "Q")
			b.ReportMetric(float64(s.Len()), "nodes")
		}}
	}
	small := fmt.Sprintf("communities, %d nodes", d.small.Len())
	return []benchCase{
		mk("communities, 1M facts", "csr Louvain (1M facts)", d.snap, Louvain),
		mk(small, "csr Louvain (small)", d.small, Louvain),
		mk(small, "gonum community.Modularize (small)", d.small, GonumLouvain),
	}
}

func runCases(b *testing.B, cases func() []benchCase) {
	if testing.Short() {
		b.Skip("1M-fact benchmark skipped in -short mode")
	}
	for _, c := range cases() {
		b.Run(c.name, c.f)
	}
}

func BenchmarkBuild(b *testing.B)          { runCases(b, buildCases) }
func BenchmarkShortestPath(b *testing.B)   { runCases(b, pathCases) }
func BenchmarkPageRank(b *testing.B)       { runCases(b, pageRankCases) }
func BenchmarkKShortestPaths(b *testing.B) { runCases(b, kPathCases) }
func BenchmarkRank(b *testing.B)           { runCases(b, rankCases) }
func BenchmarkCommunities(b *testing.B)    { runCases(b, communityCases) }

// median runs c three times, or once if it takes over 2 s, and returns the
// run with the median value of the compared metric.
func median(c benchCase) (testing.BenchmarkResult, float64) {
	value := func(r testing.BenchmarkResult) float64 {
		if c.metric != "ns/op" {
			return r.Extra[c.metric]
		}
		return float64(r.NsPerOp())
	}
	runs := []testing.BenchmarkResult{testing.Benchmark(c.f)}
	if runs[0].NsPerOp() < 2e9 {
		runs = append(runs, testing.Benchmark(c.f), testing.Benchmark(c.f))
	}
	slices.SortFunc(runs, func(a, b testing.BenchmarkResult) int {
		switch va, vb := value(a), value(b); {
		case va < vb:
			return -1
		case va > vb:
			return 1
		}
		return 0
	})
	r := runs[len(runs)/2]
	return r, value(r)
}

// TestBenchTable runs every benchmark case through testing.Benchmark (the
// median of three runs for those under 2 s) and prints one table with the ratio of each gonum baseline to this package's
// figure in the same group. It runs only with -benchtable.
func TestBenchTable(t *testing.T) {
	if !*benchTable {
		t.Skip("run with -benchtable to print the 1M-fact benchmark table")
	}
	if testing.Short() {
		t.Skip("-short")
	}
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(w, "group\timplementation\ttime/op\tcpu/op\tp50\tMB/Mfacts\tQ\tratio to csr\t\n")
	for _, cases := range []func() []benchCase{buildCases, pathCases, kPathCases, pageRankCases, rankCases, communityCases} {
		var ref float64
		group := ""
		for _, c := range cases() {
			fmt.Fprintf(os.Stderr, "measuring %s: %s\n", c.group, c.name)
			res, val := median(c)
			ratio := "1"
			if c.group != group {
				group, ref = c.group, val
			} else if ref > 0 {
				ratio = fmt.Sprintf("%.1fx slower", val/ref)
				if val < ref {
					ratio = fmt.Sprintf("%.2fx", val/ref)
				}
			}
			opt := func(k, f string) string {
				if v, ok := res.Extra[k]; ok {
					return fmt.Sprintf(f, v)
				}
				return "-"
			}
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", c.group, c.name,
				time.Duration(res.NsPerOp()).Round(time.Microsecond), opt("cpu-ms/op", "%.0fms"), opt("p50-ms", "%.3fms"),
				opt("MB/Mfacts", "%.0f"), opt("Q", "%.4f"), ratio)
		}
	}
	w.Flush()
}
