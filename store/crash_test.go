package store

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/cayleygraph/quad"
)

// crashQuads is the deterministic load of the crash test.
func crashQuads(n int) []quad.Quad {
	qs := make([]quad.Quad, n)
	for i := range qs {
		qs[i] = quad.Quad{
			Subject:   quad.IRI(fmt.Sprintf("s%d", i%5003)),
			Predicate: quad.IRI(fmt.Sprintf("p%d", i%17)),
			Object:    quad.String(fmt.Sprintf("object %d", i)),
			Label:     Label(fmt.Sprintf("doc%d", i%101), i%7),
		}
	}
	return qs
}

const crashEnv = "KG_STORE_CRASH_CHILD"

// TestCrashChild is the child process of TestCrashSafety: it loads the
// quads into the store named by the environment and is killed midway.
func TestCrashChild(t *testing.T) {
	spec := os.Getenv(crashEnv)
	if spec == "" {
		t.Skip("run by TestCrashSafety")
	}
	var dir, mode string
	var killAt int
	if _, err := fmt.Sscanf(strings.ReplaceAll(spec, ",", " "), "%s %s %d", &dir, &mode, &killAt); err != nil {
		fmt.Println("bad spec:", spec)
		os.Exit(3)
	}
	streamBatchBytes = 1 << 20 // many small batches, to kill between them
	testHook = func(event string, n int) {
		if n == killAt {
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
			select {}
		}
	}
	s, err := Open(DefaultOptions(dir).WithRunSize(20000))
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(3)
	}
	qs := crashQuads(crashN)
	if mode == "nonempty" {
		qs = qs[crashSeed:]
	}
	w, err := s.NewBulkWriter(context.Background())
	if err != nil {
		os.Exit(3)
	}
	for _, q := range qs {
		if err := w.WriteQuad(q); err != nil {
			os.Exit(3)
		}
	}
	if _, err := w.Commit(); err != nil {
		os.Exit(3)
	}
	fmt.Println("done")
	os.Exit(0)
}

const (
	crashN    = 60000
	crashSeed = 1000 // quads stored before the load on the non-empty path
)

func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	all := crashQuads(crashN)
	want := sortedKeys(all)
	// Where to kill: after the n-th StreamWriter batch of an empty-store
	// load, or the n-th transaction commit of a load into a non-empty store
	// (the first few hold dictionary entries, the later ones quads).
	kills := map[string][]int{"empty": {1, 3, 6}, "nonempty": {2, 10, 18}}
	for _, mode := range []string{"empty", "nonempty"} {
		for _, killAt := range kills[mode] {
			t.Run(fmt.Sprintf("%s/%d", mode, killAt), func(t *testing.T) {
				dir := t.TempDir()
				if mode == "nonempty" {
					s, err := Open(DefaultOptions(dir))
					if err != nil {
						t.Fatal(err)
					}
					if err := s.Add(context.Background(), all[:crashSeed]...); err != nil {
						t.Fatal(err)
					}
					s.Close()
				}
				cmd := exec.Command(exe, "-test.run=^TestCrashChild$")
				cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%s,%s,%d", crashEnv, dir, mode, killAt))
				out, _ := cmd.CombinedOutput()
				ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus)
				if !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
					t.Fatalf("child was not killed at %d: %v\n%s", killAt, cmd.ProcessState, out)
				}

				s := openDir(t, dir)
				for ix := index(0); ix < numIndexes; ix++ {
					checkIndexesAgree(t, s, ix)
				}
				visible := sortedKeys(collect(t, s, Pattern{}))
				for _, k := range visible {
					if _, found := slices.BinarySearch(want, k); !found {
						t.Fatalf("after the kill the store holds a quad never written: %s", k)
					}
				}
				if mode == "nonempty" && len(visible) < crashSeed {
					t.Fatalf("the kill lost quads stored before the load: %d left", len(visible))
				}
				t.Logf("%s: %d of %d quads visible after SIGKILL", mode, len(visible), len(want))
				// Running the load again ends with exactly the expected set.
				bulkLoad(t, s, all)
				if got := sortedKeys(collect(t, s, Pattern{})); !slices.Equal(got, want) {
					t.Fatalf("after re-running the load: %d quads, want %d", len(got), len(want))
				}
				for ix := index(0); ix < numIndexes; ix++ {
					checkIndexesAgree(t, s, ix)
				}
			})
		}
	}
}
