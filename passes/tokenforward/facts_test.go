package tokenforward_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/passthroughlint/passthrough/passes/tokenforward"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// TestFactsEncodeDeterministically runs the analyzer on the cross-package
// testdata with the checker's sanity check, which gob-encodes every fact,
// decodes it, and fails if two encodings of the same fact differ.
func TestFactsEncodeDeterministically(t *testing.T) {
	gopath, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	cfg := &packages.Config{
		Mode: packages.LoadAllSyntax,
		Dir:  gopath,
		Env:  append([]string{"GOPATH=" + gopath, "GO111MODULE=off", "GOWORK=off"}, cleanEnv()...),
	}
	pkgs, err := packages.Load(cfg, "example.com/crosspkg/app", "example.com/sinks", "example.com/mcpsdk")
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		t.Fatal("testdata does not load")
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{tokenforward.Analyzer}, pkgs, &checker.Options{SanityCheck: true})
	if err != nil {
		t.Fatal(err)
	}
	findings := 0
	for act := range graph.All() {
		if act.Err != nil {
			t.Errorf("%s: %v", act, act.Err)
		}
		if act.IsRoot {
			findings += len(act.Diagnostics)
		}
	}
	if findings == 0 {
		t.Error("no findings: the testdata was not analyzed")
	}
}

// cleanEnv is the environment without the module settings a GOPATH-mode
// load must not inherit.
func cleanEnv() []string {
	var out []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "GOPATH=") || strings.HasPrefix(kv, "GO111MODULE=") || strings.HasPrefix(kv, "GOFLAGS=") || strings.HasPrefix(kv, "GOWORK=") {
			continue
		}
		out = append(out, kv)
	}
	return out
}
