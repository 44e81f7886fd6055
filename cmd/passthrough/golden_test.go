package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// TestGolden pins the three output formats on the demo server. After an
// intended change, run go test ./cmd/passthrough -run Golden -update and
// review the diff of testdata/golden like any other change.
func TestGolden(t *testing.T) {
	demo, err := filepath.Abs(testdata("demo"))
	if err != nil {
		t.Fatal(err)
	}
	repo, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		file string
		args []string
	}{
		{"demo.txt", []string{"-color=never", "./..."}},
		{"demo.json", []string{"-json", "./..."}},
		{"demo.sarif", []string{"-sarif", "./..."}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			stdout, stderr, code := runTool(t, demo, tc.args...)
			if code != exitFindings {
				t.Fatalf("exit code %d, want %d; stderr:\n%s", code, exitFindings, stderr)
			}
			// Absolute paths depend on where the repository is cloned.
			got := strings.ReplaceAll(stdout, repo, "$REPO")
			if strings.HasSuffix(tc.file, ".json") || strings.HasSuffix(tc.file, ".sarif") {
				if !json.Valid([]byte(got)) {
					t.Fatalf("not JSON:\n%s", got)
				}
			}
			golden := testdata("golden", tc.file)
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("output differs from %s (run with -update to accept):\n%s", golden, lineDiff(string(want), got))
			}
		})
	}
}

// lineDiff shows the first differing line, enough to see what changed.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(w), len(g)); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, a, b)
		}
	}
	return ""
}

// TestFingerprintsSurviveLineShifts: inserting lines above a finding moves
// it but keeps its primaryLocationLineHash, so code scanning keeps tracking
// the same alert.
func TestFingerprintsSurviveLineShifts(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile(testdata("e2e", "broken", "good", "good.go"))
	if err != nil {
		t.Fatal(err)
	}
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module example.com/shift\n\ngo 1.26\n")
	fingerprint := func() (string, int) {
		stdout, stderr, _ := runTool(t, dir, "-sarif", "./...")
		var log sarifLog
		if err := json.Unmarshal([]byte(stdout), &log); err != nil || len(log.Runs) != 1 || len(log.Runs[0].Results) != 1 {
			t.Fatalf("want one result (%v):\n%s\n%s", err, stdout, stderr)
		}
		r := log.Runs[0].Results[0]
		return r.PartialFingerprints["primaryLocationLineHash"], r.Locations[0].PhysicalLocation.Region.StartLine
	}
	write("good.go", string(src))
	before, line := fingerprint()
	write("good.go", strings.Replace(string(src), "import", "// A comment\n// that moves\n// everything down.\n\nimport", 1))
	after, lineAfter := fingerprint()
	if lineAfter != line+4 {
		t.Fatalf("finding moved from line %d to %d, want %d", line, lineAfter, line+4)
	}
	if before != after || before == "" {
		t.Errorf("fingerprint changed with a line shift: %q -> %q", before, after)
	}
}

// TestREADMESample: the sample report in the README is what the command
// prints on the demo (each of its lines is a line of the golden output,
// which TestGolden checks against the command).
func TestREADMESample(t *testing.T) {
	readme := mustRead(t, filepath.Join("..", "..", "README.md"))
	golden := mustRead(t, testdata("golden", "demo.txt"))
	_, rest, ok := strings.Cut(readme, "its first tokenforward finding reads")
	if !ok {
		t.Fatal("the README has no sample report")
	}
	_, rest, _ = strings.Cut(rest, "```\n")
	sample, _, _ := strings.Cut(rest, "```")
	lines := map[string]bool{}
	for _, l := range strings.Split(golden, "\n") {
		lines[l] = true
	}
	n := 0
	for _, l := range strings.Split(strings.TrimSuffix(sample, "\n"), "\n") {
		if l == "..." {
			continue
		}
		n++
		if !lines[l] {
			t.Errorf("README sample line is not in the demo's output:\n%s", l)
		}
	}
	if n < 5 {
		t.Errorf("the README sample has %d lines", n)
	}
}
