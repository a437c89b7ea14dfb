package synth

import (
	"bytes"
	"strings"
	"testing"

	"github.com/cayleygraph/quad/nquads"
)

func TestDeterministicAndParsable(t *testing.T) {
	var a, b bytes.Buffer
	if err := Write(&a, 5000); err != nil {
		t.Fatal(err)
	}
	Write(&b, 5000)
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two runs differ")
	}
	lines := strings.Split(strings.TrimSpace(a.String()), "\n")
	if len(lines) != 5000 {
		t.Fatalf("%d lines", len(lines))
	}
	subjects := map[string]int{}
	for _, l := range lines {
		q, err := nquads.Parse(l)
		if err != nil {
			t.Fatalf("%q: %v", l, err)
		}
		subjects[q.Subject.String()]++
	}
	// Power law: the top subject has far more facts than the median one.
	top := 0
	for _, n := range subjects {
		top = max(top, n)
	}
	if top < 50 || len(subjects) < 300 {
		t.Fatalf("degrees not skewed: top %d of %d subjects", top, len(subjects))
	}
}
