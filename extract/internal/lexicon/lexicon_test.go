package lexicon

import (
	"bytes"
	"reflect"
	"testing"
)

func TestSaveLoad(t *testing.T) {
	l := New()
	l.Words["run"] = Verb | Noun | Common
	l.Words["paris"] = Noun | Proper
	l.AddException('v', "ran", "run")
	l.AddName("Economic Community of West African States", ORG)
	l.AddName("Niger", LOC)
	l.AddName("Niger", Country)
	l.Demonyms["nigerien"] = "Niger"
	var buf bytes.Buffer
	if err := l.Save(&buf); err != nil {
		t.Fatal(err)
	}
	got, err := Load(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, l) {
		t.Errorf("loaded %+v\nwant %+v", got, l)
	}
	if got.MaxName != 6 {
		t.Errorf("MaxName = %d", got.MaxName)
	}
	if _, err := Load(bytes.NewReader([]byte("not zstd"))); err == nil {
		t.Error("junk loaded")
	}
}

func TestMorph(t *testing.T) {
	l := New()
	l.Words["run"] = Verb | Noun | Common
	l.Words["box"] = Noun | Common
	l.Words["sellers"] = Noun | Proper // a surname: not a common lemma
	l.Words["seller"] = Noun | Common
	l.AddException('v', "ran", "run")
	tests := []struct {
		word string
		pos  byte
		want []string
	}{
		{"ran", 'v', []string{"run"}},
		{"runs", 'v', []string{"run"}},
		{"boxes", 'n', []string{"box"}},
		{"sellers", 'n', []string{"seller"}},
		{"xyz", 'n', nil},
	}
	for _, tt := range tests {
		if got := l.Bases(tt.word, tt.pos); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Bases(%q, %c) = %v, want %v", tt.word, tt.pos, got, tt.want)
		}
	}
	if f := l.Feature("runs"); f != "nv" {
		t.Errorf("Feature(runs) = %q, want nv", f)
	}
	if f := l.Feature("run"); f != "NVC" {
		t.Errorf("Feature(run) = %q, want NVC", f)
	}
}
