package headerforward

import (
	"fmt"

	"github.com/passthroughlint/passthrough/passes/config"
	"github.com/passthroughlint/passthrough/passes/dataflow"
	"github.com/passthroughlint/passthrough/passes/internal/httpflow"
	"github.com/passthroughlint/passthrough/passes/internal/ssapkg"
	"github.com/passthroughlint/passthrough/passes/report"
	"github.com/passthroughlint/passthrough/passes/ruledoc"
	"golang.org/x/tools/go/analysis"
)

// Analyzer reports inbound header sets forwarded wholesale upstream.
var Analyzer = &analysis.Analyzer{
	Name:      "headerforward",
	Doc:       doc,
	URL:       "https://pkg.go.dev/github.com/passthroughlint/passthrough/passes/headerforward",
	Run:       run,
	Requires:  []*analysis.Analyzer{ssapkg.Analyzer},
	FactTypes: []analysis.Fact{new(funcFact), new(packageFact)},
}

const doc = `report inbound headers forwarded wholesale upstream

Copying every header of a received request into an outbound one (out.Header =
in.Header, Clone, maps.Copy, a copy loop, forwarding the received request, a
reverse proxy that keeps Authorization) forwards the client's credential: token
passthrough. Copy an allowlist, or delete Authorization from the outbound
request and authenticate upstream with the server's own token.`

type funcFact struct{ dataflow.Summary }

func (*funcFact) AFact() {}

type packageFact struct{ dataflow.Places }

func (*packageFact) AFact() {}

// headers lists extra credential header names (-headerforward.headers),
// which count like Authorization when a copy skips or deletes them.
var headers config.StringList

func init() {
	Analyzer.Flags.Var(&headers, "headers", "extra credential header names, comma-separated (e.g. X-Api-Key)")
	ruledoc.Register(Analyzer.Name, ruledoc.Doc{
		Name:  "WholesaleHeaderForwarding",
		Title: "Inbound headers forwarded wholesale upstream, Authorization included",
		Help: "The server copies every header of the request it received into a request it sends (or sends the " +
			"received request itself, or proxies it), so the client's Authorization header reaches the upstream: " +
			"token passthrough, which the MCP authorization specification forbids.\n\n" +
			"**Fix:** forward only an allowlist of headers, or delete `Authorization` (and `Proxy-Authorization`) " +
			"from the outbound request, and authenticate upstream with a token issued to this server (RFC 8693 " +
			"token exchange or client credentials).",
		Tags:     []string{"security", "external/cwe/cwe-441", "external/cwe/cwe-522", "mcp"},
		Severity: "7.5",
	})
}

func run(pass *analysis.Pass) (any, error) {
	r := &rules{extraHeaders: headers}
	ssaPkg := pass.ResultOf[ssapkg.Analyzer].(*ssapkg.SSA)
	res := dataflow.Run(pass, &dataflow.Config{
		Rules:          r,
		NewFuncFact:    func() dataflow.FuncFact { return new(funcFact) },
		NewPackageFact: func() dataflow.PackageFact { return new(packageFact) },
		SSA:            ssaPkg,
	})
	report.Problems(pass, res.Problems)
	for _, f := range res.Findings {
		if f.Kind != httpflow.InboundHeader && f.Kind != httpflow.InboundRequest {
			continue
		}
		d := diagnostic(pass, f)
		if fix, ok := fixFinding(pass, f); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
		pass.Report(d)
	}
	if ssaPkg != nil {
		for _, p := range findProxies(ssaPkg, r.extraHeaders) {
			d := analysis.Diagnostic{Category: "headerforward",
				Message: fmt.Sprintf("%s: the client's token reaches the upstream; delete Authorization in the Director or Rewrite (req.Header.Del(\"Authorization\")) and authenticate upstream with the server's own token", p.what)}
			d.Pos, d.End = report.Span(pass, p.pos)
			if fix, ok := fixProxy(pass, p); ok {
				d.SuggestedFixes = []analysis.SuggestedFix{fix}
			}
			pass.Report(d)
		}
	}
	return nil, nil
}

func diagnostic(pass *analysis.Pass, f dataflow.Finding) analysis.Diagnostic {
	src := f.Source()
	what := "inbound header set"
	if f.Kind == httpflow.InboundRequest {
		what = "received request"
	}
	msg := fmt.Sprintf("%s from %s (%s) is forwarded wholesale, Authorization included, by %s: forward an allowlist of headers or delete Authorization, and authenticate upstream with the server's own token",
		what, src.What, report.ShortPos(src.At), f.Sink.What)
	return report.Flow(pass, f, "headerforward", msg)
}
