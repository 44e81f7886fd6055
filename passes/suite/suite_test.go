package suite_test

import (
	"fmt"
	"testing"

	"github.com/passthroughlint/passthrough/passes/suite"
	"github.com/passthroughlint/passthrough/passes/suppress"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
)

// withCategory prefixes each message with its category, so that the
// expectations say which kind of diagnostic they are.
func withCategory(a *analysis.Analyzer) *analysis.Analyzer {
	run := a.Run
	b := *a
	b.Run = func(pass *analysis.Pass) (any, error) {
		report := pass.Report
		pass.Report = func(d analysis.Diagnostic) {
			d.Message = fmt.Sprintf("%s: %s", d.Category, d.Message)
			report(d)
		}
		defer func() { pass.Report = report }()
		return run(pass)
	}
	return &b
}

func tokenforward() *analysis.Analyzer {
	for _, a := range suite.Analyzers() {
		if a.Name == "tokenforward" {
			return withCategory(a)
		}
	}
	panic("no tokenforward")
}

func TestDirectives(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), tokenforward(), "example.com/directives")
}

func TestUnusedAndShown(t *testing.T) {
	suppress.ReportUnused, suppress.ShowSuppressed = true, true
	defer func() { suppress.ReportUnused, suppress.ShowSuppressed = false, false }()
	analysistest.Run(t, analysistest.TestData(), tokenforward(), "example.com/unused")
}
