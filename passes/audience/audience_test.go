package audience_test

import (
	"testing"

	"github.com/passthroughlint/passthrough/passes/audience"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestGolangJWTv5(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), audience.Analyzer, "example.com/jwtv5")
}

func TestGolangJWTv4(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), audience.Analyzer, "example.com/jwtv4")
}

func TestOIDC(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), audience.Analyzer, "example.com/oidcuse")
}

func TestJWX(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), audience.Analyzer, "example.com/jwxuse")
}

func TestVerifiers(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), audience.Analyzer, "example.com/verifiers")
}

func TestGoJose(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), audience.Analyzer, "example.com/joseuse")
}

// TestFixes: jwt.WithAudience(<name>) is added when exactly one constant or
// variable named like an audience is in scope, and not otherwise.
func TestFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), audience.Analyzer, "example.com/audfix", "example.com/audfix2")
}
