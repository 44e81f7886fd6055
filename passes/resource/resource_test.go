package resource_test

import (
	"testing"

	"github.com/passthroughlint/passthrough/passes/config"

	"github.com/passthroughlint/passthrough/passes/resource"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestClients(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), resource.Analyzer, "example.com/clients")
}

// TestTwoConfigs: an exchange meets the authorization URLs of its own
// config (a variable, a field), not those of another.
func TestTwoConfigs(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), resource.Analyzer, "example.com/twoconfigs")
}

// TestCrossPackage: a flow in one package, the transport in another; the
// finding is at the hand-over, naming the flow.
func TestCrossPackage(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), resource.Analyzer, "example.com/tokenapp")
}

// TestFix: the suggested fix adds the server's URL to each request that
// lacks it, under the file's name for oauth2, only when the URL can be
// named there.
func TestFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), resource.Analyzer, "example.com/resfix")
}

// TestConfigured: flows and transports named in the configuration, with
// and without an option list.
func TestConfigured(t *testing.T) {
	opts := 1 // the option list, after ctx
	cfg := &config.Config{
		OAuthFlows: []config.OAuthFlow{
			{Function: "(*example.com/customflow.Authenticator).Login", Result: 0, Options: &opts},
			{Function: "example.com/customflow.Device", Result: 0},
		},
		MCPTransports: []config.MCPTransport{
			{Function: "example.com/customflow.Dial", Argument: 1},
			{Field: "example.com/customflow.Transport.Client"},
		},
	}
	analysistest.Run(t, analysistest.TestData(), resource.New(cfg), "example.com/customflow")
}

// TestLimit: an option found deeper than the walk goes is taken to be
// there, and the run says so at the call.
func TestLimit(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), resource.Analyzer, "example.com/deepopts")
}
