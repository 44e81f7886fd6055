package tokenforward_test

import (
	"testing"

	"github.com/passthroughlint/passthrough/passes/tokenforward"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestSources(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), tokenforward.Analyzer, "example.com/sources")
}
