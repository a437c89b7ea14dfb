package ner

import (
	"errors"
	"strings"
	"testing"
)

func TestSpans(t *testing.T) {
	tests := []struct {
		tags string
		want []Span
	}{
		{"O O", nil},
		{"B-PER I-PER O B-LOC", []Span{{0, 2, "PER"}, {3, 4, "LOC"}}},
		{"I-ORG I-ORG", []Span{{0, 2, "ORG"}}},                // I- without B- starts an entity
		{"B-PER I-LOC", []Span{{0, 1, "PER"}, {1, 2, "LOC"}}}, // type change splits
		{"B-PER B-PER", []Span{{0, 1, "PER"}, {1, 2, "PER"}}}, // two adjacent entities
		{"B-DATE I-DATE I-DATE", []Span{{0, 3, "DATE"}}},
	}
	for _, tt := range tests {
		got := Spans(strings.Fields(tt.tags))
		if len(got) != len(tt.want) {
			t.Errorf("%s: %v, want %v", tt.tags, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%s: %v, want %v", tt.tags, got, tt.want)
			}
		}
	}
}

func TestScore(t *testing.T) {
	var s Score
	s.Add(strings.Fields("B-PER I-PER O B-LOC O"), strings.Fields("B-PER I-PER O B-ORG O"))
	s.Add(strings.Fields("B-ORG O"), strings.Fields("B-ORG O"))
	if s.Gold != 3 || s.Predicted != 3 || s.Correct != 2 {
		t.Fatalf("%+v", s)
	}
	if p := s.P(); p < 0.666 || p > 0.667 {
		t.Errorf("P = %v", p)
	}
	var only Score
	only.Add(strings.Fields("B-PER B-LOC"), strings.Fields("B-PER B-LOC"), "LOC")
	if only.Gold != 1 || only.Correct != 1 {
		t.Errorf("type filter: %+v", only)
	}
}

func TestRules(t *testing.T) {
	tests := []struct{ forms, pos, want string }{
		{"on July 26 , 2023 .", "IN NNP CD , CD .", "O B-DATE I-DATE I-DATE I-DATE O"},
		{"since 1998 , 35 troops", "IN CD , CD NNS", "O B-DATE O B-NUMBER O"},
		{"$ 3 billion", "$ CD CD", "O B-NUMBER I-NUMBER"},
		{"last week and on Friday", "JJ NN CC IN NNP", "B-DATE I-DATE O O B-DATE"},
		{"they may go", "PRP MD VB", "O O O"},
		{"on 2023-07-26", "IN CD", "O B-DATE"},
	}
	for _, tt := range tests {
		forms, pos := strings.Fields(tt.forms), strings.Fields(tt.pos)
		tags := make([]string, len(forms))
		for i := range tags {
			tags[i] = "O"
		}
		Rules(forms, pos, tags)
		if got := strings.Join(tags, " "); got != tt.want {
			t.Errorf("%q: %s, want %s", tt.forms, got, tt.want)
		}
	}
}

func TestRulesKeepEntities(t *testing.T) {
	forms := strings.Fields("Boeing 747 flew")
	tags := []string{"B-ORG", "I-ORG", "O"}
	Rules(forms, strings.Fields("NNP CD VBD"), tags)
	if tags[1] != "I-ORG" {
		t.Errorf("rule overwrote an entity: %v", tags)
	}
}

func TestReadIOB2(t *testing.T) {
	in := "# sent_id = a-1\n1\tAl\tB-ORG\t-\tx\n2\tsaid\tO\n3\tX\tB-OTH\t-\tx\n4\tY\tB-O\n\n"
	ss, err := ReadIOB2(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != 1 || ss[0].ID != "a-1" || strings.Join(ss[0].Tags, " ") != "B-ORG O O O" {
		t.Fatalf("%+v", ss)
	}
	_, err = ReadIOB2(strings.NewReader("\n1\tonly-two\n"))
	if err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("err = %v, want line 2", err)
	}
	if errors.Is(err, ErrFormat) {
		t.Log("ok")
	}
}
