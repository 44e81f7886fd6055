package resource

import (
	_ "embed"
	"fmt"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/passthroughlint/passthrough/passes/config"
	"github.com/passthroughlint/passthrough/passes/dataflow"
	"github.com/passthroughlint/passthrough/passes/internal/httpflow"
	"github.com/passthroughlint/passthrough/passes/internal/kit"
	"github.com/passthroughlint/passthrough/passes/internal/models"
	"github.com/passthroughlint/passthrough/passes/internal/ssapkg"
	"github.com/passthroughlint/passthrough/passes/report"
	"github.com/passthroughlint/passthrough/passes/ruledoc"
	"golang.org/x/tools/go/analysis"
)

//go:embed doc.go
var doc string

// Analyzer reports MCP clients whose tokens are not bound to their server,
// with the default configuration.
var Analyzer = New(new(config.Config))

// New returns the analyzer configured by cfg: its extra OAuth flows and
// MCP client transports.
func New(cfg *config.Config) *analysis.Analyzer {
	compile := func(c *config.Config) *rules { return newRules(models.With(c)) }
	return kit.NewConfigured("resource", doc, cfg, compile, run, new(packageFact))
}

func init() {
	ruledoc.Register("resource", ruledoc.Doc{
		Name:     "UnboundMCPClientToken",
		Title:    "MCP client token requested without the RFC 8707 resource parameter",
		Tags:     []string{"security", "external/cwe/cwe-441", "external/cwe/cwe-863", "mcp"},
		Severity: "6.5",
	})
}

// packageFact records the fields and context keys that hold unbound
// tokens or hand them to a transport.
type packageFact struct{ dataflow.Places }

func (*packageFact) AFact() {}

// modelled are the packages Model describes by hand: x/oauth2's flows are
// the sources, and its internals (a token exchange, a refresh) are not
// MCP transports.
var modelled = []string{oauth2Pkg, clientCredentialsPkg}

func run(pass *analysis.Pass, compiled *rules) (any, error) {
	if !compiled.mayMatter(pass) {
		return nil, nil
	}
	ssaPkg := ssapkg.Of(pass)
	if ssaPkg == nil {
		return nil, nil
	}
	r := compiled.forPass(ssaPkg)
	ev := &events{}
	res := dataflow.Run(pass, &dataflow.Config{
		Rules:          r,
		NewPackageFact: func() dataflow.PackageFact { return new(packageFact) },
		SSA:            ssaPkg,
		Modelled:       modelled,
		Events:         ev,
	})
	report.Problems(pass, append(res.Problems, r.problems...))
	for _, d := range r.diagnostics(pass, ev.found) {
		pass.Report(d)
	}
	return nil, nil
}

// clientLibraries are the packages whose import makes a package worth
// analyzing: the OAuth flows and the MCP client transports.
var clientLibraries = []string{
	oauth2Pkg, clientCredentialsPkg,
	"github.com/modelcontextprotocol/go-sdk/mcp", "github.com/modelcontextprotocol/go-sdk/auth/extauth",
	"github.com/mark3labs/mcp-go/client", "github.com/mark3labs/mcp-go/client/transport",
}

// mayMatter reports whether a package can obtain, carry or hand over an
// unbound token: it imports an OAuth or MCP client library (or a package
// the configuration names), a dependency's facts say it yields or
// consumes one, or it makes HTTP clients (a function that returns a
// client, a RoundTripper or a token source, or a RoundTripper type: a
// helper that wraps a token). Other packages cost nothing: a token cannot
// start or end in them, and they build no client to carry it in.
func (r *rules) mayMatter(pass *analysis.Pass) bool {
	if r.pkgs[pass.Pkg.Path()] {
		return true
	}
	for _, imp := range pass.Pkg.Imports() {
		if slices.Contains(clientLibraries, imp.Path()) || r.pkgs[imp.Path()] {
			return true
		}
		var pf packageFact
		if pass.ImportPackageFact(imp, &pf) && (len(pf.Holdings) > 0 || len(pf.Leaks) > 0) {
			return true
		}
	}
	moves := func(f dataflow.FuncSummary) bool {
		return slices.ContainsFunc(f.Flows, func(fl dataflow.Flow) bool { return fl.From == dataflow.Source || fl.To == dataflow.Sink })
	}
	for _, f := range pass.AllPackageFacts() {
		if pf, ok := f.Fact.(*packageFact); ok && slices.ContainsFunc(pf.Funcs, moves) {
			return true
		}
	}
	return makesClients(pass.Pkg)
}

// events collects every (position, source) pair the engine found, so that
// a flow reaching a transport is reported even where another flow's path
// was the one the engine kept for that position.
type events struct{ found []dataflow.Finding }

func (*events) SourceSeen(dataflow.SourceEvent) {}

func (e *events) Found(f dataflow.Finding) {
	if f.Kind == unbound {
		e.found = append(e.found, f)
	}
}

