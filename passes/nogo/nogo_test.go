package nogo_test

import (
	"path/filepath"
	"testing"

	"github.com/passthroughlint/passthrough/passes/config"
	"github.com/passthroughlint/passthrough/passes/nogo/audience"
	"github.com/passthroughlint/passthrough/passes/nogo/headerforward"
	"github.com/passthroughlint/passthrough/passes/nogo/resource"
	"github.com/passthroughlint/passthrough/passes/nogo/tokenforward"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestOnePackagePerAnalyzer: each package exports the suite's analyzer of
// its name, all four from one suite (one flag set, as go vet has them).
func TestOnePackagePerAnalyzer(t *testing.T) {
	got := []*analysis.Analyzer{tokenforward.Analyzer, headerforward.Analyzer, audience.Analyzer, resource.Analyzer}
	for i, name := range config.AnalyzerNames {
		if got[i] == nil || got[i].Name != name {
			t.Errorf("package %s exports %v", name, got[i])
		}
		if err := analysis.Validate([]*analysis.Analyzer{got[i]}); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if tokenforward.Analyzer.Flags.Lookup("headers") == nil {
		t.Error("tokenforward's flags (nogo's analyzer_flags) are missing")
	}
}

// TestCrossPackage: the tokenforward cases whose source and sink lie in
// different packages are found through facts, which is how nogo (like go
// vet, whose one-process-per-package run cmd/passthrough's TestVet
// covers) carries what a package learned to its importers.
func TestCrossPackage(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join("..", "tokenforward", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, dir, tokenforward.Analyzer, "example.com/crosspkg/...")
}
