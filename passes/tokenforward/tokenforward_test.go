package tokenforward_test

import (
	"testing"

	"github.com/passthroughlint/passthrough/passes/tokenforward"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestSources(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), tokenforward.Analyzer, "example.com/sources")
}

func TestCarriers(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), tokenforward.Analyzer, "example.com/carriers")
}

func TestCrossPackage(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), tokenforward.Analyzer, "example.com/crosspkg/...")
}

func TestContextKeys(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), tokenforward.Analyzer, "example.com/contextkeys")
}

func TestSinks(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), tokenforward.Analyzer, "example.com/sinks")
}

func TestNegatives(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), tokenforward.Analyzer, "example.com/negatives")
}

func TestMCPSDK(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), tokenforward.Analyzer, "example.com/mcpsdk")
}

// TestConfiguredHeader adds X-Api-Key as a credential header, as
// -tokenforward.headers=X-Api-Key does.
func TestConfiguredHeader(t *testing.T) {
	if err := tokenforward.Analyzer.Flags.Set("headers", "X-Api-Key"); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = tokenforward.Analyzer.Flags.Set("headers", "") }()
	analysistest.Run(t, analysistest.TestData(), tokenforward.Analyzer, "example.com/apikey")
}

// TestConfiguredSourceAndSink adds a source and a sink by configuration.
func TestConfiguredSourceAndSink(t *testing.T) {
	for flag, value := range map[string]string{
		"sources": "example.com/configured.sessionToken:0",
		"sinks":   "(*example.com/configured.Client).SetCredential:0",
	} {
		if err := tokenforward.Analyzer.Flags.Set(flag, value); err != nil {
			t.Fatal(err)
		}
		defer func() { _ = tokenforward.Analyzer.Flags.Set(flag, "") }()
	}
	analysistest.Run(t, analysistest.TestData(), tokenforward.Analyzer, "example.com/configured")
}

func TestBadFlagValues(t *testing.T) {
	for _, v := range []string{"notafunc:0", "example.com/x.F:first", "example.com/x.F:-1"} {
		if err := tokenforward.Analyzer.Flags.Set("sinks", v); err == nil {
			t.Errorf("-tokenforward.sinks=%s accepted", v)
		}
	}
}
