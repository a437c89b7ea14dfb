package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// run executes kg with args and returns stdout, stderr and the exit code.
func run(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	err := Run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	if err != nil {
		errb.WriteString(err.Error())
	}
	return out.String(), errb.String(), ExitCode(err)
}

const sample = `<a> <knows> <b> <d1#0> .
<b> <knows> <c> <d1#1> .
<c> <name> "Cee" .
<a> <knows> <b> <d2#0> .
`

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func statsJSON(t *testing.T, db string) map[string]int {
	t.Helper()
	out, errs, code := run(t, "", "--db", db, "stats", "--json")
	if code != 0 {
		t.Fatalf("stats: %d %s", code, errs)
	}
	var m map[string]int
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatalf("stats --json printed %q: %v", out, err)
	}
	return m
}

func TestImportStatsExport(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kg.db")
	file := writeFile(t, "sample.nq", sample)
	if _, errs, code := run(t, "", "--db", db, "import", file); code != 0 {
		t.Fatalf("import: %d %s", code, errs)
	}
	want := map[string]int{"quads": 4, "nodes": 4, "predicates": 2, "documents": 2}
	if got := statsJSON(t, db); !mapsEqual(got, want) {
		t.Fatalf("stats = %v, want %v", got, want)
	}
	out, _, code := run(t, "", "--db", db, "export", "--format", "nquads")
	if code != 0 {
		t.Fatal("export failed")
	}
	if got, want := sortLines(out), sortLines(sample); got != want {
		t.Fatalf("export:\n%s\nwant\n%s", got, want)
	}
	// Export to a gzipped file, then import it into a new database from
	// standard input and from the file: the same sorted N-Quads.
	gz := filepath.Join(t.TempDir(), "all.nq.gz")
	if _, errs, code := run(t, "", "--db", db, "export", "-o", gz); code != 0 {
		t.Fatalf("export -o: %s", errs)
	}
	db2 := filepath.Join(t.TempDir(), "kg2.db")
	if _, errs, code := run(t, "", "--db", db2, "import", gz); code != 0 {
		t.Fatalf("import gz: %s", errs)
	}
	db3 := filepath.Join(t.TempDir(), "kg3.db")
	if _, errs, code := run(t, out, "--db", db3, "import", "-"); code != 0 {
		t.Fatalf("import -: %s", errs)
	}
	for _, d := range []string{db2, db3} {
		again, _, _ := run(t, "", "--db", d, "export")
		if sortLines(again) != sortLines(out) {
			t.Fatalf("%s after round trip:\n%s", d, again)
		}
	}
}

// TestCompactKeepsFacts: kg compact on a database written by transactions
// packs its indexes, and stats and export are unchanged.
func TestCompactKeepsFacts(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kg.db")
	var lines strings.Builder
	for i := range 200 {
		fmt.Fprintf(&lines, "<e%d> <knows> <e%d> <d%d#0> .\n", i, (i*7+1)%200, i%5)
	}
	// into a non-empty database, so that the quads are written one key each
	first := writeFile(t, "first.nq", "<x> <is> <y> .\n")
	rest := writeFile(t, "rest.nq", lines.String())
	for _, f := range []string{first, rest} {
		if _, errs, code := run(t, "", "--db", db, "import", f); code != 0 {
			t.Fatalf("import %s: %s", f, errs)
		}
	}
	before := statsJSON(t, db)
	export, _, _ := run(t, "", "--db", db, "export", "--format", "nquads")
	_, errs, code := run(t, "", "--db", db, "compact")
	if code != 0 || !strings.Contains(errs, "into") {
		t.Fatalf("compact: %d %q", code, errs)
	}
	var packed, chunks int
	if _, err := fmt.Sscanf(errs, "kg: packed %d index entries into %d chunks", &packed, &chunks); err != nil || packed < 4*190 || chunks == 0 {
		t.Fatalf("compact said %q (%v)", errs, err)
	}
	if got := statsJSON(t, db); !mapsEqual(got, before) {
		t.Fatalf("stats after compact = %v, want %v", got, before)
	}
	again, _, _ := run(t, "", "--db", db, "export", "--format", "nquads")
	if sortLines(again) != sortLines(export) {
		t.Fatal("export differs after compact")
	}
	if _, _, code := run(t, "", "--db", db, "compact", "extra"); code != 2 {
		t.Fatalf("compact with an argument: exit %d, want 2", code)
	}
}

func TestImportMalformedLeavesDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kg.db")
	if _, errs, code := run(t, "", "--db", db, "import", writeFile(t, "ok.nq", sample)); code != 0 {
		t.Fatal(errs)
	}
	before, _, _ := run(t, "", "--db", db, "export")
	bad := writeFile(t, "bad.nq", "<x> <p> <y> .\n<x> <p> oops .\n<x> <p> <z> .\n")
	_, errs, code := run(t, "", "--db", db, "import", bad)
	if code != ExitFailure || !strings.Contains(errs, bad+":2: ") {
		t.Fatalf("import of a bad file: exit %d, stderr %q; want exit 1 naming %s:2", code, errs, bad)
	}
	if after, _, _ := run(t, "", "--db", db, "export"); after != before {
		t.Fatalf("database changed by a failed import:\n%s", after)
	}
	_, errs, code = run(t, "", "--db", db, "import", "--skip-bad", bad)
	if code != 0 || !strings.Contains(errs, "1 bad lines skipped") || !strings.Contains(errs, bad+":2") {
		t.Fatalf("--skip-bad: exit %d, stderr %q", code, errs)
	}
	if got := statsJSON(t, db)["quads"]; got != 6 {
		t.Fatalf("after --skip-bad: %d quads, want 6", got)
	}
}

func TestUsageAndFailureExitCodes(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kg.db")
	tests := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"nonsense"}, ExitUsage, "unknown command"},
		{[]string{"--db", db, "import"}, ExitUsage, "one or more files"},
		{[]string{"--db", db, "stats", "--bogus"}, ExitUsage, "unknown flag"},
		{[]string{"--db", db, "export", "--format", "xml"}, ExitUsage, "unknown export format"},
		{[]string{"--db", db, "import", "/no/such/file.nq"}, ExitFailure, "/no/such/file.nq"},
		{[]string{"--db", t.TempDir(), "stats"}, ExitOK, ""}, // an empty directory becomes a database
		{[]string{"--db", filepath.Dir(writeFile(t, "x.txt", "x")), "stats"}, ExitFailure, "not a kg database"},
		{[]string{"version"}, ExitOK, ""},
	}
	for _, tt := range tests {
		_, errs, code := run(t, "", tt.args...)
		if code != tt.code || !strings.Contains(errs, tt.msg) {
			t.Errorf("kg %v: exit %d, stderr %q; want exit %d with %q", tt.args, code, errs, tt.code, tt.msg)
		}
	}
}

func TestDBFromEnvironment(t *testing.T) {
	db := filepath.Join(t.TempDir(), "env.db")
	t.Setenv("KG_DB", db)
	if _, errs, code := run(t, sample, "import", "-"); code != 0 {
		t.Fatal(errs)
	}
	if _, err := os.Stat(filepath.Join(db, "KG_FORMAT")); err != nil {
		t.Fatalf("$KG_DB not used: %v", err)
	}
}

func sortLines(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

func mapsEqual(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestProgressOnTerminalOnly runs kg under a pseudo-terminal (script(1))
// and on a pipe: the progress bar shows on the terminal only.
func TestProgressOnTerminalOnly(t *testing.T) {
	if testing.Short() {
		t.Skip("builds kg")
	}
	script, err := exec.LookPath("script")
	if err != nil {
		t.Skip("script(1) is not installed")
	}
	dir := t.TempDir()
	kgBin := filepath.Join(dir, "kg")
	if out, err := exec.Command("go", "build", "-o", kgBin, "../../cmd/kg").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	var lines strings.Builder
	for i := 0; i < 60000; i++ {
		fmt.Fprintf(&lines, "<s%d> <p> <o%d> .\n", i%977, i)
	}
	data := writeFile(t, "big.nq", lines.String())
	// On a terminal.
	cmd := exec.Command(script, "-qefc", kgBin+" --db "+filepath.Join(dir, "a.db")+" import "+data, "/dev/null")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("under a pty: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "importing") || !strings.Contains(string(out), "imported") {
		t.Fatalf("no progress bar on a terminal:\n%q", out)
	}
	// On a pipe: only the one-line summary.
	cmd = exec.Command(kgBin, "--db", filepath.Join(dir, "b.db"), "import", data)
	out, err = cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("on a pipe: %v\n%s", err, out)
	}
	if strings.Contains(string(out), "importing") || strings.Count(strings.TrimSpace(string(out)), "\n") != 0 {
		t.Fatalf("on a pipe kg printed more than its summary:\n%q", out)
	}
}

// TestExportPictureWithoutGraphviz: without dot on PATH, -o x.svg writes
// x.dot instead and says how to render it.
func TestExportPictureWithoutGraphviz(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kg.db")
	if _, errs, code := run(t, "", "--db", db, "import", writeFile(t, "s.nq", sample)); code != 0 {
		t.Fatal(errs)
	}
	t.Setenv("PATH", t.TempDir()) // no dot here
	out := filepath.Join(t.TempDir(), "graph.svg")
	_, errs, code := run(t, "", "--db", db, "export", "--format", "dot", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	dotFile := strings.TrimSuffix(out, ".svg") + ".dot"
	b, err := os.ReadFile(dotFile)
	if err != nil || !strings.Contains(string(b), "digraph") {
		t.Fatalf("no DOT file written: %v", err)
	}
	if _, err := os.Stat(out); err == nil {
		t.Fatal("an SVG appeared without Graphviz")
	}
	if !strings.Contains(errs, "not installed") || !strings.Contains(errs, "dot -Tsvg "+dotFile+" -o "+out) {
		t.Fatalf("stderr does not say how to render: %q", errs)
	}
}
