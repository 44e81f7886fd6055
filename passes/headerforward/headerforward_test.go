package headerforward_test

import (
	"testing"

	"github.com/passthroughlint/passthrough/passes/headerforward"
	"golang.org/x/tools/go/analysis/analysistest"
)

// Each package's .golden files hold the source after the suggested fixes.

func TestCopies(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), headerforward.Analyzer, "example.com/copies")
}
