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

func TestProxies(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), headerforward.Analyzer, "example.com/proxies")
}

func TestNegatives(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), headerforward.Analyzer, "example.com/negatives")
}

func TestSDKProxy(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), headerforward.Analyzer, "example.com/sdkproxy")
}

func TestCarriers(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), headerforward.Analyzer, "example.com/carriers")
}
