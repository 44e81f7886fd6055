package tokenforward_test

import (
	"testing"

	"github.com/passthroughlint/passthrough/passes/config"
	"github.com/passthroughlint/passthrough/passes/internal/replaced"
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

// TestConfiguredHeader adds X-Tenant-Secret as a credential header, as
// the configuration's headers key does, next to the default list.
func TestConfiguredHeader(t *testing.T) {
	a := tokenforward.New(&config.Config{Headers: []string{"X-Tenant-Secret"}})
	analysistest.Run(t, analysistest.TestData(), a, "example.com/apikey")
}

// TestDefaultHeadersOff switches the default list of credential headers
// off (default-headers: false).
func TestDefaultHeadersOff(t *testing.T) {
	off := false
	a := tokenforward.New(&config.Config{DefaultHeaders: &off})
	analysistest.Run(t, analysistest.TestData(), a, "example.com/nodefaults")
}

// TestModels: a library described in the configuration's schema, as the
// built-in models are: a request-scoped store by key, a name-guarded
// source and sink, a field sink, a type that is a received request given
// to a registered callback, and a model that does not apply inside the
// library it describes.
func TestModels(t *testing.T) {
	zero := 0
	cfg := &config.Config{
		Sources:      []config.Source{{Function: "(*example.com/web.Ctx).Header", Header: &zero, Library: "example.com/web"}},
		Sinks:        []config.Sink{{Function: "(*example.com/web.Client).SetHeader", Argument: 1, Header: &zero, Library: "example.com/web"}},
		FieldSinks:   []config.FieldSink{{Field: "example.com/web.Client.Token", Library: "example.com/web"}},
		Stores:       []config.Store{{Set: "(*example.com/web.Ctx).Set", Get: []string{"(*example.com/web.Ctx).Get", "(*example.com/web.Ctx).GetString"}, Value: 1}},
		RequestTypes: []config.RequestType{{Type: "example.com/web.Raw", Is: "headers"}},
		Handlers:     []config.Handler{{Function: "example.com/web.Handle", Argument: 1, Param: 1, Is: "headers"}},
	}
	analysistest.Run(t, analysistest.TestData(), tokenforward.New(cfg), "example.com/webapp")
}

// TestReplaced: a credential header the function replaced with the
// server's own value (or deleted) before reading it is not the client's;
// a re-formatted client token, a replacement on some paths only, a read
// before the replacement and a replacement of another header or request
// are still reported.
func TestReplaced(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), tokenforward.Analyzer, "example.com/replaced")
}

// TestWrappers: functions that read or write the header their caller
// names are judged at each call by the name passed.
func TestWrappers(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), tokenforward.Analyzer, "example.com/wrappers")
}

// TestConfiguredByFlags sets the same configuration as go vet users do,
// with the analyzer's flags: a source and a sink.
func TestConfiguredByFlags(t *testing.T) {
	a := tokenforward.New(new(config.Config))
	for flag, value := range map[string]string{
		"sources": "example.com/configured.sessionToken:0",
		"sinks":   "(*example.com/configured.Client).SetCredential:0",
	} {
		if err := a.Flags.Set(flag, value); err != nil {
			t.Fatal(err)
		}
	}
	analysistest.Run(t, analysistest.TestData(), a, "example.com/configured")
}

func TestBadFlagValues(t *testing.T) {
	for _, v := range []string{"notafunc:0", "example.com/x.F:first", "example.com/x.F:-1"} {
		if err := tokenforward.Analyzer.Flags.Set("sinks", v); err == nil {
			t.Errorf("-tokenforward.sinks=%s accepted", v)
		}
	}
}

// TestReach covers the flows real MCP servers are written with: calls
// through interfaces, url.Userinfo, context keys from a constant list,
// channels, a token in an upstream URL, and a middleware and a client
// package that meet only in the package that wires them.
func TestReach(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), tokenforward.Analyzer, "example.com/reach", "example.com/reach/holder", "example.com/reach/leaker", "example.com/reach/app")
}

// TestMiddleware: a credential the server replaced with its own before
// the read (a middleware in front of every registration of the handler,
// a helper called first, in this package or another) is not the
// client's; a replacement missing on some registration, after the
// handler, on some paths, or re-formatting the client's token is no
// replacement. The replaced analyzer's facts are checked too.
func TestMiddleware(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), tokenforward.Analyzer, "example.com/middleware", "example.com/mwapp")
	analysistest.Run(t, analysistest.TestData(), replaced.Analyzer, "example.com/mwlib")
}

// TestRouterJoin: handlers of one package registered by a second behind
// middleware of a third, which the handlers' package does not import.
// The read is decided where the handler is registered or called: behind
// a replacing middleware on every registration it is the server's key;
// a bare registration, or a middleware that re-formats the client's
// token, is reported there.
func TestRouterJoin(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), tokenforward.Analyzer, "example.com/routerjoin/...")
}
