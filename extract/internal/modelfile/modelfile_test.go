package modelfile

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestRoundTripAndDeterminism(t *testing.T) {
	raw := []byte(strings.Repeat("kg model bytes, ", 5000) + "end")
	var a, b bytes.Buffer
	for _, buf := range []*bytes.Buffer{&a, &b} {
		w := NewWriter(buf)
		for i := 0; i < len(raw); i += 777 { // chunking must not matter
			w.Write(raw[i:min(i+777, len(raw))])
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) || !bytes.Equal(a.Bytes(), Compress(raw)) {
		t.Fatal("the same content compressed to different bytes")
	}
	got, err := Read(bytes.NewReader(a.Bytes()), 1<<20)
	if err != nil || !bytes.Equal(got, raw) {
		t.Fatalf("Read = %d bytes, %v; want the %d written", len(got), err, len(raw))
	}
}

func TestReadRejects(t *testing.T) {
	raw := bytes.Repeat([]byte("x"), 10_000)
	file := Compress(raw)
	for _, tc := range []struct {
		name string
		data []byte
		max  int64
	}{
		{"not zstd", []byte("\x1f\x8b\x08 a gzip file, say"), 1 << 20},
		{"truncated", file[:len(file)/2], 1 << 20},
		{"content over max", file, 5_000},
		{"file over max", file, int64(len(file) - 1)},
	} {
		if _, err := Read(bytes.NewReader(tc.data), tc.max); err == nil {
			t.Errorf("%s: no error", tc.name)
		} else if tc.name == "not zstd" && !errors.Is(err, ErrFormat) {
			t.Errorf("%s: %v does not wrap ErrFormat", tc.name, err)
		}
	}
}

func FuzzRead(f *testing.F) {
	f.Add(Compress([]byte("hello")))
	f.Add([]byte{})
	f.Add([]byte("\x28\xb5\x2f\xfd garbage"))
	f.Fuzz(func(t *testing.T, data []byte) {
		out, err := Read(bytes.NewReader(data), 1<<16)
		if err == nil && len(out) > 1<<16 {
			t.Fatal(fmt.Sprint("Read returned ", len(out), " bytes over its bound"))
		}
	})
}
