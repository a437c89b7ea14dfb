package cli

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cayleygraph/quad/nquads"

	"github.com/kgraph/kg/extract"
)

const extractSample = " date 2024-03-04 The guards detained the mayor of Kano on Monday. ECOWAS and France condemned the arrest.\n"

func hasParser(t *testing.T) bool {
	a, err := extract.NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	return a.HasParser()
}

func TestExtractFormats(t *testing.T) {
	in := writeFile(t, "story.txt", extractSample)
	out, errs, code := run(t, "", "extract", "--format", "jsonl", in)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	n := 0
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if l == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("bad JSON line %q: %v", l, err)
		}
		for _, k := range []string{"subject", "predicate", "object", "negated", "confidence", "doc", "sentence", "text", "spans", "surface"} {
			if _, ok := m[k]; !ok {
				t.Errorf("JSON line lacks %q: %s", k, l)
			}
		}
		if m["doc"] != "story" || m["date"] != "2024-03-04" {
			t.Errorf("doc/date wrong: %s", l)
		}
		n++
	}
	if hasParser(t) && n == 0 {
		t.Error("no facts extracted")
	}
	out, errs, code = run(t, extractSample, "extract", "--format", "nquads", "-")
	if code != 0 {
		t.Fatalf("nquads exit %d: %s", code, errs)
	}
	r := nquads.NewReader(strings.NewReader(out), false)
	for {
		q, err := r.ReadQuad()
		if err != nil {
			if err.Error() != "EOF" {
				t.Fatalf("output is not N-Quads: %v\n%s", err, out)
			}
			break
		}
		if !strings.HasPrefix(q.Label.String(), "<stdin#") {
			t.Errorf("label %v, want <stdin#N>", q.Label)
		}
	}
	out, _, code = run(t, extractSample, "extract", "--format", "tsv")
	if code != 0 {
		t.Fatalf("tsv exit %d", code)
	}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if l != "" && len(strings.Split(l, "\t")) != 8 {
			t.Errorf("tsv line with %d fields: %q", len(strings.Split(l, "\t")), l)
		}
	}
}

func TestExtractCaRBFormat(t *testing.T) {
	sent := "The rebels seized the town on Monday ."
	out, errs, code := run(t, sent+"\n", "extract", "--format", "carb")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	toks := map[string]bool{}
	for _, w := range strings.Fields(sent) {
		toks[w] = true
	}
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 4 || f[0] != sent {
			t.Fatalf("bad CaRB line %q", sc.Text())
		}
		for _, field := range f[2:] {
			for _, w := range strings.Fields(field) {
				if !toks[w] {
					t.Errorf("token %q not copied from the sentence", w)
				}
			}
		}
	}
}

func TestExtractErrors(t *testing.T) {
	bad := writeFile(t, "bad.txt", "fine \xff not")
	_, errs, code := run(t, "", "extract", bad)
	if code != ExitFailure || !strings.Contains(errs, "bad.txt") || !strings.Contains(errs, "byte 5") {
		t.Errorf("invalid UTF-8: exit %d, %q", code, errs)
	}
	if _, _, code := run(t, "", "extract", "--replace-invalid", bad); code != 0 {
		t.Errorf("--replace-invalid: exit %d", code)
	}
	if _, _, code := run(t, "", "extract", "--format", "xml"); code != ExitUsage {
		t.Errorf("bad format: exit %d, want %d", code, ExitUsage)
	}
	if _, errs, code := run(t, "", "extract", filepath.Join(t.TempDir(), "none.txt")); code != ExitFailure || !strings.Contains(errs, "none.txt") {
		t.Errorf("missing file: exit %d, %q", code, errs)
	}
}

func TestEvalCaRBFixture(t *testing.T) {
	data := filepath.Join("..", "..", "..", "shared", "data")
	pred := filepath.Join(data, "carb", "dev_openie5_pred.tsv")
	if _, err := os.Stat(pred); err != nil {
		t.Skip("CaRB data absent")
	}
	out, errs, code := run(t, "", "eval", "carb", "--data", data, "--pred", pred)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, w := range []string{"CaRB       0.5257  0.4059  0.4581  0.2402", "CaRB(1-1)  0.5257  0.3173  0.3957  0.1862", "OpenIE6"} {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
}
