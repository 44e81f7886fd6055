package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// cacheCounts runs the command with -v -json and the cache in cacheDir,
// and returns its JSON and how many packages it replayed and analyzed.
func cacheCounts(t *testing.T, dir, cacheDir string, args ...string) (out string, replayed, analyzed int) {
	t.Helper()
	args = append([]string{"-cache", cacheDir, "-v", "-json"}, append(args, "./...")...)
	stdout, stderr, code := runTool(t, dir, args...)
	if code == exitError {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	m := regexp.MustCompile(`results cache: (\d+) packages replayed, (\d+) analyzed`).FindStringSubmatch(stderr)
	if m == nil {
		t.Fatalf("no results cache line in:\n%s", stderr)
	}
	replayed, _ = strconv.Atoi(m[1])
	analyzed, _ = strconv.Atoi(m[2])
	return stdout, replayed, analyzed
}

// TestResultsCache: a second run on an unchanged tree replays every root
// (analyzing nothing) and reports exactly what the first (and a run
// without the cache) reported; a change to one file re-analyzes that package and the
// packages that depend on it, and only those; another configuration
// shares nothing.
func TestResultsCache(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "demo")
	if err := os.CopyFS(dir, os.DirFS(testdata("demo"))); err != nil {
		t.Fatal(err)
	}
	cacheDir := filepath.Join(t.TempDir(), "cache")
	uncached, _, _ := runTool(t, dir, "-cache", "off", "-json", "./...")

	first, replayed, analyzed := cacheCounts(t, dir, cacheDir)
	if replayed != 0 || analyzed == 0 {
		t.Fatalf("first run: %d replayed, %d analyzed", replayed, analyzed)
	}
	total := analyzed
	second, replayed, analyzed := cacheCounts(t, dir, cacheDir)
	roots := strings.Count(strings.TrimSpace(mustGo(t, dir, "list", "./...")), "\n") + 1
	if replayed != roots || analyzed != 0 {
		// The roots are replayed whole; their dependencies are not
		// even type-checked.
		t.Errorf("unchanged tree: %d replayed, %d analyzed; want %d, 0", replayed, analyzed, roots)
	}
	if first != uncached || second != uncached {
		t.Errorf("with the cache the report differs:\nwithout:\n%s\nfirst:\n%s\nsecond:\n%s", uncached, first, second)
	}

	// The packages of the module that depend on internal/auth, itself
	// included: those a change to it must re-analyze.
	list := mustGo(t, dir, "list", "-f", `{{.ImportPath}} {{join .Deps " "}}`, "./...")
	const changed = "example.com/demo/internal/auth"
	var dependents []string
	for _, line := range strings.Split(strings.TrimSpace(list), "\n") {
		fields := strings.Fields(line)
		if fields[0] == changed || slices.Contains(fields[1:], changed) {
			dependents = append(dependents, fields[0])
		}
	}
	if len(dependents) < 2 || len(dependents) >= total {
		t.Fatalf("the demo no longer fits the test: %d dependents of %s among %d packages", len(dependents), changed, total)
	}
	file := filepath.Join(dir, "internal", "auth", "middleware.go")
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, append(src, "\n// A comment changes the file, not the findings.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	third, replayed, analyzed := cacheCounts(t, dir, cacheDir)
	if analyzed != len(dependents) || replayed == 0 {
		t.Errorf("after changing %s: %d replayed, %d analyzed; want %d analyzed (%s)", changed, replayed, analyzed, len(dependents), strings.Join(dependents, ", "))
	}
	if third != uncached {
		t.Errorf("after the change the report differs:\n%s", third)
	}

	// Other settings are another analysis: nothing is shared.
	_, replayed, analyzed = cacheCounts(t, dir, cacheDir, "-tokenforward.headers=X-Tenant-Secret")
	if replayed != 0 || analyzed != total {
		t.Errorf("another configuration: %d replayed, %d analyzed; want 0, %d", replayed, analyzed, total)
	}
}

// TestResultsCacheCrossModule: on a module whose findings need facts of
// real third-party dependencies, a replayed run reports what an uncached
// one does, in every output format.
func TestResultsCacheCrossModule(t *testing.T) {
	dir := testdata("e2e", "frameworks")
	cacheDir := filepath.Join(t.TempDir(), "cache")
	for _, format := range []string{"json", "sarif", "text"} {
		uncached, _, _ := runTool(t, dir, "-cache", "off", "-format", format, "./...")
		for run := 1; run <= 2; run++ {
			got, _, _ := runTool(t, dir, "-cache", cacheDir, "-format", format, "./...")
			if got != uncached {
				t.Errorf("%s, run %d with the cache:\n%s\nwithout:\n%s", format, run, got, uncached)
			}
		}
	}
	_, replayed, analyzed := cacheCounts(t, dir, cacheDir)
	if replayed == 0 || analyzed != 0 {
		t.Errorf("third run: %d replayed, %d analyzed", replayed, analyzed)
	}
	if _, err := os.Stat(filepath.Join(cacheDir, "trimmed")); err != nil {
		t.Errorf("the cache was never trimmed: %v", err)
	}
}

// mustGo runs the go command in dir and returns its output.
func mustGo(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go %s: %v", strings.Join(args, " "), err)
	}
	return string(out)
}
