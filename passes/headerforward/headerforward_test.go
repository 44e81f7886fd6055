package headerforward_test

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/passthroughlint/passthrough/passes/config"
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

// TestPerName: with X-Tenant-Secret configured, removal is judged per
// header name, and skip lists by what they hold and how they are used.
func TestPerName(t *testing.T) {
	a := headerforward.New(&config.Config{Headers: []string{"X-Tenant-Secret"}})
	analysistest.Run(t, analysistest.TestData(), a, "example.com/pername")
}

// TestModels: a library described in the configuration's schema, as the
// built-in models are: a header-set sink, a named-header sink, a field
// the client sends, a header copy and visitor, request types, and a
// proxy with the removals that make it safe.
func TestModels(t *testing.T) {
	zero := 0
	cfg := &config.Config{
		Sinks: []config.Sink{
			{Function: "(*example.com/webcl.Request).SetHeader", Argument: 1, Header: &zero},
			{Function: "(*example.com/webcl.Headers).SetBytes", Argument: 1, Header: &zero},
		},
		FieldSinks:     []config.FieldSink{{Field: "example.com/webcl.DialOptions.HTTPHeader"}},
		HeaderSinks:    []config.HeaderSink{{Function: "(*example.com/webcl.Request).SetHeaders"}},
		HeaderCopies:   []config.HeaderSink{{Function: "(*example.com/webcl.Headers).CopyTo"}},
		HeaderVisitors: []config.HeaderSink{{Function: "(*example.com/webcl.Headers).VisitAll"}},
		RequestTypes: []config.RequestType{
			{Type: "example.com/webcl.Ctx", Is: "request", Inbound: true},
			{Type: "example.com/webcl.Out", Is: "request"},
			{Type: "example.com/webcl.Headers", Is: "headers"},
		},
		Outbound: []config.Request{{Function: "example.com/webcl.NewOut", Is: "request"}},
		Proxies:  []config.Proxy{{Function: "example.com/webcl.Proxy"}},
	}
	analysistest.Run(t, analysistest.TestData(), headerforward.New(cfg), "example.com/webhf")
}

// TestReplacedCopy: Authorization replaced with the server's own value
// before a copy removes it; re-formatting the client's token does not.
func TestReplacedCopy(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), headerforward.Analyzer, "example.com/replacedcopy", "example.com/replacedmw")
}

// TestFiltered: a fresh header set filled with the inbound headers but
// Authorization, and skip lists consulted through a project's own helper
// (shapes seen in a real gateway).
func TestFiltered(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), headerforward.Analyzer, "example.com/filtered")
}

// TestFixNames: with a credential header configured, the fixes remove it
// along with Authorization (a fix that removed only Authorization would
// leave the finding).
func TestFixNames(t *testing.T) {
	a := headerforward.New(&config.Config{Headers: []string{"x-tenant-secret"}})
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), a, "example.com/fixnames")
}

func TestCarriers(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), headerforward.Analyzer, "example.com/carriers")
}

// TestLineDirectives: in generated code whose //line directives map it to
// lines past its own end (goyacc, ragel), fixes edit the file at its own
// offsets.
func TestLineDirectives(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), headerforward.Analyzer, "example.com/linedirective")
}

// TestCgo: in a package that uses cgo the analyzers see the copies cgo
// wrote into the build cache. Findings are reported at the user's lines;
// no fix is offered, since its offsets are offsets in the copy.
func TestCgo(t *testing.T) {
	needCgo(t)
	for _, r := range analysistest.Run(t, analysistest.TestData(), headerforward.Analyzer, "example.com/cgocopies") {
		for _, d := range r.Action.Diagnostics {
			if len(d.SuggestedFixes) > 0 {
				t.Errorf("%s: fix %q offered in a cgo-processed file", r.Action.Package.Fset.Position(d.Pos), d.SuggestedFixes[0].Message)
			}
		}
	}
}

func needCgo(t *testing.T) {
	out, err := exec.Command("go", "env", "CGO_ENABLED").Output()
	if err != nil || strings.TrimSpace(string(out)) != "1" {
		t.Skip("cgo is not available (no C compiler, or CGO_ENABLED=0)")
	}
}

// TestCopyJoin: handlers of one package that copy the inbound headers,
// registered by a second package behind middleware of a third. The copy
// is decided where a handler is registered or called: behind a
// middleware that replaces Authorization it sends the server's key; a
// bare registration, or a middleware that replaces nothing, is reported
// there.
func TestCopyJoin(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), headerforward.Analyzer, "example.com/copyjoin/...")
}