// diagnostics makes one diagnostic per flow call that lacks the parameter
// (in this package), with the first path to a transport and the others
// as "also reaches"; a flow of another package is reported where this one
// hands its token to the transport.
func (r *rules) diagnostics(pass *analysis.Pass, found []dataflow.Finding) []analysis.Diagnostic {
	type group struct {
		at    token.Pos
		fc    *flowCall
		first dataflow.Finding
		also  []dataflow.Finding
	}
	groups := map[token.Pos]*group{}
	var order []token.Pos
	for _, f := range found {
		src := f.Source()
		at, fc := f.Pos, (*flowCall)(nil)
		if src.Pos.IsValid() {
			if c, ok := r.sources[src.Pos]; ok && len(c.lacks) > 0 {
				at, fc = c.lacks[0].pos, c
			}
		}
		g, ok := groups[at]
		if !ok {
			g = &group{at: at, fc: fc, first: f}
			groups[at] = g
			order = append(order, at)
			continue
		}
		if f.Sink.At != g.first.Sink.At && !slices.ContainsFunc(g.also, func(o dataflow.Finding) bool { return o.Sink.At == f.Sink.At }) {
			g.also = append(g.also, f) // another transport the flow reaches
		}
	}
	slices.Sort(order)
	var out []analysis.Diagnostic
	for _, at := range order {
		g := groups[at]
		f := g.first
		f.Pos = g.at
		for _, o := range g.also {
			f.Also = append(f.Also, dataflow.OtherSink{Sink: o.Sink, Pos: o.SinkPos})
		}
		d := report.Flow(pass, f, "resource", message(g.fc, f))
		if g.fc != nil {
			for _, l := range g.fc.lacks[1:] {
				d.Related = append(d.Related, analysis.RelatedInformation{Pos: l.pos, Message: "also without resource: " + l.what})
			}
			if fix, ok := r.fix(pass, g.fc, f); ok {
				d.SuggestedFixes = []analysis.SuggestedFix{fix}
			}
		}
		out = append(out, d)
	}
	return out
}

// message says which requests lack the parameter, where the token goes,
// and what to add.
func message(fc *flowCall, f dataflow.Finding) string {
	src := f.Source()
	if fc == nil { // a flow of another package
		return fmt.Sprintf("%s (%s) is used by %s: the token is not bound to this MCP server (RFC 8707); request it with the resource parameter set to the server's URL",
			src.What, report.ShortPos(src.At), f.Sink.What)
	}
	names := fc.lackingNames()
	switch {
	case fc.sdk != "":
		return fmt.Sprintf("%s (%s) sends no RFC 8707 resource parameter, and its token is used by %s: the token is not bound to this MCP server, so any service of the authorization server accepts it; obtain the token with a flow that sends resource=<the MCP server's URL>",
			fc.what, fc.sdk, f.Sink.What)
	case fc.never:
		return fmt.Sprintf("%s cannot send the RFC 8707 resource parameter, and its token is used by %s: the token is not bound to this MCP server; use a flow that sends resource=<the MCP server's URL> (authorization code with PKCE, or client credentials with EndpointParams)",
			fc.what, f.Sink.What)
	case fc.params:
		return fmt.Sprintf("%s requests a token without the RFC 8707 resource parameter, and the token is used by %s: set EndpointParams: url.Values{\"resource\": {<the MCP server's URL>}} so that the token is bound to that server and no other service accepts it",
			fc.what, f.Sink.What)
	}
	verb, to := "sends", "it"
	if len(names) > 1 {
		verb, to = "send", "both requests"
	}
	return fmt.Sprintf("%s %s no RFC 8707 resource parameter, and the token from %s is used by %s: add oauth2.SetAuthURLParam(\"resource\", <the MCP server's URL>) to %s, so that the token is bound to that server and no other service accepts it",
		strings.Join(names, " and "), verb, fc.what, f.Sink.What, to)
}

// makesClients reports whether a package declares a function or method
// that returns an HTTP client, a RoundTripper or an oauth2 token source
// or token, or a type that is a RoundTripper.
func makesClients(pkg *types.Package) bool {
	carries := func(t types.Type) bool {
		return httpflow.IsNamed(t, "net/http", "Client") || httpflow.IsNamed(t, "net/http", "RoundTripper") ||
			httpflow.IsNamed(t, oauth2Pkg, "TokenSource") || httpflow.IsNamed(t, oauth2Pkg, "Token")
	}
	returnsCarrier := func(sig *types.Signature) bool {
		for v := range sig.Results().Variables() {
			if carries(v.Type()) {
				return true
			}
		}
		return false
	}
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		switch obj := scope.Lookup(name).(type) {
		case *types.Func:
			if returnsCarrier(obj.Signature()) {
				return true
			}
		case *types.TypeName:
			named, ok := obj.Type().(*types.Named)
			if !ok {
				continue
			}
			for m := range named.Methods() {
				if m.Name() == "RoundTrip" || returnsCarrier(m.Signature()) {
					return true
				}
			}
		}
	}
	return false
}
